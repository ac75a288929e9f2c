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
    @OptionGroup var importOptions: ImportOptions

    /// `--input-format`, which `ImportOptions` holds for every reading command.
    var inputFormat: ImportProfile.Format? { importOptions.inputFormat }

    @Argument(help: "Audit files (.csv, .tsv, .jsonl, .ndjson, .yaml, .yml, .xlsx) or directories of them; '-' reads standard input.")
    var inputs: [String]

    /// Opens every input before anything is scored, so a missing file stops the run (exit 2)
    /// before any output is written. A directory stands for the audit files in it
    /// (`AuditPaths.files(at:)`).
    func open(decoder: AuditDecoder) throws -> [any AuditRecordSource] {
        let profile = try importOptions.load()
        var sources: [any AuditRecordSource] = []
        var failed = false
        for input in inputs {
            do {
                for path in try AuditPaths.files(at: input) {
                    do {
                        let format = try format(of: path, profile: profile)
                        if format == .xlsx {
                            sources.append(try WorkbookAuditSource(path: path, profile: profile, decoder: decoder))
                            continue
                        }
                        sources.append(try AuditSources.open(path: path, format: format, profile: profile, decoder: decoder))
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

    /// `--input-format`, else the profile's `format`, else the extension's.
    private func format(of path: String, profile: ImportProfile?) throws -> ImportProfile.Format {
        if let format = inputFormat ?? profile?.format { return format }
        if WorkbookAuditSource.isWorkbook(path: path) { return .xlsx }
        if path == "-" { return .csv }
        if let format = ImportProfile.Format.inferred(from: path) { return format }
        throw ValidationError("cannot tell the format of '\(path)' from its extension; use --input-format \(ImportProfile.Format.allCases.map(\.rawValue).joined(separator: "|"))")
    }
}
