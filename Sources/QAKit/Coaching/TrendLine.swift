/// Exact sums for the mean score and a least-squares line of score against calendar day.
///
/// x is the day number (days since 1970-01-01), y the audit's exact score. Σy and Σxy are kept
/// per score denominator in one table (one lookup per audit; scores of one scorecard share a
/// limited set of denominators), so the mean and the slope come out exact without fraction
/// arithmetic per audit. The slope is reported per 30 days, as `docs/coaching.md` describes.
public struct TrendLine: Sendable, Hashable {
    private struct Sums: Sendable, Hashable {
        var score: Int128 = 0
        var scoreTimesDay: Int128 = 0
    }

    /// Scored audits added.
    public private(set) var count = 0
    private var sumX: Int128 = 0
    private var sumXX: Int128 = 0
    /// Numerator sums of y and x·y, keyed by y's denominator.
    private var sums: [Int128: Sums] = [:]
    private var firstDay: Int?
    private var hasSeveralDays = false
    /// The earliest day number added.
    public private(set) var earliestDay: Int?
    /// The latest day number added.
    public private(set) var latestDay: Int?

    /// Days from the earliest audit to the latest (0 for a single day or none).
    public var spanDays: Int {
        guard let earliestDay, let latestDay else { return 0 }
        return latestDay - earliestDay
    }

    /// An empty line.
    public init() {}

    /// Adds one scored audit.
    public mutating func add(day: Int, score: Rational) {
        count += 1
        sumX += Int128(day)
        sumXX += Int128(day) * Int128(day)
        sums[score.denominator, default: Sums()].score += score.numerator
        sums[score.denominator]!.scoreTimesDay += score.numerator * Int128(day)
        if let firstDay, firstDay != day { hasSeveralDays = true }
        if firstDay == nil { firstDay = day }
        include(day: day)
    }

    private mutating func include(day: Int) {
        if earliestDay.map({ day < $0 }) ?? true { earliestDay = day }
        if latestDay.map({ day > $0 }) ?? true { latestDay = day }
    }

    /// Adds another line's points.
    public mutating func add(_ other: TrendLine) {
        count += other.count
        sumX += other.sumX
        sumXX += other.sumXX
        for (denominator, theirs) in other.sums {
            sums[denominator, default: Sums()].score += theirs.score
            sums[denominator]!.scoreTimesDay += theirs.scoreTimesDay
        }
        if let day = other.firstDay {
            if let firstDay, firstDay != day { hasSeveralDays = true }
            if firstDay == nil { firstDay = day }
        }
        hasSeveralDays = hasSeveralDays || other.hasSeveralDays
        if let day = other.earliestDay { include(day: day) }
        if let day = other.latestDay { include(day: day) }
    }

    /// Σy, exactly; terms combined in denominator order.
    public var sumOfScores: Rational {
        sums.keys.sorted().reduce(Rational.zero) { $0 + Rational(sums[$1]!.score, $1) }
    }

    private var sumOfScoreTimesDay: Rational {
        sums.keys.sorted().reduce(Rational.zero) { $0 + Rational(sums[$1]!.scoreTimesDay, $1) }
    }

    /// Points of score per 30 days: 30 × (nΣxy − ΣxΣy) / (nΣx² − (Σx)²); `nil` with fewer than
    /// three points or when every point falls on one day.
    public var slopePer30Days: Rational? {
        guard count >= 3, hasSeveralDays else { return nil }
        let n = Rational(Int128(count))
        let numerator = n * sumOfScoreTimesDay - Rational(sumX) * sumOfScores
        let denominator = Rational(Int128(count) * sumXX - sumX * sumX)
        guard !denominator.isZero else { return nil }
        return Rational(30) * numerator / denominator
    }
}
