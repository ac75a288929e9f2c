/// What `qakit compare` reports (docs/compare.md): the rubric diff, each audit under both
/// versions, the groups, and the audits one version cannot score.
public struct ComparisonResult: Sendable {
    public let from: Scorecard
    public let to: Scorecard
    public let grouping: Grouping
    public let changes: [RubricChange]
    /// The audits both versions score, in input order.
    public let audits: [ComparedAudit]
    /// Per `--by` group, sorted by the keys' values, over the audits both versions score.
    public let groups: [ComparedGroup]
    /// All those audits in one group, for the headline.
    public let overall: ComparedGroup
    public let unscorable: [UnscorableAudit]
    /// Problems of the records themselves (the same whichever version reads them), for
    /// standard error; a shared cause is listed once with a count.
    public let problems: [Diagnostic]

    /// The audits whose verdict changes, in input order.
    public var flippedAudits: [ComparedAudit] { audits.filter(\.flips) }
}

/// One audit under both versions.
public struct ComparedAudit: Sendable {
    public let auditID: String
    public let agent: String
    public let isCalibration: Bool
    /// Exact scores; `nil` when nothing in the audit was scorable under that version.
    public let scoreFrom: Rational?
    public let scoreTo: Rational?
    public let passedFrom: Bool?
    public let passedTo: Bool?

    /// `score_to − score_from` as both are shown, rounded to hundredths, so that the columns add
    /// up; `nil` when either is missing.
    public var delta: Rational? { ComparedGroup.shownDifference(scoreFrom, scoreTo) }

    /// Whether the pass/fail verdict differs between the versions (both having one).
    public var flips: Bool {
        guard let passedFrom, let passedTo else { return false }
        return passedFrom != passedTo
    }
}

/// One `--by` group's figures under both versions.
public struct ComparedGroup: Sendable {
    /// One value per `--by` key; `(none)` where audits lack the field.
    public let values: [String]
    public let audits: Int
    /// Exact means over the group's audits that have a score.
    public let meanFrom: Rational?
    public let meanTo: Rational?
    /// Passes over audits with a pass/fail, exactly.
    public let passRateFrom: Rational?
    public let passRateTo: Rational?
    /// Audits that failed under `from` and pass under `to`, and the other way round.
    public let flipsToPass: Int
    public let flipsToFail: Int

    /// The values joined with `Grouping.joiner`: the `key` field.
    public var key: String { values.joined(separator: Grouping.joiner) }

    /// Audits whose pass/fail changed.
    public var flips: Int { flipsToPass + flipsToFail }

    /// `mean_to − mean_from` as both are shown (hundredths).
    public var delta: Rational? { Self.shownDifference(meanFrom, meanTo) }

    /// `after − before`, each rounded half away from zero to hundredths first.
    static func shownDifference(_ before: Rational?, _ after: Rational?) -> Rational? {
        guard let before, let after else { return nil }
        return after.rounded() - before.rounded()
    }
}

/// An audit that one version cannot score, and why.
public struct UnscorableAudit: Sendable {
    /// `nil` when the record has no `audit_id`.
    public let auditID: String?
    /// The version that cannot score it.
    public let version: Int
    /// Each problem, as `field 'x': …`.
    public let reasons: [String]
    /// Where the record is.
    public let file: String
    public let line: Int

    /// The problems joined with `; `.
    public var reason: String { reasons.joined(separator: "; ") }
}
