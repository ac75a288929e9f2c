/// Exact sums for a least-squares line of score against calendar day.
///
/// x is the day number (days since 1970-01-01), y the audit's exact score. The slope is computed
/// exactly and reported per 30 days, as SPEC.md section 7 asks.
public struct TrendLine: Sendable, Hashable {
    public private(set) var count = 0
    private var sumX: Int128 = 0
    private var sumXX: Int128 = 0
    private var sumY = ExactSum()
    private var sumXY = ExactSum()
    private var firstDay: Int?
    private var hasSeveralDays = false

    public init() {}

    /// Adds one scored audit.
    public mutating func add(day: Int, score: Rational) {
        count += 1
        sumX += Int128(day)
        sumXX += Int128(day) * Int128(day)
        sumY.add(score)
        sumXY.add(score, times: day)
        if let firstDay, firstDay != day { hasSeveralDays = true }
        if firstDay == nil { firstDay = day }
    }

    /// Adds another line's points.
    public mutating func add(_ other: TrendLine) {
        count += other.count
        sumX += other.sumX
        sumXX += other.sumXX
        sumY.add(other.sumY)
        sumXY.add(other.sumXY)
        if let day = other.firstDay {
            if let firstDay, firstDay != day { hasSeveralDays = true }
            if firstDay == nil { firstDay = day }
        }
        hasSeveralDays = hasSeveralDays || other.hasSeveralDays
    }

    /// Points of score per 30 days: 30 × (nΣxy − ΣxΣy) / (nΣx² − (Σx)²); `nil` with fewer than
    /// three points or when every point falls on one day.
    public var slopePer30Days: Rational? {
        guard count >= 3, hasSeveralDays else { return nil }
        let n = Rational(Int128(count))
        let numerator = n * sumXY.value - Rational(sumX) * sumY.value
        let denominator = Rational(Int128(count) * sumXX - sumX * sumX)
        guard !denominator.isZero else { return nil }
        return Rational(30) * numerator / denominator
    }
}
