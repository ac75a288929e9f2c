/// What `qakit kpis --by` groups tickets by.
public enum KPIDimension: String, Sendable, CaseIterable {
    case agent, team, channel, month, week

    /// The column the key comes from.
    public var column: TicketColumn {
        switch self {
        case .agent: .agent
        case .team: .team
        case .channel: .channel
        case .month, .week: .createdAt
        }
    }
}
