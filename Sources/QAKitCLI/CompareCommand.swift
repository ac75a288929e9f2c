import ArgumentParser
import QAKit

extension CompareFormat: ExpressibleByArgument {}
extension CompareRows: ExpressibleByArgument {}

/// `qakit compare`: the audits of one scorecard re-scored under two of its versions
/// (docs/compare.md).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Re-score the audits of one scorecard under two of its versions and show what the change does.",
        discussion: """
        Every audit of --scorecard is scored with --from-version and with --to-version, whatever \
        version it names or its date. The report lists the rubric changes with their file and line, \
        each audit's two scores, the figures per --by group (default agent), and the audits one \
        version cannot score (never fatal). The inputs are read twice, so standard input is not \
        accepted.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions

    @Option(help: "The scorecard id whose versions are compared.")
    var scorecard: String

    @Option(help: "The version the scores are compared from (usually the one in force).")
    var fromVersion: Int

    @Option(help: "The version the scores are compared to (usually the proposed one).")
    var toVersion: Int

    @Option(help: "Group by agent (the default), team, reviewer, month, or any audit field; several keys (team,month or repeated) give one row per combination.")
    var by: [String] = []

    @Flag(help: "Compare calibration audits too (left out by default, as in score --by).")
    var includeCalibration = false

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: CompareFormat = .table

    @Option(help: "With --format csv, which rows: audits (the default), groups, diff or unscorable.")
    var rows: CompareRows?

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        if csvOptions.excel && format != .csv { throw ValidationError("--excel shapes CSV only; add --format csv") }
        if rows != nil && format != .csv { throw ValidationError("--rows picks the rows of a CSV; add --format csv") }
        if inputOptions.inputs.contains("-") {
            throw ValidationError("compare reads its inputs twice, once per version, so it cannot read standard input ('-'); save the audits to a file")
        }
    }

    func run() throws {
        let grouping = try parsedGrouping()
        let scorecards = try scorecardOptions.load()
        let comparison: VersionComparison
        do {
            comparison = try VersionComparison(scorecards: scorecards, scorecard: scorecard, fromVersion: fromVersion, toVersion: toVersion,
                                               grouping: grouping, includesCalibration: includeCalibration)
        } catch {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(2)
        }
        var fromSources = try inputOptions.open(decoder: comparison.fromRun.decoder)
        let declared = fromSources.map(\.declaredFieldNames)
        if declared.allSatisfy({ $0 != nil }) {
            try refuseUnknownKeys(grouping, fieldNames: Set(declared.compactMap { $0 }.joined()))
        }
        let sink = try outputOptions.open()
        var hadFatalError = false
        var hadUnreadableInput = false
        func reading(_ body: () throws -> Void) {
            do {
                try body()
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
                hadUnreadableInput = hadUnreadableInput || error.isUnreadable
            } catch {
                Terminal.printError("qakit: error: \(error)")
                hadFatalError = true
            }
        }
        for index in fromSources.indices {
            reading { try comparison.readFrom(&fromSources[index], file: index, warn: { Terminal.print([$0]) }) }
        }
        // The second pass only pairs records with the first: it reports nothing of its own.
        if !hadFatalError {
            var toSources = try inputOptions.open(decoder: comparison.toRun.decoder)
            for index in toSources.indices {
                reading { try comparison.readTo(&toSources[index], file: index) }
            }
        }
        if hadUnreadableInput {
            Terminal.printError("qakit: error: an input could not be read; no output written")
            throw ExitCode(2)
        }
        try refuseUnknownKeys(grouping, fieldNames: comparison.fromRun.fieldNames.union(declared.compactMap { $0 }.joined()))
        let result = comparison.result()
        Terminal.print(result.problems)
        if result.audits.isEmpty && result.unscorable.isEmpty {
            let inputs = inputOptions.inputs.map { "'\($0)'" }.joined(separator: ", ")
            Terminal.printError("qakit: error: no audit of scorecard '\(scorecard)' in \(inputs) (read \(comparison.fromRun.scoredCount) scored "
                                + "audit\(comparison.fromRun.scoredCount == 1 ? "" : "s") of other scorecards, rejected \(comparison.fromRun.rejectedCount)); "
                                + "no output written")
            throw ExitCode(1)
        }
        let tableWidth = outputOptions.output == nil || outputOptions.output == "-" ? Terminal.outputWidth : nil
        try CompareWriter.write(result, format: format, rows: rows ?? .audits, style: csvOptions.style, to: sink.sink, tableWidth: tableWidth)
        try sink.commit()
        Terminal.printError(Self.summary(result, calibrationLeftOut: comparison.calibrationLeftOut))
        if !result.problems.isEmpty || hadFatalError { throw ExitCode(1) }
    }

    /// The `--by` keys, `agent` by default; a mistake in them is a usage error (exit 2).
    private func parsedGrouping() throws -> Grouping {
        do {
            return try Grouping(arguments: by.isEmpty ? ["agent"] : by)
        } catch {
            error.problems.forEach { Terminal.printError("qakit: error: \($0)") }
            throw ExitCode(2)
        }
    }

    /// Refuses (exit 2, nothing written) keys that no record has, one message per key.
    private func refuseUnknownKeys(_ grouping: Grouping, fieldNames: Set<String>) throws {
        let unknown = grouping.unknownKeys(fieldNames: fieldNames)
        guard !unknown.isEmpty else { return }
        unknown.forEach { Terminal.printError("qakit: error: \($0)") }
        Terminal.printError("qakit: error: no output written")
        throw ExitCode(2)
    }

    /// `qakit: compared 12 audits of 'live-chat' (v1 → v2): 3 change pass/fail, 1 unscorable`,
    /// naming the calibration audits left out.
    static func summary(_ result: ComparisonResult, calibrationLeftOut: Int) -> String {
        let count = result.audits.count
        let left = calibrationLeftOut == 0 ? "" : "; \(calibrationLeftOut) calibration audit\(calibrationLeftOut == 1 ? "" : "s") left out (--include-calibration counts them)"
        return "qakit: compared \(count) audit\(count == 1 ? "" : "s") of '\(result.to.id)' (v\(result.from.version) → v\(result.to.version)): "
            + "\(result.flippedAudits.count) change pass/fail, \(result.unscorable.count) unscorable" + left
    }
}
