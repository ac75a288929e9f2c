/// Every step from a single audit's answers to its score, in words a QA lead can follow.
///
/// The steps mirror docs/scoring.md: credits (step 1), what is scored (step 2), section
/// scores (step 3), critical failures (step 4), raw score (step 5), critical policy (step 6),
/// rounding, pass and band (step 7), penalties (step 8).
public struct ScoreExplanation {
    public let scored: ScoredAudit

    public init(_ scored: ScoredAudit) {
        self.scored = scored
    }

    /// The explanation as plain text lines.
    public var text: String {
        var lines = header()
        // Before "Step 1-3", after the blank line that ends the scorecard's lines.
        lines.insert(contentsOf: disputeLines(), at: lines.count - 1)
        lines += sectionLines()
        lines += totalLines()
        return lines.joined(separator: "\n") + "\n"
    }

    private var scorecard: Scorecard { scored.scorecard }
    private var audit: Audit { scored.audit }
    private var result: AuditScore { scored.result }

    private func header() -> [String] {
        var lines = [
            "Audit \(audit.id) (\(audit.file):\(audit.line))",
            "  interaction \(audit.interactionID), agent \(audit.agent), reviewer \(audit.reviewer), \(audit.date)\(audit.isCalibration ? ", calibration audit" : "")",
            "Scorecard \(scorecard.id) version \(scorecard.version): \(scorecard.title)",
            "  scoring: \(scorecard.scoring == .points ? "points earned over points possible, summed over sections (scoring: points)" : "weighted mean of section scores (scoring: sections)")",
            "  N/A answers: \(Self.naPhrase(scorecard.naPolicy))",
            "  critical failures: \(scorecard.criticalPolicy == .zero ? "zero the section or the audit (critical_policy: zero)" : "recorded only (critical_policy: flag)")",
            "  passing score: \(scorecard.passingScore.map { $0.decimalString() } ?? "none (audits have no pass/fail)")",
            "",
            "Step 1-3: credits and section scores",
        ]
        if let comment = audit.comment { lines.insert("  reviewer's comment: \(comment)", at: 2) }
        return lines
    }

    private func sectionLines() -> [String] {
        var lines: [String] = []
        var index = 0
        let outcomes = result.criteria
        for (sectionIndex, section) in scorecard.sections.enumerated() {
            let outcome = result.sections[sectionIndex]
            let kind = section.isBonus ? "bonus section" : "section"
            lines.append("  \(kind) \(section.id) \"\(section.title)\", weight \(section.weight.decimalString())")
            var terms: [(weight: Rational, credit: Rational)] = []
            for criterion in section.criteria {
                let item = outcomes[index]
                lines.append("    " + describe(criterion, item, section: section, outcomes: outcomes))
                if item.scored, let credit = item.credit { terms.append((criterion.weight, credit)) }
                index += 1
            }
            lines.append("    " + sectionSummary(section, outcome, terms))
        }
        return lines
    }

    /// One criterion: answer, credit and whether it counts, with the reason when it does not.
    private func describe(_ criterion: Criterion, _ item: CriterionResult, section: Section, outcomes: [CriterionResult]) -> String {
        let answer = ScoredAudit.answerText(item.answer, criterion: criterion)
        if criterion.isField {
            let shown = item.applies ? answer : "(does not apply: \(notApplicableReason(criterion, section: section, outcomes: outcomes)))"
            return "\(criterion.id) (\(criterion.kind.name) field): \(shown) — recorded, never scored"
        }
        var line = "\(criterion.id) (\(criterion.kind.name), weight \(criterion.weight.decimalString())): answer \(answer)"
        if !item.applies {
            return line + " — does not apply: " + notApplicableReason(criterion, section: section, outcomes: outcomes)
        }
        guard let answer = item.answer else {
            return line + " — unanswered and optional: not scored"
        }
        let policy = scorecard.naPolicy(of: criterion)
        let own = criterion.naPolicy == nil ? "" : " (its own na_policy)"
        if answer == .notApplicable, policy == .exclude {
            return line + " — N/A: left out of the section\(own)"
        }
        let credit = answer == .notApplicable ? (policy == .pass ? Rational.one : .zero) : ScoreEngine.credit(of: answer, for: criterion.kind) ?? .zero
        let formula = creditFormula(answer, criterion.kind)
        line += formula.isEmpty ? " → credit \(Self.exact(credit))" : " → credit \(formula) = \(Self.exact(credit))"
        if answer == .notApplicable { line += policy == .pass ? " (N/A earns full credit\(own))" : " (N/A earns credit 0\(own))" }
        if criterion.weight.isZero { line += "; weight 0: tracked, not scored" }
        if item.failedCritical {
            line += "; CRITICAL FAILURE (\(failureReason(criterion, answer: answer, credit: credit))): "
                + (criterion.critical == .scorecard ? "the audit auto-fails" : "the section fails")
        }
        if let penalty = item.penalty { line += "; penalty \(penalty.decimalString()) points" }
        return line
    }

