/// Scores audits exactly as docs/scoring.md says, in rational arithmetic.
///
/// Decisions the spec leaves open, recorded in `docs/scoring.md`:
/// - a critical criterion fails on an answer that earns credit 0 even when its weight is 0
///   (a compliance check can be tracked without points and still auto-fail);
/// - N/A never fails a critical criterion (under `na_policy: pass` it earns credit 1);
/// - without a `passing_score` an audit has no pass/fail (`passed` is `nil`) unless it auto-failed,
///   which is always a fail;
/// - a failed section counts as 0 under `critical_policy: zero` only where it would count at all
///   (weight > 0 and not N/A).
///
/// Scoring goes through the scorecard's `ScoringPlan` (exact integer arithmetic over flat tables)
/// and falls back to `referenceScore` (exact rationals, the readable statement of the rules and
/// the oracle the plan is tested against) whenever the plan cannot express an audit.
public struct ScoreEngine: Sendable {
    public var scorecard: Scorecard { storage.scorecard }
    /// One reference, so that handing an engine around does not retain every part of a scorecard.
    private let storage: Storage

    private final class Storage: Sendable {
        let scorecard: Scorecard
        let plan: ScoringPlan?

        init(_ scorecard: Scorecard) {
            self.scorecard = scorecard
            plan = ScoringPlan(scorecard)
        }
    }

    public init(scorecard: Scorecard) {
        storage = Storage(scorecard)
    }

    /// The compiled plan, `nil` when the scorecard's figures do not fit one.
    var plan: ScoringPlan? { storage.plan }

    /// Scores one audit whose answers follow `scorecard.criteria` order.
    public func score(_ audit: Audit) -> AuditScore {
        if let plan = storage.plan, let result = plan.score(answers: audit.answers, applies: applies(audit, plan: plan)) { return result }
        return referenceScore(audit)
    }

    /// Bit `i` set when criterion `i` has a `when` that matches the audit.
    private func applies(_ audit: Audit, plan: ScoringPlan) -> UInt64 {
        var mask: UInt64 = 0
        for (index, condition) in plan.conditions {
            if condition.matchesWithoutAllocating(audit.value(of:)) { mask |= 1 << UInt64(index) }
        }
        return mask
    }

    /// Scores one audit in plain rational arithmetic, rule by rule.
    func referenceScore(_ audit: Audit) -> AuditScore {
        let applicability = self.applicability(audit)
        var criteria: [CriterionResult] = []
        criteria.reserveCapacity(audit.answers.count)
        var sections: [SectionResult] = []
        var isAutoFailed = false
        var index = 0
        for section in scorecard.sections {
            var weighted = Rational.zero
            var totalWeight = Rational.zero
            var failed = false
            for criterion in section.criteria {
                let answer = index < audit.answers.count ? audit.answers[index] : nil
                let result = evaluate(criterion, answer: answer, applies: applicability[index])
                index += 1
                if result.scored, let credit = result.credit {
                    weighted += criterion.weight * credit
                    totalWeight += criterion.weight
                }
                if result.failedCritical {
                    if criterion.critical == .scorecard { isAutoFailed = true } else { failed = true }
                }
                criteria.append(result)
            }
            let raw = totalWeight.isZero ? nil : weighted / totalWeight
            let afterRules = failed && scorecard.criticalPolicy == .zero && raw != nil ? Rational.zero : raw
            var result = SectionResult(
                id: section.id, score: afterRules, rawScore: raw, failed: failed,
                counted: raw != nil && !section.weight.isZero
            )
            result.earned = weighted
            result.possible = totalWeight
            sections.append(result)
        }
        return finish(sections: sections, criteria: criteria, isAutoFailed: isAutoFailed)
    }

    /// Whether each criterion applies to the audit (docs/scorecards.md, "Conditions").
    public func applicability(_ audit: Audit) -> [Bool] {
        scorecard.applicability(answers: audit.answers, field: audit.value(of:))
    }

    /// Steps 1, 2, 4 and 8 of docs/scoring.md for one criterion: the credit an answer earns,
    /// whether it is scored, whether a critical criterion fails, and the penalty it carries.
    public func evaluate(_ criterion: Criterion, answer: Answer?, applies: Bool) -> CriterionResult {
        var result = CriterionResult(id: criterion.id, answer: answer, applies: applies, credit: nil, scored: false, failedCritical: false)
        guard applies, let answer, !criterion.isField else { return result }
        let credit: Rational?
        var fails = false
        if answer == .notApplicable {
            switch scorecard.naPolicy(of: criterion) {
            case .exclude: credit = nil
            case .pass: credit = .one
            case .fail: credit = .zero
            }
        } else {
            credit = Self.credit(of: answer, for: criterion.kind)
            fails = Self.optionFails(answer, for: criterion.kind)
            result.penalty = Self.penalty(of: answer, for: criterion)
        }
        guard let credit else { return result }
        if criterion.critical != .none {
            let threshold = criterion.criticalBelow
            result.failedCritical = fails || (threshold.map { credit < $0 } ?? credit.isZero)
        }
        if !criterion.weight.isZero {
            result.credit = credit
            result.scored = true
        }
        return result
    }

