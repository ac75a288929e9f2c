import ArgumentParser
import QAKit

/// `--metrics TICKETS…`: ticket files whose KPIs join the audits (`score`, `coach`, `report`;
/// docs/metrics.md). Every command computes them with the one `KPICalculation` of `qakit kpis`.
struct MetricsOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: "Ticket files (.csv, .tsv, .jsonl) whose KPIs join the audits by agent (docs/metrics.md).")
    var metrics: [String] = []

    @Option(help: "An import profile for the --metrics ticket files (docs/imports.md); --profile reads the audits.")
    var metricsProfile: String?

    var isEnabled: Bool { !metrics.isEmpty }

    /// The KPIs grouped by `dimensions` over `period`, reading every ticket file; problems are
    /// printed as they are met, then the `qakit kpis` summary line. `matchesNamesLoosely` groups
    /// agent and team spellings that differ only in case or whitespace. `hadErrors` is set when
    /// a ticket had a problem or a file could not be read to its end (exit 1).
    func calculate(_ dimensions: [KPIDimension], period: PeriodFilter = PeriodFilter(), matchesNamesLoosely: Bool = true,
                   reportsProblems: Bool = true, hadErrors: inout Bool) throws -> KPICalculation {
        var sources = try open()
        if let missing = dimensions.first(where: { key in (key == .team || key == .channel) && !sources.contains { $0.has(key.column) } }),
           sources.allSatisfy(\.declaresColumns) {
            Terminal.printError("qakit: error: --metrics: no ticket file has a '\(missing.column.name)' column to join --by \(missing.rawValue); no output written")
            throw ExitCode(2)
        }
        var calculation = KPICalculation(dimensions: dimensions, period: period)
        calculation.matchesNamesLoosely = matchesNamesLoosely
        for index in sources.indices {
            do {
                try calculation.read(&sources[index]) { if reportsProblems { Terminal.print([$0]) } }
            } catch {
                if reportsProblems { Terminal.print([error.diagnostic]) }
                hadErrors = true
            }
        }
        if calculation.ticketsWithErrors > 0 { hadErrors = true }
        if reportsProblems { Terminal.printError(KPIsCommand.summary(calculation)) }
        return calculation
    }

    /// What `calculate(_:and:…)` would print, in order, for a caller that prints it later.
    enum Output: Sendable {
        case diagnostic(Diagnostic)
        case line(String)

        func print() {
            switch self {
            case .diagnostic(let diagnostic): Terminal.print([diagnostic])
            case .line(let text): Terminal.printError(text)
            }
        }
    }

    /// As `calculate`, for two groupings of the same tickets over `period` read in one pass
    /// (`qakit report`: by period and by agent); problems are printed once, for `first`, and
    /// the summary line is `first`'s.
    func calculate(_ first: [KPIDimension], and second: [KPIDimension], period: PeriodFilter = PeriodFilter(), matchesNamesLoosely: Bool = true,
                   hadErrors: inout Bool) throws -> (KPICalculation, KPICalculation) {
        try calculate(first, and: second, period: period, matchesNamesLoosely: matchesNamesLoosely, hadErrors: &hadErrors) { $0.print() }
    }

    /// As `calculate(_:and:…)`, handing what it would print to `output` instead, in order.
    func calculate(_ first: [KPIDimension], and second: [KPIDimension], period: PeriodFilter = PeriodFilter(), matchesNamesLoosely: Bool = true,
                   hadErrors: inout Bool, output: (Output) -> Void) throws -> (KPICalculation, KPICalculation) {
        var sources = try open(report: { output(.diagnostic($0)) })
        if let missing = (first + second).first(where: { key in (key == .team || key == .channel) && !sources.contains { $0.has(key.column) } }),
           sources.allSatisfy(\.declaresColumns) {
            output(.line("qakit: error: --metrics: no ticket file has a '\(missing.column.name)' column to join --by \(missing.rawValue); no output written"))
            throw ExitCode(2)
        }
        var calculation = KPICalculation(dimensions: first, period: period)
        calculation.matchesNamesLoosely = matchesNamesLoosely
        var other = KPICalculation(dimensions: second, period: period)
        other.matchesNamesLoosely = matchesNamesLoosely
        for index in sources.indices {
            do {
                try calculation.read(&sources[index], alsoInto: &other) { output(.diagnostic($0)) }
            } catch {
                output(.diagnostic(error.diagnostic))
                hadErrors = true
            }
        }
        if calculation.ticketsWithErrors > 0 || other.ticketsWithErrors > 0 { hadErrors = true }
        output(.line(KPIsCommand.summary(calculation)))
        return (calculation, other)
    }

    /// Opens every ticket file before anything is read, so that a missing one stops the run
    /// (exit 2); each file that cannot be opened is reported to `report`.
    func open(report: (Diagnostic) -> Void = { Terminal.print([$0]) }) throws -> [any TicketSource] {
        var sources: [any TicketSource] = []
        var failed = false
        let profile = try metricsProfile.map(ImportOptions.load)
        for path in metrics {
            guard let format = profile?.format.flatMap({ TicketFormat(rawValue: $0.rawValue) }) ?? TicketFormat.inferred(from: path) else {
                throw ValidationError("cannot tell the format of ticket file '\(path)' from its extension; use .csv, .tsv, .jsonl or .json")
            }
            do {
                sources.append(try TicketSources.open(path: path, format: format, profile: profile))
            } catch {
                report(error.diagnostic)
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        return sources
    }
}
