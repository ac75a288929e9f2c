import ArgumentParser
import QAKit
import QAKitSpreadsheet

/// `-s/--scorecards`: scorecard files or directories, default `./scorecards`.
struct ScorecardOptions: ParsableArguments {
    @Option(name: [.short, .customLong("scorecards")], help: "Scorecard files or directories (repeatable).")
    var scorecards: [String] = ["scorecards"]

    /// Loads and validates the scorecards, printing their diagnostics.
    ///
    /// A scorecard with errors cannot score anything, so it stops the run with exit code 2, like
    /// an unreadable path; warnings are printed and the run goes on.
    func load() throws -> [Scorecard] {
        let result = ScorecardLoader().load(paths: scorecards)
        for unreadable in result.unreadablePaths {
            Terminal.printError("qakit: error: \(unreadable)")
        }
        Terminal.print(result.diagnostics)
        if !result.unreadablePaths.isEmpty { throw ExitCode(2) }
        if result.hasErrors {
            Terminal.printError("qakit: error: fix the scorecard errors above first (qakit lint shows them all)")
            throw ExitCode(2)
        }
        if result.scorecards.isEmpty {
            Terminal.printError("qakit: error: no scorecards found in \(scorecards.joined(separator: ", "))")
            throw ExitCode(2)
        }
        return result.scorecards
    }
}

extension AuditFormat: ExpressibleByArgument {}

/// Audit files (or `-` for standard input) and how to read them.
struct AuditInputOptions: ParsableArguments {
    @Option(help: "Audit format when the extension does not tell (and for standard input): \(AuditFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var inputFormat: AuditFormat?

    @Argument(help: "Audit files (.csv, .tsv, .jsonl, .ndjson, .yaml, .yml, .xlsx) or directories of them; '-' reads standard input.")
    var inputs: [String]

    /// Opens every input before anything is scored, so a missing file stops the run (exit 2)
    /// before any output is written. A directory stands for the audit files in it
    /// (`AuditPaths.files(at:)`).
    func open(decoder: AuditDecoder) throws -> [any AuditRecordSource] {
        var sources: [any AuditRecordSource] = []
        var failed = false
        for input in inputs {
            do {
                for path in try AuditPaths.files(at: input) {
                    do {
                        if inputFormat == nil, WorkbookAuditSource.isWorkbook(path: path) {
                            sources.append(try WorkbookAuditSource(path: path, decoder: decoder))
                            continue
                        }
                        sources.append(try AuditSources.open(path: path, format: format(of: path), decoder: decoder))
                    } catch let error as InputError {
                        Terminal.print([error.diagnostic])
                        failed = true
                    }
                }
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        return sources
    }

    private func format(of path: String) throws -> AuditFormat {
        if let inputFormat { return inputFormat }
        if path == "-" { return .csv }
        if let format = AuditFormat.inferred(from: path) { return format }
        throw ValidationError("cannot tell the format of '\(path)' from its extension; use --input-format \(AuditFormat.allCases.map(\.rawValue).joined(separator: "|"))")
    }
}
