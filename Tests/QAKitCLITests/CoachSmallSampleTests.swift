import Foundation
import Testing

/// `qakit coach` end to end on a small team, where counts are 1, teams are too small to show,
/// a critical failure zeroes an audit, an overall comment is not about every criterion, earlier
/// goals have too few new audits and a trend rests on three audits.
///
/// The scorecard has one section with two yes/no criteria of weight 1, so an audit scores 50
/// per "yes"; `accuracy` is `critical: scorecard`. `min_audits` is 2.
///
/// | audit | agent | team | date | greeting | accuracy | score (raw) |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | A1 | Ava | Duo | 10-01 | no | yes | 50 |
/// | A2 | Ava | Duo | 10-04 | yes | yes | 100 |
/// | A3 | Ava | Duo | 10-11 | yes | no | 0 (50) |
/// | B1 | Ben | Duo | 10-02 | yes | yes | 100 |
/// | C1, D1, E1 | Cal, Dee, Eli | Trio | 10-03 | yes, no, yes | yes | 100, 50, 100 |
@Suite("qakit coach: small samples and fair figures")
struct CoachSmallSampleTests {
    static let scorecard = """
    scorecard: mini
    title: Mini support
    version: 1
    passing_score: 80
    coaching: { focus_areas: 3, min_audits: 2, target_gain: 10, review_after_days: 30 }
    sections:
      - id: main
        title: Main
        criteria:
          - id: greeting
            title: Greeting
            guidance: Greets the customer by name.
            type: yes_no
            coaching: { tip: Use the name. }
          - id: accuracy
            title: Accuracy
            guidance: States the policy correctly.
            type: yes_no
            critical: scorecard
            coaching: { tip: Check the knowledge base. }

    """

    static let audits = """
    audit_id,interaction_id,agent,reviewer,team,date,calibration,greeting,greeting.comment,accuracy,accuracy.comment,comment
    A1,T-1,Ava,Rita,Duo,2026-10-01,false,no,,yes,,Overall the reply was fine.
    A2,T-2,Ava,Rita,Duo,2026-10-04,false,yes,,yes,,
    A3,T-3,Ava,Rita,Duo,2026-10-11,false,yes,,no,Quoted the wrong refund window.,
    B1,T-4,Ben,Rita,Duo,2026-10-02,false,yes,,yes,,
    C1,T-5,Cal,Rita,Trio,2026-10-03,false,yes,,yes,,
    D1,T-6,Dee,Rita,Trio,2026-10-03,false,no,,yes,,
    E1,T-7,Eli,Rita,Trio,2026-10-03,false,yes,,yes,,

    """

    /// Runs `qakit coach -s mini.yaml audits.csv arguments…` in a fresh directory that also holds `files`.
    private func coach(_ arguments: [String], files: [String: String] = [:]) throws -> QAKitProcess.Output {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.scorecard.write(to: directory.appendingPathComponent("mini.yaml"), atomically: true, encoding: .utf8)
        try Self.audits.write(to: directory.appendingPathComponent("audits.csv"), atomically: true, encoding: .utf8)
        for (name, text) in files {
            let file = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let output = try QAKitProcess.run(["coach", "-s", "mini.yaml", "audits.csv"] + arguments, in: directory)
        #expect(output.status == 0, "\(output.standardError)")
        return output
    }

    private func json(_ output: QAKitProcess.Output) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
    }

    @Test("item 8a: one audit 'was reviewed' in Markdown, HTML and JSON; two or more 'were'")
    func plurals() throws {
        #expect(try coach(["--agent", "Ben"]).standardOutput.contains("Between 2026-10-01 and 2026-10-11, 1 audit of your work was reviewed."))
        #expect(try coach(["--agent", "Ben", "--format", "html"]).standardOutput.contains("1 audit of your work was reviewed."))
        let ben = try json(try coach(["--agent", "Ben", "--format", "json"]))
        #expect(((ben.first?["summary"] as? [String: Any])?["text"] as? String)?.contains("1 audit of your work was reviewed.") == true)
        #expect(try coach(["--agent", "Ava"]).standardOutput.contains("3 audits of your work were reviewed."))
    }

    @Test("item 8b: a goal followed up on fewer than min_audits new audits is too_few_audits, with the count")
    func followUp() throws {
        // Ben's greeting was scored once this period (100 %, above the target 60), min_audits 2: not judged.
        // Ava's greeting was scored 3 times: A2 and A3 yes of 3 = 66.67 % ≥ 60 → met.
        let plan = """
        [{"agent": "Ava", "action_plan": {"goals": [{"criterion": "greeting", "scorecard": "mini", "baseline": 50, "target": 60}]}},
         {"agent": "Ben", "action_plan": {"goals": [{"criterion": "greeting", "scorecard": "mini", "baseline": 50, "target": 60}]}}]
        """
        let agents = try json(try coach(["--previous", "old", "--format", "json"], files: ["old/plan.json": plan]))
        // Only Ava and Ben had earlier goals; every other agent's follow_up is empty.
        let byName = Dictionary(uniqueKeysWithValues: agents.compactMap { agent in
            (agent["follow_up"] as? [[String: Any]])?.first.map { (agent["agent"] as? String ?? "", $0) }
        })
        #expect(byName.count == 2)
        #expect(byName["Ben"]?["status"] as? String == "too_few_audits")
        #expect(byName["Ben"]?["current_audits"] as? Int == 1)
        #expect(byName["Ben"]?["min_audits"] as? Int == 2)
        #expect(byName["Ava"]?["status"] as? String == "met")
        #expect(byName["Ava"]?["current_audits"] as? Int == 3)
        let markdown = try coach(["--previous", "old", "--agent", "Ben"], files: ["old/plan.json": plan]).standardOutput
        #expect(markdown.contains("| Greeting (mean credit) | 50.0% | 60.0% | 100.0% | Too few audits to judge (1 of 2) |"))
    }

