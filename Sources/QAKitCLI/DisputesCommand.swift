import ArgumentParser
import QAKit

extension DisputeReportFormat: ExpressibleByArgument {}

/// `qakit disputes`: the state of disputes — open ones with their age, overturn rates, score
/// impact and calibration topics (docs/disputes.md).
struct DisputesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disputes",
        abstract: "Report open disputes, overturn rates per reviewer and criterion, and what the overturns did to scores.",
        discussion: """
        Every dispute is checked against its audit; a bad dispute record is reported with its file \
        and line, does not count, and the run exits 1. See docs/disputes.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @Option(help: "The day open disputes' ages are counted to, YYYY-MM-DD (default: the latest audit or dispute date in the inputs).")
    var asOf: String?

    @Option(help: "Output format: table, json, markdown or csv.")
    var format: DisputeReportFormat = .table

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if disputeOptions.disputes.isEmpty { throw ValidationError("name the dispute files with --disputes FILE…") }
        _ = try asOfDate()
    }

    private func asOfDate() throws -> CalendarDate? {
        guard let asOf else { return nil }
        guard asOf.utf8.count == 10, let date = CalendarDate.parse(asOf) else {
            throw ValidationError("--as-of '\(asOf)' is not a date; expected YYYY-MM-DD")
        }
        return date
    }

    func run() throws {
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        try disputeOptions.attach(to: run)
        var sources = try inputOptions.open(decoder: run.decoder)
        let sink = try outputOptions.open()
        var latest: CalendarDate?
        var hadErrors = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: { scored in
                    if latest.map({ $0 < scored.audit.date }) ?? true { latest = scored.audit.date }
                }, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadErrors = true
                if error.isUnreadable {
                    Terminal.printError("qakit: error: an input could not be read; no output written")
                    throw ExitCode(2)
                }
            }
        }
        if disputeOptions.finish(run) { hadErrors = true }
        let book = run.disputes!
        let voidedLatest = book.voided.map(\.date).max()
        let figures = DisputeFigures(book: book, latestAuditDate: [latest, voidedLatest].compactMap { $0 }.max(), asOf: try asOfDate())
        try sink.sink.write(DisputeReportWriter.render(figures, format: format))
        try sink.commit()
        let decided = book.applied.filter(\.dispute.isDecided).count
        Terminal.printError("qakit: \(book.applied.count) dispute\(book.applied.count == 1 ? "" : "s") applied (\(decided) decided, "
            + "\(figures.open.count) open), \(book.voided.count) audit\(book.voided.count == 1 ? "" : "s") voided; rejected \(run.rejectedCount) audit records")
        if run.rejectedCount > 0 || hadErrors { throw ExitCode(1) }
    }
}
