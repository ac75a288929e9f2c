#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import QAKit

/// Turns a submitted audit object into the record to store and its score, with the library's
/// decoder and engine (the code `qakit score` and `explain` run), so that the stored line
/// scores the same later (docs/serve.md, "Submitting an audit").
struct AuditIntake: Sendable {
    let scorecards: [Scorecard]
    let versions: ScorecardVersions

    /// Runs not in use: compiling the scorecards for every request cost more than the scoring.
    private let runs = RunPool()

    init(scorecards: [Scorecard]) {
        self.scorecards = scorecards
        versions = ScorecardVersions(scorecards)
    }

    /// A problem of a submitted audit, as `422 {errors: [...]}` lists it.
    struct Problem: Sendable {
        var auditID: String?
        var field: String?
        var message: String
    }

    /// A valid, scored audit and the record to store for it.
    struct Accepted: Sendable {
        var id: String
        /// The stored record: the submitted members, with the generated id and the reviewer.
        var record: [JSONValue.Member]
        var scored: ScoredAudit

        var line: String { JSONValueText.encode(.object(record)) }
    }

    enum Outcome: Sendable {
        case accepted(Accepted)
        case rejected([Problem])
    }

    /// Checks and scores `members`. `reviewer`, the signed-in reviewer, replaces any `reviewer`
    /// member; an absent or blank `audit_id` is generated (`draftID` for a score that is not
    /// stored). `file` names the diagnostics' source.
    func check(_ members: [JSONValue.Member], reviewer: String?, draftID: Bool = false) -> Outcome {
        var record = members
        if let reviewer {
            record.removeAll { $0.key == "reviewer" }
            record.append(.init(key: "reviewer", value: .string(reviewer)))
        }
        if record.first(where: { $0.key == "audit_id" }).map({ Self.isBlank($0.value) }) ?? true {
            record.removeAll { $0.key == "audit_id" }
            record.insert(.init(key: "audit_id", value: .string(draftID ? "draft" : Self.generatedID())), at: 0)
        }
        // An idle run from the pool, its duplicate check emptied: it must not remember other
        // submissions (the store checks ids against the file).
        let run = runs.take() ?? ScoringRun(scorecards: scorecards)
        defer {
            run.forgetAuditIDs()
            runs.give(run)
        }
        switch run.score(object: record, file: "<submitted audit>") {
        case .scored(let scored):
            return .accepted(Accepted(id: scored.audit.id, record: record, scored: scored))
        case .rejected(let diagnostics):
            return .rejected(diagnostics.map { Problem(auditID: $0.auditID, field: $0.field, message: $0.message) })
        }
    }

    private static func isBlank(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    /// `web-YYYYMMDD-xxxxxxxx`: today's date and 32 random bits, so that ids sort by day and two
    /// servers (or a restart) do not collide in practice; the store refuses a repeat anyway.
    static func generatedID() -> String {
        let today = Self.today()
        let stamp = today.description.filter { $0 != "-" }
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt32, radix: 16)
        return "web-\(stamp)-\(String(repeating: "0", count: 8 - random.count))\(random)"
    }

    /// Today in the server's local time zone: the default date of a new audit, and the day whose
    /// scorecard version the form uses.
    static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }

    /// The loaded scorecard ids, each with the index of its version in force today (the latest
    /// when none is: a scorecard whose first version starts later still gets a form).
    func currentScorecards() -> [(id: String, scorecard: Scorecard)] {
        let day = Self.today().daysSince1970
        return versions.ids.indices.map { ordinal in
            let index = versions.inForce(ordinal: ordinal, day: day) ?? versions.latest(ordinal: ordinal)
            return (versions.ids[ordinal], scorecards[index])
        }
    }

    /// The version of scorecard `id` in force today, or `nil` for an id that is not loaded.
    func currentScorecard(id: String) -> Scorecard? {
        currentScorecards().first { $0.id == id }?.scorecard
    }
}

/// Idle `ScoringRun`s, each used by one request at a time; at most `limit` are kept.
final class RunPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [ScoringRun] = []
    let limit = 64

    func take() -> ScoringRun? {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
    }

    func give(_ run: ScoringRun) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < limit { idle.append(run) }
    }
}
