import ArgumentParser
import QAKit

extension InteractionFormat: ExpressibleByArgument {}

/// `qakit sample`: picks interactions to audit, reproducibly (docs/sampling.md).
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Pick interactions to audit, reproducibly: N (or a share) per agent.",
        discussion: """
        Per agent (and stratum, with --strata), takes the interactions whose SHA-256 of \
        "<seed>:<interaction_id>" is smallest, so the sample depends only on the seed and the ids. \
        Writes CSV: the chosen interactions' columns, then sample_seed and stratum, then with \
        --worksheet the scorecard's empty answer columns. Exit status: 0 done (an agent with fewer \
        interactions than asked is taken whole, with a warning), 1 done with skipped records, 2 bad \
        arguments, unreadable input, a missing column or a duplicate interaction id (nothing \
        written). See docs/sampling.md.
        """
    )

    @Argument(help: "Interaction exports (.csv, .tsv, .jsonl, .ndjson) with interaction_id and agent columns; '-' reads standard input.")
    var inputs: [String]

    @OptionGroup var importOptions: ImportOptions

    @Option(help: "How many interactions per agent (and stratum).")
    var perAgent: Int?

    @Option(help: "The share per agent (and stratum), 0 < R <= 1: takes ceil(R x n) of n, computed exactly.")
    var rate: String?

    @Option(help: "Sample each agent per value of these fields (repeatable, or comma-separated), e.g. channel.")
    var strata: [String] = []

    @Option(name: .customLong("where"), help: "Only interactions whose FIELD is VALUE, ignoring case (repeatable: every field must match; several values for one field mean any of them).")
    var conditions: [String] = []

    @Option(help: "Audit files (CSV, TSV, JSON Lines) whose interaction_id values are skipped (repeatable).")
    var exclude: [String] = []

    @Option(help: "The seed hashed before each interaction id.")
    var seed: UInt64 = 0

    @Option(help: "First day, YYYY-MM-DD (inclusive); needs a date column.")
    var from: String?

    @Option(help: "Last day, YYYY-MM-DD (inclusive); needs a date column.")
    var to: String?

    @Flag(help: "Add the scorecard's answer columns (empty) so reviewers can fill the file in for 'qakit score'; name one scorecard with -s.")
    var worksheet = false

    @OptionGroup var scorecardOptions: ScorecardOptions

    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        _ = try options(excluding: [])
        if !worksheet && scorecardOptions.scorecards != ["scorecards"] {
            throw ValidationError("-s/--scorecards is only used with --worksheet")
        }
        for path in inputs + exclude { _ = try format(of: path) }
    }

    func run() throws {
        let audited = AuditedInteractions(reading: try exclude.map { InteractionInput(path: $0, format: try format(of: $0)) })
        Terminal.print(audited.rejections + audited.fatalErrors)
        if !audited.fatalErrors.isEmpty {
            Terminal.printError("qakit: error: --exclude could not be read; no sample written")
            throw ExitCode(2)
        }
        let sheet = try worksheet ? loadWorksheet() : nil
        let options = try options(excluding: audited.ids)
        let profile = try importOptions.load()
        let outcome = Sampling.run(try inputs.map { InteractionInput(path: $0, format: try format(of: $0), profile: profile) }, options: options)
        Terminal.print(outcome.rejections + outcome.fatalErrors)
        if !outcome.fatalErrors.isEmpty {
            Terminal.printError("qakit: error: no sample written")
            throw ExitCode(2)
        }
        if let sheet {
            let conflicts = sheet.conflicts(with: SampleCSVWriter.inputColumns(of: outcome.interactions))
            if !conflicts.isEmpty {
                let names = conflicts.map { "'\($0)'" }.joined(separator: ", ")
                Terminal.printError("qakit: error: the interactions have columns named like answers of scorecard '\(sheet.scorecard.id)' (\(names)); rename them to write a worksheet")
                throw ExitCode(2)
            }
        }
        let target = try outputOptions.open()
        try SampleCSVWriter.write(outcome.interactions, seed: seed, worksheet: sheet, style: csvOptions.style, to: target.sink)
        try target.commit()
        for shortfall in outcome.shortfalls { Terminal.printError("qakit: warning: \(shortfall.message)") }
        Terminal.printError(summary(outcome, excluded: audited.ids.count))
        if !outcome.rejections.isEmpty || !audited.rejections.isEmpty { throw ExitCode(1) }
    }

    private func summary(_ outcome: SampleOutcome, excluded: Int) -> String {
        let agents = Set(outcome.interactions.map(\.agent)).count
        var text = "qakit: sampled \(outcome.interactions.count) of \(outcome.eligibleCount) eligible interactions (\(agents) agent\(agents == 1 ? "" : "s"), seed \(seed))"
        text += "; read \(outcome.readCount), skipped \(outcome.rejections.count)"
        return text
    }

    /// The sampling options from the arguments; `ValidationError` (exit 2) for bad values.
    private func options(excluding ids: Set<String>) throws -> SamplingOptions {
        let size: SampleSize
        switch (perAgent, rate) {
        case (nil, nil): throw ValidationError("say how many to sample: --per-agent N or --rate R")
        case (.some, .some): throw ValidationError("--per-agent and --rate cannot be used together")
        case (let count?, nil):
            guard count >= 1 else { throw ValidationError("--per-agent must be at least 1, found \(count)") }
            size = .perGroup(count)
        case (nil, let text?):
            guard let parsed = SampleRate(text) else {
                throw ValidationError("--rate must be a decimal greater than 0 and at most 1 (such as 0.1), found '\(text)'")
            }
            size = .rate(parsed)
        }
        let strataFields = strata.flatMap { $0.split(separator: ",").map { String($0).trimmingSpaces } }
        if strataFields.contains(where: \.isEmpty) { throw ValidationError("--strata needs field names, such as --strata channel") }
        let period = try PeriodFilter(from: from, to: to)
        return SamplingOptions(size: size, strata: strataFields, condition: try condition(), from: period.from, to: period.to, seed: seed,
                               excludedIDs: ids)
    }

    /// `--where FIELD=VALUE…` as one condition: values of the same field are alternatives.
    private func condition() throws -> Condition? {
        guard !conditions.isEmpty else { return nil }
        var clauses: [Condition.Clause] = []
        for text in conditions {
            guard let equals = text.firstIndex(of: "="), case let field = String(text[..<equals]).trimmingSpaces, !field.isEmpty else {
                throw ValidationError("--where takes FIELD=VALUE, such as --where channel=chat; found '\(text)'")
            }
            let value = String(text[text.index(after: equals)...]).trimmingSpaces
            if let index = clauses.firstIndex(where: { $0.field == field }) {
                clauses[index].values.append(value)
            } else {
                clauses.append(Condition.Clause(field: field, values: [value]))
            }
        }
        return Condition(clauses: clauses)
    }

    private func format(of path: String) throws -> InteractionFormat {
        if let given = importOptions.inputFormat {
            guard let format = InteractionFormat(rawValue: given.rawValue) else {
                throw ValidationError("qakit sample reads csv, tsv or jsonl, not \(given.rawValue)")
            }
            return format
        }
        if path == "-" { return .csv }
        if let format = InteractionFormat.inferred(from: path) { return format }
        throw ValidationError("cannot tell the format of '\(path)' from its extension (qakit sample reads .csv, .tsv, .jsonl, .ndjson); use --input-format csv|tsv|jsonl")
    }

    /// The one scorecard `--worksheet` lays out.
    private func loadWorksheet() throws -> SampleWorksheet {
        let scorecards = try scorecardOptions.load()
        guard scorecards.count == 1, let scorecard = scorecards.first else {
            let ids = scorecards.map(\.id).sorted().joined(separator: ", ")
            Terminal.printError("qakit: error: --worksheet needs exactly one scorecard, found \(scorecards.count) (\(ids)); name its file with -s")
            throw ExitCode(2)
        }
        return SampleWorksheet(scorecard: scorecard)
    }
}

extension String {
    /// Without surrounding spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[start...end])
    }
}
