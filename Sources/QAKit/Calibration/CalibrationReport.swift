/// Every figure of one scorecard's calibration session (docs/calibration.md), unrounded.
///
/// Undefined statistics (0/0, nothing pairable, no variation) are `nil`, never 0 or 1.
public struct CalibrationReport: Sendable {
    /// How many disagreements per criterion keep their answers for reports to show.
    public static let exampleLimit = 20
    /// Pairable interactions a criterion (or a session's score alpha) needs before its agreement
    /// is judged: over a few, a single answer can move alpha from one end of the scale to the
    /// other. A fixed floor, not a scorecard setting (see `docs/calibration.md`).
    public static let minimumUnits = 10

    /// The scorecard id.
    public var scorecard: String
    /// The scorecard's `version`, stamped on the report like on every result.
    public var scorecardVersion: Int
    /// Points of score within which reviewers count as aligned.
    public var tolerance: Rational
    /// Krippendorff's alpha below which a criterion is flagged (the scorecard's `min_alpha`).
    public var minimumAlpha: Double
    /// The reference reviewer, as given with `--benchmark`.
    public var benchmark: String?
    /// The session as a whole.
    public var overall: OverallFigures
    /// Calibration units in the order their interactions first appear in the input.
    public var interactions: [InteractionFigures]
    /// Every reviewer but the benchmark, sorted by name.
    public var reviewers: [ReviewerFigures]
    /// Scorecard order.
    public var criteria: [CriterionFigures]

    /// Interactions whose scores spread wider than the tolerance (or stray from the benchmark).
    public var interactionsOutsideTolerance: [InteractionFigures] {
        interactions.filter { $0.isWithinTolerance == false }
    }

    /// Reviewers who lean lenient or strict.
    public var driftingReviewers: [ReviewerFigures] {
        reviewers.filter { $0.tendency == .lenient || $0.tendency == .strict }
    }

    /// Criteria whose wording needs a clearer definition.
    public var flaggedCriteria: [CriterionFigures] {
        criteria.filter(\.isFlagged)
    }

    /// Criteria with too few pairable interactions to judge their wording.
    public var criteriaWithTooFewUnits: [CriterionFigures] {
        criteria.filter(\.hasTooFewUnits)
    }
}

/// The session as a whole.
public struct OverallFigures: Sendable, Hashable {
    /// Calibration units: interactions scored by two or more distinct reviewers.
    public var interactions: Int
    /// Distinct reviewers in those units, the benchmark included.
    public var reviewers: Int
    /// Audits that count (one per reviewer and interaction).
    public var audits: Int
    /// Krippendorff's alpha over the scores, interval metric.
    public var alpha: Double?
    /// Pooled within-interaction sample variance of the scores, in points².
    public var calibrationVariance: Double?
    /// Its square root, in points.
    public var calibrationSD: Double?
    /// Share of interactions (where it is defined) within tolerance.
    public var withinToleranceRate: Double?

    /// Fewer than `CalibrationReport.minimumUnits` interactions: the score alpha is reported
    /// but not read as reliable or unreliable.
    public var hasTooFewUnits: Bool { interactions < CalibrationReport.minimumUnits }
}

/// One interaction scored by several reviewers.
public struct InteractionFigures: Sendable, Hashable {
    /// The interaction (`interaction_id`).
    public var interactionID: String
    /// Each reviewer's unrounded score, sorted by reviewer; `nil` where the audit had no score.
    public var scores: [ReviewerScore]
    /// Mean of the scores, in points; `nil` when no audit has a score.
    public var mean: Double?
    /// Sample (n − 1) variance; `nil` with fewer than two scores.
    public var variance: Double?
    /// Square root of the variance, in points.
    public var sd: Double?
    /// Highest minus lowest score; `nil` with fewer than two scores.
    public var range: Double?
    /// The benchmark reviewer's score, when they scored this interaction.
    public var benchmarkScore: Double?
    /// With a benchmark score: every other score within tolerance of it; else range ≤ tolerance.
    public var isWithinTolerance: Bool?

    /// How many reviewers scored it.
    public var reviewerCount: Int { scores.count }
}

/// A reviewer's score of one interaction.
public struct ReviewerScore: Sendable, Hashable {
    /// The reviewer's name as the audits give it.
    public var reviewer: String
    /// The unrounded score; `nil` when the audit has none (every scored section N/A).
    public var score: Double?
}

/// How one reviewer scores against the reference.
public struct ReviewerFigures: Sendable, Hashable {
    /// The reviewer's name as the audits give it.
    public var reviewer: String
    /// Calibration units this reviewer scored.
    public var interactions: Int
    /// Mean of (own score − reference); positive is lenient.
    public var meanDeviation: Double?
    /// Mean of |own score − reference|, in points.
    public var meanAbsoluteDeviation: Double?
    /// Share of deviations no larger than the tolerance.
    public var withinToleranceRate: Double?
    /// Share of answered criteria (N/A included) equal to the reference answer.
    public var criterionMatchRate: Double?
    /// Lenient, strict or aligned; `nil` when the reviewer has no deviation.
    public var tendency: Tendency?
}

/// How consistently one criterion is answered.
public struct CriterionFigures: Sendable, Hashable {
    /// The criterion id.
    public var id: String
    /// `yes_no`, `scale`, `choice` or `points`.
    public var type: String
    /// Nominal for yes_no and choice, ordinal for scale, interval for points.
    public var level: MeasurementLevel
    /// Interactions with two or more answers, N/A and blank excluded.
    public var units: Int
    /// Krippendorff's alpha at `level`.
    public var alpha: Double?
    /// Gwet's AC1 over the whole answer domain; `nil` for points.
    public var ac1: Double?
    /// Mean share of agreeing reviewer pairs over the pairable interactions.
    public var percentAgreement: Double?
    /// Alpha defined and below the minimum, over at least `CalibrationReport.minimumUnits`
    /// units: the wording needs a clearer definition.
    public var isFlagged: Bool
    /// Interactions where two or more reviewers answered (N/A included) and not all alike, in
    /// input order.
    public var disagreements: [String]
    /// The first `CalibrationReport.exampleLimit` of those, with every reviewer's answer, for
    /// reports; the ids above are complete.
    public var disagreementExamples: [Disagreement]

    /// Fewer than `CalibrationReport.minimumUnits` units: alpha, AC1 and agreement are
    /// reported but too unstable to judge the wording by, so the criterion is never flagged.
    public var hasTooFewUnits: Bool { units < CalibrationReport.minimumUnits }

    /// Whether a criterion with this alpha over `units` pairable interactions needs rewording:
    /// alpha defined and below `minimumAlpha`, and at least `CalibrationReport.minimumUnits` units.
    public static func isFlagged(alpha: Double?, units: Int, minimumAlpha: Double) -> Bool {
        guard let alpha, units >= CalibrationReport.minimumUnits else { return false }
        return alpha < minimumAlpha
    }
}

/// The answers given to one criterion in an interaction where reviewers disagreed.
public struct Disagreement: Sendable, Hashable {
    /// The interaction where the answers differed.
    public var interactionID: String
    /// Each answering reviewer's answer as text (`yes`, `n/a`, `4`, an option value), by reviewer.
    public var answers: [ReviewerAnswer]
}

/// One reviewer's answer to a criterion.
public struct ReviewerAnswer: Sendable, Hashable {
    /// The reviewer's name as the audits give it.
    public var reviewer: String
    /// `yes`, `no`, `n/a`, a scale value, an option value or points.
    public var answer: String
}