    /// Why a critical criterion failed (docs/scoring.md, rule 4).
    private func failureReason(_ criterion: Criterion, answer: Answer, credit: Rational) -> String {
        switch (answer, criterion.kind) {
        case (.choice(let option), .choice(let options)) where options.indices.contains(option) && options[option].fails:
            return "option '\(options[option].value)' has fails: true"
        case (.number(let value), .number(let ranges)):
            if let range = ranges.first(where: { $0.contains(value) }), range.fails {
                return "range \(range.minimum.decimalString()) to \(range.maximum.decimalString()) has fails: true"
            }
        default: break
        }
        if let threshold = criterion.criticalBelow {
            return "credit \(Self.exact(credit)) is below critical_below \(threshold.decimalString())"
        }
        return "credit 0"
    }

    /// Which condition hides a criterion, and what the audit holds for each of its keys.
    private func notApplicableReason(_ criterion: Criterion, section: Section, outcomes: [CriterionResult]) -> String {
        let items = scorecard.criteria.map(\.criterion)
        func answers(_ item: Int) -> [String]? {
            guard item < outcomes.count, outcomes[item].applies, item < audit.answers.count, let answer = audit.answers[item] else { return nil }
            return answer.values(for: items[item].kind)
        }
        func holding(_ condition: Condition) -> String {
            condition.clauses.map { clause in
                let actual: String
                if let item = clause.item {
                    actual = answers(item).map { $0.isEmpty ? "unanswered" : "'\($0.joined(separator: ";"))'" } ?? "unanswered or not applicable"
                } else {
                    actual = audit.value(of: clause.field).map { "'\($0)'" } ?? "missing"
                }
                return "\(clause.field) is \(actual)"
            }.joined(separator: ", ")
        }
        let checks: [(Condition?, Bool, String)] = [
            (section.when, true, "section \(section.id)'s when"), (section.unless, false, "section \(section.id)'s unless"),
            (criterion.when, true, "when"), (criterion.unless, false, "unless"),
        ]
        for (condition, isWhen, name) in checks {
            guard let condition else { continue }
            let matches = condition.matches(audit.value(of:), answers: answers)
            if isWhen && !matches { return "\(name) \(Self.describe(condition)) does not match (\(holding(condition)))" }
            if !isWhen && matches { return "\(name) \(Self.describe(condition)) matches (\(holding(condition)))" }
        }
        return "its conditions do not match this audit"
    }

    private static func naPhrase(_ policy: NAPolicy) -> String {
        switch policy {
        case .exclude: "dropped from their section (na_policy: exclude)"
        case .pass: "earn full credit (na_policy: pass)"
        case .fail: "earn credit 0 (na_policy: fail)"
        }
    }

    private func creditFormula(_ answer: Answer, _ kind: Criterion.Kind) -> String {
        switch (answer, kind) {
        case (.scale(let value), .scale(let minimum, let maximum, _)):
            "(\(value) − \(minimum)) / (\(maximum) − \(minimum))"
        case (.points(let points), .points(let maximum)):
            "\(points.decimalString()) / \(maximum.decimalString())"
        case (.choice(let option), .choice(let options)) where options.indices.contains(option):
            "option '\(options[option].label)'"
        case (.number(let value), .number(let ranges)):
            ranges.first { $0.contains(value) }.map { "range \($0.minimum.decimalString()) to \($0.maximum.decimalString())" } ?? ""
        default:
            ""
        }
    }

