/// The period keys of `qakit kpis --by month` and `--by week`, from a ticket's local day.
extension CalendarDate {
    /// The ISO 8601 week-numbering year and week (1…53) of this day: weeks start on Monday, and
    /// week 1 is the one holding the year's first Thursday. So 2026-12-31 (a Thursday) and
    /// 2027-01-01 (a Friday) are both in 2026-W53, and 2029-12-31 (a Monday) is in 2030-W01.
    public var isoWeek: (year: Int, week: Int) {
        let days = daysSince1970
        // 1970-01-01 was a Thursday: with Monday = 0 it is weekday 3.
        let weekday = ((days + 3) % 7 + 7) % 7
        let thursday = CalendarDate(daysSince1970: days - weekday + 3)
        let firstOfYear = CalendarDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.daysSince1970 - firstOfYear.daysSince1970) / 7 + 1)
    }

    /// `YYYY-Www`, the key of `--by week`: `2026-W53`.
    public var weekKey: String {
        let (year, week) = isoWeek
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-W" + (week < 10 ? "0" : "") + String(week)
    }
}
