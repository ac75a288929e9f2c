/// Running totals of audit-level figures for one agent or one team (the summary of `docs/coaching.md`).
public struct ScoreTally: Sendable, Hashable {
    /// Non-calibration audits in the period.
    public private(set) var audits = 0
    /// Audits that had a score; the mean is over these.
    public var scoredAudits: Int { scores.count }
    /// Audits with a pass/fail, and how many of them passed.
    public private(set) var judged = 0
    /// Audits passed, out of `judged`.
    public private(set) var passes = 0
    /// Audits auto-failed.
    public private(set) var autoFails = 0
    /// The scores with their days: the mean and the trend both come from here.
    public private(set) var scores = TrendLine()

    /// An empty tally.
    public init() {}

    /// Adds one audit's result, dated `date`.
    public mutating func add(_ result: AuditScore, date: CalendarDate) {
        audits += 1
        if let score = result.score { scores.add(day: date.daysSince1970, score: score) }
        if let passed = result.passed {
            judged += 1
            if passed { passes += 1 }
        }
        if result.isAutoFailed { autoFails += 1 }
    }

    /// Adds another tally's audits.
    public mutating func add(_ other: ScoreTally) {
        audits += other.audits
        judged += other.judged
        passes += other.passes
        autoFails += other.autoFails
        scores.add(other.scores)
    }

    /// The mean of the exact scores; `nil` when no audit had a score.
    public var meanScore: Rational? {
        scoredAudits == 0 ? nil : scores.sumOfScores / Rational(scoredAudits)
    }

    /// Passes over audits with a pass/fail, 0...1; `nil` when none had one.
    public var passRate: Rational? {
        judged == 0 ? nil : Rational(Int128(passes), Int128(judged))
    }
}
