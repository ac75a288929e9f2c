/// The disputes of one scored audit, as its outputs carry them (docs/disputes.md, "What a
/// decision changes"): the score before any overturn and every dispute of it.
public struct AuditDisputes: Sendable {
    /// One dispute of the audit, in reading order.
    public struct Entry: Sendable {
        public var disputeID: String
        /// The criterion's id; `nil` for the whole audit.
        public var criterion: String?
        /// The criterion's index in `Scorecard.criteria`; `nil` for the whole audit.
        public var criterionIndex: Int?
        /// The decision, or `open`.
        public var status: Dispute.Status
        /// The reviewer's answer (`nil`: unanswered, or a dispute of the whole audit).
        public var originalAnswer: Answer?
        /// The answer that replaced it: only for an overturned criterion.
        public var newAnswer: Answer?
    }

    /// The score with the reviewer's answers, before any overturn.
    public var originalScore: Rational?
    public var entries: [Entry]

    /// The reviewer's answer to criterion `index` where an overturn replaced it, else `nil`.
    public func overturnedAnswer(criterion index: Int) -> (original: Answer?, new: Answer?)? {
        guard let entry = entries.last(where: { $0.criterionIndex == index && $0.status == .overturned }) else { return nil }
        return (entry.originalAnswer, entry.newAnswer)
    }
}

/// An audit that a dispute overturned as a whole: void, left out of every score
/// (docs/disputes.md).
public struct VoidedAudit: Sendable {
    public var auditID: String
    public var agent: String
    public var reviewer: String
    public var date: CalendarDate
    /// The dispute that voided it.
    public var disputeID: String
    /// Its score before it was voided.
    public var originalScore: Rational?
}

/// What the disputes of one audit did to its score, for `qakit disputes` (docs/disputes.md).
public struct AuditChange: Sendable {
    public var auditID: String
    public var agent: String
    public var reviewer: String
    public var originalScore: Rational?
    /// The score after every overturn; `nil` also for a voided audit.
    public var score: Rational?
    /// Whether a dispute overturned the whole audit.
    public var isVoid: Bool
}

/// A dispute that applied to an audit of the run (none of its checks failed), with what
/// `qakit disputes` groups it by.
public struct AppliedDispute: Sendable {
    public var dispute: Dispute
    /// The reviewer of the disputed audit: overturn rates are per reviewer.
    public var reviewer: String
    public var agent: String
    public var auditDate: CalendarDate
    /// The disputed audit's scorecard id, for the per-criterion figures.
    public var scorecard: String
}
