/// One scored audit as the output formats of `qakit score` show it (docs/output.md).
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
    /// The audit's disputes when `--disputes` named it (docs/disputes.md); `nil` otherwise.
    public var disputes: AuditDisputes?
    /// Whether the run's `readingThreadConsumer` already took this audit's order-free share
    /// (`report`'s per-criterion totals).
    public var isTalliedEarly = false

    public init(audit: Audit, result: AuditScore, scorecard: Scorecard) {
        self.init(audit: audit, result: result, shared: SharedScorecard(scorecard))
    }

    init(audit: Audit, result: AuditScore, shared: SharedScorecard) {
        self.audit = audit
        self.result = result
        self.shared = shared
    }

    /// The answer as text for tables and explanations: its normalised values
    /// (docs/scorecards.md), `;` between a `multi_select`'s, `(blank)` when unanswered.
    public static func answerText(_ answer: Answer?, criterion: Criterion) -> String {
        guard let answer else { return "(blank)" }
        let values = answer.values(for: criterion.kind)
        return values.isEmpty && answer != .options([]) ? "null" : values.joined(separator: ";")
    }

}

/// One loaded scorecard behind a single reference, shared by every `ScoredAudit` of a run.
final class SharedScorecard: Sendable {
    let scorecard: Scorecard

    init(_ scorecard: Scorecard) {
        self.scorecard = scorecard
    }
}
