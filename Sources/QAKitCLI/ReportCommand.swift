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

    @Option(parsing: .upToNextOption, help: "Ticket files (.csv, .tsv, .jsonl) for the KPIs and QA against CSAT (docs/kpis.md).")
    var metrics: [String] = []

    @Option(help: "An import profile for the --metrics ticket files (docs/imports.md); --profile reads the audits.")
    var metricsProfile: String?

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
        var sources = try inputOptions.open(decoder: run.decoder)
        var tickets = try openTickets()
        let sink = try outputOptions.open()
        let tally = ReportTally(scorecards: scorecards, filter: filter, period: period)
        var hadErrors = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: tally.add, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadErrors = true
            }
        }
        var kpisByPeriod: [KPIFigures]?
        var kpisByAgent: [KPIFigures]?
        if !metrics.isEmpty {
            var byPeriod = KPICalculation(dimension: period.kpiDimension, period: filter)
            for index in tickets.indices {
                do {
                    try byPeriod.read(&tickets[index]) { Terminal.print([$0]) }
                } catch {
                    Terminal.print([error.diagnostic])
                    hadErrors = true
                }
            }
            // The second pass groups by agent; its problems were reported by the first.
            var byAgent = KPICalculation(dimension: .agent, period: filter)
            for var source in try openTickets() {
                try? byAgent.read(&source) { _ in }
            }
            if byPeriod.ticketsWithErrors > 0 { hadErrors = true }
            kpisByPeriod = byPeriod.figures()
            kpisByAgent = byAgent.figures()
            Terminal.printError(KPIsCommand.summary(byPeriod))
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

    /// Opens every ticket file before anything is read, so that a missing one stops the run (exit 2).
    private func openTickets() throws -> [any TicketSource] {
        var sources: [any TicketSource] = []
        var failed = false
        let profile = try metricsProfile.map(ImportOptions.load)
        for path in metrics {
            guard let format = profile?.format.flatMap({ TicketFormat(rawValue: $0.rawValue) }) ?? TicketFormat.inferred(from: path) else {
                throw ValidationError("cannot tell the format of ticket file '\(path)' from its extension; use .csv, .tsv or .jsonl")
            }
            do {
                sources.append(try TicketSources.open(path: path, format: format, profile: profile))
            } catch {
                Terminal.print([error.diagnostic])
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        return sources
    }
}
