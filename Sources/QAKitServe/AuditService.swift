import QAKit

/// What the routes share: the scorecards, the audit file and who may sign in.
final class AuditService: Sendable {
    let intake: AuditIntake
    let store: AuditStore
    let credentials: Credentials

    init(intake: AuditIntake, store: AuditStore, credentials: Credentials) {
        self.intake = intake
        self.store = store
        self.credentials = credentials
    }

    enum SubmitOutcome: Sendable {
        case stored(AuditIntake.Accepted)
        case rejected([AuditIntake.Problem])
        case duplicate(String)
        case unavailable(String)
    }

    static func duplicateMessage(_ id: String) -> String {
        "duplicate audit_id '\(id)': the audit file already holds an audit with this id; nothing was stored"
    }

    /// Validates, scores and stores one audit; `.stored` only once its line is on disk.
    func submit(_ members: [JSONValue.Member], reviewer: String?) async -> SubmitOutcome {
        switch intake.check(members, reviewer: reviewer) {
        case .rejected(let problems):
            return .rejected(problems)
        case .accepted(let accepted):
            switch await store.append(id: accepted.id, line: Array(accepted.line.utf8), summary: Self.summary(accepted)) {
            case .stored: return .stored(accepted)
            case .duplicate: return .duplicate(accepted.id)
            case .unavailable(let message): return .unavailable(message)
            }
        }
    }

    static func summary(_ accepted: AuditIntake.Accepted) -> AuditStore.Summary {
        let audit = accepted.scored.audit
        let result = accepted.scored.result
        return .init(auditID: audit.id, reviewer: audit.reviewer, agent: audit.agent,
                     scorecard: "\(accepted.scored.scorecard.id) v\(accepted.scored.scorecard.version)", date: audit.date.description,
                     score: result.roundedScore?.formatted() ?? "-")
    }

    /// The recent-list summary of a stored line, scored again (`nil` for a line that no longer
    /// validates, e.g. after a scorecard change).
    static func summarize(_ line: [UInt8], intake: AuditIntake) -> AuditStore.Summary? {
        guard case .object(let members)? = try? JSONParser().parse(line),
              case .accepted(let accepted) = intake.check(members, reviewer: nil) else { return nil }
        return summary(accepted)
    }

    /// `GET /api/audits`'s filter; every bound optional, dates inclusive.
    struct Filter {
        var reviewer: String?
        var from: CalendarDate?
        var to: CalendarDate?
        var auditID: String?

        func matches(_ record: JSONValue) -> Bool {
            if let reviewer, record["reviewer"] != .string(reviewer) { return false }
            if let auditID, AuditStore.auditID(record) != auditID { return false }
            if from != nil || to != nil {
                guard case .string(let text)? = record["date"], let date = CalendarDate.parse(text) else { return false }
                if let from, date < from { return false }
                if let to, date > to { return false }
            }
            return true
        }
    }

    /// The stored lines (as written, each one JSON object) that pass `filter`, in file order.
    func storedAudits(_ filter: Filter) throws -> [String] {
        var lines: [String] = []
        let parser = JSONParser()
        do {
            try LineReader.forEachLine(path: store.path) { line in
                guard let record = try? parser.parse(line), case .object = record, filter.matches(record) else { return }
                lines.append(String(decoding: line, as: UTF8.self))
            }
        } catch {
            throw ServeError(.internalServerError, "cannot read the audit file: \(error)")
        }
        return lines
    }

    /// Every valid audit of the file, scored as `qakit score` would, and how many lines were rejected.
    func scoredAudits(_ body: (ScoredAudit) -> Void) -> (rejected: Int, problem: String?) {
        let run = ScoringRun(scorecards: intake.scorecards)
        do {
            var source = try JSONLinesAuditSource(path: store.path, decoder: run.decoder)
            try run.run(&source, scored: body, report: { _ in })
            return (run.rejectedCount, nil)
        } catch let error as InputError {
            return (run.rejectedCount, error.message)
        } catch {
            return (run.rejectedCount, "\(error)")
        }
    }

    /// The management report of the current file (`qakit report`'s HTML), or why there is none.
    func reportHTML() -> (html: String?, note: String?) {
        let tally = ReportTally(scorecards: intake.scorecards)
        let outcome = scoredAudits(tally.add)
        guard tally.audits + tally.calibrationAudits > 0 else { return (nil, outcome.problem ?? "no audits in the file yet") }
        return (ReportHTML.render(ReportFigures(tally: tally)), Self.rejectionNote(outcome.rejected))
    }

    /// The coaching notes of every agent in the current file (`qakit coach --format html`).
    func coachingHTML() -> (html: String?, note: String?) {
        var tally = CoachingTally(scorecards: intake.scorecards)
        let outcome = scoredAudits { tally.add($0) }
        guard let analysis = CoachingAnalysis(tally: tally) else {
            return (nil, outcome.problem ?? "no non-calibration audits in the file yet")
        }
        let agents = analysis.agentNames.compactMap { analysis.coaching(for: $0) }
        return (CoachingHTML.render(agents), Self.rejectionNote(outcome.rejected))
    }

    private static func rejectionNote(_ rejected: Int) -> String? {
        rejected == 0 ? nil : "\(rejected) line\(rejected == 1 ? "" : "s") of the file did not validate and are left out (qakit score on the file lists them)"
    }
}
