/// A date format in the style of `strptime` (docs/imports.md, `dates`): `%d/%m/%Y`,
/// `%Y-%m-%d %H:%M:%S`, `%b %d, %Y %I:%M %p`.
///
/// Numeric fields take one or two digits (`%Y` four, `%f` one to nine); a space matches any run
/// of spaces; every other character matches itself. Directives: `%Y %y %m %d %H %I %M %S %f %p
/// %b %B %z %T %s %%`. A two-digit `%y` is 2000–2099; `%s` is UNIX seconds (UTC), which stands
/// for the whole date and time (only literals and `%f` may go with it).
public struct DateFormat: Sendable, CustomStringConvertible {
    enum Piece: Sendable, Equatable {
        case year4, year2, month, day, hour24, hour12, minute, second, fraction, meridiem, monthName, offset
        /// `%s`: seconds since 1970-01-01T00:00:00Z.
        case unixSeconds
        case literal(UInt8)
        case spaces
    }

    /// The format as written.
    public let description: String
    let pieces: [Piece]
    /// Whether the format reads a time of day, not only a day.
    var hasTime: Bool { pieces.contains { [.hour24, .hour12, .minute, .second].contains($0) } }

    /// The format, or `nil` with the problem (an unknown directive, no day, no year…).
    public static func parse(_ text: String) -> Result<DateFormat, DateFormatProblem> {
        var pieces: [Piece] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: " ") {
                if pieces.last != .spaces { pieces.append(.spaces) }
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                pieces.append(.literal(byte))
                continue
            }
            guard let directive = bytes.popFirst() else { return .failure(.danglingPercent) }
            switch directive {
            case UInt8(ascii: "Y"): pieces.append(.year4)
            case UInt8(ascii: "y"): pieces.append(.year2)
            case UInt8(ascii: "m"): pieces.append(.month)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): pieces.append(.day)
            case UInt8(ascii: "H"): pieces.append(.hour24)
            case UInt8(ascii: "I"): pieces.append(.hour12)
            case UInt8(ascii: "M"): pieces.append(.minute)
            case UInt8(ascii: "S"): pieces.append(.second)
            case UInt8(ascii: "f"): pieces.append(.fraction)
            case UInt8(ascii: "p"): pieces.append(.meridiem)
            case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"): pieces.append(.monthName)
            case UInt8(ascii: "z"): pieces.append(.offset)
            case UInt8(ascii: "T"): pieces += [.hour24, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second]
            case UInt8(ascii: "s"): pieces.append(.unixSeconds)
            case UInt8(ascii: "%"): pieces.append(.literal(UInt8(ascii: "%")))
            default: return .failure(.unknownDirective("%" + String(decoding: [directive], as: UTF8.self)))
            }
        }
        if pieces.contains(.unixSeconds) {
            let alone = pieces.allSatisfy { piece in
                switch piece {
                case .unixSeconds, .fraction, .literal, .spaces: true
                default: false
                }
            }
            guard alone, pieces.count(where: { $0 == .unixSeconds }) == 1 else { return .failure(.unixSecondsNotAlone) }
            return .success(DateFormat(description: text, pieces: pieces))
        }
        guard pieces.contains(.year4) || pieces.contains(.year2), pieces.contains(.month) || pieces.contains(.monthName),
              pieces.contains(.day) else { return .failure(.noDay) }
        if pieces.contains(.hour12) != pieces.contains(.meridiem) { return .failure(.twelveHourWithoutMeridiem) }
        return .success(DateFormat(description: text, pieces: pieces))
    }

    /// A date and time read from a cell.
    struct Reading: Equatable {
        var date: CalendarDate
        var hour = 0, minute = 0, second = 0
        /// The fraction's digits as written (`"250"` for `.250`), empty when none.
        var fraction: [UInt8] = []
        /// Seconds east of UTC, when the format reads an offset.
        var offset: Int?
    }

    /// `text` read by this format, or `nil` when it does not match it whole.
    func read(_ text: UnsafeBufferPointer<UInt8>) -> Reading? {
        var index = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
        var fraction: [UInt8] = []
        var offset: Int?
        var isAfternoon: Bool?
        var unixSeconds: Int?
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0, count = 0
            while count < maximum, index < text.count, text[index] >= 0x30, text[index] <= 0x39 {
                value = value * 10 + Int(text[index] - 0x30)
                index += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        for piece in pieces {
            switch piece {
            case .year4: guard let value = digits(4, 4) else { return nil }; year = value
            case .year2: guard let value = digits(2, 2) else { return nil }; year = 2000 + value
            case .month: guard let value = digits(1, 2) else { return nil }; month = value
            case .day: guard let value = digits(1, 2) else { return nil }; day = value
            case .hour24, .hour12: guard let value = digits(1, 2) else { return nil }; hour = value
            case .minute: guard let value = digits(1, 2) else { return nil }; minute = value
            case .second: guard let value = digits(1, 2) else { return nil }; second = value
            case .fraction:
                let start = index
                guard digits(1, 9) != nil else { return nil }
                fraction = Array(text[start..<index])
            case .meridiem:
                guard index + 2 <= text.count else { return nil }
                let word = (text[index] | 0x20, text[index + 1] | 0x20)
                guard word.1 == UInt8(ascii: "m"), word.0 == UInt8(ascii: "a") || word.0 == UInt8(ascii: "p") else { return nil }
                isAfternoon = word.0 == UInt8(ascii: "p")
                index += 2
            case .monthName:
                guard let (value, length) = Self.monthName(text, at: index) else { return nil }
                month = value
                index += length
            case .offset:
                guard let (value, length) = Self.offset(text, at: index) else { return nil }
                offset = value
                index += length
            case .unixSeconds:
                // At most 11 digits: up to the year 5138, and no overflow.
                guard let value = digits(1, 11) else { return nil }
                unixSeconds = value
            case .literal(let byte):
                guard index < text.count, text[index] == byte else { return nil }
                index += 1
            case .spaces:
                guard index < text.count, text[index] == 0x20 else { return nil }
                while index < text.count, text[index] == 0x20 { index += 1 }
            }
        }
        guard index == text.count else { return nil }
        if let unixSeconds {
            let (days, rest) = (unixSeconds / 86_400, unixSeconds % 86_400)
            return Reading(date: CalendarDate(daysSince1970: days), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60,
                           fraction: fraction, offset: nil)
        }
        if let isAfternoon {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (isAfternoon ? 12 : 0)
        }
        guard hour < 24, minute < 60, second <= 60, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        return Reading(date: date, hour: hour, minute: minute, second: second, fraction: fraction, offset: offset)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                     "october", "november", "december"].map { Array($0.utf8) }

    /// An English month name, whole or its first three letters, ignoring case.
    private static func monthName(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var end = start
        while end < text.count, (text[end] | 0x20) >= UInt8(ascii: "a"), (text[end] | 0x20) <= UInt8(ascii: "z") { end += 1 }
        let word = text[start..<end].map { $0 | 0x20 }
        for (offset, name) in monthNames.enumerated() where word == name || (word.count == 3 && name.starts(with: word)) {
            return (offset + 1, word.count)
        }
        return nil
    }

    /// `Z`, `±HH:MM` or `±HHMM` as seconds east of UTC, and its length.
    private static func offset(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        guard start < text.count else { return nil }
        if text[start] | 0x20 == UInt8(ascii: "z") { return (0, 1) }
        guard text[start] == UInt8(ascii: "+") || text[start] == UInt8(ascii: "-") else { return nil }
        let rest = Array(text[(start + 1)...].prefix(5))
        let hasColon = rest.count >= 3 && rest[2] == UInt8(ascii: ":")
        let digits = hasColon ? [rest[0], rest[1]] + rest.dropFirst(3) : Array(rest.prefix(4))
        guard digits.count == 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = digits.map { Int($0 - 0x30) }
        let (hours, minutes) = (value[0] * 10 + value[1], value[2] * 10 + value[3])
        guard hours < 24, minutes < 60 else { return nil }
        let seconds = (hours * 3600 + minutes * 60) * (text[start] == UInt8(ascii: "-") ? -1 : 1)
        return (seconds, hasColon ? 6 : 5)
    }
}

