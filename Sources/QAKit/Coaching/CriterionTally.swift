/// Running totals for one criterion, for one agent or one team.
public struct CriterionTally: Sendable, Hashable {
    /// Audits in which the criterion was scored (SPEC.md section 2, rule 2).
    public private(set) var scored = 0
    public private(set) var creditTotal = ExactSum()
    /// Scored audits in which it earned less than full credit.
    public private(set) var shortfalls = 0
    /// Audits in which it failed as a critical criterion.
    public private(set) var criticalFailures = 0
    /// Σ over audits of the points of score it cost (see `CoachingTally`); divided by the
    /// number of scored audits of the scorecard to give `points_lost`.
    public private(set) var pointsLostTotal = ExactSum()
    /// How often each answer was given when scored: for `choice`, one count per option, then
    /// one for N/A (scored only under `na_policy: pass`); empty for other types.
    public private(set) var answerCounts: [Int] = []

    public init() {}

    /// Records a scored answer and its credit.
    mutating func addScored(credit: Rational, answer: Answer?, optionCount: Int) {
        scored += 1
        creditTotal.add(credit)
        if credit < .one { shortfalls += 1 }
        guard optionCount > 0, let answer else { return }
        if answerCounts.isEmpty { answerCounts = Array(repeating: 0, count: optionCount + 1) }
        switch answer {
        case .choice(let index) where index < optionCount: answerCounts[index] += 1
        case .notApplicable: answerCounts[optionCount] += 1
        default: break
        }
    }

    mutating func addCriticalFailure() {
        criticalFailures += 1
    }

    mutating func addPointsLost(_ points: Rational) {
        pointsLostTotal.add(points)
    }

    /// Adds another tally's credits (team totals are built from the per-team ones).
    mutating func add(_ other: CriterionTally) {
        scored += other.scored
        shortfalls += other.shortfalls
        creditTotal.add(other.creditTotal)
        criticalFailures += other.criticalFailures
        pointsLostTotal.add(other.pointsLostTotal)
    }

    /// The mean credit as a percentage, 0...100; `nil` when never scored.
    public var meanCreditPercentage: Rational? {
        scored == 0 ? nil : creditTotal.value * .hundred / Rational(scored)
    }
}
