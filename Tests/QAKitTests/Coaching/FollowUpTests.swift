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
        #expect(FollowUpStatus.judge(baseline: baseline, target: target, current: current) == expected)
    }

    @Test("no data")
    func noData() {
        #expect(FollowUpStatus.judge(baseline: 60, target: 70, current: nil) == .noData)
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
        // c1: 66.67 ≥ 60 → met. c2: 40 < 50 < 55 → improved. c2 (scorecard found by criterion): 50 ≤ 50 → not met.
        // c3 on a scorecard not in this run → no data. Overall: 52.78 ≤ 60 → not met. The other agent's goal is not shown.
        #expect(coaching.followUp.map(\.status) == [.met, .improved, .notMet, .noData, .notMet])
        #expect(coaching.followUp.first?.current == Rational(200, 3))
        #expect(coaching.followUp.last?.current == Rational(475, 9))
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
        let card = CoachingFixture.supportScorecard
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
