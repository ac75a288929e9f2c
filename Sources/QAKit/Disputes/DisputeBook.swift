/// The disputes of a run, applied to their audits as the audits are scored (docs/disputes.md).
///
/// Reading a dispute file checks each record on its own and the ids across files; the checks
/// that need the audit (its scorecard's criteria, the answer a criterion takes, its date, an
/// earlier decision on the same criterion) run when the audit is met, so that audits still
/// stream. Every problem is a located error and its dispute does not apply; `finish` adds one
/// for each dispute whose audit no input had. Only disputed audits are remembered.
public final class DisputeBook {
    /// The disputes that passed the record checks, in reading order (files as given, then lines).
    public let disputes: [Dispute]
    /// Every problem found so far, and the warnings of the files.
    public private(set) var problems: [Diagnostic]
    /// The disputes that applied to an audit of the run, in the order their audits were met.
    public private(set) var applied: [AppliedDispute] = []
    /// Per disputed audit met: its score before and after its overturns.
    public private(set) var changes: [AuditChange] = []
    /// The audits that a dispute voided, in the order met.
    public private(set) var voided: [VoidedAudit] = []

    /// Indices into `disputes` per audit id, in reading order.
    private let byAudit: [String: [Int]]
    /// A 64-bit FNV-1a hash of each disputed audit id: the CSV row path asks with the id's
    /// bytes, without making a string.
    private let fingerprints: Set<UInt64>
    /// One bit per value of a fingerprint's low `filterBits` bits, set for every disputed id:
    /// most rows are turned away by one load, before the set is asked. 32 KB, so that it stays in
    /// the first-level cache: a larger filter cost a cache miss per row (measured: 150 ns).
    private let filter: [UInt64]
    private static let filterBits = 18
    private var met: Set<String> = []

    /// Reads every file in order.
    ///
    /// - Throws: `InputError` (unreadable) for the first file that cannot be read at all.
    public convenience init(files: [String]) throws(InputError) {
        var disputes: [Dispute] = []
        var problems: [Diagnostic] = []
        for file in files {
            let read = try DisputeFile.read(path: file)
            disputes += read.disputes
            problems += read.problems
        }
        self.init(disputes: disputes, problems: problems)
    }

    /// Takes disputes in reading order; a repeated `dispute_id` is an error at the later record,
    /// which does not apply (docs/disputes.md, "Recording a decision").
    public init(disputes: [Dispute], problems: [Diagnostic] = []) {
        var kept: [Dispute] = []
        var problems = problems
        var first: [String: Dispute] = [:]
        for dispute in disputes {
            if let earlier = first[dispute.id] {
                problems.append(Self.error(dispute, "duplicate dispute_id '\(dispute.id)': \(earlier.location) has it already; "
                    + "record a decision by editing that record's status, decided_by and decided_on"))
                continue
            }
            first[dispute.id] = dispute
            kept.append(dispute)
        }
        self.disputes = kept
        self.problems = problems
        var byAudit: [String: [Int]] = [:]
        for (index, dispute) in kept.enumerated() { byAudit[dispute.auditID, default: []].append(index) }
        self.byAudit = byAudit
        fingerprints = Set(byAudit.keys.map { id in
            var id = id
            return id.withUTF8(Self.fingerprint)
        })
        var filter = [UInt64](repeating: 0, count: 1 << (Self.filterBits - 6))
        for fingerprint in fingerprints {
            let slot = Int(truncatingIfNeeded: fingerprint & (1 << Self.filterBits - 1))
            filter[slot >> 6] |= 1 << UInt64(slot & 63)
        }
        self.filter = filter
    }

    /// Whether any dispute names the audit whose id these bytes are (may be wrong only by
    /// saying yes: a hash collision sends a record to the general path, which looks it up exactly).
    @inline(__always) func mayBeDisputed(id bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let fingerprint = Self.fingerprint(bytes)
        let slot = Int(truncatingIfNeeded: fingerprint & (1 << Self.filterBits - 1))
        guard filter[slot >> 6] & (1 << UInt64(slot & 63)) != 0 else { return false }
        return fingerprints.contains(fingerprint)
    }

