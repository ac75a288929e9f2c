/// What `qakit disputes` reports (docs/disputes.md, "qakit disputes"): the open disputes with
/// their age, overturn rates per reviewer and per criterion, the score change per audit, and the
/// reviewers whose overturn rate makes them a calibration topic.
public struct DisputeFigures: Sendable {
    /// An open dispute and how long it has waited.
    public struct OpenDispute: Sendable {
        public var disputeID: String
        public var auditID: String
        public var criterion: String?
        public var raisedOn: CalendarDate
        /// Days from `raisedOn` to the report's as-of date.
        public var ageDays: Int
    }

    /// Disputes of one reviewer's audits, or of one criterion.
    public struct Rate: Sendable {
        /// The reviewer; for a criterion, the criterion's id (`nil`: disputes of whole audits).
        public var key: String?
        /// For a criterion, its scorecard's id.
        public var scorecard: String?
        public var disputes: Int
        public var decided: Int
        public var overturned: Int
        /// overturned ÷ decided; `nil` when none is decided.
        public var overturnRate: Rational? {
            decided == 0 ? nil : Rational(Int128(overturned), Int128(decided))
        }
        /// For a reviewer: at least `calibrationMinimumDecided` decided disputes and an overturn
        /// rate above `calibrationOverturnRate`.
        public var isCalibrationTopic: Bool {
            decided >= DisputeFigures.calibrationMinimumDecided && (overturnRate ?? .zero) > DisputeFigures.calibrationOverturnRate
        }
    }

    /// The score change of all of an audit's overturns together.
    public struct ScoreChange: Sendable {
        public var auditID: String
        public var originalScore: Rational?
        /// `nil` for a voided audit, or one left without a score.
        public var score: Rational?
        /// score − original score, exact (rounded only when written); `nil` when either is missing.
        public var delta: Rational? {
            guard let score, let originalScore else { return nil }
            return score - originalScore
        }
        /// Whether a dispute overturned the whole audit.
        public var isVoid: Bool
    }

    /// A reviewer with at least this many decided disputes …
    public static let calibrationMinimumDecided = 5
    /// … and an overturn rate above this is a calibration topic.
    public static let calibrationOverturnRate = Rational(1, 4)

    /// The day ages are counted to.
    public var asOf: CalendarDate?
    /// Oldest first; same-day disputes in reading order.
    public var open: [OpenDispute]
    /// Sorted by reviewer.
    public var reviewers: [Rate]
    /// Sorted by scorecard, then criterion (whole-audit disputes first).
    public var criteria: [Rate]
    /// The audits with at least one overturn, in the order they were read.
    public var audits: [ScoreChange]
    /// The audits overturned as a whole, in the order they were read.
    public var voided: [VoidedAudit]

    /// The reviewers who are a calibration topic: at least `calibrationMinimumDecided` decided
    /// disputes and an overturn rate above `calibrationOverturnRate`.
    public var calibrationTopics: [Rate] {
        reviewers.filter(\.isCalibrationTopic)
    }

    /// The figures of a finished run's disputes. `asOf` defaults to the latest of
    /// `latestAuditDate` and every dispute's `raised_on` and `decided_on`.
    public init(book: DisputeBook, latestAuditDate: CalendarDate?, asOf: CalendarDate? = nil) {
        let dates = book.disputes.flatMap { [$0.raisedOn] + ($0.decidedOn.map { [$0] } ?? []) } + (latestAuditDate.map { [$0] } ?? [])
        let asOf = asOf ?? dates.max()
        self.asOf = asOf
        let applied = book.applied
        open = applied.enumerated().filter { $0.element.dispute.status == .open }
            .sorted { ($0.element.dispute.raisedOn, $0.offset) < ($1.element.dispute.raisedOn, $1.offset) }
            .map { item in
                let dispute = item.element.dispute
                return OpenDispute(disputeID: dispute.id, auditID: dispute.auditID, criterion: dispute.criterion, raisedOn: dispute.raisedOn,
                                   ageDays: (asOf?.daysSince1970 ?? dispute.raisedOn.daysSince1970) - dispute.raisedOn.daysSince1970)
            }
        reviewers = Self.rates(applied) { ($0.reviewer, nil) }.sorted { ($0.key ?? "") < ($1.key ?? "") }
        criteria = Self.rates(applied) { ($0.dispute.criterion, $0.scorecard) }
            .sorted { ($0.scorecard ?? "", $0.key ?? "") < ($1.scorecard ?? "", $1.key ?? "") }
        let overturnedAudits = Set(applied.filter { $0.dispute.status == .overturned }.map(\.dispute.auditID))
        audits = book.changes.filter { overturnedAudits.contains($0.auditID) }
            .map { ScoreChange(auditID: $0.auditID, originalScore: $0.originalScore, score: $0.score, isVoid: $0.isVoid) }
        voided = book.voided
    }

    /// Overturn rates per reviewer over the disputes of audits inside `filter` (the report's
    /// reviewers table); a reviewer without a decided dispute has none.
    public static func overturnRates(_ book: DisputeBook, filter: PeriodFilter) -> [String: Rational] {
        var rates: [String: Rational] = [:]
        for rate in Self.rates(book.applied.filter { filter.contains($0.auditDate) }, key: { ($0.reviewer, nil) }) {
            if let key = rate.key, let value = rate.overturnRate { rates[key] = value }
        }
        return rates
    }

    /// Counts per key, in first-seen order.
    private static func rates(_ applied: [AppliedDispute], key: (AppliedDispute) -> (String?, String?)) -> [Rate] {
        var rates: [Rate] = []
        var index: [String: Int] = [:]
        for item in applied {
            let (name, scorecard) = key(item)
            let joined = "\(scorecard ?? "")\u{0}\(name ?? "\u{1}")"
            let position = index[joined] ?? {
                rates.append(Rate(key: name, scorecard: scorecard, disputes: 0, decided: 0, overturned: 0))
                index[joined] = rates.count - 1
                return rates.count - 1
            }()
            rates[position].disputes += 1
            if item.dispute.isDecided { rates[position].decided += 1 }
            if item.dispute.status == .overturned { rates[position].overturned += 1 }
        }
        return rates
    }
}
