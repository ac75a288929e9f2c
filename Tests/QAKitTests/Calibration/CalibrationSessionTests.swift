import Testing
@testable import QAKit

/// Every figure of `docs/calibration.md` on the session of `CalibrationFixture`, worked out by hand.
@Suite("Calibration session")
struct CalibrationSessionTests {
    /// Equal within 1e-12, both `nil` counting as equal.
    private func close(_ actual: Double?, _ expected: Double?) -> Bool {
        switch (actual, expected) {
        case (nil, nil): true
        case let (actual?, expected?): abs(actual - expected) < 1e-12
        default: false
        }
    }

    private func report(_ options: CalibrationOptions = CalibrationOptions()) throws -> CalibrationReport {
        let outcome = CalibrationFixture.analyse(options: options)
        #expect(outcome.warnings.isEmpty)
        return try #require(outcome.reports.first)
    }

    @Test func interactionFigures() throws {
        let report = try report()
        #expect(report.interactions.map(\.interactionID) == ["I1", "I2", "I3"])
        let (first, second, third) = (report.interactions[0], report.interactions[1], report.interactions[2])
        // I1: 80, 90, 70. Mean 80; squared deviations 0 + 100 + 100 = 200; variance 200/2 = 100.
        #expect(first.scores == [ReviewerScore(reviewer: "A", score: 80), ReviewerScore(reviewer: "B", score: 90),
                                 ReviewerScore(reviewer: "C", score: 70)])
        #expect(close(first.mean, 80) && close(first.variance, 100) && close(first.sd, 10) && close(first.range, 20))
        // Range 20 > tolerance 5.
        #expect(first.isWithinTolerance == false)
        #expect(first.benchmarkScore == nil)
        // I2: 60, 64, 62. Mean 62; 4 + 4 + 0 = 8; variance 4; range 4 ≤ 5.
        #expect(close(second.mean, 62) && close(second.variance, 4) && close(second.sd, 2) && close(second.range, 4))
        #expect(second.isWithinTolerance == true)
        // I3: 100, 100, 94. Mean 98; 4 + 4 + 16 = 24; variance 12, sd √12; range 6 > 5.
        #expect(close(third.mean, 98) && close(third.variance, 12) && close(third.sd, 12.0.squareRoot()) && close(third.range, 6))
        #expect(third.isWithinTolerance == false)
    }

    @Test func overallFigures() throws {
        let overall = try report().overall
        #expect(overall.interactions == 3 && overall.reviewers == 3 && overall.audits == 9)
        // Pooled: (200 + 8 + 24) / (2 + 2 + 2) = 232/6.
        #expect(close(overall.calibrationVariance, 232.0 / 6))
        #expect(close(overall.calibrationSD, (232.0 / 6).squareRoot()))
        #expect(close(overall.withinToleranceRate, 1.0 / 3))
        // Interval alpha. D_o = (1/n) Σ_u Σ_{i≠j} (x_i − x_j)² / (m_u − 1) with n = 9:
        // I1 2·(100 + 100 + 400)/2 = 600, I2 2·(16 + 4 + 4)/2 = 24, I3 2·(0 + 36 + 36)/2 = 72,
        // so D_o = 696/9. D_e = 2 Σ (x − x̄)² / (n − 1): the nine scores have mean 720/9 = 80 and
        // squared deviations 0+100+100 + 400+256+324 + 400+400+196 = 2176, so D_e = 4352/8 = 544.
        // α = 1 − (696/9)/544 = 1 − 29/204 = 175/204.
        #expect(close(overall.alpha, 175.0 / 204))
    }

    @Test func leaveOneOutReviewerFigures() throws {
        let reviewers = try report().reviewers
        #expect(reviewers.map(\.reviewer) == ["A", "B", "C"])
        // Each score minus the mean of the other two on the same interaction:
        // A: 80−80 = 0, 60−63 = −3, 100−97 = +3.  B: 90−75 = +15, 64−61 = +3, 100−97 = +3.
        // C: 70−85 = −15, 62−62 = 0, 94−100 = −6.
        let (a, b, c) = (reviewers[0], reviewers[1], reviewers[2])
        #expect(a.interactions == 3 && b.interactions == 3 && c.interactions == 3)
        #expect(close(a.meanDeviation, 0) && close(a.meanAbsoluteDeviation, 2) && close(a.withinToleranceRate, 1))
        #expect(close(b.meanDeviation, 7) && close(b.meanAbsoluteDeviation, 7) && close(b.withinToleranceRate, 2.0 / 3))
        #expect(close(c.meanDeviation, -7) && close(c.meanAbsoluteDeviation, 7) && close(c.withinToleranceRate, 1.0 / 3))
        // Half the tolerance is 2.5: 0 is aligned, +7 lenient, −7 strict.
        #expect(a.tendency == .aligned && b.tendency == .lenient && c.tendency == .strict)
        // Answers equal to the most common answer of the other two (a tie counts), N/A included,
        // per criterion p / greet / tone / res (worked out in `criterionFigures`):
        // A 1 + 3 + 3 + 1 = 8 of 12, B 1 + 3 + 2 + 2 = 8 of 12, C 0 + 2 + 2 + 2 = 6 of 12.
        #expect(close(a.criterionMatchRate, 8.0 / 12) && close(b.criterionMatchRate, 8.0 / 12) && close(c.criterionMatchRate, 6.0 / 12))
    }

    @Test func criterionFigures() throws {
        let criteria = try report().criteria
        #expect(criteria.map(\.id) == ["p", "greet", "tone", "res"])
        let (points, greet, tone, res) = (criteria[0], criteria[1], criteria[2], criteria[3])

        // p: the scores themselves, interval alpha as overall. Agreeing pairs: I1 0, I2 0, I3 one
        // pair of three (100 = 100), so the mean share is (0 + 0 + 1/3)/3 = 1/9. No AC1 for points.
        #expect(points.type == "points" && points.level == .interval && points.units == 3)
        #expect(close(points.alpha, 175.0 / 204) && points.ac1 == nil && close(points.percentAgreement, 1.0 / 9))
        #expect(!points.isFlagged && points.disagreements == ["I1", "I2", "I3"])

        // greet, nominal (yes 1, no 0): I1 yes yes no, I2 yes yes yes, I3 no no no; n = 9, five
        // yes and four no. D_o = (I1's 4 mismatching ordered pairs / 2) / 9 = 2/9;
        // D_e = (81 − 25 − 16)/(9·8) = 5/9; α = 1 − 2/5 = 0.6, below 0.667.
        // AC1: p_a = (1/3 + 1 + 1)/3 = 7/9; π_yes = (2/3 + 1 + 0)/3 = 5/9, π_no = 4/9;
        // p_e = 2·(5/9)(4/9)/(2 − 1) = 40/81; AC1 = (63/81 − 40/81)/(41/81) = 23/41.
        #expect(greet.type == "yes_no" && greet.level == .nominal && greet.units == 3)
        #expect(close(greet.alpha, 0.6) && close(greet.ac1, 23.0 / 41) && close(greet.percentAgreement, 7.0 / 9))
        // Below 0.667, but over 3 units, fewer than 10: too few to judge, so not flagged.
        #expect(!greet.isFlagged && greet.hasTooFewUnits && greet.disagreements == ["I1"])

        // tone, ordinal: values 1 (×2), 2 (×5), 3 (×2); mid-ranks P1 = 1, P2 = 2 + 5/2 = 4.5,
        // P3 = 7 + 1 = 8. On ranks, I1 (8, 8, 4.5) and I3 (1, 4.5, 1) each have squared
        // deviations 73.5/9, I2 none: D_o = 2·(2·3·(73.5/9)/2)/9 = 49/9. All nine ranks have mean
        // 4.5 and squared deviations 4·3.5² = 49: D_e = 2·49/8 = 12.25. α = 1 − (49/9)/12.25 = 5/9.
        // AC1 over 1…3: p_a = (1/3 + 1 + 1/3)/3 = 5/9; π = (2/9, 5/9, 2/9);
        // p_e = (14 + 20 + 14)/81 / 2 = 8/27; AC1 = (15/27 − 8/27)/(19/27) = 7/19.
        #expect(tone.type == "scale" && tone.level == .ordinal && tone.units == 3)
        #expect(close(tone.alpha, 5.0 / 9) && close(tone.ac1, 7.0 / 19) && close(tone.percentAgreement, 5.0 / 9))
        #expect(!tone.isFlagged && tone.hasTooFewUnits && tone.disagreements == ["I1", "I3"])

        // res, nominal on option positions, N/A missing: I1 (0, 1, 2), I2 (0, 0, 0), I3 (0, 0);
        // n = 8 with counts 6, 1, 1. D_o = (6/2)/8 = 3/8; D_e = (64 − 36 − 1 − 1)/56 = 13/28;
        // α = 1 − (3/8)/(13/28) = 5/26. AC1: p_a = (0 + 1 + 1)/3 = 2/3; π = (7/9, 1/9, 1/9);
        // p_e = (14 + 8 + 8)/81 / 2 = 5/27; AC1 = (18/27 − 5/27)/(22/27) = 13/22.
        // I3 counts as a disagreement: A's N/A differs from the others' o0.
        #expect(res.type == "choice" && res.level == .nominal && res.units == 3)
        #expect(close(res.alpha, 5.0 / 26) && close(res.ac1, 13.0 / 22) && close(res.percentAgreement, 2.0 / 3))
        #expect(!res.isFlagged && res.hasTooFewUnits && res.disagreements == ["I1", "I3"])
        #expect(res.disagreementExamples.last == Disagreement(interactionID: "I3", answers: [
            ReviewerAnswer(reviewer: "A", answer: "n/a"), ReviewerAnswer(reviewer: "B", answer: "o0"),
            ReviewerAnswer(reviewer: "C", answer: "o0"),
        ]))
    }

    @Test func benchmarkIsTheReferenceAndNoSubject() throws {
        let report = try report(CalibrationOptions(benchmark: "A"))
        #expect(report.benchmark == "A")
        #expect(report.overall.reviewers == 3)
        #expect(report.reviewers.map(\.reviewer) == ["B", "C"])
        // Every other score within 5 of A's: I1 B is 10 away (no), I2 4 and 2 (yes), I3 C is 6 away (no).
        #expect(report.interactions.map(\.benchmarkScore) == [80, 60, 100])
        #expect(report.interactions.map(\.isWithinTolerance) == [false, true, false])
        #expect(close(report.overall.withinToleranceRate, 1.0 / 3))
        let (b, c) = (report.reviewers[0], report.reviewers[1])
        // B − A: +10, +4, 0. C − A: −10, +2, −6.
        #expect(close(b.meanDeviation, 14.0 / 3) && close(b.meanAbsoluteDeviation, 14.0 / 3) && close(b.withinToleranceRate, 2.0 / 3))
        #expect(close(c.meanDeviation, -14.0 / 3) && close(c.meanAbsoluteDeviation, 6) && close(c.withinToleranceRate, 1.0 / 3))
        #expect(b.tendency == .lenient && c.tendency == .strict)
        // Against A's answers (p 80/60/100, greet yes/yes/no, tone 3/2/1, res o0/o0/n/a):
        // B matches p 1, greet 3, tone 2, res 1 = 7 of 12; C matches 0 + 2 + 2 + 1 = 5 of 12.
        #expect(close(b.criterionMatchRate, 7.0 / 12) && close(c.criterionMatchRate, 5.0 / 12))
        // Agreement statistics do not depend on the reference.
        #expect(close(report.criteria[1].alpha, 0.6))
    }

    @Test func leaveOneOutWhereTheBenchmarkDidNotScore() throws {
        // Without A's audit of I3, B's reference there is C's 94: deviations +10, +4, +6.
        let rows = CalibrationFixture.rows.filter { $0.id != "a3" }
        let report = try #require(CalibrationFixture.analyse(rows, options: CalibrationOptions(benchmark: "A")).reports.first)
        #expect(report.interactions[2].benchmarkScore == nil)
        // No benchmark score in I3: its range (100 − 94 = 6) decides.
        #expect(report.interactions[2].isWithinTolerance == false)
        #expect(close(report.reviewers[0].meanDeviation, 20.0 / 3))
        #expect(report.reviewers[0].interactions == 3)
    }

    @Test func toleranceOverrideAndExactBoundary() throws {
        // With tolerance 6, I3's range of exactly 6 is within it, and C's deviation of −6 too.
        let report = try report(CalibrationOptions(tolerance: Rational(6)))
        #expect(report.interactions.map(\.isWithinTolerance) == [false, true, true])
        #expect(close(report.reviewers[2].withinToleranceRate, 2.0 / 3))
        // Half of 6 is 3: B's +7 is still lenient.
        #expect(report.reviewers[1].tendency == .lenient)
    }

    @Test func toleranceIsDecidedOnExactScores() throws {
        // Three equally weighted yes/no criteria: one yes scores 100/3, two score 200/3, whose
        // difference is exactly 100/3. As doubles, 66.666…67 − 33.333…336 need not equal the
        // double nearest 100/3; the exact scores decide that the difference is within a
        // tolerance of exactly 100/3 points.
        let card = Build.card(Build.section("all", Build.yesNo("q1"), Build.yesNo("q2"), Build.yesNo("q3")))
        let engine = ScoreEngine(scorecard: card)
        let session = CalibrationSession(scorecards: [card], options: CalibrationOptions(tolerance: Rational(100, 3)))
        for (reviewer, answers) in [("A", [Answer.yes, .no, .no]), ("B", [.yes, .yes, .no])] {
            let audit = Audit(id: reviewer, interactionID: "I1", agent: "Agent", reviewer: reviewer,
                              date: CalendarDate(year: 2026, month: 10, day: 1)!, answers: answers)
            session.add(ScoredAudit(audit: audit, result: engine.score(audit), scorecard: card))
        }
        let report = try #require(session.analyse().reports.first)
        #expect(report.interactions[0].isWithinTolerance == true)
        #expect(report.reviewers.map(\.withinToleranceRate) == [1, 1])
    }

    @Test func theLaterAuditOfAReviewerCountsWithAWarning() throws {
        // A scores I1 again on a later day (read first) and earlier (read last): the later date
        // wins whatever the order, so 'a1-late' (score 86) counts and both others are ignored.
        var rows = CalibrationFixture.rows
        rows.insert(CalibrationFixture.row("a1-late", "I1", "A", day: 5, 86, .yes, 3, .choice(0)), at: 0)
        rows.append(CalibrationFixture.row("a1-early", "I1", "A", day: 1, 10, .no, 1, .choice(2)))
        let outcome = CalibrationFixture.analyse(rows)
        let report = try #require(outcome.reports.first)
        #expect(report.interactions[0].scores.first == ReviewerScore(reviewer: "A", score: 86))
        #expect(report.overall.audits == 9)
        // a1 is line 3 (after a1-late on line 2); a1-early is the last row, line 12.
        #expect(outcome.warnings.map(\.description) == [
            "session.csv:3: warning: reviewer 'A' scored interaction 'I1' twice (audits 'a1' and 'a1-late'); only the later audit 'a1-late' counts in calibration",
            "session.csv:12: warning: reviewer 'A' scored interaction 'I1' twice (audits 'a1-early' and 'a1-late'); only the later audit 'a1-late' counts in calibration",
        ])
    }

    @Test func onTheSameDayTheAuditReadLaterCounts() throws {
        var rows = CalibrationFixture.rows
        rows.append(CalibrationFixture.row("b1-again", "I1", "B", 84, .yes, 3, .choice(1)))
        let outcome = CalibrationFixture.analyse(rows)
        #expect(outcome.reports.first?.interactions[0].scores[1] == ReviewerScore(reviewer: "B", score: 84))
        #expect(outcome.warnings.count == 1)
    }

    @Test func undefinedFiguresAreNull() throws {
        // Two reviewers who agree on everything: nothing varies, so every alpha is undefined.
        let rows = [
            CalibrationFixture.row("x1", "I1", "A", 75, .yes, 2, .choice(0)),
            CalibrationFixture.row("y1", "I1", "B", 75, .yes, 2, .choice(0)),
        ]
        let report = try #require(CalibrationFixture.analyse(rows).reports.first)
        #expect(report.overall.alpha == nil)
        // The spread is a true zero (0/1), not 0/0.
        #expect(report.overall.calibrationVariance == 0)
        #expect(report.criteria.allSatisfy { $0.alpha == nil && !$0.isFlagged && $0.percentAgreement == 1 })
        // AC1 with every answer alike is 1 (p_a = 1, p_e = 0), not undefined; points have none.
        #expect(report.criteria.map(\.ac1) == [nil, 1, 1, 1])
        #expect(report.reviewers.map(\.tendency) == [.aligned, .aligned])
        #expect(CalibrationText.verdict(report).hasPrefix("Verdict: aligned"))
    }

    @Test func aReviewerWithNoScoreHasNoDeviation() throws {
        // p allows N/A here; N/A drops it out and leaves the audit without a score.
        let scorecard = CalibrationFixture.makeScorecard(pointsAllowNA: true)
        var rows = [
            CalibrationFixture.row("x1", "I1", "A", 70, .yes, 2, .choice(0)),
            CalibrationFixture.row("y1", "I1", "B", 80, .yes, 2, .choice(0)),
        ]
        rows.append(CalibrationFixture.Row(id: "z1", interaction: "I1", reviewer: "C", day: 1,
                                           answers: [.notApplicable, .yes, .scale(2), .choice(0)]))
        let report = try #require(CalibrationFixture.analyse(rows, scorecard: scorecard).reports.first)
        #expect(report.interactions[0].scores[2] == ReviewerScore(reviewer: "C", score: nil))
        #expect(report.interactions[0].mean == 75)
        #expect(report.reviewers[2].meanDeviation == nil && report.reviewers[2].tendency == nil)
        #expect(report.reviewers[2].interactions == 1)
        // C's answers still count: the p answer N/A against the others' 70 and 80 is not a match,
        // the other three match: 3 of 4.
        #expect(close(report.reviewers[2].criterionMatchRate, 0.75))
    }

    @Test func noUnitsWhenEveryInteractionHasOneReviewer() {
        let rows = [
            CalibrationFixture.row("x1", "I1", "A", 70, .yes, 2, .choice(0)),
            CalibrationFixture.row("x2", "I2", "B", 80, .yes, 2, .choice(0)),
            CalibrationFixture.row("x3", "I2", "B", day: 2, 82, .yes, 2, .choice(0)),
        ]
        let outcome = CalibrationFixture.analyse(rows)
        #expect(outcome.reports.isEmpty)
        #expect(outcome.scorecardsWithoutUnits == [ScorecardAudits(scorecard: "calls", audits: 3)])
        #expect(outcome.warnings.count == 1)
    }

    @Test func calibrationOnlyKeepsCalibrationAudits() {
        let session = CalibrationSession(scorecards: [CalibrationFixture.scorecard], options: CalibrationOptions(isCalibrationOnly: true))
        let engine = ScoreEngine(scorecard: CalibrationFixture.scorecard)
        for (index, reviewer) in ["A", "B"].enumerated() {
            let audit = Audit(id: "x\(index)", interactionID: "I1", agent: "Agent", reviewer: reviewer,
                              date: CalendarDate(year: 2026, month: 10, day: 1)!, isCalibration: index == 0,
                              answers: [.points(Rational(50)), .yes, .scale(2), .choice(0)])
            session.add(ScoredAudit(audit: audit, result: engine.score(audit), scorecard: CalibrationFixture.scorecard))
        }
        #expect(session.auditCount == 1)
        #expect(session.hasReviewer("A") && !session.hasReviewer("B"))
        #expect(session.analyse().reports.isEmpty)
    }
}
