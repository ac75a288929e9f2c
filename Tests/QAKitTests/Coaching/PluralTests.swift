import Testing
@testable import QAKit

/// Counts in coaching and calibration prose take the number of their noun and verb: 0 and 2
/// are plural, 1 is singular.
@Suite("Coaching and calibration: plurals")
struct PluralTests {
    private let period = CoachingPeriod(from: CoachingFixture.date("2026-08-01"), to: CoachingFixture.date("2026-08-31"))

    /// The hand fixture's first `count` audits, as the agent's whole period.
    private func summary(audits count: Int) throws -> String {
        guard count > 0 else {
            let empty = CoachingSummary(agent: ScoreTally(), team: ScoreTally(), teamAgents: 3, minimumTeamSize: 3)
            return CoachingWriter.summary(empty, team: nil, teamPhrase: "all agents", period: period)
        }
        let analysis = try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, Array(CoachingFixture.handAudits.prefix(count))))
        let coaching = try #require(analysis.coaching(for: "Agent"))
        return CoachingWriter.summary(coaching.summary, team: nil, teamPhrase: "all agents", period: period)
    }

    @Test("the summary: '1 audit … was reviewed', '0 audits' and '2 audits … were reviewed'", arguments: [
        (0, "0 audits of your work were reviewed."),
        (1, "1 audit of your work was reviewed."),
        (2, "2 audits of your work were reviewed."),
    ])
    func summarySentence(count: Int, expected: String) throws {
        #expect(try summary(audits: count).hasPrefix("Between 2026-08-01 and 2026-08-31, \(expected)"))
    }

    @Test("the noun helpers", arguments: [(0, "0 audits", "0 criteria", "were"), (1, "1 audit", "1 criterion", "was"), (2, "2 audits", "2 criteria", "were")])
    func helpers(count: Int, audits: String, criteria: String, verb: String) {
        #expect(CoachingWriter.plural(count, "audit") == audits)
        #expect(CoachingWriter.plural(count, "criterion", plural: "criteria") == criteria)
        #expect(CoachingWriter.was(count) == verb)
        #expect(CalibrationText.counted(count, "criterion", plural: "criteria") == criteria)
    }

    @Test("one focus area: 'the focus area above: it costs', not 'together they cost'")
    func oneFocusArea() throws {
        // Hand fixture with focus_areas 1 and passing score 90: the mean, 475/9 = 52.78, is below it.
        // The focus area is c2 (one critical failure, in H1); its own points lost: H1 100 × 2/3 × 3/4 × 1 = 50,
        // over 3 audits = 50/3 = 16.67 per audit.
        var card = CoachingFixture.handScorecard
        card.coaching.focusAreas = 1
        card.passingScore = Rational(90)
        let audits = CoachingFixture.handAudits.map { ScoredAudit(audit: $0.audit, result: ScoreEngine(scorecard: card).score($0.audit), scorecard: card) }
        let coaching = try #require(CoachingFixture.analysis(card, audits)?.coaching(for: "Agent"))
        let overall = try #require(coaching.scorecards.first?.goals.last)
        #expect(overall.criterion == nil)
        #expect(overall.actions.contains("Work on the focus area above: it costs 16.67 points per audit."))
    }

    /// A report with `count` interactions outside tolerance, reviewers drifting and criteria to
    /// reword, each criterion over 10 units so that it can be flagged.
    private func report(count: Int, tolerance: Rational = Rational(5)) -> CalibrationReport {
        let interactions = (0..<count).map { index in
            InteractionFigures(interactionID: "I\(index)", scores: [ReviewerScore(reviewer: "A", score: 100), ReviewerScore(reviewer: "B", score: 50)],
                               mean: 75, variance: 1250, sd: 1250.0.squareRoot(), range: 50, benchmarkScore: nil, isWithinTolerance: false)
        }
        let reviewers = (0..<count).map { index in
            ReviewerFigures(reviewer: "R\(index)", interactions: count, meanDeviation: 25, meanAbsoluteDeviation: 25,
                            withinToleranceRate: 0, criterionMatchRate: 0.5, tendency: .lenient)
        }
        let criteria = (0..<count).map { index in
            CriterionFigures(id: "c\(index)", type: "yes_no", level: .nominal, units: 10, alpha: 0.1, ac1: 0.2, percentAgreement: 0.5,
                             isFlagged: true, disagreements: [], disagreementExamples: [])
        }
        return CalibrationReport(
            scorecard: "cal", scorecardVersion: 1, tolerance: tolerance, minimumAlpha: 0.667, benchmark: nil,
            overall: OverallFigures(interactions: count, reviewers: 2, audits: 2 * count, alpha: 0.1, calibrationVariance: 1250,
                                    calibrationSD: 1250.0.squareRoot(), withinToleranceRate: 0),
            interactions: interactions, reviewers: reviewers, criteria: criteria
        )
    }

    @Test("calibration: one interaction, reviewer and criterion are singular")
    func calibrationSingular() {
        let text = CalibrationText.render(report(count: 1), markdown: false).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("1 of 1 interaction outside 5 points, 1 reviewer drifting, 1 criterion to reword"))
        #expect(text.contains("1. Re-discuss this interaction in the next calibration meeting"))
        #expect(text.contains("2. Talk to this reviewer:"))
        #expect(text.contains("3. Reword this criterion (alpha below 0.667): reviewers read it differently."))
        #expect(!text.contains("these 1 ") && !text.contains("these reviewers"))
    }

    @Test("calibration: two of each are plural")
    func calibrationPlural() {
        let text = CalibrationText.render(report(count: 2), markdown: false).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("2 of 2 interactions outside 5 points, 2 reviewers drifting, 2 criteria to reword"))
        #expect(text.contains("1. Re-discuss these 2 interactions in the next calibration meeting"))
        #expect(text.contains("2. Talk to these reviewers:"))
        #expect(text.contains("3. Reword these 2 criteria (alpha below 0.667): reviewers read them differently."))
    }

    @Test("calibration: a tolerance of 1 is '1 point', half of 2 is '1 point'", arguments: [
        ("1", "tolerance 1 point.", "(0.5 points)"), ("2", "tolerance 2 points.", "(1 point)"), ("5", "tolerance 5 points.", "(2.5 points)"),
    ])
    func tolerance(value: String, session: String, half: String) {
        let text = CalibrationText.render(report(count: 2, tolerance: Build.r(value)), markdown: false).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains(session))
        #expect(text.contains("more than half the tolerance \(half)"))
    }
}
