#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import QAKit

/// The report formats of `qakit coach`.
enum CoachFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, json

    var fileExtension: String {
        switch self {
        case .markdown: "md"
        case .html: "html"
        case .json: "json"
        }
    }
}

/// `qakit coach`: coaching notes and action plans per agent (docs/coaching.md).
struct CoachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coach",
        abstract: "Write coaching notes and action plans per agent.",
        discussion: """
        Uses the non-calibration audits between --from and --to (inclusive; the period ends at --to \
        or at the latest audit date). With --out DIR, writes one file per agent (e.g. ana-lopez.md) \
        and an index for the team lead; otherwise prints every agent to standard output. With \
        --previous DIR, judges the goals of an earlier 'coach --format json' run on this period. \
        Exit status: 0 done, 1 done with rejected records, 2 bad arguments, unreadable input, an \
        unknown agent, an empty period or an unusable previous plan. See docs/coaching.md.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions
    @OptionGroup var disputeOptions: DisputeOptions

    @Option(help: "Only this agent (exact name, as in the audits).")
    var agent: String?

    @Option(help: "First day of the period, YYYY-MM-DD (inclusive).")
    var from: String?

    @Option(help: "Last day of the period, YYYY-MM-DD (inclusive); default: the latest audit date.")
    var to: String?

    @Option(help: "A directory (or file) of an earlier 'qakit coach --format json' run whose goals to follow up.")
    var previous: String?

    @Option(help: "Output format: markdown, html or json.")
    var format: CoachFormat = .markdown

    @Option(help: "Write one file per agent, plus an index, into this directory (created if missing).")
    var out: String?

    @Option(help: "Render this Mustache template over each agent's JSON structure instead of --format.")
    var template: String?

    @OptionGroup var metricsOptions: MetricsOptions

    func validate() throws {
        _ = try filter()
    }

    func run() throws {
        let filter = try filter()
        let renderer = try template.map { try TemplateRenderer(path: $0) }
        let previousGoals = try readPrevious()
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        try disputeOptions.attach(to: run)
        var sources = try inputOptions.open(decoder: run.decoder)
        if metricsOptions.isEnabled { _ = try metricsOptions.open() }
        // Tallying on the reading thread: a second thread measured 35 % more CPU time (allocations
        // freed across threads) for no gain in wall time on two shared cores.
        var tally = CoachingTally(scorecards: scorecards, filter: filter)
        var hadFatalError = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: { tally.add($0) }, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
            }
        }
        let hadDisputeErrors = disputeOptions.finish(run)
        guard let analysis = CoachingAnalysis(tally: tally) else {
            Terminal.printError("qakit: error: no non-calibration audits \(describe(filter)) (\(run.scoredCount) scored, \(run.calibrationCount) calibration, \(run.rejectedCount) rejected); check --from/--to and the inputs")
            throw ExitCode(2)
        }
        let names = try selectedAgents(analysis)
        let kpis = try metrics(for: analysis, hadErrors: &hadFatalError)
        let agents = parallelMap(names) { analysis.coaching(for: $0, previousGoals: previousGoals, kpis: kpis?.byAgent[$0])! }
        try write(agents, renderer: renderer)
        Terminal.printError("qakit: coached \(agents.count) agent\(agents.count == 1 ? "" : "s") over \(analysis.period.from) to \(analysis.period.to); rejected \(run.rejectedCount)")
        if run.rejectedCount > 0 || hadFatalError || hadDisputeErrors { throw ExitCode(1) }
    }

    /// The agents' KPIs over the coaching period (`--metrics`), after a warning block naming
    /// the agents found in one source only (docs/coaching.md).
    private func metrics(for analysis: CoachingAnalysis, hadErrors: inout Bool) throws -> CoachingKPIs.Assignment? {
        guard metricsOptions.isEnabled else { return nil }
        var calculation = try metricsOptions.calculate([.agent], period: PeriodFilter(from: analysis.period.from, to: analysis.period.to),
                                                       hadErrors: &hadErrors)
        let assignment = CoachingKPIs.assign(&calculation, to: analysis)
        KPIJoin.warnings(auditsOnly: assignment.auditsOnly, ticketsOnly: assignment.ticketsOnly, noun: "agent",
                         ticketsOnlyConsequence: "no note").forEach(Terminal.printError)
        return assignment
    }

    private func filter() throws -> PeriodFilter {
        try PeriodFilter(from: from, to: to)
    }

    private func describe(_ filter: PeriodFilter) -> String {
        switch (filter.from, filter.to) {
        case (let from?, let to?): "between \(from) and \(to)"
        case (let from?, nil): "on or after \(from)"
        case (nil, let to?): "on or before \(to)"
        case (nil, nil): "in the inputs"
        }
    }

    private func readPrevious() throws -> [PreviousGoal] {
        guard let previous else { return [] }
        do {
            return try PreviousPlans.read(path: previous)
        } catch {
            Terminal.printError(error.description)
            throw ExitCode(2)
        }
    }

    private func selectedAgents(_ analysis: CoachingAnalysis) throws -> [String] {
        let names = analysis.agentNames
        guard let agent else { return names }
        guard names.contains(agent) else {
            let hint = Suggestion.hint(for: agent, among: names)
            Terminal.printError("qakit: error: no audits for agent '\(agent)' between \(analysis.period.from) and \(analysis.period.to)\(hint)")
            throw ExitCode(2)
        }
        return [agent]
    }

    private func write(_ agents: [AgentCoaching], renderer: TemplateRenderer?) throws {
        guard let out else {
            let sink = try OutputTarget(path: nil)
            try sink.sink.write(renderAll(agents, renderer: renderer))
            try sink.commit()
            return
        }
        try makeDirectory(out)
        let files = AgentFileName.names(for: agents.map(\.agent))
        let fileExtension = renderer?.fileExtension ?? format.fileExtension
        let links = files.mapValues { $0 + "." + fileExtension }
        // Rendering and writing are independent per agent: both cores take a share.
        let failures = parallelMap(agents) { agent -> String? in
            do {
                try AtomicFile.write(render(agent, renderer: renderer), to: out + "/" + links[agent.agent]!)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first {
            Terminal.printError("qakit: error: \(failure)")
            throw ExitCode(2)
        }
        switch (renderer, format) {
        case (nil, .html): try writeFile(CoachingHTML.index(agents, files: links), to: out + "/index.html")
        case (nil, .json): try writeFile(CoachingIndexJSON.value(agents, files: links).json() + "\n", to: out + "/index.json")
        default: try writeFile(CoachingMarkdown.index(agents, files: links), to: out + "/index.md")
        }
    }

    private func render(_ agent: AgentCoaching, renderer: TemplateRenderer?) -> String {
        if let renderer { return renderer.render(CoachingJSON.value(agent)) }
        switch format {
        case .markdown: return CoachingMarkdown.render(agent)
        case .html: return CoachingHTML.render([agent])
        case .json: return CoachingJSON.document([agent]).json() + "\n"
        }
    }

    private func renderAll(_ agents: [AgentCoaching], renderer: TemplateRenderer?) -> String {
        if let renderer { return agents.map { renderer.render(CoachingJSON.value($0)) }.joined() }
        switch format {
        case .markdown: return agents.map(CoachingMarkdown.render).joined(separator: "\n---\n\n")
        case .html: return CoachingHTML.render(agents)
        case .json: return CoachingJSON.document(agents).json() + "\n"
        }
    }

    private func writeFile(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Creates `path` and its missing parents.
    private func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0, errno != EEXIST {
                Terminal.printError("qakit: error: cannot create directory '\(path)': \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
    }
}