    /// Rule 1: the credit of a (non-N/A) answer, in 0...1.
    public static func credit(of answer: Answer, for kind: Criterion.Kind) -> Rational? {
        switch (answer, kind) {
        case (.yes, .yesNo): .one
        case (.no, .yesNo): .zero
        case (.scale(let value), .scale(let minimum, let maximum, _)):
            Rational(Int128(value - minimum), Int128(maximum - minimum))
        case (.choice(let option), .choice(let options)):
            options.indices.contains(option) ? options[option].credit : nil
        case (.points(let points), .points(let maximum)):
            points / maximum
        case (.number(let value), .number(let ranges)):
            ranges.first { $0.contains(value) }?.credit
        default: nil
        }
    }

    /// Rule 4: whether the chosen option or range has `fails: true`.
    static func optionFails(_ answer: Answer, for kind: Criterion.Kind) -> Bool {
        switch (answer, kind) {
        case (.choice(let option), .choice(let options)): options.indices.contains(option) && options[option].fails
        case (.number(let value), .number(let ranges)): ranges.first { $0.contains(value) }?.fails ?? false
        default: false
        }
    }

    /// Rule 8: the points an answer deducts: a `yes_no` answered no, a chosen option or range
    /// with a penalty. N/A never carries one.
    static func penalty(of answer: Answer, for criterion: Criterion) -> Rational? {
        switch (answer, criterion.kind) {
        case (.no, .yesNo): criterion.penalty
        case (.choice(let option), .choice(let options)): options.indices.contains(option) ? options[option].penalty : nil
        case (.number(let value), .number(let ranges)): ranges.first { $0.contains(value) }?.penalty
        default: nil
        }
    }

    /// Rules 5 to 8: raw score, critical rules, penalties, pass and band.
    private func finish(sections: [SectionResult], criteria: [CriterionResult], isAutoFailed: Bool) -> AuditScore {
        var outcome = AuditScore(
            score: nil, rawScore: nil, isAutoFailed: isAutoFailed, passed: nil, band: nil,
            sections: sections, criteria: criteria
        )
        let penalty = criteria.reduce(Rational.zero) { $0 + ($1.penalty ?? .zero) }
        let zeroes = scorecard.criticalPolicy == .zero
        let sums = scorecard.scoring == .points ? pointSums(sections) : sectionSums(sections)
        if !sums.denominator.isZero {
            let raw: Rational
            let final: Rational
            switch scorecard.scoring {
            case .sections:
                raw = Rational.hundred * sums.raw / sums.denominator - penalty
                final = Rational.hundred * sums.final / sums.denominator - penalty
            case .points:
                raw = Rational.hundred * (sums.raw - penalty) / sums.denominator
                final = Rational.hundred * (sums.final - penalty) / sums.denominator
            }
            outcome.rawScore = max(raw, .zero)
            outcome.score = zeroes ? (isAutoFailed ? .zero : max(final, .zero)) : outcome.rawScore
        } else if isAutoFailed, zeroes {
            outcome.score = .zero
        }
        let rounded = outcome.roundedScore
        if isAutoFailed {
            outcome.passed = false
        } else if let passing = scorecard.passingScore, let rounded {
            outcome.passed = rounded >= passing
        }
        if let rounded {
            outcome.band = scorecard.bands.first { $0.minimum <= rounded }?.name
        }
        return outcome
    }

    /// Rule 5 under `scoring: sections`: Σ W·S before and after rule 6, over Σ_regular W.
    private func sectionSums(_ sections: [SectionResult]) -> (raw: Rational, final: Rational, denominator: Rational) {
        var regularWeight = Rational.zero
        var rawSum = Rational.zero
        var finalSum = Rational.zero
        for (section, result) in zip(scorecard.sections, sections) where result.counted {
            if !section.isBonus { regularWeight += section.weight }
            rawSum += section.weight * (result.rawScore ?? .zero)
            finalSum += section.weight * (result.score ?? .zero)
        }
        return (rawSum, finalSum, regularWeight)
    }

    /// Rule 5 under `scoring: points`: E before and after rule 6 (a failed section earns 0 but
    /// stays possible), and M over the regular sections.
    private func pointSums(_ sections: [SectionResult]) -> (raw: Rational, final: Rational, denominator: Rational) {
        var earned = Rational.zero
        var final = Rational.zero
        var possible = Rational.zero
        for (section, result) in zip(scorecard.sections, sections) where !section.weight.isZero {
            earned += section.weight * result.earned
            if !(result.failed && scorecard.criticalPolicy == .zero) { final += section.weight * result.earned }
            if !section.isBonus { possible += section.weight * result.possible }
        }
        return (earned, final, possible)
    }
}
