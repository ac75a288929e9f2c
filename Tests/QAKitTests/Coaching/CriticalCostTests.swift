import Testing
@testable import QAKit

/// A critical failure's note states what it cost: the audits it zeroed and the points between
/// their raw scores and their scores.
@Suite("Coaching: what a critical failure cost")
struct CriticalCostTests {
    /// One section: `c1` and `c2` (critical: scorecard), yes/no, weight 1 each: score = 50 per yes.
    private func card(policy: CriticalPolicy) -> Scorecard {
        Build.card(Build.section("s", Build.yesNo("c1"), Build.yesNo("c2", critical: .scorecard)), critical: policy)
    }

    private func coaching(policy: CriticalPolicy) throws -> AgentCoaching {
        let card = card(policy: policy)
        // A1 (Aug 1) and A2 (Aug 2): c1 yes, c2 no → raw 50; A3 (Aug 3): both yes → 100.
        let audits = [
            CoachingFixture.scored(card, id: "A1", agent: "Agent", date: "2026-08-01", answers: [.yes, .no]),
            CoachingFixture.scored(card, id: "A2", agent: "Agent", date: "2026-08-02", answers: [.yes, .no]),
            CoachingFixture.scored(card, id: "A3", agent: "Agent", date: "2026-08-03", answers: [.yes, .yes]),
        ]
        return try #require(CoachingFixture.analysis(card, audits)?.coaching(for: "Agent"))
    }

    @Test("auto-fails: the audits, and raw score − score in all and per audit")
    func autoFail() throws {
        let coaching = try coaching(policy: .zero)
        let card = try #require(coaching.scorecards.first)
        let c2 = try #require(card.criteria.first { $0.id == "c2" })
        // A1 and A2: raw 50, score 0 → 50 + 50 = 100 points; over 3 audits 100/3 = 33.33 per audit.
        #expect(c2.criticalFailures == 2 && c2.criticalPoints == Rational(100))
        let note = try #require(card.notes.first { $0.criterion.id == "c2" })
        // Its own points lost: 100 × 1/2 × 1 = 50 in each of A1 and A2 → 100/3 per audit.
        #expect(note.cost == "It cost 33.33 points of score per audit on average across your 3 audits, more than any other criterion. "
            + "It failed as a critical criterion in 2 audits (A2, A1), each of which auto-failed the audit and set its score to 0: "
            + "100.00 points of score in all between those audits' raw scores and their scores, 33.33 per audit across your 3 audits.")
        #expect(note.evidence.map(\.criticalCost) == [Rational(50), Rational(50)])
        #expect(CoachingMarkdown.render(coaching).contains("| A2 | 2026-08-02 | T-A2 | no | 50.00 + 50.00 critical | — |"))
        #expect(CoachingJSON.document([coaching]).json().contains("\"critical_points\": 50"))
    }

    @Test("one failure of a section-level critical: that audit's raw score and its score")
    func sectionLevel() throws {
        // The hand fixture: c2 (critical: section) failed in H1 only, raw 125/3, score 25 → 50/3 = 16.67;
        // over 3 audits 50/9 = 5.56 per audit.
        let coaching = try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, CoachingFixture.handAudits)?.coaching(for: "Agent"))
        let note = try #require(coaching.scorecards.first?.notes.first { $0.criterion.id == "c2" })
        #expect(note.cost.hasSuffix("It failed as a critical criterion in 1 audit (H1), which set its section's score to 0: "
            + "16.67 points of score between that audit's raw score and its score, 5.56 per audit across your 3 audits."))
    }

    @Test("under critical_policy: flag a failure costs no points, and says so")
    func flagged() throws {
        let coaching = try coaching(policy: .flag)
        let note = try #require(coaching.scorecards.first?.notes.first { $0.criterion.id == "c2" })
        #expect(note.cost.hasSuffix("It failed as a critical criterion in 2 audits (A2, A1), each recorded as an auto-fail; under critical_policy: flag that costs no points of score."))
        #expect(!note.cost.contains("0.00 points"))
    }

    @Test("a failure where the answers had already lost everything costs no further points")
    func nothingFurther() throws {
        // Support fixture, Ana's S-03: accuracy 0 fails the resolution section, whose other
        // answer (resolution: not resolved) had already made it 0, so raw = score = 6.25.
        let analysis = try #require(CoachingFixture.analysis(CoachingFixture.supportScorecard, CoachingFixture.supportAudits))
        let note = try #require(analysis.coaching(for: "Ana López")?.scorecards.first?.notes.first { $0.criterion.id == "accuracy" })
        #expect(note.cost.hasSuffix("It failed as a critical criterion in 1 audit (S-03), which set its section's score to 0, but the critical rule cost no points there beyond what the answers had already lost."))
    }
}