    private func sectionSummary(_ section: Section, _ outcome: SectionResult, _ terms: [(weight: Rational, credit: Rational)]) -> String {
        guard let raw = outcome.rawScore else { return "S = N/A: no scored criteria, the section drops out" }
        let numerator = terms.map { "\($0.weight.decimalString())×\(Self.factor($0.credit))" }.joined(separator: " + ")
        let denominator = terms.map { $0.weight.decimalString() }.joined(separator: " + ")
        var line = "S = (\(numerator)) / (\(denominator)) = \(Self.exact(raw))"
        if outcome.failed {
            line += scorecard.criticalPolicy == .zero ? "; the section failed a critical criterion, so S counts as 0" : "; section failed (flagged only)"
        }
        if section.weight.isZero { line += "; section weight 0: tracked, not scored" }
        return line
    }

    private func totalLines() -> [String] {
        var lines = ["", "Step 4-5: raw score (before critical rules)"]
        let counted = zip(scorecard.sections, result.sections).filter { $0.1.counted }
        let regular = counted.filter { !$0.0.isBonus }
        guard let raw = result.rawScore else {
            lines.append("  no regular section has a scored criterion, so the audit has no raw score")
            if let score = result.score { lines.append("  the audit auto-failed, so it scores \(score.formatted())") }
            return lines + verdictLines()
        }
        let terms = counted.map { "\($0.0.weight.decimalString())×\(Self.factor($0.1.rawScore ?? .zero))" }.joined(separator: " + ")
        let weights = regular.map { $0.0.weight.decimalString() }.joined(separator: " + ")
        let penalty = result.criteria.reduce(Rational.zero) { $0 + ($1.penalty ?? .zero) }
        if scorecard.scoring == .points {
            let weighted = zip(scorecard.sections, result.sections).filter { !$0.0.weight.isZero }
            let earned = weighted.map { "\($0.0.weight.decimalString())×\(Self.factor($0.1.earned))" }.joined(separator: " + ")
            let possible = weighted.filter { !$0.0.isBonus }.map { "\($0.0.weight.decimalString())×\(Self.factor($0.1.possible))" }.joined(separator: " + ")
            lines.append("  points earned E = \(earned), points possible M = \(possible)")
            lines.append(penalty.isZero ? "  raw = 100 × E / M = \(Self.exact(raw))"
                         : "  raw = 100 × (E − penalties \(penalty.decimalString())) / M, at least 0 = \(Self.exact(raw))")
        } else {
            lines.append("  raw = 100 × (\(terms)) / (\(weights))\(penalty.isZero ? "" : " − penalties \(penalty.decimalString()), at least 0") = \(Self.exact(raw))")
        }
        if !penalty.isZero {
            let items = zip(scorecard.criteria, result.criteria).compactMap { entry, item in
                item.penalty.map { "\(entry.criterion.id) \($0.decimalString())" }
            }
            lines.append("  penalties (step 8): \(items.joined(separator: ", ")); never below 0")
        }
        if counted.contains(where: { $0.0.isBonus }) { lines.append("  (bonus sections add to the top only, so the score may exceed 100)") }
        lines.append("")
        lines.append("Step 6: critical rules")
        let failedSections = zip(scorecard.sections, result.sections).filter { $0.1.failed }.map { $0.0.id }
        if result.isAutoFailed {
            lines.append(scorecard.criticalPolicy == .zero ? "  a critical: scorecard criterion failed, so the score is 0" : "  a critical: scorecard criterion failed; flagged, score = raw")
        } else if !failedSections.isEmpty, scorecard.criticalPolicy == .zero, scorecard.scoring == .points {
            lines.append("  failed section(s) \(failedSections.joined(separator: ", ")) earn 0 but stay possible: score = \(Self.exact(result.score ?? .zero))")
        } else if !failedSections.isEmpty, scorecard.criticalPolicy == .zero {
            let terms = counted.map { "\($0.0.weight.decimalString())×\(Self.factor($0.1.score ?? .zero))" }.joined(separator: " + ")
            lines.append("  failed section(s) \(failedSections.joined(separator: ", ")) count as 0:")
            lines.append("  score = 100 × (\(terms)) / (\(weights))\(penalty.isZero ? "" : " − penalties \(penalty.decimalString())") = \(Self.exact(result.score ?? .zero))")
        } else if !failedSections.isEmpty {
            lines.append("  failed section(s) \(failedSections.joined(separator: ", ")) flagged only; score = raw")
        } else {
            lines.append("  no critical failures; score = raw")
        }
        return lines + verdictLines()
    }

