/// What a calibration run found.
public struct CalibrationOutcome: Sendable {
    /// One per scorecard with at least one calibration unit, in scorecard order.
    public var reports: [CalibrationReport] = []
    /// Audits superseded by a later audit of the same reviewer and interaction.
    public var warnings: [Diagnostic] = []
    /// Scorecards that had audits but no interaction scored by two reviewers.
    public var scorecardsWithoutUnits: [ScorecardAudits] = []
}

/// A scorecard and how many audits were kept for it.
public struct ScorecardAudits: Sendable, Hashable {
    /// The scorecard id.
    public var scorecard: String
    /// Audits kept for it.
    public var audits: Int
}
