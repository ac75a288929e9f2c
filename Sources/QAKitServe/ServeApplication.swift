#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Hummingbird
import Logging
import NIOCore
import QAKit

/// `qakit serve` assembled: the audit file, the credentials, the routes and the HTTP server
/// (docs/serve.md). The command-line front end validates the options and calls `run`.
public struct ServeApplication: Sendable {
    /// What the command line decided.
    public struct Configuration: Sendable {
        public var scorecards: [Scorecard]
        public var auditsPath: String
        public var host: String
        /// 0 asks the system for a free port; the bound one is printed.
        public var port: Int
        /// `nil` without `--reviewers`.
        public var reviewers: [ReviewerAccount]?

        public init(scorecards: [Scorecard], auditsPath: String, host: String, port: Int, reviewers: [ReviewerAccount]?) {
            self.scorecards = scorecards
            self.auditsPath = auditsPath
            self.host = host
            self.port = port
            self.reviewers = reviewers
        }
    }

    /// A problem that stops the server before it binds (exit 2).
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether `host` can only be reached from this machine (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Opens the audit file, binds and serves until SIGINT or SIGTERM; in-flight requests are
    /// answered (and queued audits written) before it returns. `announce` gets the line naming
    /// the bound address and every operator notice.
    public func run(announce: @escaping @Sendable (String) -> Void) async throws {
        let intake = AuditIntake(scorecards: configuration.scorecards)
        let store: AuditStore
        do {
            store = try AuditStore(path: configuration.auditsPath) { AuditService.summarize($0, intake: intake) }
        } catch {
            throw StartError(description: error.description)
        }
        store.takeNotices().forEach(announce)
        let service = AuditService(intake: intake, store: store, credentials: Credentials(accounts: configuration.reviewers))
        let router = Router(context: ServeContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: NoticeMiddleware(store: store, announce: announce))
        router.add(middleware: SignInMiddleware(credentials: service.credentials))
        APIController(service: service).add(to: router)
        PageController(service: service).add(to: router)
        var logger = Logger(label: "qakit-serve")
        // Hummingbird's own log lines would repeat the access log in another shape.
        logger.logLevel = .critical
        let host = configuration.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host == "[::1]" ? "::1" : host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                announce("qakit: serving \(configuration.scorecards.count) scorecard version\(configuration.scorecards.count == 1 ? "" : "s") on http://\(shown):\(port)/ "
                    + "(audits in \(configuration.auditsPath)\(configuration.reviewers == nil ? ", no sign-in" : ", \(configuration.reviewers!.count) reviewers"))")
            },
            logger: logger
        )
        defer { store.close() }
        try await app.runService()
        announce("qakit: stopped; every acknowledged audit is in \(configuration.auditsPath)")
    }
}

/// Prints the audit store's notices (an outside change picked up) as they happen.
struct NoticeMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let store: AuditStore
    let announce: @Sendable (String) -> Void

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        store.takeNotices().forEach(announce)
        return response
    }
}

extension ServeApplication {
    /// `run` for a synchronous caller (the command line): blocks until the server has stopped.
    public func runBlocking(announce: @escaping @Sendable (String) -> Void) throws {
        let finished = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox()
        Task.detached {
            do {
                try await run(announce: announce)
            } catch {
                outcome.error = error
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }
}

/// Carries the server task's error back to the blocked caller.
private final class OutcomeBox: @unchecked Sendable {
    var error: (any Error)?
}
