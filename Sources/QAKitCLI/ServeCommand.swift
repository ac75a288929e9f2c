// Built only with QAKitServe: Package.swift defines QAKIT_SERVE unless QAKIT_NO_SERVE is set.
#if QAKIT_SERVE
import ArgumentParser
import QAKit
import QAKitServe

/// `qakit serve`: the audit form and its JSON API (docs/serve.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the audit form and its JSON API; each accepted audit is appended to --audits and flushed to disk.",
        discussion: """
        Binds to 127.0.0.1 by default. Binding to any other address needs --reviewers (every \
        reviewer then signs in with a token). --port 0 picks a free port; the address is printed \
        on standard error, followed by one JSON access-log line per request. SIGINT or SIGTERM \
        stops the server after the requests in flight. Exit status: 0 stopped, 2 bad arguments, \
        scorecards, reviewers file or audit file. See docs/serve.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions

    @Option(help: "The JSON Lines file accepted audits are appended to (created when missing).")
    var audits: String

    @Option(help: "The address to bind; anything but loopback needs --reviewers.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind; 0 picks a free one.")
    var port = 8080

    @Option(help: "A YAML file of reviewers and the SHA-256 of their tokens; every route but /healthz then needs sign-in.")
    var reviewers: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, found \(port)") }
        if reviewers == nil, !ServeApplication.isLoopback(host) {
            throw ValidationError("--host \(host) makes the form reachable from other machines; give --reviewers reviewers.yaml so that every reviewer signs in (docs/serve.md)")
        }
    }

    func run() throws {
        let accounts = try loadReviewers()
        let scorecards = try scorecardOptions.load()
        let app = ServeApplication(.init(scorecards: scorecards, auditsPath: audits, host: host, port: port, reviewers: accounts))
        do {
            try app.runBlocking { Terminal.printError($0) }
        } catch let error as ServeApplication.StartError {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(2)
        } catch {
            Terminal.printError("qakit: error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }

    /// The reviewers file's accounts; any problem in it is printed, located, and stops the run (exit 2).
    private func loadReviewers() throws -> [ReviewerAccount]? {
        guard let reviewers else { return nil }
        switch ReviewerList.load(path: reviewers) {
        case .success(let list): return list.reviewers
        case .failure(let problems):
            Terminal.print(problems.diagnostics)
            Terminal.printError("qakit: error: fix the reviewers file first; the server did not start")
            throw ExitCode(2)
        }
    }
}
#endif
