import Testing
@testable import QAKit

@Suite("Coaching: follow-up of earlier goals")
struct FollowUpTests {
    @Test("met ≥ target; improved between; not_met ≤ baseline; no_data without a figure", arguments: [
        (60.0, 70.0, 75.0, FollowUpStatus.met),
        (60.0, 70.0, 70.0, .met),        // exactly on target
        (60.0, 70.0, 65.0, .improved),
        (60.0, 70.0, 60.0, .notMet),     // exactly the baseline is no improvement
        (60.0, 70.0, 55.0, .notMet),
    ] as [(Double, Double, Double, FollowUpStatus)])
    func judge(baseline: Double, target: Double, current: Double, expected: FollowUpStatus) {
        #expect(FollowUpStatus.judge(baseline: baseline, target: target, current: current, audits: 3, minimumAudits: 3) == expected)
    }

    @Test("no data")
    func noData() {
        #expect(FollowUpStatus.judge(baseline: 60, target: 70, current: nil, audits: 0, minimumAudits: 3) == .noData)
    }

    @Test("earlier goals read from JSON are judged on the new period's figures")
    func endToEnd() throws {
        // The hand fixture's agent has c1 = 200/3 % (66.67), c2 = 50 %, mean score 475/9 (52.78).
        let plan = """
        [{"agent": "Agent", "action_plan": {"goals": [
          {"criterion": "c1", "scorecard": "hand", "baseline": 50, "target": 60, "due": "2026-08-30"},
          {"criterion": "c2", "scorecard": "hand", "baseline": 40, "target": 55},
          {"criterion": "c2", "baseline": 50, "target": 60},
          {"criterion": "c3", "scorecard": "other", "baseline": 10, "target": 20},
          {"criterion": null, "scorecard": "hand", "baseline": 60, "target": 70}
        ]}}, {"agent": "Someone else", "action_plan": {"goals": [{"criterion": "c1", "baseline": 1, "target": 2}]}}]
        """
        let goals = try PreviousPlans.parse(Array(plan.utf8), file: "plan.json")
        #expect(goals.count == 6)
        let coaching = try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, CoachingFixture.handAudits)?
            .coaching(for: "Agent", previousGoals: goals))
        // min_audits is 3 (the default). c1 was scored in all 3 audits: 66.67 ≥ 60 → met. c2 was scored in 2
        // (H2 is N/A), fewer than 3 → too few audits, for both c2 goals, however the figure compares.
        // c3 on a scorecard not in this run → no data. Overall: 3 scored audits, 52.78 ≤ 60 → not met.
        // The other agent's goal is not shown.
        #expect(coaching.followUp.map(\.status) == [.met, .tooFewAudits, .tooFewAudits, .noData, .notMet])
        #expect(coaching.followUp.map(\.currentAudits) == [3, 2, 2, 0, 3])
        #expect(coaching.followUp.first?.current == Rational(200, 3))
        #expect(coaching.followUp.last?.current == Rational(475, 9))
    }

    @Test("below min_audits a goal is too_few_audits, even when its figure reaches the target", arguments: [
        (2, 3, FollowUpStatus.tooFewAudits),   // 75 ≥ 70 would be met, but 2 audits < 3
        (1, 3, .tooFewAudits),
        (3, 3, .met),                           // exactly min_audits is enough
        (1, 1, .met),
    ])
    func tooFewAudits(audits: Int, minimum: Int, expected: FollowUpStatus) {
        #expect(FollowUpStatus.judge(baseline: 60, target: 70, current: 75, audits: audits, minimumAudits: minimum) == expected)
    }

    @Test("too_few_audits is shown with its count in Markdown, HTML and JSON")
    func tooFewAuditsOutput() throws {
        // c2 was scored twice in the new period (H1 no, H3 yes: 50 %), min_audits 3.
        let goals = [PreviousGoal(agent: "Agent", scorecard: "hand", criterion: "c2", baseline: 10, target: 40)]
        let coaching = try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, CoachingFixture.handAudits)?
            .coaching(for: "Agent", previousGoals: goals))
        #expect(coaching.followUp.map(\.status) == [.tooFewAudits])
        #expect(CoachingMarkdown.render(coaching).contains("| C2 (mean credit) | 10.0% | 40.0% | 50.0% | Too few audits to judge (2 of 3) |"))
        #expect(CoachingHTML.render([coaching]).contains("<td class=\"status-too_few_audits\">Too few audits to judge (2 of 3)</td>"))
        let json = CoachingJSON.document([coaching]).json()
        #expect(json.contains("\"status\": \"too_few_audits\""))
        #expect(json.contains("\"current_audits\": 2"))
        #expect(json.contains("\"min_audits\": 3"))
    }

    @Test("a file that is not a plan is rejected with its name", arguments: [
        ("nope", "not valid JSON"),
        ("{\"x\": 1}", "not a coaching plan"),
        ("[{\"agent\": \"A\"}]", "'action_plan.goals' is missing"),
        ("{\"agent\": \"A\", \"action_plan\": {\"goals\": [{\"criterion\": \"c1\", \"baseline\": \"low\", \"target\": 2}]}}", "needs numeric 'baseline' and 'target'"),
        ("{\"agent\": \"A\", \"action_plan\": {\"goals\": [{\"criterion\": 7, \"baseline\": 1, \"target\": 2}]}}", "'criterion' must be a string or null"),
    ])
    func rejected(text: String, message: String) {
        #expect {
            try PreviousPlans.parse(Array(text.utf8), file: "old/ana.json")
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix("old/ana.json: error: ") && description.contains(message)
        }
    }
}

