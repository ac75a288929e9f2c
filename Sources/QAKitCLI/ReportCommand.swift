import ArgumentParser
import QAKit

extension ReportPeriod: ExpressibleByArgument {}

/// The formats of `qakit report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, json, markdown
}

/// `qakit report`: the management report for a support manager (docs/report.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the management report: headline changes, teams, score distribution, criteria, agents, reviewers.",
        discussion: """
        Covers the non-calibration audits between --from and --to (default: all); calibration \
        audits give Krippendorff's alpha and the reviewers' mean deviation. The headline compares \
        the latest --period with the one before. With --metrics, KPIs from ticket files join the \
        headline, and QA score is set against CSAT per agent. --format html (default) is one \
        self-contained, printable file; json gives every figure unrounded. Exit status: 0 done, \
        1 done with rejected records or ticket errors, 2 bad arguments or unreadable input. See \
        docs/report.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @OptionGroup var metricsOptions: MetricsOptions

    @Option(help: "Periods of the headline, the team lines and the agent table: month or week.")
    var period: ReportPeriod = .month

    @Option(help: "First day covered, YYYY-MM-DD (inclusive).")
    var from: String?

    @Option(help: "Last day covered, YYYY-MM-DD (inclusive).")
    var to: String?

    @Option(help: "Output format: html, json or markdown.")
    var format: ReportFormat = .html

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        let filter = try filter()
        if let from = filter.from, let to = filter.to, to < from {
            throw ValidationError("--from \(from) is after --to \(to)")
        }
    }

    func run() throws {
        let filter = try filter()
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        try disputeOptions.attach(to: run)
        var sources = try inputOptions.open(decoder: run.decoder)
        _ = try metricsOptions.open()
        let sink = try outputOptions.open()
        // Without disputes, the reading thread adds every other audit's per-criterion totals
        // (docs/report.md, "Speed"); with them, this thread adds them all, after the outcomes.
        let early = run.disputes == nil ? ReportCriterionTally(scorecards: scorecards, filter: filter) : nil
        run.readingThreadConsumer = early.map { early in { early.take($0) } }
        let tally = ReportTally(scorecards: scorecards, filter: filter, period: period, early: early)
        var hadErrors = false
        // The tickets are read on a thread of their own while the audits are scored
        // (docs/report.md, "Speed"); what reading them prints is printed after the audits' own
        // messages, as when they were read after the audits.
        let tickets = metricsOptions.isEnabled ? BackgroundWork { [metricsOptions, period, filter] in
            var output: [MetricsOptions.Output] = []
            var hadErrors = false
            let result = Result { try metricsOptions.calculate([period.kpiDimension], and: [.agent], period: filter,
                                                              matchesNamesLoosely: false, hadErrors: &hadErrors) { output.append($0) } }
            return (result, output, hadErrors)
        } : nil
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: tally.add, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadErrors = true
            }
        }
        if disputeOptions.finish(run) { hadErrors = true }
        tally.overturnRates = run.disputes.map { DisputeFigures.overturnRates($0, filter: filter) }
        var kpisByPeriod: [KPIFigures]?
        var kpisByAgent: [KPIFigures]?
        if let tickets {
            // Tickets grouped by period and by agent exactly as written, from one reading.
            let (result, output, ticketErrors) = tickets.wait()
            output.forEach { $0.print() }
            if ticketErrors { hadErrors = true }
            var (byPeriod, byAgent) = try result.get()
            kpisByPeriod = byPeriod.figures()
            kpisByAgent = byAgent.figures()
        }
        let report = ReportFigures(tally: tally, kpisByPeriod: kpisByPeriod, kpisByAgent: kpisByAgent)
        switch format {
        case .html: try sink.sink.write(ReportHTML.render(report))
        case .json: try sink.sink.write(ReportJSON.render(report))
        case .markdown: try sink.sink.write(ReportMarkdown.render(report))
        }
        try sink.commit()
        Terminal.printError("qakit: reported \(tally.audits) audit\(tally.audits == 1 ? "" : "s") and \(tally.calibrationAudits) calibration audit\(tally.calibrationAudits == 1 ? "" : "s") over \(report.periods.count) \(period.rawValue)\(report.periods.count == 1 ? "" : "s"); rejected \(run.rejectedCount)")
        if run.rejectedCount > 0 || hadErrors { throw ExitCode(1) }
    }

    private func filter() throws -> PeriodFilter {
        try PeriodFilter(from: from, to: to)
    }

}
