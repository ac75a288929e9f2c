@testable import QAKit

/// The hand-computed calibration session of `CalibrationSessionTests`.
///
/// One scored criterion, `p` (points out of 100, the only weight), so that each audit's score
/// is simply its `p` answer; three tracked criteria of weight 0 (`greet` yes/no, `tone` a 1…3
/// scale, `res` a three-option choice that allows N/A) give the criterion statistics their
/// answers without moving the score.
///
/// |             | A          | B          | C          |
/// | ----------- | ---------- | ---------- | ---------- |
/// | I1 p/greet/tone/res | 80 yes 3 o0 | 90 yes 3 o1 | 70 no 2 o2 |
/// | I2          | 60 yes 2 o0 | 64 yes 2 o0 | 62 yes 2 o0 |
/// | I3          | 100 no 1 n/a | 100 no 2 o0 | 94 no 1 o0 |
enum CalibrationFixture {
    static let scorecard = makeScorecard()

    /// The fixture's scorecard; `pointsAllowNA` lets `p` be answered N/A, leaving no score.
    static func makeScorecard(pointsAllowNA: Bool = false) -> Scorecard {
        Scorecard(
        id: "calls", title: "Calls", version: 2,
        sections: [Build.section(
            "all",
            Criterion(id: "p", title: "p", kind: .points(maximum: Build.r("100")), allowsNA: pointsAllowNA),
            Build.yesNo("greet", weight: "0"),
            Build.scale("tone", 1, 3, weight: "0"),
            Criterion(id: "res", title: "res", kind: .choice([
                ChoiceOption(value: "o0", label: "Option 0", credit: Build.r("1")),
                ChoiceOption(value: "o1", label: "Option 1", credit: Build.r("0.5")),
                ChoiceOption(value: "o2", label: "Option 2", credit: Build.r("0")),
            ]), weight: Build.r("0"), allowsNA: true)
        )]
        )
    }

    /// One audit: id, interaction, reviewer, day of October 2026, then p, greet, tone, res.
    struct Row {
        var id: String
        var interaction: String
        var reviewer: String
        var day: Int
        var answers: [Answer?]
    }

    static func row(_ id: String, _ interaction: String, _ reviewer: String, day: Int = 1,
                    _ points: Int, _ greet: Answer?, _ tone: Int?, _ res: Answer?) -> Row {
        Row(id: id, interaction: interaction, reviewer: reviewer, day: day,
            answers: [.points(Rational(points)), greet, tone.map { .scale($0) }, res])
    }

    static let rows: [Row] = [
        row("a1", "I1", "A", 80, .yes, 3, .choice(0)),
        row("b1", "I1", "B", 90, .yes, 3, .choice(1)),
        row("c1", "I1", "C", 70, .no, 2, .choice(2)),
        row("a2", "I2", "A", 60, .yes, 2, .choice(0)),
        row("b2", "I2", "B", 64, .yes, 2, .choice(0)),
        row("c2", "I2", "C", 62, .yes, 2, .choice(0)),
        row("a3", "I3", "A", 100, .no, 1, .notApplicable),
        row("b3", "I3", "B", 100, .no, 2, .choice(0)),
        row("c3", "I3", "C", 94, .no, 1, .choice(0)),
    ]

    /// Scores `rows` in order (line = position + 2, as in a CSV file with a header) and analyses them.
    static func analyse(_ rows: [Row] = rows, options: CalibrationOptions = CalibrationOptions(),
                        scorecard: Scorecard = scorecard) -> CalibrationOutcome {
        session(rows, options: options, scorecard: scorecard).analyse()
    }

    static func session(_ rows: [Row], options: CalibrationOptions, scorecard: Scorecard = scorecard) -> CalibrationSession {
        let engine = ScoreEngine(scorecard: scorecard)
        let session = CalibrationSession(scorecards: [scorecard], options: options)
        for (index, row) in rows.enumerated() {
            let audit = Audit(id: row.id, interactionID: row.interaction, agent: "Agent", reviewer: row.reviewer,
                              date: CalendarDate(year: 2026, month: 10, day: row.day)!, answers: row.answers,
                              file: "session.csv", line: index + 2)
            session.add(ScoredAudit(audit: audit, result: engine.score(audit), scorecard: scorecard))
        }
        return session
    }
}
