import Testing
@testable import QAKit

/// A trend from fewer than 5 scored audits, or from audits less than 14 days apart, is shown as
/// unreliable, with the counts, instead of as a firm rise or fall.
@Suite("Coaching: when a trend can be relied on")
struct TrendReliabilityTests {
    /// `count` audits scoring 100 and 250/3 in turn on the hand scorecard, `step` days apart from 2026-08-01.
    private func summary(audits count: Int, step: Int) throws -> CoachingSummary {
        let start = CoachingFixture.date("2026-08-01")
        let audits = (0..<count).map { index in
            CoachingFixture.scored(CoachingFixture.handScorecard, id: "R\(index)", agent: "Agent",
                                   date: start.adding(days: index * step).description,
                                   answers: index.isMultiple(of: 2) ? [.yes, .yes, .scale(5)] : [.no, .yes, .scale(5)])
        }
        return try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, audits)?.coaching(for: "Agent")).summary
    }

    @Test("reliable from 5 audits spanning 14 days", arguments: [
        (5, 4, true),    // 5 audits over 16 days
        (5, 3, false),   // 5 audits over 12 days: too short
        (4, 7, false),   // 4 audits over 21 days: too few
        (6, 3, true),    // 6 audits over 15 days
    ])
    func threshold(count: Int, step: Int, reliable: Bool) throws {
        let summary = try summary(audits: count, step: step)
        #expect(summary.scoredAudits == count && summary.spanDays == (count - 1) * step)
        #expect(summary.trend != nil)
        #expect(summary.isTrendReliable == reliable)
    }

    @Test("no trend, no verdict on it")
    func noTrend() throws {
        #expect(try summary(audits: 2, step: 10).isTrendReliable == nil)
    }

    @Test("the hand fixture's three audits: the trend is reported with why it is unreliable")
    func text() throws {
        // x = 0, 10, 30 days; y = 25, 100/3, 100. Σx = 40, Σx² = 1000, Σy = 475/3, Σxy = 1000/3 + 3000 = 10000/3.
        // slope = (3·10000/3 − 40·475/3)/(3·1000 − 40²) = (11000/3)/1400 = 55/21 a day → 550/7 = 78.57 per 30 days.
        let coaching = try #require(CoachingFixture.analysis(CoachingFixture.handScorecard, CoachingFixture.handAudits)?.coaching(for: "Agent"))
        #expect(coaching.summary.trend == Rational(550, 7))
        #expect(coaching.summary.isTrendReliable == false)
        let text = CoachingWriter.summary(coaching.summary, team: nil, teamPhrase: "all agents", period: coaching.period)
        #expect(text.contains("Your scores' least-squares trend was +78.57 points per 30 days, but it rests on 3 audits over 30 days: too few to rely on, since a trend needs at least 5 audits spanning 14 days"))
        #expect(!text.contains("rose by"))
        #expect(CoachingText.trend(coaching.summary) == "+78.57 (unreliable: 3 audits, 30 days)")
        #expect(CoachingJSON.document([coaching]).json().contains("\"trend_reliable\": false"))
    }
}
