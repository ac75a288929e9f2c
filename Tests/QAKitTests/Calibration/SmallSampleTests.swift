import Testing
@testable import QAKit

/// A criterion needs `CalibrationReport.minimumUnits` (10) pairable interactions before its
/// agreement is judged: below that it is reported as too few to judge, never flagged for rewording.
@Suite("Calibration: too few interactions to judge a criterion")
struct CalibrationSmallSampleTests {
    /// `count` interactions scored by A and B; they agree on `greet` (yes, yes) in all but the
    /// last, where B says no. `p` is 100 for both everywhere; `tone` and `res` are unanswered.
    private func report(interactions count: Int) throws -> CalibrationReport {
        var rows: [CalibrationFixture.Row] = []
        for index in 1...count {
            rows.append(CalibrationFixture.row("a\(index)", "I\(index)", "A", 100, .yes, nil, nil))
            rows.append(CalibrationFixture.row("b\(index)", "I\(index)", "B", 100, index == count ? .no : .yes, nil, nil))
        }
        return try #require(CalibrationFixture.analyse(rows).reports.first)
    }

    @Test("alpha 0 over 9 units is too few to judge; over 10 it is flagged", arguments: [(9, false), (10, true)])
    func boundary(units: Int, flagged: Bool) throws {
        // Nominal alpha with n = 2·units values, one "no": the coincidences off the diagonal are
        // o(yes,no) = o(no,yes) = 1, and n_yes·n_no = n − 1, so
        // α = 1 − (n − 1)·2 / (2·(n − 1)·1) = 0 for any number of units, below 0.667.
        let greet = try #require(try report(interactions: units).criteria.first { $0.id == "greet" })
        #expect(greet.units == units)
        #expect(greet.alpha.map { abs($0) < 1e-12 } == true)
        #expect(greet.isFlagged == flagged)
        #expect(greet.hasTooFewUnits == !flagged)
    }

    @Test("the text report says 'too few interactions to judge (9 of 10)' instead of advising to reword")
    func text() throws {
        let text = CalibrationText.render([try report(interactions: 9)], markdown: false).replacingOccurrences(of: "\n", with: " ")
        #expect(!text.contains("Reword this") && !text.contains("Reword these"))
        #expect(!text.contains("to reword,"))
        #expect(text.contains("greet (yes_no): too few interactions to judge (9 of 10)"))
        // p has 9 units too (all agree: alpha undefined), tone and res none.
        #expect(text.contains("too few interactions to judge any criterion's wording"))
        #expect(text.contains("4 criteria with too few interactions to judge (fewer than 10)"))
        #expect(text.contains("too few (9 of 10)"))
    }

    @Test("with 10 units the criterion is flagged as before")
    func flaggedText() throws {
        let text = CalibrationText.render([try report(interactions: 10)], markdown: false).replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("3. Reword this criterion (alpha below 0.667)"))
        #expect(text.contains("1 criterion to reword"))
    }

    @Test("JSON: too_few_units beside an unchanged flagged, and the alpha still reported")
    func json() throws {
        let sink = StringSink()
        try CalibrationJSON.write([try report(interactions: 9)], to: sink)
        #expect(sink.text.contains("{\"id\": \"greet\", \"type\": \"yes_no\", \"level\": \"nominal\", \"units\": 9, \"alpha\": "))
        #expect(sink.text.contains("\"flagged\": false, \"too_few_units\": true"))
    }

    @Test("the score alpha over fewer than 10 interactions is not read as reliable or unreliable")
    func overall() throws {
        // The hand session: 3 interactions, score alpha 175/204 = 0.858, which 10 or more would call reliable.
        let session = try #require(CalibrationFixture.analyse().reports.first)
        #expect(session.overall.hasTooFewUnits)
        let verdict = CalibrationText.verdict(session)
        #expect(verdict.contains("score agreement alpha 0.858 (over 3 interactions: too few to judge, 3 of 10)"))
        #expect(!verdict.contains("(reliable)"))
        // 10 interactions with one disagreement on greet only: the scores (p) are all 100, so alpha is undefined.
        #expect(try !report(interactions: 10).overall.hasTooFewUnits)
        let sink = StringSink()
        try CalibrationJSON.write([session], to: sink)
        #expect(sink.text.contains("\"within_tolerance_rate\": 0.3333333333333333, \"too_few_units\": true}"))
    }
}
