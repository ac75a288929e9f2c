import Foundation
import Testing

/// The small team that the dispute tests share, worked out by hand.
///
/// Scorecard `desk`: one section, `greeting` (yes/no, weight 1), `solution` (yes/no, weight 3),
/// `tone` (scale 1–5, weight 1, credit (v − 1)/4); passing score 80. So an audit scores
/// 100 × (greeting + 3·solution + (tone − 1)/4) / 5.
///
/// | audit | agent | reviewer | date | greeting | solution | tone | score |
/// | --- | --- | --- | --- | --- | --- | --- | --- |
/// | A1 | Ava | Rita | 10-01 | yes | no | 3 | 100 × (1 + 0 + 0.5)/5 = 30.00 |
/// | A2 | Ava | Rita | 10-02 | yes | yes | 5 | 100 × 5/5 = 100.00 |
/// | A3 | Ben | Sam | 10-03 | no | yes | 1 | 100 × 3/5 = 60.00 |
/// | A4 | Ben | Sam | 10-04 | yes | yes | 2 | 100 × 4.25/5 = 85.00 |
/// | C1, C2 | Ava | Rita, Sam | 10-02 | calibration on T-9 | | | |
///
/// Disputes (`disputes.csv`, lines 2–7):
///
/// | line | dispute | audit | criterion | status | new answer | effect |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 2 | D-1 | A1 | solution | overturned | yes | solution 0 → 1 |
/// | 3 | D-2 | A3 | (whole) | overturned | | A3 void |
/// | 4 | D-3 | A4 | tone | open | | none; raised 10-05 |
/// | 5 | D-4 | A2 | greeting | upheld | | none |
/// | 6 | D-6 | A1 | tone | overturned | 4 | tone credit 0.5 → 0.75 |
/// | 7 | D-7 | A2 | tone | open | | none; raised 10-03 |
///
/// After them A1 scores 100 × (1 + 3 + 0.75)/5 = 95.00 (was 30.00: +65.00), A3 is void, the
/// others are unchanged.
enum DisputeFixture {
    static let scorecard = """
    scorecard: desk
    title: Help desk
    version: 1
    passing_score: 80
    coaching: { focus_areas: 3, min_audits: 2, target_gain: 10, review_after_days: 30, min_team_size: 1 }
    sections:
      - id: main
        title: Main
        criteria:
          - id: greeting
            title: Greeting
            guidance: Greets the customer by name.
            type: yes_no
            coaching: { tip: Use the name. }
          - id: solution
            title: Solution
            guidance: Solves the problem.
            type: yes_no
            weight: 3
            coaching: { tip: Check the knowledge base. }
          - id: tone
            title: Tone
            guidance: Sounds warm.
            type: scale
            min: 1
            max: 5
            levels: { 1: Cold, 5: Warm }
            coaching: { tip: Mirror the customer's words. }

    """

    static let audits = """
    audit_id,interaction_id,agent,reviewer,date,calibration,greeting,solution,tone,tone.comment
    A1,T-1,Ava,Rita,2026-10-01,false,yes,no,3,Flat reply.
    A2,T-2,Ava,Rita,2026-10-02,false,yes,yes,5,
    A3,T-3,Ben,Sam,2026-10-03,false,no,yes,1,
    A4,T-4,Ben,Sam,2026-10-04,false,yes,yes,2,
    C1,T-9,Ava,Rita,2026-10-02,true,yes,yes,5,
    C2,T-9,Ava,Sam,2026-10-02,true,yes,no,5,

    """

    static let header = "dispute_id,audit_id,criterion,raised_by,raised_on,reason,status,new_answer,decided_by,decided_on,note\n"

    static let disputes = header + """
    D-1,A1,solution,Ava,2026-10-02,The refund was right,overturned,yes,Lee,2026-10-05,Policy allows it
    D-2,A3,,Ben,2026-10-04,Not my chat,overturned,,Lee,2026-10-06,Transferred chat
    D-3,A4,tone,Ben,2026-10-05,,open,,,,
    D-4,A2,greeting,Ava,2026-10-03,,upheld,,Lee,2026-10-04,Greeting was late
    D-6,A1,tone,Ava,2026-10-02,,overturned,4,Lee,2026-10-05,
    D-7,A2,tone,Ava,2026-10-03,,open,,,,

    """

    /// A fresh directory with `desk.yaml`, `audits.csv`, `disputes.csv` (the table above with
    /// `extra` appended) and `files`.
    static func workspace(extra: String = "", files: [String: String] = [:]) throws -> URL {
        let directory = try QAKitProcess.temporaryDirectory()
        let all = ["desk.yaml": scorecard, "audits.csv": audits, "disputes.csv": disputes + extra].merging(files) { $1 }
        for (name, text) in all {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Runs `qakit arguments…` in a fresh workspace.
    static func run(_ arguments: [String], extra: String = "", files: [String: String] = [:]) throws -> QAKitProcess.Output {
        let directory = try workspace(extra: extra, files: files)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try QAKitProcess.run(arguments, in: directory)
    }

    /// The JSON Lines objects of standard output, by `audit_id`.
    static func auditsByID(_ output: QAKitProcess.Output) throws -> [String: [String: Any]] {
        var byID: [String: [String: Any]] = [:]
        for line in output.standardOutput.split(separator: "\n") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            byID[try #require(object["audit_id"] as? String)] = object
        }
        return byID
    }

    /// `score` of each audit in `score --format jsonl` output.
    static func scores(_ output: QAKitProcess.Output) throws -> [String: Double] {
        try auditsByID(output).compactMapValues { $0["score"] as? Double }
    }
}
