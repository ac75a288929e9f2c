import ArgumentParser
import QAKit

/// `qakit lint`: validates scorecards and prints every problem at once.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate scorecard files or directories and report every problem at once.",
        discussion: """
        Directories contribute their *.yaml and *.yml files (not subdirectories). Exit status: 0 clean, \
        1 errors (or warnings with --strict), 2 when a path cannot be read.
        """
    )

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: "Scorecard files or directories.")
    var paths: [String] = ["scorecards"]

    func run() throws {
        let result = ScorecardLoader(isStrict: strict).load(paths: paths)
        for unreadable in result.unreadablePaths {
            Terminal.printError("qakit: error: \(unreadable)")
        }
        Terminal.print(result.diagnostics)
        print(Self.summary(of: result))
        if !result.unreadablePaths.isEmpty { throw ExitCode(2) }
        if result.hasErrors { throw ExitCode(1) }
    }

    /// `3 scorecards checked: 0 errors, 2 warnings`. A path that could not be read (one that does
    /// not exist, most often) is an error too: a summary of "0 errors" after it would read as a pass.
    static func summary(of result: ScorecardLoadResult) -> String {
        let files = result.checkedFiles.count
        let errors = result.count(.error) + result.unreadablePaths.count
        return "\(counted(files, "scorecard")) checked: \(counted(errors, "error")), \(counted(result.count(.warning), "warning"))"
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
