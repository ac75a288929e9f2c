import ArgumentParser
import QAKit

extension ScoreFormat: ExpressibleByArgument {}

/// `qakit score`: scores audits exactly, per audit or aggregated with `--by`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score audits against their scorecards, per audit or aggregated.",
        discussion: """
        Rejected records are reported on standard error with file, line, audit id and field; valid \
        records are still scored and the run exits 1. A summary (scored, rejected, pass rate) goes \
        to standard error. Calibration audits are left out of --by aggregates unless \
        --include-calibration is given.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @Option(help: "Output format: table, csv, json or jsonl.")
    var format: ScoreFormat = .table

    @Option(help: "Aggregate by agent, team, reviewer, scorecard, month, or any audit field; several keys (team,month or repeated) give one row per combination.")
    var by: [String] = []

    @Flag(help: "Count calibration audits in --by aggregates.")
    var includeCalibration = false

    @OptionGroup var metricsOptions: MetricsOptions

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        if csvOptions.excel && format != .csv {
            throw ValidationError("--excel shapes CSV only; add --format csv")
        }
    }

    func run() throws {
        let grouping = try parsedGrouping()
        let kpiDimensions = try metricsDimensions(grouping)
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        try disputeOptions.attach(to: run)
        var sources = try inputOptions.open(decoder: run.decoder)
        // A CSV header names its fields up front: a key none has is refused before scoring.
        let declared = sources.map(\.declaredFieldNames)
        if let grouping, declared.allSatisfy({ $0 != nil }) {
            try refuseUnknownKeys(grouping, fieldNames: Set(declared.compactMap { $0 }.joined()), scorecards: scorecards)
        }
        if kpiDimensions != nil { _ = try metricsOptions.open() }
        let sink = try outputOptions.open()
        let tableWidth = outputOptions.output == nil || outputOptions.output == "-" ? Terminal.outputWidth : nil
        let aggregator = grouping.map { Aggregator(grouping: $0, includesCalibration: includeCalibration) }
        // Aggregates and CSV take rows (read straight from CSV bytes where possible); the other
        // formats' writer reads whole scored audits. The CSV header comes first, so it names the
        // metadata fields known once every input is open.
        let csv = aggregator == nil && format == .csv
            ? ScoreCSVWriter(sink: sink.sink, scorecards: scorecards, metadataFields: sources.flatMap(\.metadataNames), style: csvOptions.style,
                              includesDisputes: run.disputes != nil)
            : nil
        let writer = aggregator == nil && csv == nil
            ? AuditResultWriter(format: format, sink: sink.sink, scorecards: scorecards, tableWidth: tableWidth,
                                includesDisputes: run.disputes != nil) : nil
        let progress = Progress(run: run)
        try writer?.begin()
        try csv?.begin()
        var hadFatalError = false
        var hadUnreadableInput = false
        for index in sources.indices {
            do {
                // The run picks each record's path from what the consumer reads (docs/scoring.md, "One loop").
                guard let consumer: ScoreRowConsumer = aggregator ?? csv ?? writer else { break }
                progress.consumer = consumer
                try run.run(&sources[index], key: grouping, consumer: progress.isShown ? progress : consumer, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
                hadUnreadableInput = hadUnreadableInput || error.isUnreadable
            }
        }
        progress.finish()
        let hadDisputeErrors = disputeOptions.finish(run)
        if hadUnreadableInput {
            // An input could not be read at all: leave any existing output file untouched.
            Terminal.printError("qakit: error: an input could not be read; no output written")
            throw ExitCode(2)
        }
        if let grouping {
            // JSON Lines and YAML records name their fields one by one: only now is it known.
            try refuseUnknownKeys(grouping, fieldNames: run.fieldNames.union(declared.compactMap { $0 }.joined()), scorecards: scorecards)
        }
        try writer?.end()
        try csv?.end()
        if let aggregator, let kpiDimensions {
            var kpis = try metricsOptions.calculate(kpiDimensions, hadErrors: &hadFatalError)
            let join = KPIJoin(aggregates: aggregator.aggregates, kpis: kpis.figures(), grouping: aggregator.grouping)
            join.warnings(grouping: aggregator.grouping).forEach(Terminal.printError)
            try AggregateWriter.write(join, grouping: aggregator.grouping, format: format, style: csvOptions.style, to: sink.sink,
                                      tableWidth: tableWidth)
        } else if let aggregator {
            try AggregateWriter.write(aggregator.aggregates, grouping: aggregator.grouping, format: format, style: csvOptions.style,
                                      to: sink.sink, tableWidth: tableWidth)
        }
        if let left = csv?.fieldsLeftOut, !left.isEmpty { Terminal.printError(Self.leftOutWarning(left)) }
        let summary = Self.summary(run, calibrationExcluded: aggregator != nil && !includeCalibration)
        try sink.commit(scoredCount: run.scoredCount, summary: summary)
        Terminal.printError(summary)
        if run.rejectedCount > 0 || hadFatalError || hadDisputeErrors { throw ExitCode(1) }
    }

    /// The `--by` keys, or `nil` without `--by`; a mistake in them is a usage error (exit 2).
    private func parsedGrouping() throws -> Grouping? {
        guard !by.isEmpty else { return nil }
        do {
            return try Grouping(arguments: by)
        } catch {
            error.problems.forEach { Terminal.printError("qakit: error: \($0)") }
            throw ExitCode(2)
        }
    }

    /// The KPI keys of `--by` under `--metrics` (`nil` without it); a key tickets do not have,
    /// or `--metrics` without `--by`, is a usage error (docs/metrics.md).
    private func metricsDimensions(_ grouping: Grouping?) throws -> [KPIDimension]? {
        guard metricsOptions.isEnabled else { return nil }
        guard let grouping else {
            Terminal.printError("qakit: error: --metrics joins KPIs to --by groups; add --by agent (or team, channel, month, week)")
            throw ExitCode(2)
        }
        let dimensions = grouping.dimensions.map(KPIJoin.dimension(of:))
        if let index = dimensions.firstIndex(of: nil) {
            Terminal.printError("qakit: error: --metrics: tickets have no '\(grouping.dimensions[index])' to join --by on; "
                + "KPIs join by agent, team, channel, month and week")
            throw ExitCode(2)
        }
        return dimensions.compactMap { $0 }
    }

    /// Refuses (exit 2, nothing written) keys that no record has, one message per key.
    private func refuseUnknownKeys(_ grouping: Grouping, fieldNames: Set<String>, scorecards: [Scorecard]) throws {
        let unknown = grouping.unknownKeys(fieldNames: fieldNames.union(scorecards.flatMap(\.fieldIDs)))
        guard !unknown.isEmpty else { return }
        unknown.forEach { Terminal.printError("qakit: error: \($0)") }
        Terminal.printError("qakit: error: no output written")
        throw ExitCode(2)
    }

    /// Names the metadata fields the per-audit CSV has no column for (docs/output-files.md).
    static func leftOutWarning(_ fields: [String]) -> String {
        let (plural, pronoun) = fields.count == 1 ? ("", "it") : ("s", "them")
        return "qakit: warning: field\(plural) \(fields.map { "'\($0)'" }.joined(separator: ", ")) first appeared after the first " +
            "record of a JSON Lines or YAML input, so the CSV has no column for \(pronoun); give the first record every field"
    }

    /// The closing line: scored, calibration, rejected, and the pass rate over non-calibration
    /// audits with a pass/fail.
    static func summary(_ run: ScoringRun, calibrationExcluded: Bool) -> String {
        let (scored, calibration, rejected) = (run.scoredCount, run.calibrationCount, run.rejectedCount)
        var text = "qakit: scored \(scored) audit\(scored == 1 ? "" : "s")"
        if calibration > 0 {
            text += " (\(calibration) calibration\(calibrationExcluded ? ", left out of aggregates" : ""))"
        }
        text += ", rejected \(rejected)"
        if run.voidedCount > 0 { text += ", voided \(run.voidedCount) by disputes" }
        if run.judgedCount > 0 {
            let rate = Rational(Int128(run.passedCount * 100), Int128(run.judgedCount)).formatted(places: 1)
            text += "; pass rate \(rate)% (\(run.passedCount) of \(run.judgedCount))"
        }
        return text
    }
}

/// A progress line on standard error for long runs, only on a terminal; as a row consumer it
/// passes rows on to `consumer`.
final class Progress: ScoreRowConsumer {
    let isShown = Terminal.isInteractive
    var consumer: ScoreRowConsumer?
    private let run: ScoringRun
    private var shown = false

    init(run: ScoringRun) {
        self.run = run
    }

    func consume(_ row: ScoreRow) throws {
        try consumer?.consume(row)
        tick()
    }

    func consume(audit scored: ScoredAudit, key grouping: Grouping?) throws {
        try consumer?.consume(audit: scored, key: grouping)
        tick()
    }

    var readsAnswers: Bool { consumer?.readsAnswers ?? true }
    var readsAudits: Bool { consumer?.readsAudits ?? true }

    func tick() {
        guard isShown, run.scoredCount % 100_000 == 0 else { return }
        shown = true
        Terminal.printProgress("scoring… \(run.scoredCount) audits")
    }

    func finish() {
        if shown { Terminal.printProgress("") }
    }
}
