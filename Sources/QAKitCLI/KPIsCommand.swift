import ArgumentParser
import QAKit

extension KPIDimension: ExpressibleByArgument {}
extension KPIFormat: ExpressibleByArgument {}
extension TicketFormat: ExpressibleByArgument {}

/// `qakit kpis`: support KPIs per agent, team, channel or period from ticket exports in qakit's
/// canonical columns (docs/kpis.md).
struct KPIsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "Support KPIs (first response, resolution, CSAT, NPS, SLA…) per agent, team, channel or period.",
        discussion: """
        Tickets need ticket_id, agent and created_at, and any of first_response_minutes (or \
        first_response_at), resolution_minutes (or solved_at), reopens, replies, csat, nps, \
        sla_breached, team, channel, status. Problems are reported on standard error with file, \
        line, ticket id and field; the ticket's other figures are still counted where that is \
        sound, and the run exits 1. A missing required column stops the run (exit 2). \
        docs/kpis.md defines every figure.
        """
    )

    @Argument(help: "Ticket files (.csv, .tsv, .jsonl, .ndjson); '-' reads standard input.")
    var inputs: [String]

    @OptionGroup var importOptions: ImportOptions

    @Option(help: "Group by agent, team, channel, month (YYYY-MM) or week (ISO 8601, YYYY-Www); several keys (agent,month or repeated) give one group per combination; one overall group without it.")
    var by: [String] = []

    @Option(help: "First day counted (YYYY-MM-DD), on the day of created_at in its own offset.")
    var from: String?

    @Option(help: "Last day counted (YYYY-MM-DD), inclusive.")
    var to: String?

    @Option(help: "Output format: table, csv or json (json is unrounded).")
    var format: KPIFormat = .table

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        _ = try dimensions()
    }

    /// The `--by` keys, split at commas as `score --by` splits them (docs/kpis.md).
    private func dimensions() throws -> [KPIDimension] {
        var dimensions: [KPIDimension] = []
        for argument in by {
            for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
                let name = String(part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
                guard let dimension = KPIDimension(rawValue: name) else {
                    let known = KPIDimension.allCases.map(\.rawValue)
                    throw ValidationError("--by '\(name)': tickets group by \(known.joined(separator: ", "))" + Suggestion.hint(for: name, among: known))
                }
                guard !dimensions.contains(dimension) else { throw ValidationError("--by: key '\(name)' is given twice") }
                dimensions.append(dimension)
            }
        }
        return dimensions
    }

    func run() throws {
        let dimensions = try dimensions()
        let period = try PeriodFilter(from: from, to: to)
        var sources = try open(profile: try importOptions.load())
        if sources.allSatisfy(\.declaresColumns) { try refuseMissingKey(dimensions, in: sources) }
        var calculation = KPICalculation(dimensions: dimensions, period: period)
        var hadFatalError = false
        for index in sources.indices {
            do {
                try calculation.read(&sources[index]) { Terminal.print([$0]) }
            } catch {
                Terminal.print([error.diagnostic])
                hadFatalError = true
            }
        }
        try refuseMissingKey(dimensions, in: sources)
        let sink = try outputOptions.open()
        let tableWidth = outputOptions.output == nil || outputOptions.output == "-" ? Terminal.outputWidth : nil
        try KPIWriter.write(calculation.figures(), format: format, keyTitle: dimensions.first?.rawValue ?? "group",
                            keyNames: dimensions.map(\.rawValue), style: csvOptions.style, tableWidth: tableWidth, to: sink.sink)
        try sink.commit()
        Terminal.printError(Self.summary(calculation))
        if calculation.ticketsWithErrors > 0 || hadFatalError { throw ExitCode(1) }
    }

    /// Stops the run (exit 2) when `--by team` or `--by channel` names a column no input has: at
    /// once for files with a header, after reading for JSON Lines.
    private func refuseMissingKey(_ dimensions: [KPIDimension], in sources: [any TicketSource]) throws {
        guard let by = dimensions.first(where: { key in (key == .team || key == .channel) && !sources.contains { $0.has(key.column) } })
        else { return }
        Terminal.printError("qakit: error: --by \(by.rawValue): no input has a '\(by.column.name)' column; no output written")
        throw ExitCode(2)
    }

    /// `qakit: read N tickets, M with errors`, and how many fell outside --from/--to.
    static func summary(_ calculation: KPICalculation) -> String {
        let read = calculation.ticketsRead
        var text = "qakit: read \(read) ticket\(read == 1 ? "" : "s"), \(calculation.ticketsWithErrors) with errors"
        if calculation.ticketsOutsidePeriod > 0 { text += ", \(calculation.ticketsOutsidePeriod) outside --from/--to" }
        return text
    }

    /// Opens every input before anything is counted, so that a missing file or a missing
    /// required column stops the run (exit 2) before any output is written.
    private func open(profile: ImportProfile?) throws -> [any TicketSource] {
        var sources: [any TicketSource] = []
        var failed = false
        for path in inputs {
            do {
                sources.append(try TicketSources.open(path: path, format: try format(of: path, profile: profile), profile: profile))
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        return sources
    }

    private func format(of path: String, profile: ImportProfile?) throws -> TicketFormat {
        if let given = importOptions.inputFormat ?? profile?.format {
            guard let format = TicketFormat(rawValue: given.rawValue) else {
                throw ValidationError("qakit kpis reads csv, tsv, jsonl or json tickets, not \(given.rawValue)")
            }
            return format
        }
        if path == "-" { return .csv }
        if let format = TicketFormat.inferred(from: path) { return format }
        throw ValidationError("cannot tell the format of '\(path)' from its extension; use --input-format csv|tsv|jsonl|json")
    }

}
