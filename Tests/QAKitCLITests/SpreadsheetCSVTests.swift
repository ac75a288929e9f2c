import Foundation
import Testing

/// `--excel` (docs/output-files.md): a UTF-8 byte-order mark, and a `'` before any text cell a
/// spreadsheet would run as a formula, in every CSV that `score` writes.
@Suite("--excel CSV for spreadsheets")
struct SpreadsheetCSVTests {
    /// Cells that start with `=`, `+`, `-` (not a number), `@`, a number `-3.5` that must stay
    /// as it is, and `a;=1`, which a spreadsheet splitting on `;` would make a formula.
    ///
    /// Scores (tiny.yaml, one section, equal weights): X-1 answers yes, 10 of 10, tone 5 →
    /// (1 + 1 + (5−1)/4) / 3 = 100.00, passed; X-2 answers no, 5 of 10, tone unanswered and so
    /// left out → (0 + 0.5) / 2 = 25.00, failed (pass mark 80). No bands, so `band` is empty.
    static let csv = """
        audit_id,interaction_id,agent,reviewer,date,team,channel,note,greeting,accuracy,tone
        X-1,T-1,=1+2,+Rev,2026-08-03,-2+3,@SUM(A1),-3.5,yes,10,5
        X-2,T-2,Ana,Rev Two,2026-08-04,Team A,a;=1,,no,5,

        """
    /// The same audits as JSON Lines, which take the general path rather than the CSV byte path.
    static let jsonLines = """
        {"audit_id": "X-1", "interaction_id": "T-1", "agent": "=1+2", "reviewer": "+Rev", "date": "2026-08-03", "team": "-2+3", "channel": "@SUM(A1)", "note": -3.5, "answers": {"greeting": "yes", "accuracy": 10, "tone": 5}}
        {"audit_id": "X-2", "interaction_id": "T-2", "agent": "Ana", "reviewer": "Rev Two", "date": "2026-08-04", "team": "Team A", "channel": "a;=1", "answers": {"greeting": "no", "accuracy": 5}}

        """
    static let header = "audit_id,interaction_id,agent,reviewer,date,scorecard,scorecard_version,score,raw_score,passed,auto_failed,band,calibration,team,channel,note,section:main\n"

    @Test("per-audit CSV, read from CSV and from JSON Lines", arguments: ["audits.csv", "audits.jsonl"])
    func perAudit(_ input: String) throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.csv, to: "audits.csv")
        try workspace.write(Self.jsonLines, to: "audits.jsonl")
        // Read as bytes: Foundation drops a byte-order mark when it decodes a file as a String.
        let excel = try workspace.run(["score", "-s", "scorecards", input, "--format", "csv", "--excel", "-o", "scores.csv"])
        #expect(excel.status == 0, "\(excel.standardError)")
        #expect(try Data(contentsOf: workspace.url("scores.csv")) == Data(("\u{FEFF}" + Self.header + """
            X-1,T-1,'=1+2,'+Rev,2026-08-03,tiny,1,100.00,100.00,true,false,,false,'-2+3,'@SUM(A1),-3.5,100.00
            X-2,T-2,Ana,Rev Two,2026-08-04,tiny,1,25.00,25.00,false,false,,false,Team A,"a;=1",,25.00

            """).utf8))
        let plain = try workspace.run(["score", "-s", "scorecards", input, "--format", "csv"])
        #expect(plain.standardOutput == Self.header + """
            X-1,T-1,=1+2,+Rev,2026-08-03,tiny,1,100.00,100.00,true,false,,false,-2+3,@SUM(A1),-3.5,100.00
            X-2,T-2,Ana,Rev Two,2026-08-04,tiny,1,25.00,25.00,false,false,,false,Team A,a;=1,,25.00

            """)
    }

    /// The key cell of the aggregate CSV goes through the same cell writer: `=1+2` gets its `'`,
    /// the number `-3.5` does not. (Only the key cell is checked: the other columns are not this
    /// option's business.)
    @Test("--by CSV", arguments: [("agent", "'=1+2,"), ("note", "-3.5,"), ("team", "'-2+3,")])
    func aggregates(_ key: String, _ firstCell: String) throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.csv, to: "audits.csv")
        let output = try workspace.run(["score", "-s", "scorecards", "audits.csv", "--by", key, "--format", "csv", "--excel", "-o", "by.csv"])
        #expect(output.status == 0, "\(output.standardError)")
        let bytes = try Data(contentsOf: workspace.url("by.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.split(separator: "\n").dropFirst().contains { $0.hasPrefix(firstCell) }, "\(text)")
    }

    @Test("--excel without CSV is a usage error")
    func excelNeedsCSV() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.csv, to: "audits.csv")
        let output = try workspace.run(["score", "-s", "scorecards", "audits.csv", "--format", "jsonl", "--excel"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--excel shapes CSV only; add --format csv"), "\(output.standardError)")
    }
}