    @inline(__always) static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// What the disputes of an audit decide.
    public enum Outcome {
        /// The audit with every overturned criterion's new answer, and its disputes.
        case amended(Audit, [AuditDisputes.Entry])
        /// Overturned as a whole by this dispute.
        case void(Dispute)
    }

    /// Checks the audit's disputes against it, in reading order, and applies those that pass;
    /// `nil` when no dispute names it. `scorecard` is the version the audit was scored with.
    public func resolve(_ audit: Audit, scorecard: Scorecard) -> Outcome? {
        guard let indices = byAudit[audit.id] else { return nil }
        met.insert(audit.id)
        if audit.isCalibration {
            for index in indices {
                problems.append(Self.error(disputes[index], "field 'audit_id': audit '\(audit.id)' is a calibration audit, which measures the "
                    + "reviewer and counts in no agent's score, so no dispute changes it"))
            }
            return nil
        }
        var amended = audit
        var entries: [AuditDisputes.Entry] = []
        var voidedBy: Dispute?
        /// The first decided dispute per criterion (`""`: the whole audit), to compare later ones with.
        var decisions: [String: (dispute: Dispute, answer: Answer?)] = [:]
        let criteria = scorecard.criteria
        for index in indices {
            let dispute = disputes[index]
            var criterionIndex: Int?
            var newAnswer: Answer?
            var failures: [String] = []
            if let id = dispute.criterion {
                criterionIndex = criteria.firstIndex { $0.criterion.id == id }
                if let criterionIndex {
                    let criterion = criteria[criterionIndex].criterion
                    if let raw = dispute.newAnswer {
                        do {
                            newAnswer = try AnswerParser.parse(raw, for: criterion)
                        } catch {
                            failures.append("field 'new_answer': " + Self.describe(error, value: raw, criterion: criterion))
                        }
                    }
                } else {
                    failures.append("field 'criterion': scorecard '\(scorecard.id)' version \(scorecard.version), which scored audit "
                        + "'\(audit.id)', has no criterion '\(id)'\(Suggestion.hint(for: id, among: criteria.map(\.criterion.id)))")
                }
            }
            if dispute.raisedOn < audit.date {
                failures.append("field 'raised_on': \(dispute.raisedOn) is before the audit's date \(audit.date)")
            }
            if let decided = dispute.decidedOn, decided < audit.date {
                failures.append("field 'decided_on': \(decided) is before the audit's date \(audit.date)")
            }
            let key = dispute.criterion ?? ""
            if failures.isEmpty, dispute.isDecided, let earlier = decisions[key],
               earlier.dispute.status != dispute.status || (dispute.status == .overturned && earlier.answer != newAnswer) {
                let what = dispute.criterion.map { "criterion '\($0)' of audit '\(audit.id)'" } ?? "the whole of audit '\(audit.id)'"
                failures.append("it decides \(what) differently from dispute '\(earlier.dispute.id)' (\(earlier.dispute.location), "
                    + "\(Self.decision(earlier.dispute))); the earlier decision stands")
            }
            guard failures.isEmpty else {
                problems.append(Self.error(dispute, failures.joined(separator: "; ")))
                continue
            }
            if dispute.isDecided, decisions[key] == nil { decisions[key] = (dispute, newAnswer) }
            let original = criterionIndex.flatMap { audit.answers[$0] }
            let applies = dispute.status == .overturned
            entries.append(AuditDisputes.Entry(disputeID: dispute.id, criterion: dispute.criterion, criterionIndex: criterionIndex,
                                               status: dispute.status, originalAnswer: original, newAnswer: applies ? newAnswer : nil))
            if applies {
                if let criterionIndex { amended.answers[criterionIndex] = newAnswer } else if voidedBy == nil { voidedBy = dispute }
            }
            applied.append(AppliedDispute(dispute: dispute, reviewer: audit.reviewer, agent: audit.agent, auditDate: audit.date,
                                          scorecard: scorecard.id))
        }
        if let voidedBy { return .void(voidedBy) }
        return .amended(amended, entries)
    }

