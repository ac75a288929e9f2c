import Foundation
import Testing

/// The per-audit CSV's columns (docs/output-files.md): the scalar fields, `team`, then every other
/// metadata field of the inputs in first-seen order, then the sections.
@Suite("Per-audit CSV columns")
struct PerAuditColumnsTests {
    /// Scores (tiny.yaml, one section, equal weights, pass mark 80):
    /// - M-1: yes, 10 of 10, tone 5 → (1 + 1 + 1) / 3 = 100.00, passed.
    /// - M-2: yes, 8 of 10, tone 3 → (1 + 0.8 + (3−1)/4) / 3 = 2.3 / 3 = 76.666… → 76.67, failed.
    /// - M-3: no, 0 of 10, tone unanswered → (0 + 0) / 2 = 0.00, failed.
    @Test("a CSV and a JSON Lines input with different metadata")
    func unionInFirstSeenOrder() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            audit_id,interaction_id,agent,reviewer,date,channel,team,greeting,accuracy,tone
            M-1,T-1,Ana,Rev,2026-08-03,chat,Team A,yes,10,5

            """, to: "a.csv")
        try workspace.write("""
            {"audit_id": "M-2", "interaction_id": "T-2", "agent": "Ben", "reviewer": "Rev", "date": "2026-08-04", "team": "Team B", "site": "Lisbon", "answers": {"greeting": "yes", "accuracy": 8, "tone": 3}}
            {"audit_id": "M-3", "interaction_id": "T-3", "agent": "Cy", "reviewer": "Rev", "date": "2026-08-05", "site": "Porto", "late": "x", "answers": {"greeting": "no", "accuracy": 0}}

            """, to: "b.jsonl")
        let output = try workspace.run(["score", "-s", "scorecards", "a.csv", "b.jsonl", "--format", "csv"])
        #expect(output.status == 0)
        #expect(output.standardOutput == """
            audit_id,interaction_id,agent,reviewer,date,scorecard,scorecard_version,score,raw_score,passed,auto_failed,band,calibration,team,channel,site,section:main
            M-1,T-1,Ana,Rev,2026-08-03,tiny,1,100.00,100.00,true,false,,false,Team A,chat,,100.00
            M-2,T-2,Ben,Rev,2026-08-04,tiny,1,76.67,76.67,false,false,,false,Team B,,Lisbon,76.67
            M-3,T-3,Cy,Rev,2026-08-05,tiny,1,0.00,0.00,false,false,,false,,,Porto,0.00

            """)
        // `late` appears only in the second JSON Lines record, after the header was written.
        #expect(output.standardError.hasPrefix("""
            qakit: warning: field 'late' first appeared after the first record of a JSON Lines or YAML input, so the CSV has no column for it; give the first record every field

            """), "\(output.standardError)")
    }
}
