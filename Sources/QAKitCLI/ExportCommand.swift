import ArgumentParser
import QAKit

extension CriterionExportWriter.Format: ExpressibleByArgument {}

/// `qakit export`: one row per audit × criterion, for BI tools and spreadsheets (docs/export.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one row per audit and criterion, for Power BI, Tableau, Looker Studio and spreadsheets.",
        discussion: """
        Every audit is exported, calibration audits included (filter on the calibration column), \
        with every criterion of its scorecard, applicable or not (the scored column says which). \
        CSV starts with a UTF-8 byte-order mark and is spreadsheet-safe. Rejected records are \
        reported on standard error and the run exits 1; the valid ones are still exported. \
        See docs/export.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @Option(help: "Output format: csv or jsonl.")
    var format: CriterionExportWriter.Format = .csv

    @Option(help: "First audit date to export, YYYY-MM-DD (inclusive).")
    var from: String?

    @Option(help: "Last audit date to export, YYYY-MM-DD (inclusive).")
    var to: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let period = try PeriodFilter(from: from, to: to)
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        // Every row reads its criterion's result: built on the reading thread.
        run.buildsCriterionResults = true
        try disputeOptions.attach(to: run)
        let metadata = format == .csv ? try MetadataColumns.scan(inputOptions, decoder: run.decoder) : []
        var sources = try inputOptions.open(decoder: run.decoder)
        let sink = try OutputTarget(path: output)
        let writer = CriterionExportWriter(format: format, sink: sink.sink, scorecards: scorecards, metadataColumns: metadata,
                                           includesOriginalAnswer: run.disputes != nil)
        var exported = 0
        var hadFatalError = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: { scored in
                    guard period.contains(scored.audit.date) else { return }
                    try writer.write(scored)
                    exported += 1
                }, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
                if error.isUnreadable {
                    Terminal.printError("qakit: error: an input could not be read; no output written")
                    throw ExitCode(2)
                }
            }
        }
        let hadDisputeErrors = disputeOptions.finish(run)
        if exported == 0 {
            // Nothing to export: an existing output file is left as it was (docs/commands.md).
            let outside = period.from == nil && period.to == nil ? "" : ", \(run.scoredCount) outside --from/--to"
            Terminal.printError("qakit: error: no audits to export (\(run.scoredCount) scored\(outside), \(run.rejectedCount) rejected); no output written")
            throw ExitCode(1)
        }
        try writer.end()
        try sink.commit()
        Terminal.printError("qakit: exported \(exported) audit\(exported == 1 ? "" : "s") as \(writer.rowCount) row\(writer.rowCount == 1 ? "" : "s"); rejected \(run.rejectedCount)")
        if run.rejectedCount > 0 || hadFatalError || hadDisputeErrors { throw ExitCode(1) }
    }
}

/// The metadata columns of a run's inputs, for outputs that need one header before the first
/// row: CSV and TSV headers are read (their first record); JSON Lines and YAML files are read
/// once in full for their keys, in first-seen order (docs/export.md).
enum MetadataColumns {
    static func scan(_ inputs: AuditInputOptions, decoder: AuditDecoder) throws -> [String] {
        guard !inputs.inputs.contains("-") else { return try scanStandardInputRefused(inputs) }
        var names: [String] = []
        var seen: Set<String> = []
        for var source in try inputs.open(decoder: decoder) {
            let readsWhole = !(source.file.hasSuffix(".csv") || source.file.hasSuffix(".tsv")) && inputs.inputFormat != .csv && inputs.inputFormat != .tsv
            while let item = try? source.next() {
                guard case .record(_, let layout, _) = item else { continue }
                for name in layout.metadataNames where seen.insert(name).inserted { names.append(name) }
                if !readsWhole { break }
            }
        }
        return names
    }

    /// Standard input cannot be read twice; its CSV header is not known before scoring starts.
    private static func scanStandardInputRefused(_ inputs: AuditInputOptions) throws -> [String] {
        Terminal.printError("qakit: error: export --format csv needs its inputs as files, not '-' (their columns make the header); use --format jsonl to read standard input")
        throw ExitCode(2)
    }
}