/// Why a date format cannot be used.
public enum DateFormatProblem: Error, Sendable, Equatable {
    case unknownDirective(String)
    case danglingPercent
    case noDay
    case twelveHourWithoutMeridiem
    case unixSecondsNotAlone

    public var message: String {
        switch self {
        case .unknownDirective(let directive):
            "unknown directive '\(directive)'; use %Y %y %m %d %H %I %M %S %f %p %b %B %z %T %s or %%"
        case .danglingPercent: "a '%' at the end; write '%%' for a percent sign"
        case .noDay: "a date format needs a year (%Y or %y), a month (%m or %b) and a day (%d)"
        case .twelveHourWithoutMeridiem: "%I (12-hour clock) and %p (AM/PM) go together"
        case .unixSecondsNotAlone: "%s (UNIX seconds) is the whole date and time: only %f and literal characters may go with it, once"
        }
    }
}

extension DateFormat.Reading {
    /// The reading in qakit's own words: `YYYY-MM-DD` for a day, else an RFC 3339 date-time,
    /// `Z` when the format reads no offset (the time as written).
    func text(asDay: Bool) -> [UInt8] {
        func two(_ value: Int) -> [UInt8] { [UInt8(0x30 + value / 10), UInt8(0x30 + value % 10)] }
        var bytes = Array(date.description.utf8)
        guard !asDay else { return bytes }
        bytes += [UInt8(ascii: "T")] + two(hour) + [UInt8(ascii: ":")] + two(minute) + [UInt8(ascii: ":")] + two(second)
        if !fraction.isEmpty { bytes += [UInt8(ascii: ".")] + fraction }
        guard let offset, offset != 0 else { return bytes + [UInt8(ascii: "Z")] }
        let magnitude = abs(offset) / 60
        return bytes + [UInt8(ascii: offset < 0 ? "-" : "+")] + two(magnitude / 60) + [UInt8(ascii: ":")] + two(magnitude % 60)
    }
}
