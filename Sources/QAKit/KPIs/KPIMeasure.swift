/// A KPI that a coaching target can name (`coaching.kpi_targets`, docs/coaching.md): one figure
/// of `KPIFigures`, with the direction in which it is better and the count it rests on.
public enum KPIMeasure: String, Sendable, CaseIterable {
    case firstResponseMedian = "first_response_median"
    case firstResponseP90 = "first_response_p90"
    case resolutionMedian = "resolution_median"
    case resolutionP90 = "resolution_p90"
    case oneTouchRate = "one_touch_rate"
    case reopenRate = "reopen_rate"
    case csat
    case nps
    case slaMetRate = "sla_met_rate"

    /// Whether a lower value is better (durations and the reopen rate): a bare number as its
    /// target is then a maximum, else a minimum.
    public var isLowerBetter: Bool {
        switch self {
        case .firstResponseMedian, .firstResponseP90, .resolutionMedian, .resolutionP90, .reopenRate: true
        case .oneTouchRate, .csat, .nps, .slaMetRate: false
        }
    }

    /// The figure in `figures`; `nil` when the group has no data for it.
    public func value(in figures: KPIFigures) -> Rational? {
        switch self {
        case .firstResponseMedian: figures.firstResponseMedian
        case .firstResponseP90: figures.firstResponseP90
        case .resolutionMedian: figures.resolutionMedian
        case .resolutionP90: figures.resolutionP90
        case .oneTouchRate: figures.oneTouchRate
        case .reopenRate: figures.reopenRate
        case .csat: figures.csat
        case .nps: figures.nps
        case .slaMetRate: figures.slaMetRate
        }
    }

    /// The tickets the figure is over (first responses, solved tickets, ratings…).
    public func count(in figures: KPIFigures) -> Int {
        switch self {
        case .firstResponseMedian, .firstResponseP90: figures.firstResponseCount
        case .resolutionMedian, .resolutionP90: figures.solvedCount
        case .oneTouchRate: figures.solvedWithRepliesCount
        case .reopenRate: figures.solvedWithReopensCount
        case .csat: figures.csatResponses
        case .nps: figures.npsResponses
        case .slaMetRate: figures.slaCount
        }
    }

    /// What the figure is in a sentence: `CSAT`, `median first response`.
    public var title: String {
        switch self {
        case .firstResponseMedian: "median first response"
        case .firstResponseP90: "90th percentile first response"
        case .resolutionMedian: "median resolution time"
        case .resolutionP90: "90th percentile resolution time"
        case .oneTouchRate: "one-touch rate"
        case .reopenRate: "reopen rate"
        case .csat: "CSAT"
        case .nps: "NPS"
        case .slaMetRate: "SLA met rate"
        }
    }

    /// Whether the figure is a duration in minutes (else a share 0…1, or NPS −100…100).
    public var isDuration: Bool {
        switch self {
        case .firstResponseMedian, .firstResponseP90, .resolutionMedian, .resolutionP90: true
        default: false
        }
    }

    /// The figure as a reader sees it: `42.5 min`, `87.5%`, `NPS 25.0`.
    public func formatted(_ value: Rational) -> String {
        if isDuration { return value.formatted(places: 1) + " min" }
        if self == .nps { return value.formatted(places: 1) }
        return (value * .hundred).formatted(places: 1) + "%"
    }
}
