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

    /// The first day of the period keyed `key` (`YYYY-MM` or `YYYY-Www`); `nil` for another text.
    public func firstDay(of key: String) -> CalendarDate? {
        switch self {
        case .month:
            return CalendarDate.parse(key + "-01")
        case .week:
            guard key.utf8.count == 8, let year = Int(key.prefix(4)), let week = Int(key.suffix(2)),
                  var day = CalendarDate(year: year, month: 1, day: 4) else { return nil }
            // 4 January is always in week 1; its Monday starts the week-numbering year.
            day = day.adding(days: -(((day.daysSince1970 + 3) % 7 + 7) % 7))
            return day.adding(days: 7 * (week - 1))
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
