/// The result of scoring one audit (docs/scoring.md, docs/output.md), with exact unrounded figures.
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
    /// One per section, in scorecard order.
    public var sections: [SectionResult] {
        get {
            switch details {
            case .stored(let sections, _), .deferred(let sections, _): sections
            }
        }
        set { details = .stored(sections: newValue, criteria: criteria) }
    }
    /// One per criterion, in scorecard order. Rebuilt on each use when the audit was scored by a
    /// `ScoringPlan`, so that runs that only aggregate never build them: read it once.
    public var criteria: [CriterionResult] {
        get {
            switch details {
            case .stored(_, let criteria): criteria
            case .deferred(_, let deferred): deferred.plan.criterionResults(answers: deferred.answers, applies: deferred.applies)
            }
        }
        set { details = .stored(sections: sections, criteria: newValue) }
    }

    enum Details: Sendable {
        case stored(sections: [SectionResult], criteria: [CriterionResult])
        case deferred([SectionResult], DeferredDetails)
    }

    private var details: Details

    init(
        score: Rational? = nil, rawScore: Rational? = nil, isAutoFailed: Bool, passed: Bool? = nil, band: String? = nil,
        sections: [SectionResult], criteria: [CriterionResult]
    ) {
        self.init(score: score, rawScore: rawScore, isAutoFailed: isAutoFailed, passed: passed, band: band,
                  details: .stored(sections: sections, criteria: criteria))
    }

    init(
        score: Rational? = nil, rawScore: Rational? = nil, isAutoFailed: Bool, passed: Bool? = nil, band: String? = nil,
        details: Details
    ) {
        self.score = score
        self.rawScore = rawScore
        self.isAutoFailed = isAutoFailed
        self.passed = passed
        self.band = band
        self.details = details
    }

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
    /// Σ(weight × credit) and Σ weight of its scored criteria, before critical rules: the
    /// section's points earned and possible under `scoring: points` (docs/scoring.md, rule 5).
    public var earned: Rational = .zero
    public var possible: Rational = .zero

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
    /// Whether it entered its section's score (docs/scoring.md, step 2).
    public var scored: Bool
    /// Whether it is critical and failed (docs/scoring.md, rule 4): credit 0, credit below its
    /// `critical_below`, or an option or range with `fails`.
    public var failedCritical: Bool
    /// The points its answer deducts (docs/scoring.md, rule 8); `nil` when none.
    public var penalty: Rational? = nil
}
