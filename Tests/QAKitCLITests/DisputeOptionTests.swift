import Foundation
import Testing

/// `--disputes` on `score`, `explain`, `coach`, `report` and `export`, on `DisputeFixture` (its
/// doc comment has the hand-worked table): A1 30.00 → 95.00, A3 void, the rest unchanged.
@Suite("--disputes on the reading commands")
struct DisputeOptionTests {
    private let disputes = ["--disputes", "disputes.csv"]

    @Test("score: an overturned criterion takes new_answer; the audit carries original_score and its disputes")
    func scorePerAudit() throws {
        let before = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "jsonl"])
        #expect(try DisputeFixture.scores(before)["A1"] == 30)
        let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "jsonl"] + disputes)
        #expect(output.status == 0, "\(output.standardError)")
        let audits = try DisputeFixture.auditsByID(output)
        let a1 = try #require(audits["A1"])
        #expect(a1["score"] as? Double == 95)
        #expect(a1["original_score"] as? Double == 30)
        #expect(a1["passed"] as? Bool == true)
        let entries = try #require(a1["disputes"] as? [[String: Any]])
        #expect(entries.map { $0["dispute_id"] as? String } == ["D-1", "D-6"])
        #expect(entries.map { $0["original_answer"] as? String } == ["no", nil])
        #expect(entries[1]["original_answer"] as? Int == 3)
        #expect(entries[1]["new_answer"] as? Int == 4)
        let criteria = try #require(a1["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["greeting", "solution", "tone"])
        #expect(criteria[1]["answer"] as? String == "yes")
        // An upheld and an open dispute change nothing, but the audit still lists them.
        let a2 = try #require(audits["A2"])
        #expect(a2["score"] as? Double == 100)
        #expect(a2["original_score"] as? Double == 100)
        #expect((a2["disputes"] as? [[String: Any]])?.map { $0["status"] as? String } == ["upheld", "open"])
        // Undisputed audits carry neither field.
        #expect(audits["C1"]?["original_score"] == nil)
        // A3 is void: left out, and said so.
        #expect(audits["A3"] == nil)
        #expect(output.standardError.contains("qakit: note: audit 'A3' is void: dispute 'D-2' overturned it as a whole, so it is left out of scores"))
        #expect(output.standardError.contains("qakit: scored 5 audits (2 calibration), rejected 0, voided 1 by disputes"))
    }

    @Test("score --by agent (the CSV row path) uses the decided outcome")
    func scoreAggregates() throws {
        func agents(_ arguments: [String]) throws -> [String: Double] {
            let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--by", "agent", "--format", "json"] + arguments)
            let rows = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as! String, $0["mean_score"] as! Double) })
        }
        // Without: Ava (30 + 100)/2 = 65.00, Ben (60 + 85)/2 = 72.50.
        #expect(try agents([]) == ["Ava": 65, "Ben": 72.5])
        // With: Ava (95 + 100)/2 = 97.50, Ben A4 alone (A3 void) = 85.00.
        #expect(try agents(disputes) == ["Ava": 97.5, "Ben": 85])
    }

    @Test("score --format csv ends with original_score and disputes")
    func scoreCSV() throws {
        let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "csv"] + disputes)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",section:main,original_score,disputes") == true)
        #expect(lines.contains { $0.hasPrefix("A1,") && $0.hasSuffix(",95.00,30.00,D-1 overturned; D-6 overturned") })
        #expect(lines.contains { $0.hasPrefix("A4,") && $0.hasSuffix(",85.00,85.00,D-3 open") })
        #expect(lines.contains { $0.hasPrefix("C1,") && $0.hasSuffix(",100.00,,") })
        #expect(!lines.contains { $0.hasPrefix("A3,") })
        let plain = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "csv"])
        #expect(plain.standardOutput.split(separator: "\n").first?.hasSuffix(",section:main") == true)
    }

    @Test("explain shows the dispute step and the score before it; a voided audit says so")
    func explain() throws {
        let output = try DisputeFixture.run(["explain", "-s", "desk.yaml", "audits.csv", "--audit", "A1"] + disputes)
        #expect(output.status == 0, "\(output.standardError)")
        let text = output.standardOutput
        #expect(text.contains("""
        Step 0: disputes (the steps below use the answers after them)
          dispute D-1 of criterion solution: overturned: the reviewer's answer no is replaced by yes
          dispute D-6 of criterion tone: overturned: the reviewer's answer 3 is replaced by 4
          score with the reviewer's answers: 30.00

        Step 1-3: credits and section scores
        """))
        #expect(text.contains("Score 95.00 (30.00 with the reviewer's answers, before the disputes)"))
        let voided = try DisputeFixture.run(["explain", "-s", "desk.yaml", "audits.csv", "--audit", "A3"] + disputes)
        #expect(voided.status == 0)
        #expect(voided.standardOutput == "Audit A3 is void: dispute D-2 overturned it as a whole, so it is left out of scores (its score with the reviewer's answers was 60.00)\n")
    }

    @Test("coach never cites an overturned answer as evidence")
    func coachEvidence() throws {
        func evidence(_ arguments: [String]) throws -> [String: [String]] {
            let output = try DisputeFixture.run(["coach", "-s", "desk.yaml", "audits.csv", "--agent", "Ava", "--format", "json"] + arguments)
            #expect(output.status == 0, "\(output.standardError)")
            let agents = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
            let notes = try #require(agents.first?["notes"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: notes.map { note in
                (note["id"] as! String, (note["evidence"] as! [[String: Any]]).map { $0["audit_id"] as! String })
            })
        }
        // Without disputes A1 (solution no, tone 3) is the evidence of both focus areas.
        #expect(try evidence([]) == ["solution": ["A1"], "tone": ["A1"]])
        // With them, solution is yes (full credit: no longer a focus area), and A1's tone 4
        // still costs points but was overturned, so A1 is not cited for it.
        #expect(try evidence(disputes) == ["tone": []])
    }

    @Test("report fills the reviewers' overturn rate")
    func report() throws {
        func reviewers(_ arguments: [String]) throws -> [String: Any] {
            let output = try DisputeFixture.run(["report", "-s", "desk.yaml", "audits.csv", "--format", "json"] + arguments)
            let report = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            let rows = try #require(report["reviewers"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["reviewer"] as! String, $0["overturn_rate"]!) })
        }
        let without = try reviewers([])
        #expect(without["Rita"] is NSNull && without["Sam"] is NSNull)
        let with = try reviewers(disputes)
        // Rita 2 of 3 decided overturned, Sam 1 of 1.
        #expect(abs(try #require(with["Rita"] as? Double) - 2.0 / 3.0) < 1e-12)
        #expect(with["Sam"] as? Double == 1)
    }

    @Test("export adds original_answer: the reviewer's answer beside the decided one")
    func export() throws {
        let output = try DisputeFixture.run(["export", "-s", "desk.yaml", "audits.csv"] + disputes)
        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(",audit_comment,original_answer") == true)
        let a1 = lines.filter { $0.hasPrefix("A1,") }
        // greeting yes (unchanged), solution yes (was no), tone 4 (was 3).
        #expect(a1.map { $0.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) } == ["yes", "no", "3"])
        #expect(a1[1].contains(",solution,yes_no,yes,1,3,"))
        #expect(!lines.contains { $0.hasPrefix("A3,") })
        let plain = try DisputeFixture.run(["export", "-s", "desk.yaml", "audits.csv"])
        #expect(plain.standardOutput.split(separator: "\n").first?.hasSuffix(",audit_comment") == true)
    }

    @Test("calibration uses the reviewers' own answers: calibrate takes no --disputes, and a dispute of a calibration audit changes nothing")
    func calibrationUnaffected() throws {
        let refused = try DisputeFixture.run(["calibrate", "-s", "desk.yaml", "audits.csv"] + disputes)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("Unknown option '--disputes'"))
        let record = "D-9,C2,solution,Ava,2026-10-02,,overturned,yes,Lee,2026-10-03,\n"
        let output = try DisputeFixture.run(["score", "-s", "desk.yaml", "audits.csv", "--format", "jsonl"] + disputes, extra: record)
        #expect(output.status == 1)
        // C2 keeps solution no: 100 × (1 + 0 + 1)/5 = 40.00.
        #expect(try DisputeFixture.scores(output)["C2"] == 40)
    }
}
