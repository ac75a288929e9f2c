/// Audit-level totals of one group of the report (a team or an agent in one period): lighter than
/// coaching's `ScoreTally`, which also keeps a trend line the report does not need.
///
/// The mean is exact: numerators are summed per score denominator, in a short list (the scores
/// of a scorecard share few denominators), so that no fraction is reduced per audit.
struct ReportScoreTally: Sendable {
    private(set) var audits = 0
    private(set) var judged = 0
    private(set) var passes = 0
    private(set) var autoFails = 0
    private(set) var scored = 0
    private var sums: [(denominator: Int128, numerator: Int128)] = []

    mutating func add(_ result: AuditScore) {
        audits += 1
        if let passed = result.passed {
            judged += 1
            if passed { passes += 1 }
        }
        if result.isAutoFailed { autoFails += 1 }
        if let score = result.score { add(score, count: 1) }
    }

    mutating func add(_ other: ReportScoreTally) {
        audits += other.audits
        judged += other.judged
        passes += other.passes
        autoFails += other.autoFails
        scored += other.scored
        for sum in other.sums { add(Rational(sum.numerator, sum.denominator), count: 0) }
    }

    private mutating func add(_ score: Rational, count: Int) {
        scored += count
        for index in sums.indices where sums[index].denominator == score.denominator {
            sums[index].numerator += score.numerator
            return
        }
        sums.append((score.denominator, score.numerator))
    }

    /// The mean of the exact scores; `nil` when no audit had one.
    var meanScore: Rational? {
        guard scored > 0 else { return nil }
        return sums.reduce(Rational.zero) { $0 + Rational($1.numerator, $1.denominator) } / Rational(scored)
    }

    /// Passes over audits with a pass/fail, 0…1; `nil` when none had one.
    var passRate: Rational? {
        judged == 0 ? nil : Rational(Int128(passes), Int128(judged))
    }
}
