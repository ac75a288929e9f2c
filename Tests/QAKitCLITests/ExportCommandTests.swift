import Foundation
import Testing

/// `qakit export` run as a user would, on the six-audit fixture of `ScoreCommandTests`
/// (Fixtures/score), whose scores are worked out by hand there.
@Suite("qakit export")
struct ExportCommandTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("score")
    static let scorecards = directory.appendingPathComponent("scorecards").path

    private func export(_ file: String = "audits.csv", _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["export", "-s", Self.scorecards, Self.directory.appendingPathComponent(file).path] + arguments)
    }

    /// The records of CSV text, RFC 4180 (quoted cells may hold commas, quotes and line breaks).
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let character = characters.popFirst() {
            switch (quoted, character) {
            case (true, "\""):
                if characters.first == "\"" { cell.unicodeScalars.append(characters.removeFirst()) } else { quoted = false }
            case (true, _): cell.unicodeScalars.append(character)
            case (false, "\""): quoted = true
            case (false, ","): row.append(cell); cell = ""
            case (false, "\n"): row.append(cell); rows.append(row); row = []; cell = ""
            default: cell.unicodeScalars.append(character)
            }
        }
        return rows
    }

    /// Six audits × the seven criteria of `support` = 42 rows, calibration audits included.
    @Test func oneRowPerAuditAndCriterion() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let target = directory.appendingPathComponent("export.csv")
        let output = try export("audits.csv", "-o", target.path)
        #expect(output.status == 0)
        let bytes = try Data(contentsOf: target)
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("audit_id,interaction_id,agent,team,reviewer,date,scorecard,scorecard_version,section,criterion,type,answer,credit,weight,scored,points_lost,failed_critical,comment,score,passed,calibration,audit_comment,ticket_type\n"))
        #expect(output.standardError == "qakit: exported 6 audits as 42 rows; rejected 0\n")
        let rows = Self.rows(text)
        #expect(rows.count == 43)
        #expect(rows.filter { $0.first == "S-5" || $0.first == "S-6" }.count == 14)
    }

    /// S-2, worked out by hand (the scores are in ScoreCommandTests): the counted regular
    /// sections are opening (W 1: greeting only, verified is N/A), resolution (W 2: outcome,
    /// accuracy, refund_terms, which applies to a refund ticket) and tone (W 1): ΣW = 4.
    /// - greeting no: 100 · 1/4 · 1/1 · (1 − 0) = 25
    /// - outcome partial: 100 · 2/4 · 1/3 · (1 − 0.5) = 8.3333…
    /// - accuracy 7.5 of 10: 100 · 2/4 · 1/3 · (1 − 0.75) = 4.1666… → 4.1667
    /// - refund_terms yes: 0; empathy 3 of 1..5 (credit 0.5): 100 · 1/4 · 1/1 · 0.5 = 12.5
    /// Together 50 points lost: the audit's score, 50.00.
    @Test func pointsLostPerCriterion() throws {
        let output = try export()
        let s2 = Self.rows(output.standardOutput).filter { $0.first == "S-2" }
        // criterion, answer, credit, scored, points_lost
        let figures = s2.map { [$0[9], $0[11], $0[12], $0[14], $0[15]] }
        #expect(figures == [
            ["greeting", "no", "0", "true", "25"],
            ["verified", "na", "", "false", ""],
            ["outcome", "partial", "0.5", "true", "8.3333"],
            ["accuracy", "7.5", "0.75", "true", "4.1667"],
            ["refund_terms", "yes", "1", "true", "0"],
            ["empathy", "3", "0.5", "true", "12.5"],
            ["proactive", "", "", "false", ""],
        ])
        #expect(Set(s2.map { $0[18] }) == ["50.00"])
        #expect(s2.first?[3] == "Team A")
        #expect(s2.first?[22] == "refund")
    }

    /// S-4: accuracy 0 fails its section (critical: section), so that row says failed_critical.
    @Test func criticalFailureIsMarked() throws {
        let output = try export()
        let accuracy = try #require(Self.rows(output.standardOutput).first { $0.first == "S-4" && $0[9] == "accuracy" })
        #expect(accuracy[16] == "true")
        #expect(accuracy[17] == "Promised a refund we do not offer")
    }

    /// JSON Lines: the same rows as objects, numbers as numbers, null where CSV is empty.
    @Test func jsonLines() throws {
        let output = try export("audits.csv", "--format", "jsonl")
        #expect(output.status == 0)
        let objects = try output.standardOutput.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 42)
        let verified = try #require(objects.first { $0["audit_id"] as? String == "S-2" && $0["criterion"] as? String == "verified" })
        #expect(verified["answer"] as? String == "na")
        #expect(verified["credit"] is NSNull)
        #expect(verified["ticket_type"] as? String == "refund")
        let empathy = try #require(objects.first { $0["audit_id"] as? String == "S-2" && $0["criterion"] as? String == "empathy" })
        #expect(empathy["answer"] as? Int == 3)
        #expect(empathy["points_lost"] as? Double == 12.5)
    }

    /// `--from/--to` keep audits dated within the range, both ends included: S-3 (09-01) and
    /// S-4 (09-15) of the fixture.
    @Test func dateRange() throws {
        let output = try export("audits.csv", "--from", "2026-09-01", "--to", "2026-09-15")
        #expect(output.status == 0)
        #expect(Set(Self.rows(output.standardOutput).dropFirst().map { $0[0] }) == ["S-3", "S-4"])
    }

    /// Cells a spreadsheet would run are neutralised; numbers, negative ones included, are not.
    @Test func spreadsheetSafeCells() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let audits = directory.appendingPathComponent("audits.csv")
        try """
        audit_id,interaction_id,agent,reviewer,date,team,ticket_type,offset,greeting,verified,outcome,accuracy,empathy,comment
        X-1,I-1,"=HYPERLINK(""http://x"")",Rev,2026-08-03,@team,general,-2.5,yes,yes,resolved,10,5,+1 call me

        """.write(to: audits, atomically: true, encoding: .utf8)
        let output = try QAKitProcess.run(["export", "-s", Self.scorecards, audits.path])
        #expect(output.status == 0)
        let first = try #require(output.standardOutput.split(separator: "\n").dropFirst().first)
        #expect(first.hasPrefix("X-1,I-1,\"'=HYPERLINK(\"\"http://x\"\")\",'@team,Rev,"))
        #expect(first.hasSuffix(",'+1 call me,general,-2.5"))
    }

    /// A run that exports nothing leaves an existing output file as it was and exits 1.
    @Test func nothingToExportKeepsTheOldFile() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let target = directory.appendingPathComponent("export.csv")
        try "old report\n".write(to: target, atomically: true, encoding: .utf8)
        let output = try export("audits.csv", "--from", "2030-01-01", "-o", target.path)
        #expect(output.status == 1)
        #expect(output.standardError.contains("no audits to export"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "old report\n")
    }
}
