/// The periods of `qakit report --period`: calendar months (`YYYY-MM`) or ISO 8601 weeks
/// (`YYYY-Www`, Monday first) of the audit's date.
public enum ReportPeriod: String, Sendable, CaseIterable {
    case month, week

    /// The key of the period holding `date`.
    public func key(of date: CalendarDate) -> String {
        switch self {
        case .month: date.monthKey
        case .week: date.weekKey
        }
    }

    /// The key of the period right before the one holding `date`.
    public func previousKey(before date: CalendarDate) -> String {
        switch self {
        case .month: CalendarDate(year: date.year, month: date.month, day: 1)!.adding(days: -1).monthKey
        case .week: date.adding(days: -7).weekKey
        }
    }

    /// The KPI grouping with the same keys.
    public var kpiDimension: KPIDimension {
        switch self {
        case .month: .month
        case .week: .week
        }
    }
}
