import Testing
@testable import QAKit

@Suite("Coaching: points lost, credits and summary, by hand")
struct PointsLostTests {
    let coaching = CoachingFixture.analysis(CoachingFixture.handScorecard, CoachingFixture.handAudits)!.coaching(for: "Agent")!

    private func criterion(_ id: String) throws -> CriterionPerformance {
        try #require(coaching.scorecards.first?.criteria.first { $0.id == id })
    }

    @Test("points lost per criterion: 100 × W/ΣW_regular × w/Σw × (1 − credit), mean over the agent's audits")
    func pointsLost() throws {
        // H1: ΣW_regular = 2 + 1 = 3. c2 (no): 100 × 2/3 × 3/(1+3) × 1 = 50 (the critical rule is ignored);
        //     c3 (4 of 1..5, credit 3/4): 100 × 1/3 × 1/1 × 1/4 = 25/3; c1 (yes): 0.
        // H2: c2 N/A drops out, so Σw(A) = 1; c1 (no): 100 × 2/3 × 1/1 × 1 = 200/3; c3 (5): 0.
        // H3: B is N/A, ΣW_regular = 2; nothing lost.
        // Means over 3 audits: c1 = 200/9, c2 = 50/3, c3 = (25/3)/3 = 25/9.
        #expect(try criterion("c1").pointsLost == Rational(200, 9))
        #expect(try criterion("c2").pointsLost == Rational(50, 3))
        #expect(try criterion("c3").pointsLost == Rational(25, 9))
        // Cross-check: Σ points lost = 375/9 = 125/3 = 100 − mean raw score (125/3 + 100/3 + 100)/3 = 100 − 175/3.
        let total = try criterion("c1").pointsLost + criterion("c2").pointsLost + criterion("c3").pointsLost
        #expect(total == Rational(125, 3))
    }

    @Test("mean credits, times scored and critical failures")
    func credits() throws {
        // c1: yes, no, yes → 2 of 3 = 200/3 %; c2: no, (N/A), yes → 1 of 2 = 50 %;
        // c3: 3/4 and 1 → 7/8 = 87.5 %; c2 failed as critical once (H1).
        #expect(try criterion("c1").scored == 3)
        #expect(try criterion("c1").meanCredit == Rational(200, 3))
        #expect(try criterion("c2").scored == 2)
        #expect(try criterion("c2").meanCredit == Rational(50))
        #expect(try criterion("c2").criticalFailures == 1)
        #expect(try criterion("c3").scored == 2)
        #expect(try criterion("c3").meanCredit == Rational(175, 2))
        #expect(try criterion("c1").criticalFailures == 0)
    }

    @Test("summary: mean of exact scores, trend, team = all agents without a team field")
    func summary() {
        // Scores 25, 100/3, 100: mean = (75/3 + 100/3 + 300/3)/3 = 475/9.
        #expect(coaching.summary.audits == 3)
        #expect(coaching.summary.meanScore == Rational(475, 9))
        #expect(coaching.summary.passRate == nil)
        #expect(coaching.summary.autoFails == 0)
        // Days 0, 10, 30 after 2026-08-01: Σx = 40, Σx² = 1000, Σy = 475/3, Σxy = 10·100/3 + 30·100 = 10000/3.
        // slope = (3·10000/3 − 40·475/3)/(3·1000 − 40²) = (11000/3)/1400 = 55/21 per day; × 30 = 550/7.
        #expect(coaching.summary.trend == Rational(550, 7))
        #expect(coaching.team == nil)
        #expect(coaching.teamPhrase == "all agents")
        // The agent is all agents: a group of 1, under min_team_size 3, so no team figure is shown.
        #expect(coaching.summary.teamAgents == 1)
        #expect(coaching.summary.teamMeanScore == nil)
    }

    @Test("focus areas: the critical c2 first, then c1; c3 is scored only twice (< min_audits 3)")
    func focusAndGoals() throws {
        let card = try #require(coaching.scorecards.first)
        #expect(card.focusAreas.map(\.id) == ["c2", "c1"])
        #expect(card.strengths.isEmpty)
        // c2: baseline 50, no team figure (a group of 1): target = min(100, 50 + 10) = 60.
        // c1: baseline 200/3, target = 200/3 + 10 = 230/3. Due: 2026-08-31 + 30 days = 2026-09-30.
        #expect(card.goals.map(\.criterion?.id) == ["c2", "c1"])
        #expect(card.goals.map(\.baseline) == [Rational(50), Rational(200, 3)])
        #expect(card.goals.map(\.target) == [Rational(60), Rational(230, 3)])
        #expect(card.goals.allSatisfy { $0.due == CoachingFixture.date("2026-09-30") })
        // No passing score: no overall-score goal.
        #expect(!card.goals.contains { $0.criterion == nil })
    }

    @Test("evidence: the audits that lost points, newest first, with the points each cost")
    func evidence() throws {
        let note = try #require(coaching.scorecards.first?.notes.last)
        // c1 lost points only in H2 (answer no): 200/3 points.
        #expect(note.criterion.id == "c1")
        #expect(note.evidence.map(\.auditID) == ["H2"])
        #expect(note.evidence.first?.pointsLost == Rational(200, 3))
        #expect(note.evidenceAnswers == ["no"])
        // No team figure (a group of 1): the sentence stops at the agent's own.
        #expect(note.performance == "Met in 2 of 3 audits (66.7%).")
    }
}
