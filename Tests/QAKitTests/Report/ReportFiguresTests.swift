import Testing
@testable import QAKit

/// The report's figures on `ReportFixture`, each worked out by hand from the table there.
@Suite struct ReportFiguresTests {
    let report = ReportFixture.report(kpis: true)

    @Test func headlineComparesTheLatestMonthWithTheOneBefore() throws {
        let headline = try #require(report.headline)
        // 2026-09: A2..A5 = 75, 25, 75, 100 → mean 275/4; 75, 75, 100 reach 70 → pass rate 3/4.
        #expect(headline.latest.period == "2026-09")
        #expect(headline.latest.audits == 4)
        #expect(headline.latest.meanScore == Rational(275, 4))
        #expect(headline.latest.passRate == Rational(3, 4))
        #expect(headline.latest.autoFails == 0)
        // 2026-08: A1 alone, 100, passed.
        let previous = try #require(headline.previous)
        #expect(previous.period == "2026-08")
        #expect(previous.meanScore == Rational(100))
        #expect(headline.audits == 3)
        #expect(headline.meanScore == Rational(275, 4) - Rational(100))
        #expect(headline.passRate == Rational(-1, 4))
        // CSAT 0.7 against 0.75.
        #expect(headline.kpiChange(\.csat) == Rational(-1, 20))
    }

    @Test func alphaComesFromTheCalibrationAudits() throws {
        let headline = try #require(report.headline)
        // Interval alpha over X (100, 75) and Y (25, 25): D_o = 2·25²/4 = 312.5; D_e = Σ over the
        // 12 ordered pairs of the values 100, 75, 25, 25 of the squared difference, / 12 =
        // 2·(625 + 2·5625 + 2·2500)/12 = 2812.5; alpha = 1 − 312.5/2812.5 = 8/9.
        let alpha = try #require(headline.latest.alpha)
        #expect(abs(alpha - 8.0 / 9.0) < 1e-12)
        #expect(headline.latest.alphaInteractions == 2)
        #expect(headline.previous?.alpha == nil)
        // No calibration audit counts as an audit.
        #expect(report.calibrationAudits == 4)
    }

    @Test func histogramBinsTheRoundedScores() {
        // 100, 75, 25, 75, 100: [20,30) 1, [70,80) 2, [90,100] 2 (100 belongs to the 90–100 bin).
        var expected = [Int](repeating: 0, count: 11)
        expected[2] = 1
        expected[7] = 2
        expected[9] = 2
        #expect(report.histogram.map(\.audits) == expected)
        #expect(report.histogram[9].label == "90–100")
        #expect(report.histogram[10].to == nil)
        #expect(report.histogram[10].label == "100+")
    }

    @Test(arguments: [("89.994", 8), ("89.995", 9), ("100", 9), ("100.004", 9), ("100.005", 10), ("0", 0), ("9.999", 1)])
    func binEdges(score: String, bin: Int) {
        // Bins take the score rounded half away from zero to two decimals.
        let rounded = Rational.parseDecimal(score)!.value.rounded(places: 2)
        #expect(ReportFigures.bin(of: rounded) == bin)
    }

    @Test func teamPeriodMeans() throws {
        // Blue in 2026-09: A2 75 and A3 25 → 50, one of two passed; Red: 75 and 100 → 87.5.
        let blue = try #require(report.teams.first { $0.team == "Blue" && $0.period == "2026-09" })
        #expect(blue.audits == 2)
        #expect(blue.meanScore == Rational(50))
        #expect(blue.passRate == Rational(1, 2))
        let red = try #require(report.teams.first { $0.team == "Red" && $0.period == "2026-09" })
        #expect(red.meanScore == Rational(175, 2))
        #expect(report.teams.map(\.team) == ["Blue", "Blue", "Red"])
    }

    @Test func heatmapCells() throws {
        // Blue's c1: A1 yes, A2 no, A3 yes → 2/3; Red's c2: A4 yes, A5 yes → 1.
        let blue = try #require(report.criteriaByTeam.first { $0.team == "Blue" && $0.criterion == "c1" })
        #expect(blue.scored == 3)
        #expect(blue.meanCredit == Rational(2, 3))
        let red = try #require(report.criteriaByTeam.first { $0.team == "Red" && $0.criterion == "c2" })
        #expect(red.meanCredit == Rational(1))
    }

