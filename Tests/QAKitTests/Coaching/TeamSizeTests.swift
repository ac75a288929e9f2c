import Testing
@testable import QAKit

/// `coaching.min_team_size`: a comparison group of fewer agents shows no team figure, since the
/// team mean and the agent's own figures would give a colleague's scores away.
@Suite("Coaching: teams too small to show")
struct TeamSizeTests {
    /// The support fixture with `min_team_size` 3: the Blue team (Ana, Bo) has 2 agents.
    private func analysis(minimumTeamSize: Int) throws -> CoachingAnalysis {
        var card = CoachingFixture.supportScorecard
        card.coaching.minimumTeamSize = minimumTeamSize
        let audits = CoachingFixture.supportAudits.map { ScoredAudit(audit: $0.audit, result: $0.result, scorecard: card) }
        return try #require(CoachingFixture.analysis(card, audits))
    }

    @Test("a two-agent team under min_team_size 3: no team mean, credits or audits; targets from the gain")
    func withheld() throws {
        let ana = try #require(try analysis(minimumTeamSize: 3).coaching(for: "Ana López"))
        #expect(ana.summary.teamAgents == 2)
        #expect(!ana.summary.isTeamShown)
        #expect(ana.summary.teamMeanScore == nil && ana.summary.teamAudits == nil)
        let card = try #require(ana.scorecards.first)
        #expect(card.summary.teamMeanScore == nil)
        #expect(card.criteria.allSatisfy { $0.teamMeanCredit == nil && $0.teamScored == 0 })
        // Empathy: Ana's credits 1/4, 1/2, 1/4, 3/4 → 43.75 %. Without a team mean the target is
        // 43.75 + 10 = 53.75; the Blue team's 450/7 % (64.29) would otherwise have set it (see below).
        let empathy = try #require(card.goals.first { $0.criterion?.id == "empathy" })
        #expect(empathy.baseline == Build.r("43.75"))
        #expect(empathy.target == Build.r("53.75"))
        // Overall: mean 55.9375 < 80: max(55.9375 + 10, 80) = 80, no team mean involved.
        #expect(card.goals.last?.target == Rational(80))
        // Strengths fall back to the highest own mean credit outside the focus areas (accuracy,
        // empathy): resolution (1/2 + 1 + 0 + 1)/4 = 62.5 %, then greeting 2/4 = 50 %.
        #expect(card.strengths.map(\.id) == ["resolution", "greeting"])
    }

    @Test("the same team under min_team_size 2 shows its figures")
    func shown() throws {
        let ana = try #require(try analysis(minimumTeamSize: 2).coaching(for: "Ana López"))
        #expect(ana.summary.isTeamShown)
        // Team Blue: 7 audits with mean 495/7 (worked out in CoachingReportTests.figures).
        #expect(ana.summary.teamMeanScore == Rational(495, 7) && ana.summary.teamAudits == 7)
        // Empathy team credits: Ana 1.75, Bo 1 + 3/4 + 1 = 2.75 → 4.5/7 = 450/7 %, above 53.75.
        let empathy = try #require(ana.scorecards.first?.goals.first { $0.criterion?.id == "empathy" })
        #expect(empathy.target == Rational(450, 7))
        // Ana leads the team on no criterion: no strengths.
        #expect(ana.scorecards.first?.strengths.isEmpty == true)
    }

    @Test("the reason is given in Markdown, HTML and JSON, and JSON's team figures are null")
    func reason() throws {
        let ana = try #require(try analysis(minimumTeamSize: 3).coaching(for: "Ana López"))
        let sentence = "Team figures are not shown: only 2 agents were audited in the Blue team in this period, fewer than the 3 that coaching.min\\_team\\_size asks for"
        #expect(CoachingMarkdown.render(ana).contains(sentence))
        #expect(CoachingHTML.render([ana]).contains(sentence.replacingOccurrences(of: "\\_", with: "_")))
        let json = CoachingJSON.document([ana]).json()
        #expect(json.contains("\"team_mean_score\": null"))
        #expect(json.contains("\"team_audits\": null"))
        #expect(json.contains("\"team_agents\": 2"))
        #expect(json.contains("\"team_figures_shown\": false"))
        #expect(!json.contains("\"team_mean_credit\": 7") && !json.contains("\"team_mean_credit\": 6"))
        #expect(json.contains("\"team_mean_credit\": null"))
    }

    @Test("team size is counted per scorecard: agents audited on it")
    func perScorecard() throws {
        // Three agents of team X on `hand`, only two of them on `other` (same criteria, another id).
        var other = CoachingFixture.handScorecard
        other.id = "other"
        other.title = "Other"
        let cards = [CoachingFixture.handScorecard, other]
        func audit(_ id: String, _ agent: String, _ index: Int) -> ScoredAudit {
            let audit = Audit(id: id, interactionID: "T-\(id)", agent: agent, reviewer: "R", date: CoachingFixture.date("2026-08-01"),
                              scorecardIndex: index, fields: ["team": "X"], answers: [.yes, .yes, .scale(5)])
            return ScoredAudit(audit: audit, result: ScoreEngine(scorecard: cards[index]).score(audit), scorecard: cards[index])
        }
        var tally = CoachingTally(scorecards: cards)
        for scored in [audit("1", "A", 0), audit("2", "B", 0), audit("3", "C", 0), audit("4", "A", 1), audit("5", "B", 1)] {
            tally.add(scored)
        }
        let a = try #require(CoachingAnalysis(tally: tally)?.coaching(for: "A"))
        #expect(a.summary.teamAgents == 3 && a.summary.isTeamShown)
        #expect(a.scorecards.map(\.summary.teamAgents) == [3, 2])
        #expect(a.scorecards.map(\.summary.isTeamShown) == [true, false])
        #expect(a.scorecards[1].criteria.allSatisfy { $0.teamMeanCredit == nil })
        #expect(CoachingMarkdown.render(a).contains("only 2 agents were audited in the X team on Other in this period"))
    }
}