    private func verdictLines() -> [String] {
        var lines = ["", "Step 7: rounding, pass and band"]
        guard let score = result.score, let rounded = result.roundedScore else {
            return lines + ["  no score, so no pass/fail and no band"]
        }
        lines.append("  \(Self.exact(score)) rounded half away from zero to two decimals = \(rounded.formatted())")
        if result.isAutoFailed {
            lines.append("  passed: no (auto-failed)")
        } else if let passing = scorecard.passingScore {
            lines.append("  passed: \(rounded >= passing ? "yes" : "no") (\(rounded.formatted()) \(rounded >= passing ? "≥" : "<") \(passing.decimalString()))")
        } else {
            lines.append("  passed: no pass/fail (the scorecard sets no passing_score)")
        }
        if let band = result.band, let minimum = scorecard.bands.first(where: { $0.name == band })?.minimum {
            lines.append("  band: \(band) (the highest band whose min \(minimum.decimalString()) ≤ \(rounded.formatted()))")
        } else if !scorecard.bands.isEmpty {
            lines.append("  band: none (no band's min is ≤ \(rounded.formatted()))")
        }
        lines.append("")
        if let disputes = scored.disputes {
            let original = disputes.originalScore?.formatted() ?? "none"
            lines.append("Score \(rounded.formatted()) (\(original) with the reviewer's answers, before the disputes)")
        } else {
            lines.append("Score \(rounded.formatted())")
        }
        return lines
    }

    /// Step 0 (docs/disputes.md): each dispute of the audit and what its decision changed, before
    /// the steps that score the answers as they stand after it.
    private func disputeLines() -> [String] {
        guard let disputes = scored.disputes else { return [] }
        var lines = ["Step 0: disputes (the steps below use the answers after them)"]
        let criteria = scorecard.criteria
        for entry in disputes.entries {
            let subject = entry.criterion.map { "criterion \($0)" } ?? "the whole audit"
            let outcome: String
            switch entry.status {
            case .open: outcome = "open: not decided yet, the reviewer's answer stands"
            case .upheld: outcome = "upheld: the audit stands"
            case .overturned:
                if let index = entry.criterionIndex {
                    let criterion = criteria[index].criterion
                    outcome = "overturned: the reviewer's answer \(ScoredAudit.answerText(entry.originalAnswer, criterion: criterion)) "
                        + "is replaced by \(ScoredAudit.answerText(entry.newAnswer, criterion: criterion))"
                } else {
                    outcome = "overturned: the audit is void"
                }
            }
            lines.append("  dispute \(entry.disputeID) of \(subject): \(outcome)")
        }
        lines.append("  score with the reviewer's answers: \(disputes.originalScore?.formatted() ?? "none")")
        lines.append("")
        return lines
    }

    /// An exact value: a terminating decimal as is (`0.75`), otherwise the fraction with an
    /// approximation (`1/3 ≈ 0.3333`).
    static func exact(_ value: Rational) -> String {
        var denominator = value.denominator
        while denominator % 2 == 0 { denominator /= 2 }
        while denominator % 5 == 0 { denominator /= 5 }
        let decimal = value.decimalString(maximumPlaces: 6)
        if denominator == 1, Rational.parseDecimal(decimal)?.value == value { return decimal }
        return "\(value.numerator)/\(value.denominator) ≈ \(value.decimalString(maximumPlaces: 4))"
    }

    /// A value inside a product: a terminating decimal, or the exact fraction in parentheses.
    static func factor(_ value: Rational) -> String {
        let text = exact(value)
        return text.contains("/") ? "(\(value.numerator)/\(value.denominator))" : text
    }

    static func describe(_ condition: Condition) -> String {
        "{" + condition.clauses.map { "\($0.field): [\($0.values.joined(separator: ", "))]" }.joined(separator: "; ") + "}"
    }
}