    @Test func criteriaCostPointsLostPerAudit() {
        // A miss on c1 costs 100·1/4 = 25 points, on c2 100·3/4 = 75. c1 missed in A2 and A4 →
        // 50/5 = 10 per audit; c2 missed in A3 → 75/5 = 15. Costliest first.
        #expect(report.criteriaCost.map(\.criterion) == ["c2", "c1"])
        #expect(report.criteriaCost.map(\.pointsLost) == [Rational(15), Rational(10)])
    }

    @Test func agentsByPeriod() {
        #expect(report.agents.map { "\($0.agent) \($0.period) \($0.audits)" } == ["Ana 2026-08 1", "Ana 2026-09 1", "Bo 2026-09 1", "Cy 2026-09 2"])
        #expect(report.agents.last?.meanScore == Rational(175, 2))
    }

    @Test func reviewers() throws {
        // R1: A1, A2, A5; R2: A3, A4. Deviation from the other reviewer: R1 +25 on X, 0 on Y → 12.5.
        #expect(report.reviewers.map(\.reviewer) == ["R1", "R2"])
        #expect(report.reviewers.map(\.audits) == [3, 2])
        let r1 = try #require(report.reviewers[0].meanDeviation)
        let r2 = try #require(report.reviewers[1].meanDeviation)
        #expect(abs(r1 - 12.5) < 1e-9)
        #expect(abs(r2 + 12.5) < 1e-9)
        #expect(report.reviewers.allSatisfy { $0.overturnRate == nil })
    }

    @Test func qaAgainstCSAT() throws {
        // Ana (100 + 75)/2 = 87.5 and 0.9, Bo 25 and 0.5, Cy 87.5 and 0.8; Dee has no audit.
        // r from Python: statistics.correlation([87.5, 25, 87.5], [0.9, 0.5, 0.8]) = 0.970725343394151.
        let scatter = try #require(report.qaVersusCSAT)
        #expect(scatter.n == 3)
        #expect(scatter.points.map(\.agent) == ["Ana", "Bo", "Cy"])
        let r = try #require(scatter.r)
        #expect(abs(r - 0.970725343394151) < 1e-12)
        #expect(ReportFixture.report().qaVersusCSAT == nil)
    }

    @Test func pearsonIsUndefinedWithoutVariation() {
        #expect(PearsonCorrelation.r([(1, 2)]) == nil)
        #expect(PearsonCorrelation.r([(1, 2), (1, 3)]) == nil)
        #expect(PearsonCorrelation.r([(1, 2), (2, 4), (3, 6)]) == 1)
    }

    @Test func zeroAuditsHaveNoHeadline() {
        let report = ReportFixture.report(filter: PeriodFilter(from: CalendarDate.parse("2027-01-01")))
        #expect(report.headline == nil)
        #expect(report.periods.isEmpty)
        #expect(ReportHTML.render(report).contains("nothing to chart"))
        #expect(!ReportHTML.render(report).contains("<svg"))
        #expect(ReportJSON.render(report).contains("\"headline\": null"))
    }

    @Test func jsonIsUnrounded() {
        let json = ReportJSON.render(report)
        #expect(json.contains("\"mean_score\": 68.75"))
        #expect(json.contains("\"mean_credit\": 0.6666666666666666"))
        #expect(json.contains("{\"from\": 100, \"to\": null, \"audits\": 0}"))
        #expect(json.contains("\"overturn_rate\": null"))
    }

    @Test func weeksNameThePreviousWeek() {
        #expect(ReportPeriod.week.key(of: CalendarDate.parse("2026-12-31")!) == "2026-W53")
        #expect(ReportPeriod.week.previousKey(before: CalendarDate.parse("2027-01-04")!) == "2026-W53")
        #expect(ReportPeriod.month.previousKey(before: CalendarDate.parse("2026-01-20")!) == "2025-12")
        // 2026-W53 starts on Monday 2026-12-28; 2030-W01 on Monday 2029-12-31; 2026-W01 on 2025-12-29.
        #expect(ReportPeriod.week.firstDay(of: "2026-W53") == CalendarDate.parse("2026-12-28"))
        #expect(ReportPeriod.week.firstDay(of: "2030-W01") == CalendarDate.parse("2029-12-31"))
        #expect(ReportPeriod.week.firstDay(of: "2026-W01") == CalendarDate.parse("2025-12-29"))
        #expect(ReportPeriod.month.firstDay(of: "2026-02") == CalendarDate.parse("2026-02-01"))
    }
}
