import Testing
@testable import QAKit

@Suite("Coaching: focus areas, strengths, targets and due dates")
struct FocusAreaTests {
    /// A criterion's figures as the ranking sees them.
    private func item(_ index: Int, scored: Int = 5, failures: Int = 0, lost: Rational = .zero,
                      mean: Rational? = nil, team: Rational? = nil) -> CriterionPerformance {
        CriterionPerformance(
            index: index, criterion: Build.yesNo("c\(index)"), scored: scored, meanCredit: mean, teamMeanCredit: team,
            teamScored: 10, criticalFailures: failures, criticalPoints: .zero, shortfalls: 0, pointsLost: lost, answerCounts: []
        )
    }

    private var rankingCase: [CriterionPerformance] {
        [
            item(0, lost: Rational(2)),
            item(1, failures: 1, lost: Rational(1, 2)),
            item(2, failures: 3, lost: Rational(1)),
            item(3, scored: 2, lost: Rational(9)),     // scored fewer than min_audits (3) times
            item(4, lost: Rational(2)),                // ties with c0: scorecard order
            item(5, failures: 1, lost: Rational(4)),   // ties with c1 on failures: scorecard order
            item(6, lost: .zero),                      // cost nothing
            item(7, lost: Rational(3)),
        ]
    }

    @Test("criticals first by failures, then points lost; ties in scorecard order")
    func ranking() {
        let settings = CoachingSettings(focusAreas: 10, minimumAudits: 3)
        // Criticals: c2 (3 failures), then c1 and c5 (1 each, scorecard order); then by points
        // lost: c7 (3), c0 and c4 (2 each, scorecard order). c3 (2 audits) and c6 (0 points) are out.
        #expect(CoachingAnalysis.focusAreas(rankingCase, settings: settings).map(\.index) == [2, 1, 5, 7, 0, 4])
    }

    @Test("at most focus_areas", arguments: [(0, [Int]()), (1, [2]), (4, [2, 1, 5, 7])])
    func limit(count: Int, expected: [Int]) {
        let settings = CoachingSettings(focusAreas: count, minimumAudits: 3)
        #expect(CoachingAnalysis.focusAreas(rankingCase, settings: settings).map(\.index) == expected)
    }

    @Test("a critical criterion leads even when scored fewer than min_audits times")
    func criticalWithFewAudits() {
        let items = [item(0, lost: Rational(10)), item(1, scored: 1, failures: 1)]
        #expect(CoachingAnalysis.focusAreas(items, settings: CoachingSettings()).map(\.index) == [1, 0])
    }

    @Test("strengths: largest lead over the team, at least min_audits, not a focus area, at most two")
    func strengths() {
        let items = [
            item(0, mean: Rational(90), team: Rational(80)),              // lead 10
            item(1, mean: Rational(100), team: Rational(70)),             // lead 30, but a focus area
            item(2, scored: 2, mean: Rational(100), team: Rational(50)),  // too few audits
            item(3, mean: Rational(95), team: Rational(85)),              // lead 10, ties with c0
            item(4, mean: Rational(85), team: Rational(70)),              // lead 15
            item(5, mean: Rational(60), team: Rational(60)),              // no lead
        ]
        let chosen = CoachingAnalysis.strengths(items, excluding: [1], settings: CoachingSettings(minimumAudits: 3))
        // c4 (15), then c0 (10, before c3 in scorecard order).
        #expect(chosen.map(\.index) == [4, 0])
    }

    @Test("target = min(100, max(team mean, baseline + gain)), at least the floor", arguments: [
        // baseline, team, gain, floor, expected
        ("73.3", "81.1", "10", nil, "83.3"),     // 73.3 + 10 = 83.3 beats the team's 81.1
        ("60", "75", "10", nil, "75"),           // the team's 75 beats 60 + 10 = 70
        ("95", "80", "10", nil, "100"),          // 95 + 10 = 105 is capped at 100
        ("50", nil, "5", nil, "55"),             // no team figure: 50 + 5
        ("70", "72", "10", "85", "85"),          // overall goal: passing score 85 beats 80 and 72
        ("78", "90", "10", "85", "90"),          // the team's 90 beats 88 and 85
    ] as [(String, String?, String, String?, String)])
    func target(baseline: String, team: String?, gain: String, floor: String?, expected: String) {
        let target = CoachingAnalysis.target(baseline: Build.r(baseline), team: team.map(Build.r), gain: Build.r(gain), floor: floor.map(Build.r))
        #expect(target == Build.r(expected))
    }

    @Test("due = period end + review_after_days, across month and year ends", arguments: [
        ("2026-09-30", 30, "2026-10-30"),   // 30 days: 0 left in September + 30 in October
        ("2026-12-20", 30, "2027-01-19"),   // 11 days to Dec 31, 19 into January
        ("2028-02-15", 14, "2028-02-29"),   // 2028 is a leap year
        ("2026-10-30", 0, "2026-10-30"),
    ])
    func due(end: String, days: Int, expected: String) throws {
        var card = CoachingFixture.handScorecard
        card.coaching.reviewAfterDays = days
        let audits = CoachingFixture.handAudits.map { ScoredAudit(audit: $0.audit, result: $0.result, scorecard: card) }
        var tally = CoachingTally(scorecards: [card], filter: PeriodFilter(to: CoachingFixture.date(end)))
        for audit in audits { tally.add(audit) }
        let coaching = try #require(CoachingAnalysis(tally: tally)?.coaching(for: "Agent"))
        #expect(coaching.period.to.description == end)
        #expect(coaching.scorecards.first?.goals.first?.due.description == expected)
    }
}

@Suite("Coaching: least-squares trend")
struct TrendLineTests {
    private func line(_ points: [(String, Rational)]) -> TrendLine {
        var line = TrendLine()
        for (date, score) in points { line.add(day: CoachingFixture.date(date).daysSince1970, score: score) }
        return line
    }

    @Test("slope per 30 days, worked by hand")
    func slope() {
        // x = days after 2026-08-01: 0, 10, 30; y = 80, 85, 95. Σx = 40, Σy = 260, Σxy = 850 + 2850 = 3700,
        // Σx² = 1000. slope = (3·3700 − 40·260)/(3·1000 − 40²) = 700/1400 = 1/2 a day → 15 per 30 days.
        let trend = line([("2026-08-01", Rational(80)), ("2026-08-11", Rational(85)), ("2026-08-31", Rational(95))])
        #expect(trend.slopePer30Days == Rational(15))
    }

    @Test("a falling line across a month end")
    func falling() {
        // x = 0, 1, 2 (Aug 31, Sep 1, Sep 2); y = 90, 90, 87. Σx = 3, Σy = 267, Σxy = 90 + 174 = 264, Σx² = 5.
        // slope = (3·264 − 3·267)/(3·5 − 9) = −9/6 = −3/2 a day → −45 per 30 days.
        let trend = line([("2026-08-31", Rational(90)), ("2026-09-01", Rational(90)), ("2026-09-02", Rational(87))])
        #expect(trend.slopePer30Days == Rational(-45))
    }

    @Test("null with fewer than three audits or a single date")
    func undefined() {
        #expect(line([("2026-08-01", Rational(80)), ("2026-08-11", Rational(85))]).slopePer30Days == nil)
        #expect(line([("2026-08-01", Rational(80)), ("2026-08-01", Rational(85)), ("2026-08-01", Rational(90))]).slopePer30Days == nil)
        #expect(TrendLine().slopePer30Days == nil)
    }
}
