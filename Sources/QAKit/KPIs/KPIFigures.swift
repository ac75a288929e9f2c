/// The KPIs of one group of tickets, exact; `nil` where the group has no data for a figure.
///
/// Durations are in minutes, rates are shares in 0…1, `nps` is in −100…100. docs/kpis.md
/// defines each figure.
public struct KPIFigures: Sendable, Hashable {
    /// The group: an agent, team or channel (`(none)` when blank), a month `YYYY-MM`, a week
    /// `YYYY-Www`, or `all` without `--by`.
    public var key: String
    public var tickets: Int
    public var firstResponseMedian: Rational?
    public var firstResponseP90: Rational?
    public var resolutionMedian: Rational?
    public var resolutionP90: Rational?
    /// Solved tickets with exactly one agent reply, over solved tickets with a `replies` value.
    public var oneTouchRate: Rational?
    /// Solved tickets reopened at least once, over solved tickets with a `reopens` value.
    public var reopenRate: Rational?
    /// Satisfied ratings over rated tickets.
    public var csat: Rational?
    public var csatResponses: Int
    /// 100 × (share of 9–10 − share of 0–6) over answered tickets.
    public var nps: Rational?
    public var npsResponses: Int
    /// Tickets whose SLA was not breached, over tickets with an `sla_breached` value.
    public var slaMetRate: Rational?
}