@Suite("Coaching: agents whose audits name several teams")
struct SeveralTeamsTests {
    @Test("the agent's figures cover every audit; the team is the most frequent value, ties alphabetical")
    func severalTeams() throws {
        // min_team_size 1: Dee is the Red team's only agent, and this test is about which team it is.
        var card = CoachingFixture.supportScorecard
        card.coaching.minimumTeamSize = 1
        // Dee: two audits in Red, one in Blue → team Red. Answers: greeting, resolution, accuracy, empathy.
        // Eve: one in Blue, one in Green → a tie, broken alphabetically → Blue.
        let audits = [
            CoachingFixture.scored(card, id: "T-1", agent: "Dee", date: "2026-09-01", team: "Red", answers: [.yes, .choice(0), .points(Rational(10)), .scale(5)]),
            CoachingFixture.scored(card, id: "T-2", agent: "Dee", date: "2026-09-02", team: "Blue", answers: [.no, .choice(1), .points(Rational(10)), .scale(5)]),
            CoachingFixture.scored(card, id: "T-3", agent: "Dee", date: "2026-09-03", team: "Red", answers: [.yes, .choice(2), .points(Rational(10)), .scale(5)]),
            CoachingFixture.scored(card, id: "T-4", agent: "Eve", date: "2026-09-01", team: "Green", answers: [.yes, .choice(0), .points(Rational(10)), .scale(5)]),
            CoachingFixture.scored(card, id: "T-5", agent: "Eve", date: "2026-09-02", team: "Blue", answers: [.yes, .choice(0), .points(Rational(10)), .scale(5)]),
        ]
        let analysis = try #require(CoachingFixture.analysis(card, audits))
        let dee = try #require(analysis.coaching(for: "Dee"))
        #expect(dee.team == "Red")
        #expect(dee.summary.audits == 3)
        // Resolution: resolved, partial, unresolved → one of each, across both teams' audits.
        let resolution = try #require(dee.scorecards.first?.criteria.first { $0.id == "resolution" })
        #expect(resolution.answerCounts == [1, 1, 1, 0])
        // Greeting: yes, no, yes → 2/3 = 200/3 %.
        #expect(dee.scorecards.first?.criteria.first?.meanCredit == Rational(200, 3))
        // Team Red = T-1 and T-3 only: greeting yes, yes → 100 %.
        #expect(dee.scorecards.first?.criteria.first?.teamMeanCredit == Rational(100))
        #expect(analysis.coaching(for: "Eve")?.team == "Blue")
        // Team Blue for Eve = T-2 (Dee's) and T-5: 2 audits.
        #expect(analysis.coaching(for: "Eve")?.summary.teamAudits == 2)
    }
}
