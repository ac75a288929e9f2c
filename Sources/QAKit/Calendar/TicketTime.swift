/// When a ticket event happened, as a help-desk export writes it: an RFC 3339 date-time with its
/// UTC offset (`2026-08-03T14:05:00+02:00`), or a bare day (`2026-08-03`).
///
/// The instant is kept exactly, to the nanosecond, so that durations between two timestamps are
/// exact; the local day is the one written (the date in the timestamp's own offset), which is what
/// `--by month`, `--by week` and `--from/--to` use.
public struct TicketTime: Sendable, Hashable {
    /// The day as written, in the timestamp's own offset.
    public var localDate: CalendarDate
    /// Nanoseconds since 1970-01-01T00:00:00Z; `nil` for a bare day, which has no time of day.
    public var instant: Int128?

    /// Nanoseconds in a second.
    static let nanosecondsPerSecond: Int128 = 1_000_000_000

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`t` or a space may stand
    /// for `T`, `z` for `Z`, as RFC 3339 allows). At most nine fractional digits (nanoseconds), so
    /// that nothing is rounded; a leap second `:60` is the first second of the next minute.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> TicketTime? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        if bytes.count == 10 { return TicketTime(localDate: date, instant: nil) }
        let separator = bytes[10]
        guard bytes.count >= 20, separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var index = 19
        var nanoseconds: Int128 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let digit = digit(bytes[index]) {
                guard digits < 9 else { return nil }
                nanoseconds = nanoseconds * 10 + Int128(digit)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { nanoseconds *= 10 }
        }
        guard let offsetSeconds = offset(bytes, from: index) else { return nil }
        let seconds = Int128(date.daysSince1970) * 86_400 + Int128(hour * 3600 + minute * 60 + second) - Int128(offsetSeconds)
        return TicketTime(localDate: date, instant: seconds * nanosecondsPerSecond + nanoseconds)
    }

    /// `Z` (0) or `±HH:MM` as seconds east of UTC, filling the rest of `bytes` from `start`.
    private static func offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count - start
        if count == 1 { return bytes[start] == UInt8(ascii: "Z") || bytes[start] == UInt8(ascii: "z") ? 0 : nil }
        guard count == 6, bytes[start + 3] == UInt8(ascii: ":"),
              let hours = number(bytes, start + 1, 2), let minutes = number(bytes, start + 4, 2),
              hours < 24, minutes < 60 else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "+"): return hours * 3600 + minutes * 60
        case UInt8(ascii: "-"): return -(hours * 3600 + minutes * 60)
        default: return nil
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard let digit = digit(bytes[index]) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    @inline(__always) private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
