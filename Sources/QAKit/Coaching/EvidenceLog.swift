/// The most recent audits in which a criterion lost points, kept to a fixed number.
///
/// "Most recent" is by audit date, then by input order (later first), so the choice is
/// deterministic for audits of the same day.
public struct EvidenceLog: Sendable, Hashable {
    /// How many audits a coaching note cites.
    public static let capacity = 5

    /// Newest first.
    public private(set) var entries: [Evidence] = []

    /// An empty log.
    public init() {}

    /// Whether an audit of `date` at input position `sequence` would be kept, checked before
    /// building its evidence.
    func wouldKeep(date: CalendarDate, sequence: Int) -> Bool {
        guard entries.count == Self.capacity, let last = entries.last else { return true }
        return (date, sequence) > (last.date, last.sequence)
    }

    /// Offers an audit; it is kept when it is among the `capacity` most recent.
    mutating func offer(_ evidence: Evidence) {
        if entries.count == Self.capacity, let last = entries.last, !evidence.isMoreRecent(than: last) { return }
        let position = entries.firstIndex { evidence.isMoreRecent(than: $0) } ?? entries.count
        entries.insert(evidence, at: position)
        if entries.count > Self.capacity { entries.removeLast() }
    }
}

/// One audit cited in a coaching note: where the criterion lost points.
public struct Evidence: Sendable, Hashable {
    /// The audit's id.
    public var auditID: String
    /// The audit's date.
    public var date: CalendarDate
    /// The ticket, call or chat reviewed.
    public var interactionID: String
    /// The answer given; `nil` when a weight-0 critical criterion failed unanswered (never).
    public var answer: Answer?
    /// The points of score the criterion cost in this audit (before critical rules).
    public var pointsLost: Rational
    /// The reviewer's comment on this criterion (`<id>.comment`); `nil` when there is none.
    public var comment: String?
    /// The reviewer's overall comment on the audit: about the whole audit, so never shown as
    /// the criterion's evidence, only beside it and labelled as such.
    public var overallComment: String?
    /// When the criterion failed as critical here: the points the critical rule took away (raw
    /// score − score); `nil` when it did not fail as critical.
    public var criticalCost: Rational?
    /// Position of the audit in the run's input, to order audits of one day.
    public var sequence: Int

    /// One cited audit.
    public init(auditID: String, date: CalendarDate, interactionID: String, answer: Answer?, pointsLost: Rational, comment: String?,
                overallComment: String? = nil, criticalCost: Rational? = nil, sequence: Int) {
        self.auditID = auditID
        self.date = date
        self.interactionID = interactionID
        self.answer = answer
        self.pointsLost = pointsLost
        self.comment = comment
        self.overallComment = overallComment
        self.criticalCost = criticalCost
        self.sequence = sequence
    }

    func isMoreRecent(than other: Evidence) -> Bool {
        (date, sequence) > (other.date, other.sequence)
    }
}
