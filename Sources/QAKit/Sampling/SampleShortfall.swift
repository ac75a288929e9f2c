/// A group with fewer interactions than `--per-agent` asks for: it is taken whole, with a warning.
public struct SampleShortfall: Sendable, Hashable {
    /// The group's agent.
    public var agent: String
    /// The strata values of the group, in `--strata` order; empty without strata.
    public var strata: [String]
    /// How many interactions the group has (after `--where`, `--exclude` and the period).
    public var available: Int
    /// How many `--per-agent` asked for.
    public var wanted: Int

    /// The warning, without the `qakit: warning:` prefix.
    public var message: String {
        let group = strata.isEmpty ? "agent '\(agent)'" : "agent '\(agent)', stratum '\(strata.joined(separator: "/"))'"
        let noun = available == 1 ? "interaction" : "interactions"
        return "\(group) has only \(available) \(noun) to sample, fewer than \(wanted); all \(available) taken"
    }
}
