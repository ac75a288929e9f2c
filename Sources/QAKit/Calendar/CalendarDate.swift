/// A calendar day (proleptic Gregorian), as audits record it: `YYYY-MM-DD`.
///
/// RFC 3339 date-times keep the date as written (the reviewer's local day); the time and offset
/// are validated and then set aside, because scorecards report by day and month.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A date, if `year`-`month`-`day` exists in the calendar (years 1...9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative before it).
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01, for differences and trends.
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthPrime = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthPrime + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` later.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSince1970: daysSince1970 + days)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// `YYYY-MM`, the key of `--by month`.
    public var monthKey: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))"
    }

    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time (`2026-08-03T14:05:00Z`, `…+02:00`,
    /// fractional seconds allowed, `t`/space separator accepted as RFC 3339 permits).
    public static func parse(_ text: some StringProtocol) -> CalendarDate? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = bytes.withUnsafeBufferPointer({ plain(UnsafeBufferPointer(rebasing: $0[0..<10])) }) else {
            return nil
        }
        if bytes.count == 10 { return date }
        return isTimeSuffix(bytes[10...]) ? date : nil
    }

    /// Exactly `YYYY-MM-DD` naming a real day, the only form whose text is its own
    /// `description`; `nil` for anything else. `parse` reads a date's day with it, and so do the
    /// byte readers of an audit's `date` and of a `date` field's answer.
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `THH:MM:SS[.fff](Z|±HH:MM)`.
    private static func isTimeSuffix(_ bytes: ArraySlice<UInt8>) -> Bool {
        let rest = Array(bytes)
        guard rest.count >= 10, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(rest[0]),
              rest[3] == UInt8(ascii: ":"), rest[6] == UInt8(ascii: ":"),
              let hour = number(rest[1..<3]), let minute = number(rest[4..<6]), let second = number(rest[7..<9]),
              hour < 24, minute < 60, second <= 60 else { return false }
        var index = 9
        if rest[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < rest.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(rest[index]) { index += 1 }
            guard index > start, index < rest.count else { return false }
        }
        let zone = rest[index...]
        if zone.count == 1 { return zone.first == UInt8(ascii: "Z") || zone.first == UInt8(ascii: "z") }
        guard zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
              zone[zone.startIndex + 3] == UInt8(ascii: ":"),
              let offsetHours = number(zone[(zone.startIndex + 1)..<(zone.startIndex + 3)]),
              let offsetMinutes = number(zone[(zone.startIndex + 4)...]) else { return false }
        return offsetHours < 24 && offsetMinutes < 60
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return digits.isEmpty ? nil : value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
