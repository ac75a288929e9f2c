#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Hummingbird
import NIOCore
import QAKit

/// The outermost middleware: turns every error into `{error: message}` with its status (the
/// server stays up), and writes one JSON line per request to standard error (docs/serve.md,
/// "Access log"): time, method, path without the query, status, duration, body size and
/// reviewer. Headers, cookies, tokens and bodies are never logged.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeContext

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var reviewer: String?
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as ServeError {
            response = Reply.error(error.status, error.message, headers: error.headers)
        } catch is NIOTooManyBytesError {
            response = Reply.error(.contentTooLarge, "request body is over the limit of 1 MiB (1048576 bytes)")
        } catch let error as HTTPError where error.status == .notFound {
            response = Reply.error(.notFound, "no route \(request.method) \(request.uri.path)")
        } catch let error as HTTPError {
            response = Reply.error(error.status, error.body ?? error.status.reasonPhrase)
        } catch {
            response = Reply.error(.internalServerError, "internal error; the server is still running")
        }
        reviewer = response.headers[.reviewerNote]
        var clean = response
        clean.headers[.reviewerNote] = nil
        let elapsed = ContinuousClock.now - start
        Self.write(method: request.method.rawValue, path: request.uri.path, status: Int(response.status.code),
                   milliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000,
                   bytes: request.headers[.contentLength].flatMap { Int($0) }, reviewer: reviewer)
        return clean
    }

    /// One line, written with one `write` so that concurrent requests' lines never mix.
    static func write(method: String, path: String, status: Int, milliseconds: Double, bytes: Int?, reviewer: String?) {
        var members: [(String, String)] = [
            ("time", JSONText.string(timestamp())),
            ("method", JSONText.string(method)),
            ("path", JSONText.string(path)),
            ("status", String(status)),
            ("ms", String(Double(Int(milliseconds * 1000)) / 1000)),
        ]
        if let bytes { members.append(("bytes_in", String(bytes))) }
        if let reviewer { members.append(("reviewer", JSONText.string(reviewer))) }
        let line = JSONText.object(members) + "\n"
        line.utf8CString.withUnsafeBufferPointer { _ = Glibc.write(2, $0.baseAddress, $0.count - 1) }
    }

    /// The current UTC time, RFC 3339 with milliseconds.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let milliText = String(repeating: "0", count: 3 - String(millis).count) + String(millis)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(milliText)Z"
    }
}

extension HTTPFields.Element.Name {
    /// Carries the signed-in reviewer from `SignInMiddleware` to the access log; removed before
    /// the response leaves.
    static let reviewerNote = Self("X-Qakit-Log-Reviewer")!
}

/// With `--reviewers`, lets a request through only with a valid Bearer token or session cookie
/// (docs/serve.md, "Signing in"), and records who it is in the context. `GET /healthz` and the
/// login page are open. `/api/*` answers 401; a page asked for with GET goes to `/login`.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let credentials: Credentials

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard credentials.isRequired, path != "/healthz", path != "/login" else { return try await next(request, context) }
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                context.reviewer = credentials.reviewer(forToken: String(parts[1]).trimmingCharacters(in: .whitespaces))
            }
            // A wrong Authorization header is refused even when a cookie would be good.
            guard context.reviewer != nil else { return refuse(request, message: "the Bearer token is not valid for any reviewer") }
        } else if let session = request.cookie(Credentials.sessionCookie) {
            context.reviewer = credentials.reviewer(forSession: session)
        }
        guard let reviewer = context.reviewer else {
            return refuse(request, message: "sign in first: send 'Authorization: Bearer TOKEN' or sign in at /login")
        }
        var response = try await next(request, context)
        response.headers[.reviewerNote] = reviewer
        return response
    }

    private func refuse(_ request: Request, message: String) -> Response {
        let path = request.uri.path
        if !path.hasPrefix("/api/"), request.method == .get {
            return Reply.redirect(to: "/login?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
        }
        return Reply.error(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer realm=\"qakit\""])
    }
}
