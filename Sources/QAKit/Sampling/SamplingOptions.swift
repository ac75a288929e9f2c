/// What `qakit sample` picks: the size rule, the groups, the filters and the seed.
public struct SamplingOptions: Sendable {
    /// How many per group.
    public var size: SampleSize
    /// `--strata`: fields whose values split each agent's interactions into groups sampled
    /// separately (for example `channel`); empty for one group per agent.
    public var strata: [String]
    /// `--where`: only interactions whose fields match (every field one of its values, ignoring
    /// case, as a scorecard's `when`); `nil` for all.
    public var condition: Condition?
    /// `--from`: the first day kept, inclusive; needs a `date` column.
    public var from: CalendarDate?
    /// `--to`: the last day kept, inclusive; needs a `date` column.
    public var to: CalendarDate?
    /// `--seed`: the number hashed before each id.
    public var seed: UInt64
    /// `--exclude`: interaction ids that already have an audit; they are never chosen.
    public var excludedIDs: Set<String>

    /// Options; only `size` has no default.
    public init(size: SampleSize, strata: [String] = [], condition: Condition? = nil, from: CalendarDate? = nil,
                to: CalendarDate? = nil, seed: UInt64 = 0, excludedIDs: Set<String> = []) {
        self.size = size
        self.strata = strata
        self.condition = condition
        self.from = from
        self.to = to
        self.seed = seed
        self.excludedIDs = excludedIDs
    }

    /// Whether the period filter is on, so that `date` is a required column.
    var filtersByDate: Bool { from != nil || to != nil }
}
