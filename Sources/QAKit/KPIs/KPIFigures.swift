/// The KPIs of one group of tickets, exact; `nil` where the group has no data for a figure.
///
/// Durations are in minutes, rates are shares in 0…1, `nps` is in −100…100. docs/kpis.md
/// defines each figure.
public struct KPIFigures: Sendable, Hashable {
    /// The group: an agent, team or channel (`(none)` when blank), a month `YYYY-MM`, a week
    /// `YYYY-Www`, or `all` without `--by`.
    public var key: String
    /// Tickets counted in the group.
    public var tickets: Int
    /// Median minutes to the first response (mean of the two middle values for an even count),
    /// over tickets with a first response.
    public var firstResponseMedian: Rational?
    /// The ⌈0.9·n⌉-th smallest first-response time (nearest rank), in minutes.
    public var firstResponseP90: Rational?
    /// Median minutes from creation to solving, over solved tickets.
    public var resolutionMedian: Rational?
    /// The ⌈0.9·n⌉-th smallest resolution time, in minutes.
    public var resolutionP90: Rational?
    /// Solved tickets with exactly one agent reply, over solved tickets with a `replies` value.
    public var oneTouchRate: Rational?
    /// Solved tickets reopened at least once, over solved tickets with a `reopens` value.
    public var reopenRate: Rational?
    /// Satisfied ratings over rated tickets.
    public var csat: Rational?
    /// Rated tickets.
    public var csatResponses: Int
    /// 100 × (share of 9–10 − share of 0–6) over answered tickets.
    public var nps: Rational?
    /// Tickets with an NPS answer.
    public var npsResponses: Int
    /// Tickets whose SLA was not breached, over tickets with an `sla_breached` value.
    public var slaMetRate: Rational?
    /// The group's value of each `--by` key, in order (`[key]` with one key or none).
    public var values: [String] = []
    /// How many tickets each figure is over: the first responses, the solved tickets, the
    /// solved tickets with a `replies` and a `reopens` value, the tickets with an SLA value.
    /// Coaching judges a KPI goal only on enough of them (docs/coaching.md).
    public var firstResponseCount = 0
    public var solvedCount = 0
    public var solvedWithRepliesCount = 0
    public var solvedWithReopensCount = 0
    public var slaCount = 0
}
