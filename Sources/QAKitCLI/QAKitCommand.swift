import ArgumentParser
import QAKit

/// `qakit`: the root command; each subcommand lives in its own file.
@main
struct QAKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qakit",
        abstract: "Quality-assurance scorecards for customer support: lint rubrics, score audits, calibrate reviewers, coach agents, report support KPIs.",
        version: qakitVersion,
        subcommands: [LintCommand.self, InitCommand.self, ScoreCommand.self, ExplainCommand.self, CompareCommand.self, CalibrateCommand.self, CoachCommand.self,
                      SampleCommand.self, KPIsCommand.self, ExportCommand.self, WorksheetCommand.self, ReportCommand.self,
                      DisputesCommand.self] + serveCommand
    )

    /// `qakit serve`, when the build includes it (Package.swift: QAKIT_NO_SERVE).
    #if QAKIT_SERVE
    static let serveCommand: [ParsableCommand.Type] = [ServeCommand.self]
    #else
    static let serveCommand: [ParsableCommand.Type] = []
    #endif

    /// Runs the command line, mapping argument errors to exit code 2 as docs/commands.md ("Exit codes") requires
    /// (ArgumentParser's own default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Terminal.exit(0)
            }
            if !message.isEmpty { Terminal.printError(message) }
            Terminal.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