    /// Notes what the disputes did to an audit's score: its score before them and after them
    /// (`amended` `nil` for a voided audit). Takes the scores, not the scoring result, so that
    /// Disputes does not depend on Scoring (docs/disputes.md).
    func note(_ audit: Audit, original: Rational?, amended: Rational?, voidedBy: Dispute?) {
        changes.append(AuditChange(auditID: audit.id, agent: audit.agent, reviewer: audit.reviewer, originalScore: original,
                                   score: amended, isVoid: voidedBy != nil))
        if let voidedBy {
            voided.append(VoidedAudit(auditID: audit.id, agent: audit.agent, reviewer: audit.reviewer, date: audit.date,
                                      disputeID: voidedBy.id, originalScore: original))
        }
    }

    /// Adds an error for every dispute whose audit was not met: rejected (the decoder saw its
    /// id) or in no input, with a did-you-mean among the ids the decoder saw. Call once, after
    /// the last input; the problems are then sorted by file and line.
    public func finish(decoder: AuditDecoder) {
        for dispute in disputes where !met.contains(dispute.auditID) {
            if decoder.hasSeen(id: dispute.auditID) {
                problems.append(Self.error(dispute, "audit '\(dispute.auditID)' was rejected (see its errors), so there is no score to change"))
            } else {
                let hint = Self.nearbyID(dispute.auditID, among: decoder).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(Self.error(dispute, "field 'audit_id': no audit '\(dispute.auditID)' in the inputs\(hint)"))
            }
        }
        problems.sort()
    }

    /// Whether some problem is an error (the run then exits 1).
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// An id one edit away from `id` (case aside) that the decoder saw: a look-up per variant, so
    /// no list of the run's ids is kept.
    static func nearbyID(_ id: String, among decoder: AuditDecoder) -> String? {
        let characters = Array(id)
        var alphabet = Set(characters)
        alphabet.formUnion("0123456789-_")
        alphabet.formUnion(characters.flatMap { [Character($0.uppercased()), Character($0.lowercased())] })
        var variants = [id.uppercased(), id.lowercased()]
        for index in characters.indices {
            var deleted = characters
            deleted.remove(at: index)
            variants.append(String(deleted))
            if index + 1 < characters.count {
                var swapped = characters
                swapped.swapAt(index, index + 1)
                variants.append(String(swapped))
            }
        }
        for index in 0...characters.count {
            for character in alphabet.sorted() {
                var inserted = characters
                inserted.insert(character, at: index)
                variants.append(String(inserted))
                if index < characters.count, characters[index] != character {
                    var replaced = characters
                    replaced[index] = character
                    variants.append(String(replaced))
                }
            }
        }
        return variants.first { $0 != id && decoder.hasSeen(id: $0) }
    }

    private static func decision(_ dispute: Dispute) -> String {
        switch dispute.status {
        case .overturned: dispute.newAnswer.map { "overturned to '\($0)'" } ?? "overturned"
        case .upheld: "upheld"
        case .open: "open"
        }
    }

    static func error(_ dispute: Dispute, _ message: String) -> Diagnostic {
        Diagnostic(.error, "dispute '\(dispute.id)' does not apply: \(message)", file: dispute.file, line: dispute.line)
    }

    private static func describe(_ problem: AnswerParser.Problem, value: String, criterion: Criterion) -> String {
        switch problem {
        case .notApplicableNotAllowed:
            "'\(value)': N/A is not allowed for '\(criterion.id)' (its scorecard entry does not set na: true)"
        case .invalid(let expected):
            "'\(value)' is not a valid answer for \(criterion.kind.name) criterion '\(criterion.id)'; it takes \(expected)"
        }
    }
}
