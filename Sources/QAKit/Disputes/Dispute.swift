/// One agent's dispute of an audit, or of one criterion of it, and the QA lead's decision
/// (docs/disputes.md). Read from a dispute file by `DisputeFile`, checked on its own there and
/// against its audit by `DisputeBook`.
public struct Dispute: Sendable {
    /// Where a dispute stands.
    public enum Status: String, Sendable, CaseIterable {
        /// Raised, not decided yet: the audit stands for now.
        case open
        /// Decided: the audit stands.
        case upheld
        /// Decided: the criterion takes `newAnswer`, or the whole audit is void.
        case overturned
    }

    /// Unique across the dispute files of a run.
    public var id: String
    public var auditID: String
    /// The disputed criterion's id; `nil` when the whole audit is disputed.
    public var criterion: String?
    public var raisedBy: String
    public var raisedOn: CalendarDate
    /// The agent's words.
    public var reason: String?
    /// Whether and how a QA lead decided.
    public var status: Status
    /// The answer that replaces the reviewer's, as written; checked against the criterion once
    /// the audit is known. Required for an overturned criterion.
    public var newAnswer: String?
    /// Who decided and when; both set exactly when `status` is not `open`.
    public var decidedBy: String?
    public var decidedOn: CalendarDate?
    /// The decision's reasons.
    public var note: String?
    /// Where the record starts: the file as given and its 1-based line.
    public var file: String
    public var line: Int

    /// Whether a QA lead has decided it (upheld or overturned).
    public var isDecided: Bool { status != .open }

    /// `criterion` as reports show it: the id, or `(audit)` for a dispute of the whole audit.
    public var subject: String { criterion ?? "(audit)" }

    /// `file:line`, for messages that point at an earlier record.
    public var location: String { "\(file):\(line)" }
}
