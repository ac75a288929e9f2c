/// Running totals for one criterion, for one agent or one team.
public struct CriterionTally: Sendable, Hashable {
    /// Audits in which the criterion was scored (`docs/scoring.md`).
    public private(set) var scored = 0
    /// Σ credit × `unit` (an integer for every credit the criterion can earn, see
    /// `ScorecardLayout.creditUnits`), so that summing credits needs no fraction arithmetic.
    private var creditUnits: Int = 0
    /// Credits that do not fit the criterion's unit (none in practice), kept exactly.
    private var otherCredits = ExactSum()
    /// The common denominator of the criterion's credits.
    private var unit: Int128 = 1
    /// Scored audits in which it earned less than full credit.
    public private(set) var shortfalls = 0
    /// Audits in which it failed as a critical criterion.
    public private(set) var criticalFailures = 0
    /// Σ over those audits of raw score − score: what the critical rule took away.
    private var criticalCost = ExactSum()
    /// Lost credit units in standard audits (see `ScorecardLayout.standardLossFactors`), each
    /// worth `lossFactor` points, and the exact points lost in every other audit.
    private var standardLossUnits = 0
    private var lossFactor = Rational.zero
    /// Lost credit units in the other audits without a penalty, per pair of the audit's ΣW of
    /// counted regular sections (M under `scoring: points`) and the section's Σw of scored
    /// criteria (1 under `scoring: points`): each pair's units are worth one factor, so an
    /// audit adds an integer rather than a fraction (a handful of pairs per criterion).
    private var lossGroups: [LossGroup] = []
    private var otherPointsLost = ExactSum()

    private struct LossGroup: Sendable, Hashable {
        let regularWeight: Rational
        let scoredWeight: Rational
        /// The points one lost unit costs in such an audit.
        let factor: Rational
        var units: Int
    }
    /// How often each answer was given when scored: for `choice`, one count per option, then
    /// one for N/A (scored only under `na_policy: pass`); empty for other types.
    public private(set) var answerCounts: [Int] = []

    /// An empty tally.
    public init() {}

    /// Records a scored answer and its credit; `unit` is the criterion's common denominator.
    mutating func addScored(credit: Rational, answer: Answer?, optionCount: Int, unit: Int128) {
        scored += 1
        self.unit = unit
        if let units = Self.units(of: credit, unit: unit) {
            creditUnits += units
        } else {
            otherCredits.add(credit)
        }
        if credit.numerator < credit.denominator { shortfalls += 1 }
        guard optionCount > 0, let answer else { return }
        if answerCounts.isEmpty { answerCounts = Array(repeating: 0, count: optionCount + 1) }
        switch answer {
        case .choice(let index) where index < optionCount: answerCounts[index] += 1
        case .notApplicable: answerCounts[optionCount] += 1
        default: break
        }
    }

    /// credit × unit as an integer, in 64-bit arithmetic (128-bit division is slow); `nil` when
    /// the credit does not fit the unit or the figures are too large.
    static func units(of credit: Rational, unit: Int128) -> Int? {
        guard let denominator = Int(exactly: credit.denominator), let numerator = Int(exactly: credit.numerator),
              let whole = Int(exactly: unit), whole % denominator == 0 else { return nil }
        let (units, overflow) = numerator.multipliedReportingOverflow(by: whole / denominator)
        return overflow ? nil : units
    }

    /// Records a critical failure that took `cost` points of score (raw score − score) away.
    mutating func addCriticalFailure(cost: Rational) {
        criticalFailures += 1
        criticalCost.add(cost)
    }

    /// Points of score its critical failures took away, summed over the audits: each audit's
    /// raw score minus its score (0 under `critical_policy: flag`).
    public var criticalPointsTotal: Rational { criticalCost.value }

    mutating func addPointsLost(_ points: Rational) {
        otherPointsLost.add(points)
    }

    /// Adds `units` lost credit units of an audit whose ΣW_regular (or M) and section Σw are
    /// `regularWeight` and `scoredWeight`; `factor` gives the points one unit costs in such an
    /// audit, asked for only the first time the pair is met.
    mutating func addLoss(units: Int, regularWeight: Rational, scoredWeight: Rational, factor: () -> Rational) {
        for index in lossGroups.indices where lossGroups[index].regularWeight == regularWeight && lossGroups[index].scoredWeight == scoredWeight {
            let (sum, overflow) = lossGroups[index].units.addingReportingOverflow(units)
            if overflow {
                otherPointsLost.add(factor() * Rational(units))
            } else {
                lossGroups[index].units = sum
            }
            return
        }
        if lossGroups.count >= 64 {
            otherPointsLost.add(factor() * Rational(units))
            return
        }
        lossGroups.append(LossGroup(regularWeight: regularWeight, scoredWeight: scoredWeight, factor: factor(), units: units))
    }

    mutating func addStandardLoss(units: Int, factor: Rational) {
        standardLossUnits += units
        lossFactor = factor
    }

    /// Σ over audits of the points of score it cost; divided by the number of audits with a
    /// raw score it gives `points_lost`.
    public var pointsLostTotal: Rational {
        lossGroups.reduce(lossFactor * Rational(standardLossUnits) + otherPointsLost.value) { $0 + $1.factor * Rational($1.units) }
    }

    /// Adds another tally (teams and agents with several team values are sums of tallies).
    mutating func add(_ other: CriterionTally) {
        scored += other.scored
        shortfalls += other.shortfalls
        if other.scored > 0 { unit = other.unit }
        creditUnits += other.creditUnits
        otherCredits.add(other.otherCredits)
        criticalFailures += other.criticalFailures
        criticalCost.add(other.criticalCost)
        if other.standardLossUnits > 0 { lossFactor = other.lossFactor }
        standardLossUnits += other.standardLossUnits
        otherPointsLost.add(other.otherPointsLost)
        for group in other.lossGroups {
            addLoss(units: group.units, regularWeight: group.regularWeight, scoredWeight: group.scoredWeight) { group.factor }
        }
        if answerCounts.isEmpty {
            answerCounts = other.answerCounts
        } else if answerCounts.count == other.answerCounts.count {
            for index in answerCounts.indices { answerCounts[index] += other.answerCounts[index] }
        }
    }

    /// Σ credit over the scored audits, exactly.
    public var creditTotal: Rational {
        Rational(Int128(creditUnits), unit) + otherCredits.value
    }

    /// The mean credit as a percentage, 0...100; `nil` when never scored.
    public var meanCreditPercentage: Rational? {
        scored == 0 ? nil : creditTotal * .hundred / Rational(scored)
    }
}
