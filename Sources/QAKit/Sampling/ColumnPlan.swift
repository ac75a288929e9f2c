/// Where the columns `qakit sample` looks at are in one record layout.
struct ColumnPlan {
    var id: Int?
    var agent: Int?
    var date: Int?
    var strata: [Int?]
    /// Every column by name, for `--where`.
    var byName: [String: Int]

    init(columns: [String], options: SamplingOptions) {
        var byName: [String: Int] = [:]
        for (index, name) in columns.enumerated() where byName[name] == nil { byName[name] = index }
        self.byName = byName
        id = byName["interaction_id"]
        agent = byName["agent"]
        date = byName["date"]
        strata = options.strata.map { byName[$0] }
    }

    /// The columns the options need that `columns` lacks, each with a did-you-mean hint, in the
    /// order: `interaction_id`, `agent`, `date` (only with `--from/--to`), strata, `--where` fields.
    static func missingColumns(in columns: [String], options: SamplingOptions) -> [String] {
        var needed = ["interaction_id", "agent"]
        if options.filtersByDate { needed.append("date") }
        needed += options.strata
        needed += options.condition?.clauses.map(\.field) ?? []
        var missing: [String] = []
        for name in needed where !columns.contains(name) && !missing.contains(where: { $0.hasPrefix("'\(name)'") }) {
            missing.append(Self.describe(missing: name, among: columns))
        }
        return missing
    }

    /// `'agent'`, or `'agent' (did you mean 'agnet'?)` when a column looks like a misspelling.
    static func describe(missing name: String, among columns: [String]) -> String {
        guard let near = Suggestion.closest(to: name, among: columns) else { return "'\(name)'" }
        return "'\(name)' (did you mean '\(near)'?)"
    }
}
