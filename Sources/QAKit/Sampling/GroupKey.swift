/// A sampling group: one agent, or one agent and one combination of strata values.
struct GroupKey: Hashable {
    var agent: String
    var strata: [String]

    /// Output order: agent, then strata values, each by UTF-8 bytes.
    static func precedes(_ lhs: GroupKey, _ rhs: GroupKey) -> Bool {
        if lhs.agent != rhs.agent { return lhs.agent.utf8.lexicographicallyPrecedes(rhs.agent.utf8) }
        return lhs.strata.lexicographicallyPrecedes(rhs.strata) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
