/// One scored audit as the output formats of `qakit score` show it (SPEC.md section 5).
public struct ScoredAudit: Sendable {
    public var audit: Audit
    public var result: AuditScore
    /// The audit's scorecard, shared: copying a `ScoredAudit` retains one box instead of
    /// copying every field of the scorecard.
    public var scorecard: Scorecard {
        get { shared.scorecard }
        set { shared = SharedScorecard(newValue) }
    }
    private var shared: SharedScorecard

    public init(audit: Audit, result: AuditScore, scorecard: Scorecard) {
        self.init(audit: audit, result: result, shared: SharedScorecard(scorecard))
    }

    init(audit: Audit, result: AuditScore, shared: SharedScorecard) {
        self.audit = audit
        self.result = result
        self.shared = shared
    }

    /// The answer normalised for output: `yes`/`no`/`na`, an integer, an option value or a number.
    public static func answerJSON(_ answer: Answer?, criterion: Criterion) -> String {
        guard let answer else { return "null" }
        switch answer {
        case .yes: return "\"yes\""
        case .no: return "\"no\""
        case .notApplicable: return "\"na\""
        case .scale(let value): return String(value)
        case .choice(let index):
            guard case .choice(let options) = criterion.kind, options.indices.contains(index) else { return "null" }
            return JSONText.string(options[index].value)
        case .points(let value): return value.decimalString(maximumPlaces: 2)
        }
    }

    /// The answer as text for tables and explanations.
    public static func answerText(_ answer: Answer?, criterion: Criterion) -> String {
        guard let answer else { return "(blank)" }
        let json = answerJSON(answer, criterion: criterion)
        return json.hasPrefix("\"") ? String(json.dropFirst().dropLast()) : json
    }

    /// The JSON Lines object of SPEC.md section 5, fields in the documented order.
    public var jsonObject: String {
        let criteria = zip(scorecard.criteria, result.criteria).map { entry, outcome in
            JSONText.object([
                ("id", JSONText.string(outcome.id)),
                ("answer", Self.answerJSON(outcome.answer, criterion: entry.criterion)),
                ("credit", outcome.credit.map { $0.decimalString(maximumPlaces: 4) } ?? "null"),
                ("scored", JSONText.bool(outcome.scored)),
                ("failed_critical", JSONText.bool(outcome.failedCritical)),
            ])
        }
        let sections = result.sections.map { section in
            JSONText.object([
                ("id", JSONText.string(section.id)),
                ("score", JSONText.score(section.percentage)),
                ("failed", JSONText.bool(section.failed)),
            ])
        }
        return JSONText.object([
            ("audit_id", JSONText.string(audit.id)),
            ("interaction_id", JSONText.string(audit.interactionID)),
            ("agent", JSONText.string(audit.agent)),
            ("reviewer", JSONText.string(audit.reviewer)),
            ("date", JSONText.string(audit.date.description)),
            ("scorecard", JSONText.string(scorecard.id)),
            ("scorecard_version", String(scorecard.version)),
            ("score", JSONText.score(result.score)),
            ("raw_score", JSONText.score(result.rawScore)),
            ("passed", JSONText.bool(result.passed)),
            ("auto_failed", JSONText.bool(result.isAutoFailed)),
            ("band", JSONText.string(result.band)),
            ("calibration", JSONText.bool(audit.isCalibration)),
            ("sections", JSONText.array(sections)),
            ("criteria", JSONText.array(criteria)),
        ])
    }
}

/// One loaded scorecard behind a single reference, shared by every `ScoredAudit` of a run.
final class SharedScorecard: Sendable {
    let scorecard: Scorecard

    init(_ scorecard: Scorecard) {
        self.scorecard = scorecard
    }
}
