import Foundation
import Testing

/// A running `qakit serve` on a free loopback port (`--port 0`; the bound port is read from the
/// line it prints on standard error), and a small HTTP/1.1 client over a plain socket, so that
/// no proxy setting of the machine gets in between.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let directory: URL
    let audits: URL
    let errorLog: URL
    private(set) var port = 0

    /// Starts `qakit serve -s scorecards --audits <directory>/audits.jsonl --port 0 extra…`.
    init(directory: URL? = nil, audits: URL? = nil, extra: [String] = []) throws {
        self.directory = try directory ?? QAKitProcess.temporaryDirectory()
        self.audits = audits ?? self.directory.appendingPathComponent("audits.jsonl")
        errorLog = self.directory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.executableURL = try QAKitProcess.binary()
        process.arguments = ["serve", "-s", QAKitProcess.packageRoot.appendingPathComponent("scorecards").path,
                             "--audits", self.audits.path, "--port", "0"] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        let handle = try FileHandle(forWritingTo: errorLog)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, process.isRunning {
            if let port = Self.boundPort(in: log) {
                self.port = port
                return
            }
            usleep(20_000)
        }
        throw ServeError.notStarted(log)
    }

    enum ServeError: Error, CustomStringConvertible {
        case notStarted(String)
        var description: String {
            switch self { case .notStarted(let log): "qakit serve did not start: \(log)" }
        }
    }

    /// Everything the server printed so far (the start line, notices, access log).
    var log: String { (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "" }

    static func boundPort(in log: String) -> Int? {
        guard let range = log.range(of: "on http://127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    /// Stops the server with `signal` and waits for it to exit; its exit status.
    @discardableResult func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date(timeIntervalSinceNow: 30)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("qakit serve still running 30 s after signal \(signal): killed")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The stored lines of the audit file.
    func storedLines() throws -> [String] {
        guard FileManager.default.fileExists(atPath: audits.path) else { return [] }
        return try String(contentsOf: audits, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    // MARK: HTTP

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body parsed as JSON.
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
    }

    /// One request on a new connection (`Connection: close`). `body` with `chunked` is sent in
    /// chunks of 64 KiB without a Content-Length.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil, chunked: Bool = false) throws -> Reply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body {
            head += chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if let body {
            if chunked {
                var offset = 0
                while offset < body.count {
                    let end = min(offset + 65_536, body.count)
                    bytes += Array((String(end - offset, radix: 16) + "\r\n").utf8) + body[offset..<end] + Array("\r\n".utf8)
                    offset = end
                }
                bytes += Array("0\r\n\r\n".utf8)
            } else {
                bytes += body
            }
        }
        return try Self.exchange(port: port, bytes)
    }

    /// A JSON request: `Content-Type: application/json` unless `headers` names another.
    func json(_ method: String, _ path: String, _ body: String, headers: [String: String] = [:]) throws -> Reply {
        try request(method, path, headers: ["Content-Type": "application/json"].merging(headers) { $1 }, body: Array(body.utf8))
    }

    static func exchange(port: Int, _ bytes: [UInt8]) throws -> Reply {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer (413) and close before the whole body is sent.
            if sent <= 0 { break }
            offset += sent
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[..<count]
        }
        return try parse(response)
    }

    static func parse(_ response: [UInt8]) throws -> Reply {
        let text = String(decoding: response, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw POSIXError(.EBADMSG) }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = String(text[split.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased() == "chunked" }) {
            body = dechunk(body)
        }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ text: String) -> String {
        var rest = Substring(text)
        var out = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }

    /// The first line of `examples/audits.jsonl` (audit QA-10405, phone-support), a valid audit.
    static func exampleAudit() throws -> String {
        let text = try String(contentsOf: QAKitProcess.packageRoot.appendingPathComponent("examples/audits.jsonl"), encoding: .utf8)
        return String(text.split(separator: "\n")[0])
    }

    /// `exampleAudit()` with another audit_id.
    static func exampleAudit(id: String) throws -> String {
        try exampleAudit().replacingOccurrences(of: "\"audit_id\": \"QA-10405\"", with: "\"audit_id\": \"\(id)\"")
    }
}