    @Test("item 8c: a team of 2 under the default min_team_size 3 shows no team figure; a team of 3 does")
    func smallTeam() throws {
        let agents = try json(try coach(["--format", "json"]))
        let byName = Dictionary(uniqueKeysWithValues: agents.map { ($0["agent"] as! String, $0) })
        let ava = try #require(byName["Ava"])
        let summary = try #require(ava["summary"] as? [String: Any])
        // Team Duo's mean would be (50 + 100 + 0 + 100)/4 = 62.5, and Ben's score would follow from it.
        #expect(summary["team_mean_score"] is NSNull)
        #expect(summary["team_audits"] is NSNull)
        #expect(summary["team_agents"] as? Int == 2)
        #expect((summary["text"] as? String)?.contains("Team figures are not shown: only 2 agents were audited in the Duo team in this period, fewer than the 3 that coaching.min_team_size asks for") == true)
        let criteria = try #require(ava["criteria"] as? [[String: Any]])
        #expect(criteria.allSatisfy { $0["team_mean_credit"] is NSNull })
        // Greeting goal: baseline 2/3 = 66.67 %, target 66.67 + 10 = 76.67 % (no team mean).
        let goal = try #require((ava["action_plan"] as? [String: Any]).flatMap { $0["goals"] as? [[String: Any]] }?.first { $0["criterion"] as? String == "greeting" })
        #expect(abs((goal["target"] as? Double ?? 0) - 230.0 / 3) < 1e-9)
        // Team Trio (Cal, Dee, Eli): (100 + 50 + 100)/3 = 250/3.
        let cal = try #require((byName["Cal"]?["summary"] as? [String: Any])?["team_mean_score"] as? Double)
        #expect(abs(cal - 250.0 / 3) < 1e-9)
    }

    @Test("item 8d: a critical failure states the audit it zeroed and the points between raw score and score")
    func criticalCost() throws {
        // A3: raw 50 (greeting yes), auto-failed to 0 → 50 points; over Ava's 3 audits, 50/3 = 16.67 per audit.
        let markdown = try coach(["--agent", "Ava"]).standardOutput
        #expect(markdown.contains("It failed as a critical criterion in 1 audit (A3), which auto-failed it and set its score to 0: 50.00 points of score between that audit's raw score and its score, 16.67 per audit across your 3 audits."))
        // Its own share: 100 × 1/2 × (1 − 0) = 50 points in A3, plus the 50 the auto-fail took.
        #expect(markdown.contains("| A3 | 2026-10-11 | T-3 | no | 50.00 + 50.00 critical | Quoted the wrong refund window. |"))
    }

    @Test("item 8e: the overall comment is labelled as such, not quoted as the greeting's evidence")
    func overallComment() throws {
        let markdown = try coach(["--agent", "Ava"]).standardOutput
        // A1 greeting no: 100 × 1/2 = 50 points; A1 has no greeting comment.
        #expect(markdown.contains("| A1 | 2026-10-01 | T-1 | no | 50.00 | — |"))
        #expect(markdown.contains("**The reviewer's overall comments on these audits** (about the whole audit, not necessarily about this criterion):\n\n- A1, 2026-10-01: Overall the reply was fine.\n"))
        #expect(!markdown.contains("(overall)"))
        let evidence = try #require(((try json(try coach(["--agent", "Ava", "--format", "json"]))).first?["notes"] as? [[String: Any]])?
            .first { $0["id"] as? String == "greeting" }?["evidence"] as? [[String: Any]])
        let a1 = try #require(evidence.first { $0["audit_id"] as? String == "A1" })
        #expect(a1["comment"] is NSNull)
        #expect(a1["overall_comment"] as? String == "Overall the reply was fine.")
    }

    @Test("item 9: a trend from 3 audits over 10 days is reported as unreliable, and why")
    func trend() throws {
        // x = 0, 3, 10 days; y = 50, 100, 0. Σx = 13, Σx² = 109, Σy = 150, Σxy = 300.
        // slope = (3·300 − 13·150)/(3·109 − 13²) = −1050/158 a day → −15750/79 = −199.37 per 30 days.
        let markdown = try coach(["--agent", "Ava"]).standardOutput
        #expect(markdown.contains("Your scores' least-squares trend was -199.37 points per 30 days, but it rests on 3 audits over 10 days: too few to rely on, since a trend needs at least 5 audits spanning 14 days"))
        #expect(!markdown.contains("fell by"))
        #expect(markdown.contains("| Trend per 30 days | -199.37 (unreliable: 3 audits, 10 days) | |"))
        let summary = try #require((try json(try coach(["--agent", "Ava", "--format", "json"]))).first?["summary"] as? [String: Any])
        #expect(summary["trend_reliable"] as? Bool == false)
    }
}
