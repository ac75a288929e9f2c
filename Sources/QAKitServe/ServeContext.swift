import Foundation
import Hummingbird
import NIOCore
import QAKit

/// The request context of `qakit serve`: Hummingbird's core storage plus who is signed in.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The signed-in reviewer (`--reviewers`), set by `SignInMiddleware`; `nil` without it.
    var reviewer: String?
    /// The request body limit (docs/serve.md): 1 MiB, by Content-Length or counted as it streams.
    var maxUploadSize: Int { ServeLimits.maximumBody }

    init(source: Source) {
        coreContext = .init(source: source)
    }
}

enum ServeLimits {
    static let maximumBody = 1 << 20
}

/// An error that becomes `{error: message}` with its status (docs/serve.md, "Errors").
struct ServeError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }
}

/// Builds responses; every JSON body is written by hand (`JSONText`) so field order is fixed.
enum Reply {
    static func json(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body + "\n")))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) -> Response {
        json(status, JSONText.object([("error", JSONText.string(message))]), headers: headers)
    }

    /// An HTML page with the security headers of docs/serve.md: scripts only with this
    /// response's nonce, nothing loaded from elsewhere, no framing.
    static func html(_ page: String, status: HTTPResponse.Status = .ok, nonce: String? = nil, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        let script = nonce.map { "'nonce-\($0)'" } ?? "'none'"
        fields[.contentSecurityPolicy] = "default-src 'none'; script-src \(script); style-src 'unsafe-inline'; img-src data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        fields[.xContentTypeOptions] = "nosniff"
        fields[.referrerPolicy] = "same-origin"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func redirect(to location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }
}

extension HTTPFields.Element.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

extension Request {
    /// The body, refused with 413 when over 1 MiB, whether Content-Length says so up front or
    /// a chunked body grows past it.
    mutating func boundedBody() async throws -> [UInt8] {
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > ServeLimits.maximumBody {
            throw ServeError(.contentTooLarge, "request body of \(length) bytes is over the limit of 1 MiB (1048576 bytes)")
        }
        do {
            let buffer = try await body.collect(upTo: ServeLimits.maximumBody)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw ServeError(.contentTooLarge, "request body is over the limit of 1 MiB (1048576 bytes)")
        }
    }

    /// The media type of the body, lower-cased, without parameters.
    var mediaType: String? {
        headers[.contentType].map { $0.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "" }
    }

    /// The value of cookie `name`, parsed from the Cookie headers.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}
