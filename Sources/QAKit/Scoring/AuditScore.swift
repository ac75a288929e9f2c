/// The result of scoring one audit (SPEC.md sections 2 and 5), with exact unrounded figures.
public struct AuditScore: Sendable {
    /// The score after critical rules; `nil` when no regular section was scorable.
    public var score: Rational?
    /// The score before critical rules; `nil` when no regular section was scorable.
    public var rawScore: Rational?
    /// Whether a `critical: scorecard` criterion failed.
    public var isAutoFailed: Bool
    /// `nil` when the scorecard has no passing score and nothing auto-failed, or there is no score.
    public var passed: Bool?
    /// The band reached by the rounded score, if any.
    public var band: String?
    public var sections: [SectionResult]
    /// One per criterion, in scorecard order.
    public var criteria: [CriterionResult]

    /// The score as reported: rounded half away from zero to two decimals.
    public var roundedScore: Rational? { score?.rounded() }
}

/// How one section fared.
public struct SectionResult: Sendable {
    public var id: String
    /// S after critical rules (0 for a failed section under `critical_policy: zero`); `nil` when N/A.
    public var score: Rational?
    /// S before critical rules; `nil` when N/A.
    public var rawScore: Rational?
    /// Whether a `critical: section` criterion in it failed.
    public var failed: Bool
    /// Whether it counted towards the audit's score (not N/A and weight > 0).
    public var counted: Bool

    /// The score as a percentage (0...100), as reports show it.
    public var percentage: Rational? { score.map { $0 * .hundred } }
}

/// How one criterion fared.
public struct CriterionResult: Sendable {
    public var id: String
    public var answer: Answer?
    /// Whether the criterion's `when` matched the audit.
    public var applies: Bool
    /// The credit earned, 0...1, when scored.
    public var credit: Rational?
    /// Whether it entered its section's score (SPEC.md section 2, rule 2).
    public var scored: Bool
    /// Whether it is critical and its answer earned credit 0.
    public var failedCritical: Bool
}
