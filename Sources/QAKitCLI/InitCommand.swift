#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import QAKit

extension ScorecardTemplate: ExpressibleByArgument {}

/// `qakit init`: writes a commented starter scorecard that passes `qakit lint --strict`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scorecard.",
        discussion: "Never overwrites an existing file (exit status 1)."
    )

    @Option(help: "The starter rubric: \(ScorecardTemplate.allCases.map(\.rawValue).joined(separator: ", ")).")
    var template: ScorecardTemplate = .email

    @Argument(help: "The scorecard file to create, e.g. scorecards/email.yaml.")
    var file: String

    func run() throws {
        guard access(file, F_OK) != 0 else {
            Terminal.printError("qakit: error: '\(file)' already exists; choose another name or remove it first")
            throw ExitCode(1)
        }
        do {
            try AtomicFile.write(template.text, to: file)
        } catch {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(1)
        }
        print("Wrote \(file) (\(template.rawValue) template). Check it with: qakit lint --strict \(file)")
    }
}
