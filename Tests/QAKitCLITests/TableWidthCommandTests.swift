import Foundation
import Testing

/// Tables printed to a pipe or a file: every column as wide as its widest cell, nothing cut
/// (a band called `Excellent` used to print as `Excelle…`).
@Suite("table widths")
struct TableWidthCommandTests {
    /// The name-variant fixture's five audits (scores worked out in `NameVariantCommandTests`):
    /// AUDIT is 5 wide (heading), AGENT 12 (`Sofia  Reyes`), SCORE 6 (`100.00`), BAND 9 (`Excellent`).
    @Test func perAuditTableFitsItsContent() throws {
        let output = try QAKitProcess.run(["score", "-s", NameVariantCommandTests.scorecards,
                                           NameVariantCommandTests.directory.appendingPathComponent("audits.csv").path])
        #expect(output.status == 0)
        #expect(output.standardOutput == """
            AUDIT AGENT        SCORECARD DATE        SCORE RESULT BAND
            ----- ------------ --------- ---------- ------ ------ ---------
            V-1   Sofia Reyes  pair      2026-03-02 100.00 pass   Excellent
            V-2   sofia reyes  pair      2026-03-09  50.00 pass   Fine
            V-3   Sofia  Reyes pair      2026-04-01   0.00 FAIL   Fine
            V-4   Tom Becker   pair      2026-04-02 100.00 pass   Excellent
            V-5   Tom Becker   pair      2026-04-02  50.00 pass   Fine

            """)
    }

    /// The bundled examples: the band `Needs improvement` (17 characters) and every agent name
    /// print in full, in the per-audit table and written to a file alike.
    @Test func bundledExamplesAreNotCut() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("scores.txt")
        let output = try QAKitProcess.run(["score", "examples/audits.csv", "-o", file.path], in: QAKitProcess.packageRoot)
        #expect(output.status == 0)
        let table = try String(contentsOf: file, encoding: .utf8)
        #expect(table.contains(" Needs improvement\n"))
        #expect(!table.contains("…"))
        let lines = table.split(separator: "\n")
        #expect(Set(lines.map(\.count)).count > 1, "the last column is not padded")
        #expect(lines[1].split(separator: " ").map(\.count) == [8, 15, 13, 10, 6, 6, 17])
    }

    /// An aggregate key longer than the old 34-character column prints in full.
    @Test func aggregateTableFitsItsContent() throws {
        let output = try QAKitProcess.run(["score", "-s", ScoreCommandTests.scorecards,
                                           ScoreCommandTests.directory.appendingPathComponent("audits.csv").path,
                                           "--by", "reviewer,agent,ticket_type,team"])
        #expect(output.status == 0)
        // S-1: Rev One/Ana/general/Team A; S-2: Rev Two/Ana/refund/Team A; S-3: Rev One/Ben/general/Team B
        // (auto-fail, 0); S-4: Rev Two/Ben/general/Team B (62.50).
        #expect(output.standardOutput == """
            REVIEWER AGENT TICKET_TYPE TEAM   AUDITS   MEAN PASS RATE AUTO-FAILS
            -------- ----- ----------- ------ ------ ------ --------- ----------
            Rev One  Ana   general     Team A      1 112.50    100.0%          0
            Rev One  Ben   general     Team B      1   0.00      0.0%          1
            Rev Two  Ana   refund      Team A      1  50.00      0.0%          0
            Rev Two  Ben   general     Team B      1  62.50      0.0%          0

            """)
    }
}
