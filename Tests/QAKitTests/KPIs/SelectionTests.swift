import Testing
@testable import QAKit

/// `Selection.smallest`, the quickselect behind the KPI medians and percentiles, against a full
/// sort, and the exact minute parsing and ISO weeks of the ticket reader.
@Suite("KPI building blocks")
struct SelectionTests {
    /// Every rank of random, sorted, reversed and constant arrays of many sizes (crossing the
    /// 16-element cut-over to sorting) equals the sorted array's element at that rank.
    @Test(arguments: [1, 2, 3, 16, 17, 18, 100, 1_000, 4_097])
    func matchesSort(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        let shapes: [[Int64]] = [
            (0..<count).map { _ in Int64.random(in: 0..<1_000, using: &generator) },
            (0..<count).map { Int64($0) },
            (0..<count).map { Int64(count - $0) },
            Array(repeating: 7, count: count),
        ]
        for values in shapes {
            let sorted = values.sorted()
            for rank in Set([1, count, (count + 1) / 2, (9 * count + 9) / 10, Int.random(in: 1...count)]) {
                var copy = values
                #expect(Selection.smallest(rank, in: &copy) == sorted[rank - 1])
                #expect(copy.sorted() == sorted)
            }
        }
    }

    /// Median of an even count: the mean of the two middle values, via the selection; p90 by
    /// nearest rank. 1…10 → (5 + 6)/2 = 5.5 and the 9th = 9 (in minutes of 60·10⁹ ns).
    @Test func medianAndPercentile() {
        let minute: Int64 = 60_000_000_000
        var values = (1...10).reversed().map { Int64($0) * minute }
        #expect(KPITally.median(&values) == Rational(11, 2))
        #expect(KPITally.percentile90(&values) == Rational(9))
        var odd = [3 * minute, 1 * minute, 2 * minute]
        #expect(KPITally.median(&odd) == Rational(2))
        #expect(KPITally.percentile90(&odd) == Rational(3))
    }

    /// ISO weeks by hand: 2026 starts on a Thursday (53 weeks); 2027-01-03 is a Sunday still in
    /// 2026-W53; 2029-12-31 is a Monday in 2030-W01; 2021-01-03 a Sunday in 2020-W53.
    @Test(arguments: [("2026-01-01", "2026-W01"), ("2026-12-31", "2026-W53"), ("2027-01-01", "2026-W53"),
                      ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"), ("2029-12-31", "2030-W01"),
                      ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01")])
    func isoWeeks(_ day: String, _ week: String) throws {
        #expect(try #require(CalendarDate.parse(day)).weekKey == week)
    }

    /// Timestamps to exact nanoseconds: the offset is subtracted, fractions are kept.
    @Test func timestamps() throws {
        func parse(_ text: String) -> TicketTime? {
            Array(text.utf8).withUnsafeBufferPointer { TicketTime.parse($0) }
        }
        let utc = try #require(parse("2027-01-02T04:30:00Z")?.instant)
        #expect(parse("2027-01-01T23:30:00-05:00")?.instant == utc)
        #expect(parse("2027-01-01T23:30:00-05:00")?.localDate == CalendarDate(year: 2027, month: 1, day: 1))
        #expect(parse("2027-01-02T10:00:00.123456789+05:30")?.instant == utc + 123_456_789)
        #expect(parse("2027-01-02")?.instant == nil)
        #expect(parse("2027-01-02")?.localDate == CalendarDate(year: 2027, month: 1, day: 2))
        for bad in ["2027-01-02T04:30:00", "2027-01-02T04:30:00.1234567891Z", "2027-02-30", "2027-01-02T24:00:00Z", "yesterday"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
    }
}
