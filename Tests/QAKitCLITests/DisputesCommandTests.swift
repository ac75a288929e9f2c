import Foundation
import Testing

/// `qakit disputes` end to end on `DisputeFixture` (its doc comment has the table every figure
/// here comes from), and every kind of bad dispute record.
@Suite("qakit disputes")
struct DisputesCommandTests {
    private func json(_ output: QAKitProcess.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any], "\(output.standardError)")
    }

    private func list(_ object: [String: Any], _ key: String) throws -> [[String: Any]] {
        try #require(object[key] as? [[String: Any]])
    }

    @Test("open disputes oldest first, aged to the latest audit or dispute date by default")
    func openDisputes() throws {
        let output = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--format", "json", "--disputes", "disputes.csv"])
        #expect(output.status == 0, "\(output.standardError)")
        let report = try json(output)
        // Latest date in the inputs: audits end 2026-10-04, D-2's decided_on is 2026-10-06.
        #expect(report["as_of"] as? String == "2026-10-06")
        let open = try list(report, "open")
        // D-7 raised 10-03: 6 − 3 = 3 days; D-3 raised 10-05: 1 day.
        #expect(open.map { $0["dispute_id"] as? String } == ["D-7", "D-3"])
        #expect(open.map { $0["age_days"] as? Int } == [3, 1])
        #expect(open.map { $0["audit_id"] as? String } == ["A2", "A4"])
    }

    @Test("--as-of counts ages to that day")
    func asOf() throws {
        let output = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--format", "json", "--as-of", "2026-10-31",
                                             "--disputes", "disputes.csv"])
        // 31 − 3 = 28 and 31 − 5 = 26.
        #expect(try list(try json(output), "open").map { $0["age_days"] as? Int } == [28, 26])
    }

    @Test("overturn rates per reviewer and per criterion: overturned ÷ decided, null when none decided")
    func rates() throws {
        let report = try json(try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--format", "json", "--disputes", "disputes.csv"]))
        let reviewers = try list(report, "reviewers")
        // Rita (A1, A2): D-1, D-4, D-6, D-7 → 4 disputes, 3 decided, 2 overturned: 2/3.
        // Sam (A3, A4): D-2, D-3 → 2 disputes, 1 decided, 1 overturned: 1.
        #expect(reviewers.map { $0["reviewer"] as? String } == ["Rita", "Sam"])
        #expect(reviewers.map { $0["disputes"] as? Int } == [4, 2])
        #expect(reviewers.map { $0["decided"] as? Int } == [3, 1])
        #expect(reviewers.map { $0["overturned"] as? Int } == [2, 1])
        let rita = try #require(reviewers[0]["overturn_rate"] as? Double)
        #expect(abs(rita - 2.0 / 3.0) < 1e-12)
        #expect(reviewers[1]["overturn_rate"] as? Double == 1)
        let criteria = try list(report, "criteria")
        // (whole audit) D-2: 1/1/1; greeting D-4: 1/1/0 → 0; solution D-1: 1/1/1 → 1;
        // tone D-3, D-6, D-7: 3 disputes, 1 decided (D-6), 1 overturned → 1.
        #expect(criteria.map { $0["criterion"] as? String } == [nil, "greeting", "solution", "tone"])
        #expect(criteria.map { $0["disputes"] as? Int } == [1, 1, 1, 3])
        #expect(criteria.map { $0["decided"] as? Int } == [1, 1, 1, 1])
        #expect(criteria.map { ($0["overturn_rate"] as? Double) ?? -1 } == [1, 0, 1, 1])
    }

    @Test("a criterion with no decided dispute has a null overturn rate")
    func nullRate() throws {
        let only = DisputeFixture.header + "D-3,A4,tone,Ben,2026-10-05,,open,,,,\n"
        let report = try json(try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--format", "json", "--disputes", "open.csv"],
                                                     files: ["open.csv": only]))
        let criteria = try list(report, "criteria")
        #expect(criteria.count == 1)
        #expect(criteria[0]["overturn_rate"] is NSNull)
        #expect(try list(report, "reviewers")[0]["overturn_rate"] is NSNull)
    }

    @Test("per audit the change of all its overturns together; a voided audit is listed")
    func scoreChanges() throws {
        let report = try json(try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--format", "json", "--disputes", "disputes.csv"]))
        let audits = try list(report, "audits")
        // A1: 30.00 → 95.00 (D-1 and D-6 together), +65.00; A3 void (D-2).
        #expect(audits.map { $0["audit_id"] as? String } == ["A1", "A3"])
        #expect(audits[0]["original_score"] as? Double == 30)
        #expect(audits[0]["score"] as? Double == 95)
        #expect(audits[0]["delta"] as? Double == 65)
        #expect(audits[1]["voided"] as? Bool == true)
        #expect(audits[1]["score"] is NSNull)
        let voided = try list(report, "voided")
        #expect(voided.map { $0["audit_id"] as? String } == ["A3"])
        #expect(voided.first?["original_score"] as? Double == 60)
    }

    @Test("the table names the same figures")
    func table() throws {
        let output = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv", "--disputes", "disputes.csv"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Open disputes as of 2026-10-06, oldest first"))
        #expect(output.standardOutput.contains("Rita            4       3          2         66.7%"))
        #expect(output.standardOutput.contains("A1             30.00 95.00 +65.00"))
        #expect(output.standardOutput.contains("none: no reviewer has at least 5 decided disputes"))
    }

    /// Reviewer Una: 8 decided, 2 overturned (exactly 25 %: not above); Vic: 5 decided, 2
    /// overturned (40 %); Wes: 4 decided, all overturned (too few to judge).
    @Test("a reviewer with at least 5 decided disputes and more than 25 % overturned is a calibration topic")
    func calibrationTopic() throws {
        var audits = "audit_id,interaction_id,agent,reviewer,date,greeting,solution,tone\n"
        var disputes = DisputeFixture.header
        for (reviewer, decided, overturned) in [("Una", 8, 2), ("Vic", 5, 2), ("Wes", 4, 4)] {
            for number in 1...decided {
                let id = "\(reviewer)-\(number)"
                audits += "\(id),T-\(id),Ava,\(reviewer),2026-10-01,no,yes,3\n"
                let status = number <= overturned ? "overturned,yes" : "upheld,"
                disputes += "D-\(id),\(id),greeting,Ava,2026-10-02,,\(status),Lee,2026-10-03,\n"
            }
        }
        let output = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "many.csv", "--format", "json", "--disputes", "many-disputes.csv"],
                                            files: ["many.csv": audits, "many-disputes.csv": disputes])
        let report = try json(output)
        #expect(report["calibration_topics"] as? [String] == ["Vic"])
        let table = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "many.csv", "--disputes", "many-disputes.csv"],
                                           files: ["many.csv": audits, "many-disputes.csv": disputes])
        #expect(table.standardOutput.contains("Vic: 2 of 5 decided disputes overturned (40.0%), above 25% with at least 5 decided: a calibration topic"))
    }

    /// One bad record at line 8 of `disputes.csv`: its located message, exit 1, and the six
    /// good disputes still apply (A1 scores 95.00, A3 is void).
    @Test("each bad dispute record is one located error and does not apply; the others do", arguments: [
        ("D-9,a1,tone,Ava,2026-10-02,,open,,,,", "dispute 'D-9' does not apply: field 'audit_id': no audit 'a1' in the inputs; did you mean 'A1'?"),
        ("D-9,A1,solutoin,Ava,2026-10-02,,open,,,,",
         "dispute 'D-9' does not apply: field 'criterion': scorecard 'desk' version 1, which scored audit 'A1', has no criterion 'solutoin'; did you mean 'solution'?"),
        ("D-9,A4,greeting,Ben,2026-10-05,,overturned,maybe,Lee,2026-10-06,",
         "dispute 'D-9' does not apply: field 'new_answer': 'maybe' is not a valid answer for yes_no criterion 'greeting'; it takes yes or no"),
        ("D-9,A4,tone,Ben,2026-10-05,,overturned,6,Lee,2026-10-06,",
         "dispute 'D-9' does not apply: field 'new_answer': '6' is not a valid answer for scale criterion 'tone'; it takes a whole number from 1 to 5"),
        ("D-9,A4,tone,Ben,2026-10-03,,open,,,,", "dispute 'D-9' does not apply: field 'raised_on': 2026-10-03 is before the audit's date 2026-10-04"),
        ("D-9,A4,tone,Ben,2026-10-02,,upheld,,Lee,2026-10-03,",
         "dispute 'D-9' does not apply: field 'raised_on': 2026-10-02 is before the audit's date 2026-10-04; field 'decided_on': 2026-10-03 is before the audit's date 2026-10-04"),
        ("D-9,A4,tone,Ben,2026-10-05,,overturned,3,,,",
         "dispute 'D-9' does not apply: missing required field 'decided_by' for a dispute that is overturned (who decided, and when); missing required field 'decided_on' for a dispute that is overturned (who decided, and when)"),
        ("D-9,A4,tone,Ben,2026-10-05,,overturned,,Lee,2026-10-06,",
         "dispute 'D-9' does not apply: missing required field 'new_answer' for an overturned criterion (the answer that replaces the reviewer's)"),
        ("D-9,A4,tone,,2026-10-05,,overturnd,,,,",
         "dispute 'D-9' does not apply: missing required field 'raised_by'; field 'status': 'overturnd' is not a status; expected open, upheld or overturned; did you mean 'overturned'?"),
        ("D-1,A4,tone,Ben,2026-10-05,,open,,,,",
         "dispute 'D-1' does not apply: duplicate dispute_id 'D-1': disputes.csv:2 has it already; record a decision by editing that record's status, decided_by and decided_on"),
        ("D-9,A1,solution,Ava,2026-10-02,,upheld,,Kim,2026-10-07,",
         "dispute 'D-9' does not apply: it decides criterion 'solution' of audit 'A1' differently from dispute 'D-1' (disputes.csv:2, overturned to 'yes'); the earlier decision stands"),
        ("D-9,A1,solution,Ava,2026-10-02,,overturned,no,Kim,2026-10-07,",
         "dispute 'D-9' does not apply: it decides criterion 'solution' of audit 'A1' differently from dispute 'D-1' (disputes.csv:2, overturned to 'yes'); the earlier decision stands"),
        ("D-9,Z-404,,Ava,2026-10-02,,open,,,,", "dispute 'D-9' does not apply: field 'audit_id': no audit 'Z-404' in the inputs"),
        ("D-9,C2,solution,Ava,2026-10-02,,overturned,yes,Lee,2026-10-03,",
         "dispute 'D-9' does not apply: field 'audit_id': audit 'C2' is a calibration audit, which measures the reviewer and counts in no agent's score, so no dispute changes it"),
        ("D-9,A1,,Ava,2026-10-02,,open,yes,,,",
         "dispute 'D-9' does not apply: field 'new_answer': a dispute of the whole audit (no criterion) takes no new_answer; name the criterion it replaces"),
        ("D-9,A1,tone,Ava,2026-10-02,,open,,Lee,2026-10-03,",
         "dispute 'D-9' does not apply: an open dispute has no decided_by or decided_on; set status to upheld or overturned to record the decision"),
        ("D-9,A1,tone,Ava,2 Oct 2026,,open,,,,", "dispute 'D-9' does not apply: field 'raised_on': '2 Oct 2026' is not a date; expected YYYY-MM-DD"),
    ])
    func badRecord(record: String, message: String) throws {
        let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "jsonl", "--disputes", "disputes.csv"],
                                            extra: record + "\n")
        #expect(output.status == 1)
        let errors = output.standardError.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == ["disputes.csv:8: error: \(message)"])
        let scores = try DisputeFixture.scores(output)
        #expect(scores["A1"] == 95)
        #expect(scores["A3"] == nil)
    }

    @Test("the same disputes as JSON Lines and as YAML give the same figures")
    func otherFormats() throws {
        let jsonl = """
        {"dispute_id": "D-1", "audit_id": "A1", "criterion": "solution", "raised_by": "Ava", "raised_on": "2026-10-02", "status": "overturned", "new_answer": "yes", "decided_by": "Lee", "decided_on": "2026-10-05"}
        {"dispute_id": "D-2", "audit_id": "A3", "criterion": null, "raised_by": "Ben", "raised_on": "2026-10-04", "status": "overturned", "decided_by": "Lee", "decided_on": "2026-10-06"}
        {"dispute_id": "D-9", "audit_id": "A4", "criterion": "tone", "raised_by": "Ben", "raised_on": "2026-10-05", "status": "overturned", "new_answer": 4, "decided_by": "Lee"}

        """
        let yaml = """
        - dispute_id: D-1
          audit_id: A1
          criterion: solution
          raised_by: Ava
          raised_on: 2026-10-02
          status: overturned
          new_answer: yes
          decided_by: Lee
          decided_on: 2026-10-05
        - dispute_id: D-2
          audit_id: A3
          raised_by: Ben
          raised_on: 2026-10-04
          status: overturned
          decided_by: Lee
          decided_on: 2026-10-06

        """
        for file in ["d.jsonl", "d.yaml"] {
            let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "jsonl", "--disputes", file],
                                                files: ["d.jsonl": jsonl, "d.yaml": yaml])
            let scores = try DisputeFixture.scores(output)
            // A1 with solution yes only: 100 × (1 + 3 + 0.5)/5 = 90.00; A3 void.
            #expect(scores["A1"] == 90, "\(file)")
            #expect(scores["A3"] == nil, "\(file)")
            if file == "d.jsonl" {
                #expect(output.status == 1)
                #expect(output.standardError.contains("d.jsonl:3: error: dispute 'D-9' does not apply: missing required field 'decided_on' for a dispute that is overturned"))
            } else {
                #expect(output.status == 0, "\(output.standardError)")
            }
        }
    }

    @Test("a dispute file that cannot be read stops the run before anything is written (exit 2)")
    func unreadable() throws {
        let missing = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--disputes", "nope.csv"])
        #expect(missing.status == 2)
        #expect(missing.standardOutput.isEmpty)
        let notDisputes = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--disputes", "audits.csv"])
        #expect(notDisputes.status == 2)
        #expect(notDisputes.standardError.contains("audits.csv:1: error: not a dispute file: the header has no 'dispute_id' column"))
    }

    @Test("qakit disputes needs --disputes")
    func needsDisputes() throws {
        let output = try DisputeFixture.run(["disputes", "-s", "desk.yaml", "audits.csv"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--disputes"))
    }
}
