/// `score --by … --metrics`: the `--by` aggregates of the audits joined to the KPIs of the same
/// key values (docs/metrics.md).
///
/// A full outer join: a group with audits but no tickets keeps its row with every KPI `nil`,
/// and a group with tickets but no audits gets a row with 0 audits, so that neither side is
/// dropped silently; `match` says which is which. Agent and team values are matched once
/// lower-cased and with every run of whitespace read as one space (as name variants are told
/// apart, docs/aggregates.md); months, weeks and channels exactly.
public struct KPIJoin: Sendable {
    /// Which sources a row's group was found in.
    public enum Match: String, Sendable {
        case both
        case auditsOnly = "audits_only"
        case ticketsOnly = "tickets_only"
    }

    /// One group: its score aggregate (0 audits when only tickets have it) and its KPIs.
    public struct Row: Sendable {
        public var aggregate: Aggregate
        /// `nil` when no ticket is in the group.
        public var kpis: KPIFigures?
        public var match: Match
    }

    /// Sorted by the groups' values, first key first, as `score --by` sorts.
    public let rows: [Row]

    /// The KPI grouping of a `--by` key, `nil` for a key tickets do not have (reviewer,
    /// scorecard, date, most audit fields).
    public static func dimension(of key: Aggregator.Dimension) -> KPIDimension? {
        switch key {
        case .agent: .agent
        case .team: .team
        case .month: .month
        case .week: .week
        case .field("channel"): .channel
        case .reviewer, .scorecard, .field: nil
        }
    }

    /// Joins `aggregates` (grouped by `grouping`) to `kpis` (grouped by the same keys, in the
    /// same order).
    public init(aggregates: [Aggregate], kpis: [KPIFigures], grouping: Grouping) {
        let loose = grouping.dimensions.map { $0 == .agent || $0 == .team }
        func matchKey(_ values: [String]) -> [String] {
            zip(values, loose).map { $1 ? NameVariants.name($0) : $0 }
        }
        var byKey: [[String]: KPIFigures] = [:]
        for figures in kpis where byKey[matchKey(figures.values)] == nil { byKey[matchKey(figures.values)] = figures }
        var matched: Set<[String]> = []
        var rows: [Row] = aggregates.map { aggregate in
            let key = matchKey(aggregate.values)
            guard let figures = byKey[key] else { return Row(aggregate: aggregate, kpis: nil, match: .auditsOnly) }
            matched.insert(key)
            return Row(aggregate: aggregate, kpis: figures, match: .both)
        }
        for figures in kpis where !matched.contains(matchKey(figures.values)) {
            rows.append(Row(aggregate: Aggregate(values: figures.values), kpis: figures, match: .ticketsOnly))
        }
        self.rows = rows.sorted { $0.aggregate.values.lexicographicallyPrecedes($1.aggregate.values) }
    }

    /// The keys of the groups found in one source only.
    public func keys(_ match: Match) -> [String] {
        rows.filter { $0.match == match }.map(\.aggregate.key)
    }

    /// The warning block for standard error: the groups with audits and no tickets, and those
    /// with tickets and no audits, at most `limit` of each named; empty when all matched.
    public func warnings(grouping: Grouping, limit: Int = 20) -> [String] {
        let noun = grouping.isSingle ? grouping.description : "group (\(grouping.dimensions.map(\.description).joined(separator: Grouping.joiner)))"
        return Self.warnings(auditsOnly: keys(.auditsOnly), ticketsOnly: keys(.ticketsOnly), noun: noun,
                             ticketsOnlyConsequence: "rows with 0 audits", limit: limit)
    }

    /// `qakit: warning: 2 agents with audits but no tickets (KPIs empty): 'A', 'B'`, and the
    /// same for tickets without audits, saying what happens to them.
    public static func warnings(auditsOnly: [String], ticketsOnly: [String], noun: String, ticketsOnlyConsequence: String,
                                limit: Int = 20) -> [String] {
        func line(_ keys: [String], _ what: String) -> String? {
            guard !keys.isEmpty else { return nil }
            let plural = keys.count == 1 ? noun : noun.hasPrefix("group ") ? "groups" + noun.dropFirst(5) : noun + "s"
            var names = keys.prefix(limit).map { "'\($0)'" }.joined(separator: ", ")
            if keys.count > limit { names += " and \(keys.count - limit) more" }
            return "qakit: warning: \(keys.count) \(plural) \(what): \(names)"
        }
        return [line(auditsOnly, "with audits but no tickets (KPIs empty)"),
                line(ticketsOnly, "with tickets but no audits (\(ticketsOnlyConsequence))")].compactMap { $0 }
    }
}
