/// Reads a ticket's cells into a `Ticket`, checking each canonical field (docs/kpis.md).
///
/// Works on the cells' bytes; no string is made unless there is a problem to report.
enum TicketDecoder {
    /// Nanoseconds in a minute.
    static let nanosecondsPerMinute: Int128 = 60_000_000_000

    /// Decodes everything but the identity fields (`ticket_id`, `agent`, `team`, `channel`),
    /// which the caller reads as bytes for grouping.
    static func decode(_ cells: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>) -> Ticket {
        var ticket = Ticket()
        @inline(__always) func cell(_ column: TicketColumn) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: cells[ranges[column.rawValue]])
        }
        func fail(_ column: TicketColumn, _ message: String) {
            ticket.problems.append((column, message))
        }

        let created = cell(.createdAt)
        if created.isEmpty {
            fail(.createdAt, "no created_at")
        } else if let time = TicketTime.parse(created) {
            ticket.created = time
        } else {
            fail(.createdAt, "\(quoted(created)) is not an RFC 3339 date-time (2026-08-03T14:05:00+02:00) or a date (2026-08-03)")
        }
        ticket.firstResponse = duration(minutes: cell(.firstResponseMinutes), column: .firstResponseMinutes,
                                        at: cell(.firstResponseAt), atColumn: .firstResponseAt, from: ticket.created, fail: fail)
        ticket.resolution = duration(minutes: cell(.resolutionMinutes), column: .resolutionMinutes,
                                     at: cell(.solvedAt), atColumn: .solvedAt, from: ticket.created, fail: fail)
        ticket.reopens = count(cell(.reopens), column: .reopens, fail: fail)
        ticket.replies = count(cell(.replies), column: .replies, fail: fail)
        ticket.isSatisfied = satisfaction(cell(.csat), fail: fail)
        ticket.nps = promoterScore(cell(.nps), fail: fail)
        ticket.isSLABreached = flag(cell(.slaBreached), fail: fail)
        return ticket
    }

    /// A duration from a minutes cell, or else from a timestamp cell minus `created`; `nil` when
    /// both are blank or the one used is in error. The minutes cell wins when both are given.
    private static func duration(minutes: UnsafeBufferPointer<UInt8>, column: TicketColumn,
                                 at timestamp: UnsafeBufferPointer<UInt8>, atColumn: TicketColumn,
                                 from created: TicketTime?, fail: (TicketColumn, String) -> Void) -> Int64? {
        if !minutes.isEmpty {
            switch minutesInNanoseconds(minutes) {
            case .value(let value):
                return nanoseconds(value, column: column, fail: fail)
            case .negative:
                fail(column, "negative duration \(quoted(minutes))")
            case .invalid:
                fail(column, "\(quoted(minutes)) is not a number of minutes (a decimal such as 42 or 7.5, at most nine decimals)")
            }
            return nil
        }
        guard !timestamp.isEmpty else { return nil }
        guard let time = TicketTime.parse(timestamp), let end = time.instant else {
            fail(atColumn, "\(quoted(timestamp)) is not an RFC 3339 date-time with an offset (2026-08-03T14:05:00+02:00)")
            return nil
        }
        guard let created else { return nil }
        guard let start = created.instant else {
            fail(atColumn, "created_at is a date without a time, so \(atColumn.name) cannot be measured from it; give \(column.name)")
            return nil
        }
        guard end >= start else {
            fail(atColumn, "\(quoted(timestamp)) is before created_at")
            return nil
        }
        return nanoseconds(end - start, column: atColumn, fail: fail)
    }

    /// What a minutes cell holds.
    private enum Minutes {
        case value(Int128), negative, invalid
    }

    /// A plain decimal of minutes (`42`, `7.5`, at most nine decimals, a leading `-` is negative)
    /// as exact nanoseconds: nine decimals of a minute are whole multiples of 60 ns.
    private static func minutesInNanoseconds(_ cell: UnsafeBufferPointer<UInt8>) -> Minutes {
        var index = 0
        let isNegative = cell[0] == UInt8(ascii: "-")
        if isNegative { index = 1 }
        var whole: Int128 = 0
        var digits = 0
        while index < cell.count, cell[index] >= UInt8(ascii: "0"), cell[index] <= UInt8(ascii: "9") {
            guard digits < 20 else { return .invalid }
            whole = whole * 10 + Int128(cell[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        guard digits > 0 else { return .invalid }
        var fraction: Int128 = 0
        var places = 0
        if index < cell.count {
            guard cell[index] == UInt8(ascii: "."), index + 1 < cell.count else { return .invalid }
            index += 1
            while index < cell.count {
                guard places < 9, cell[index] >= UInt8(ascii: "0"), cell[index] <= UInt8(ascii: "9") else { return .invalid }
                fraction = fraction * 10 + Int128(cell[index] - UInt8(ascii: "0"))
                places += 1
                index += 1
            }
        }
        for _ in places..<9 { fraction *= 10 }
        let value = whole * nanosecondsPerMinute + fraction * 60
        return isNegative && value != 0 ? .negative : .value(value)
    }

    private static func nanoseconds(_ value: Int128, column: TicketColumn, fail: (TicketColumn, String) -> Void) -> Int64? {
        guard let small = Int64(exactly: value) else {
            fail(column, "duration longer than 290 years")
            return nil
        }
        return small
    }

    /// A count (`reopens`, `replies`): a whole number, 0 or more.
    private static func count(_ cell: UnsafeBufferPointer<UInt8>, column: TicketColumn, fail: (TicketColumn, String) -> Void) -> Int? {
        guard !cell.isEmpty else { return nil }
        guard let value = integer(cell) else {
            fail(column, "\(quoted(cell)) is not a whole number of 0 or more")
            return nil
        }
        return value
    }

    /// `good`/`bad`, 1–5 (4 and 5 satisfied), or unrated: `offered`, `unoffered` or blank.
    /// Words are matched without regard to case, since exports write `Good` and `Offered`.
    private static func satisfaction(_ cell: UnsafeBufferPointer<UInt8>, fail: (TicketColumn, String) -> Void) -> Bool? {
        guard !cell.isEmpty else { return nil }
        if let value = integer(cell), (1...5).contains(value) { return value >= 4 }
        if matches(cell, "good") { return true }
        if matches(cell, "bad") { return false }
        if matches(cell, "offered") || matches(cell, "unoffered") { return nil }
        fail(.csat, "unknown CSAT value \(quoted(cell)); expected good, bad, 1 to 5, offered, unoffered or blank")
        return nil
    }

    /// A 0–10 answer.
    private static func promoterScore(_ cell: UnsafeBufferPointer<UInt8>, fail: (TicketColumn, String) -> Void) -> Int? {
        guard !cell.isEmpty else { return nil }
        guard let value = integer(cell), value <= 10 else {
            fail(.nps, "\(quoted(cell)) is not an NPS answer; expected a whole number from 0 to 10")
            return nil
        }
        return value
    }

    /// `true` or `false` (any case, as spreadsheets write `TRUE`).
    private static func flag(_ cell: UnsafeBufferPointer<UInt8>, fail: (TicketColumn, String) -> Void) -> Bool? {
        guard !cell.isEmpty else { return nil }
        if matches(cell, "true") { return true }
        if matches(cell, "false") { return false }
        fail(.slaBreached, "\(quoted(cell)) is not true or false")
        return nil
    }

    /// Whether `cell` is `word` (lower-case ASCII) in any case, compared byte by byte.
    private static func matches(_ cell: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard cell.count == word.utf8CodeUnitCount else { return false }
        let letters = word.utf8Start
        for index in 0..<cell.count where cell[index] | 0x20 != letters[index] { return false }
        return true
    }

    /// Plain decimal digits (at most 9), no sign.
    private static func integer(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !cell.isEmpty, cell.count <= 9 else { return nil }
        var value = 0
        for byte in cell {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// A cell's text as `'…'` for messages, cut at 60 characters.
    static func quoted(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: cell, as: UTF8.self)
        return "'" + (text.count > 60 ? text.prefix(57) + "…" : text) + "'"
    }
}
