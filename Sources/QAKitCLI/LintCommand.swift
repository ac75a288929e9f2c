import ArgumentParser
import QAKit

/// `qakit lint`: validates scorecards and prints every problem at once.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate scorecard and import profile files or directories and report every problem at once.",
        discussion: """
        Directories contribute their *.yaml and *.yml files (not subdirectories). A file whose top-level \
        mapping has a 'profile' key is an import profile (docs/imports.md) and is checked as one. Exit \
        status: 0 clean, 1 errors (or warnings with --strict), 2 when a path cannot be read.
        """
    )

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Argument(help: "Scorecard or import profile files, or directories of scorecards.")
    var paths: [String] = ["scorecards"]

    func run() throws {
        let profiles = paths.filter(ProfileLoader.isProfile(path:))
        let scorecardPaths = paths.filter { !profiles.contains($0) }
        let profileErrors = profiles.isEmpty ? 0 : try lintProfiles(profiles)
        if scorecardPaths.isEmpty {
            if profileErrors > 0 { throw ExitCode(1) }
            return
        }
        let result = ScorecardLoader(isStrict: strict).load(paths: scorecardPaths)
        for unreadable in result.unreadablePaths {
            Terminal.printError("qakit: error: \(unreadable)")
        }
        Terminal.print(result.diagnostics)
        print(Self.summary(of: result))
        if !result.unreadablePaths.isEmpty { throw ExitCode(2) }
        if result.hasErrors || profileErrors > 0 { throw ExitCode(1) }
    }

    /// Prints every problem of the profiles and a summary line; the number of errors.
    private func lintProfiles(_ files: [String]) throws -> Int {
        var errors = 0
        for file in files {
            let result = ProfileLoader().load(path: file)
            if let unreadable = result.unreadable {
                Terminal.printError("qakit: error: \(unreadable)")
                throw ExitCode(2)
            }
            Terminal.print(result.diagnostics)
            errors += result.diagnostics.count
        }
        print("\(Self.counted(files.count, "profile")) checked: \(Self.counted(errors, "error")), 0 warnings")
        return errors
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
