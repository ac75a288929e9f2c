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
                let result = evaluate(criterion, answer: index < audit.answers.count ? audit.answers[index] : nil, audit: audit)
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
            sections.append(SectionResult(
                id: section.id, score: afterRules, rawScore: raw, failed: failed,
                counted: raw != nil && !section.weight.isZero
            ))
        }
        return finish(sections: sections, criteria: criteria, isAutoFailed: isAutoFailed)
    }

    /// Steps 1 and 2 of docs/scoring.md: the credit an answer earns and whether it is scored; step 4's failure test.
    public func evaluate(_ criterion: Criterion, answer: Answer?, audit: Audit) -> CriterionResult {
        let applies = criterion.when?.matches(audit.value(of:)) ?? true
        var result = CriterionResult(id: criterion.id, answer: answer, applies: applies, credit: nil, scored: false, failedCritical: false)
        guard applies, let answer else { return result }
        let credit: Rational?
        if answer == .notApplicable {
            credit = scorecard.naPolicy == .pass ? .one : nil
        } else {
            credit = Self.credit(of: answer, for: criterion.kind)
        }
        guard let credit else { return result }
        result.failedCritical = criterion.critical != .none && credit.isZero
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
        default: nil
        }
    }

    /// Rules 5 to 7: raw score, critical rules, pass and band.
    private func finish(sections: [SectionResult], criteria: [CriterionResult], isAutoFailed: Bool) -> AuditScore {
        var regularWeight = Rational.zero
        var rawSum = Rational.zero
        var finalSum = Rational.zero
        for (section, result) in zip(scorecard.sections, sections) where result.counted {
            if !section.isBonus { regularWeight += section.weight }
            rawSum += section.weight * (result.rawScore ?? .zero)
            finalSum += section.weight * (result.score ?? .zero)
        }
        var outcome = AuditScore(
            score: nil, rawScore: nil, isAutoFailed: isAutoFailed, passed: nil, band: nil,
            sections: sections, criteria: criteria
        )
        if !regularWeight.isZero {
            let raw = Rational.hundred * rawSum / regularWeight
            outcome.rawScore = raw
            switch scorecard.criticalPolicy {
            case .zero: outcome.score = isAutoFailed ? .zero : Rational.hundred * finalSum / regularWeight
            case .flag: outcome.score = raw
            }
        } else if isAutoFailed, scorecard.criticalPolicy == .zero {
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
}
