import Testing
@testable import QAKit

/// One hand-computed scoring case: the arithmetic is written beside each, from docs/scoring.md.
struct ScoringCase: Sendable, CustomTestStringConvertible {
    var name: String
    var scorecard: Scorecard
    var answers: [Answer?]
    var fields: [String: String] = [:]
    /// Expected reported score (two decimals), `nil` for no score.
    var score: String?
    /// Expected reported raw score; defaults to `score`.
    var raw: String?? = .none
    var passed: Bool? = nil
    var autoFailed = false
    var band: String? = nil

    var testDescription: String { name }
}

private typealias B = Build

let scoringCases: [ScoringCase] = [
    // docs/scoring.md's worked example: S_A = (1·1 + 3·0)/4 = 1/4, S_B = (4−1)/(5−1) = 3/4; 100·(2·1/4 + 1·3/4)/3 = 125/3 = 41.666… → 41.67
    ScoringCase(name: "spec example", scorecard: B.card(B.section("a", weight: "2", B.yesNo("y"), B.yesNo("n", weight: "3")), B.section("b", B.scale("s", 1, 5))),
                answers: [.yes, .no, .scale(4)], score: "41.67"),
    // 100·(1+1)/2 = 100
    ScoringCase(name: "all yes", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y"))), answers: [.yes, .yes], score: "100.00"),
    // 100·0/2 = 0
    ScoringCase(name: "all no", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y"))), answers: [.no, .no], score: "0.00"),
    // 100·1/3 = 33.333… → 33.33
    ScoringCase(name: "one of three", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y"), B.yesNo("z"))), answers: [.yes, .no, .no], score: "33.33"),
    // 100·2/3 = 66.666… → 66.67
    ScoringCase(name: "two of three", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y"), B.yesNo("z"))), answers: [.yes, .yes, .no], score: "66.67"),
    // scale 1..5 answered 1: (1−1)/4 = 0
    ScoringCase(name: "scale minimum", scorecard: B.card(B.section("a", B.scale("s", 1, 5))), answers: [.scale(1)], score: "0.00"),
    // scale 1..5 answered 3: (3−1)/4 = 1/2 → 50
    ScoringCase(name: "scale middle", scorecard: B.card(B.section("a", B.scale("s", 1, 5))), answers: [.scale(3)], score: "50.00"),
    // scale 0..10 answered 7: 7/10 → 70
    ScoringCase(name: "scale from zero", scorecard: B.card(B.section("a", B.scale("s", 0, 10))), answers: [.scale(7)], score: "70.00"),
    // scale 1..4 answered 2: 1/3 → 33.333… → 33.33
    ScoringCase(name: "scale thirds", scorecard: B.card(B.section("a", B.scale("s", 1, 4))), answers: [.scale(2)], score: "33.33"),
    // choice credits 1 / 0.5 / 0, second option: 0.5 → 50
    ScoringCase(name: "choice partial", scorecard: B.card(B.section("a", B.choice("c", credits: ["1", "0.5", "0"]))), answers: [.choice(1)], score: "50.00"),
    // points 7.5 of 10: 0.75 → 75
    ScoringCase(name: "points decimal", scorecard: B.card(B.section("a", B.points("p", max: "10"))), answers: [.points(B.r("7.5"))], score: "75.00"),
    // points 2 of 3: 2/3 → 66.666… → 66.67
    ScoringCase(name: "points thirds", scorecard: B.card(B.section("a", B.points("p", max: "3"))), answers: [.points(B.r("2"))], score: "66.67"),
    // 169.99/200 = 0.84995 → 84.995 exactly → half away from zero → 85.00 ≥ 85: passes (a double gives 84.99499…)
    ScoringCase(name: "84.995 passes at 85", scorecard: B.card(B.section("a", B.points("p", max: "200")), passing: "85"),
                answers: [.points(B.r("169.99"))], score: "85.00", passed: true),
    // 169.98/200 = 0.8499 → 84.99 < 85: fails
    ScoringCase(name: "84.99 fails at 85", scorecard: B.card(B.section("a", B.points("p", max: "200")), passing: "85"),
                answers: [.points(B.r("169.98"))], score: "84.99", passed: false),
    // weights 1 and 31, yes/no: 100·1/32 = 3.125 → 3.13 (half away from zero)
    ScoringCase(name: "half rounds up", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", weight: "31"))), answers: [.yes, .no], score: "3.13"),
    // N/A excluded: yes, N/A, no → 1/2 → 50
    ScoringCase(name: "na excluded", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", na: true), B.yesNo("z"))),
                answers: [.yes, .notApplicable, .no], score: "50.00"),
    // na_policy pass: N/A earns 1: (1+1+0)/3 → 66.67
    ScoringCase(name: "na passes", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", na: true), B.yesNo("z")), na: .pass),
                answers: [.yes, .notApplicable, .no], score: "66.67"),
    // optional criterion left blank is not scored: (1+0)/2 → 50
    ScoringCase(name: "optional unanswered", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", required: false), B.yesNo("z"))),
                answers: [.yes, nil, .no], score: "50.00"),
    // `when` channel chat on an email audit: the 'no' does not apply → 1/1 → 100
    ScoringCase(name: "when not matching", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", when: ["channel": ["chat"]]))),
                answers: [.yes, .no], fields: ["channel": "email"], score: "100.00"),
    // `when` matching (case-insensitively, 'Chat' ~ 'chat'): (1+0)/2 → 50
    ScoringCase(name: "when matching", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", when: ["channel": ["chat"]]))),
                answers: [.yes, .no], fields: ["channel": "Chat"], score: "50.00"),
    // weight-0 criterion is tracked, not scored: 1/1 → 100
    ScoringCase(name: "weight zero criterion", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y", weight: "0"))), answers: [.yes, .no], score: "100.00"),
    // criterion weights 0.25 / 0.75: (0.25·1 + 0.75·0)/1 → 25
    ScoringCase(name: "criterion weights", scorecard: B.card(B.section("a", B.yesNo("x", weight: "0.25"), B.yesNo("y", weight: "0.75"))),
                answers: [.yes, .no], score: "25.00"),
    // weight-0 section: only A counts: 100·(1·1)/1 → 100
    ScoringCase(name: "weight zero section", scorecard: B.card(B.section("a", B.yesNo("x")), B.section("b", weight: "0", B.yesNo("y"))),
                answers: [.yes, .no], score: "100.00"),
    // bonus: 100·(1·1/2 + 0.1·1)/1 = 60
    ScoringCase(name: "bonus adds", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y")), B.section("b", weight: "0.1", bonus: true, B.yesNo("z"))),
                answers: [.yes, .no, .yes], score: "60.00"),
    // bonus over 100: 100·(1·1 + 0.2·1)/1 = 120
    ScoringCase(name: "bonus exceeds 100", scorecard: B.card(B.section("a", B.yesNo("x")), B.section("b", weight: "0.2", bonus: true, B.yesNo("z"))),
                answers: [.yes, .yes], score: "120.00"),
    // section B all N/A drops out: 100·(1·1)/1 → 100
    ScoringCase(name: "na section drops out", scorecard: B.card(B.section("a", B.yesNo("x")), B.section("b", weight: "3", B.yesNo("y", na: true))),
                answers: [.yes, .notApplicable], score: "100.00"),
    // no regular section left: no score, no pass, no band
    ScoringCase(name: "no scorable section", scorecard: B.card(B.section("a", B.yesNo("x", na: true)), passing: "80", bands: [("Any", "0")]),
                answers: [.notApplicable], score: nil, passed: nil),
    // critical: section under zero: raw S_A = 1/2, S_B = 1 → 100·1.5/2 = 75; final S_A = 0 → 100·1/2 = 50
    ScoringCase(name: "critical section zeroes section", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .section)), B.section("b", B.yesNo("y"))),
                answers: [.yes, .no, .yes], score: "50.00", raw: "75.00"),
    // critical: section under flag: score = raw = 75, the failure only recorded
    ScoringCase(name: "critical section flagged", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .section)), B.section("b", B.yesNo("y")), critical: .flag),
                answers: [.yes, .no, .yes], score: "75.00"),
    // critical: scorecard under zero: raw (1+0)/2 = 50, score 0, auto-failed, failed
    ScoringCase(name: "auto-fail zero", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .scorecard)), passing: "40"),
                answers: [.yes, .no], score: "0.00", raw: "50.00", passed: false, autoFailed: true),
    // critical: scorecard under flag: score = raw = 50 ≥ 40 but auto-failed → not passed
    ScoringCase(name: "auto-fail flagged", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .scorecard)), passing: "40", critical: .flag),
                answers: [.yes, .no], score: "50.00", passed: false, autoFailed: true),
    // auto-fail without a passing score is still a fail
    ScoringCase(name: "auto-fail without passing score", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .scorecard))),
                answers: [.yes, .no], score: "0.00", raw: "50.00", passed: false, autoFailed: true),
    // passing 80, points 80/100 → 80.00 ≥ 80 passes
    ScoringCase(name: "pass at threshold", scorecard: B.card(B.section("a", B.points("p", max: "100")), passing: "80"),
                answers: [.points(B.r("80"))], score: "80.00", passed: true),
    // passing 80, points 79.99/100 → 79.99 fails
    ScoringCase(name: "fail just below", scorecard: B.card(B.section("a", B.points("p", max: "100")), passing: "80"),
                answers: [.points(B.r("79.99"))], score: "79.99", passed: false),
    // 189.99/200 = 94.995 → 95.00 → band Exceeds (min 95), passes at 85
    ScoringCase(name: "band from rounded score", scorecard: B.card(B.section("a", B.points("p", max: "200")), passing: "85", bands: [("Below", "0"), ("Exceeds", "95"), ("Meets", "85")]),
                answers: [.points(B.r("189.99"))], score: "95.00", passed: true, band: "Exceeds"),
    // 170/200 = 85 → Meets
    ScoringCase(name: "band middle", scorecard: B.card(B.section("a", B.points("p", max: "200")), bands: [("Exceeds", "95"), ("Meets", "85"), ("Below", "0")]),
                answers: [.points(B.r("170"))], score: "85.00", band: "Meets"),
    // only a band at 90; score 50 qualifies for none
    ScoringCase(name: "no band qualifies", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("y")), bands: [("Top", "90")]),
                answers: [.yes, .no], score: "50.00", band: nil),
    // N/A on a critical criterion never fails it: 1/1 → 100
    ScoringCase(name: "na critical does not fail", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", critical: .scorecard, na: true))),
                answers: [.yes, .notApplicable], score: "100.00"),
    // choice worth 0 on a section-critical criterion: raw (1 + 0)/2 = 50; failed section → 0
    ScoringCase(name: "choice zero fails section", scorecard: B.card(B.section("a", B.yesNo("x"), B.choice("c", credits: ["1", "0.5", "0"], critical: .section))),
                answers: [.yes, .choice(2)], score: "0.00", raw: "50.00"),
    // scale minimum earns 0 → critical fails: raw 0/1 = 0 → 0, auto-failed
    ScoringCase(name: "scale minimum auto-fails", scorecard: B.card(B.section("a", B.scale("s", 1, 5, critical: .scorecard))),
                answers: [.scale(1)], score: "0.00", raw: "0.00", passed: false, autoFailed: true),
    // weight-0 critical criterion still auto-fails: raw 1/1 = 100, score 0
    ScoringCase(name: "weight zero critical auto-fails", scorecard: B.card(B.section("a", B.yesNo("x"), B.yesNo("c", weight: "0", critical: .scorecard))),
                answers: [.yes, .no], score: "0.00", raw: "100.00", passed: false, autoFailed: true),
    // three sections: 100·(3·1 + 1·0.5 + 1·(4/10))/5 = 100·3.9/5 = 78
    ScoringCase(name: "mixed types and weights", scorecard: B.card(B.section("a", weight: "3", B.scale("s", 1, 5)), B.section("b", B.choice("c", credits: ["1", "0.5", "0"])), B.section("c", B.points("p", max: "10"))),
                answers: [.scale(5), .choice(1), .points(B.r("4"))], score: "78.00"),
    // four-decimal weights: 0.3333·1/(0.3333 + 0.6667) = 0.3333 → 33.33
    ScoringCase(name: "four decimal weights", scorecard: B.card(B.section("a", B.yesNo("x", weight: "0.3333"), B.yesNo("y", weight: "0.6667"))),
                answers: [.yes, .no], score: "33.33"),
    // exact thirds across sections: 100·(1·1/3 + 2·(1·1 + 2·0)/3)/3 = 100·(1/3 + 2/3)/3 = 33.33
    ScoringCase(name: "exact thirds", scorecard: B.card(B.section("a", B.scale("s", 1, 4)), B.section("b", weight: "2", B.yesNo("x"), B.yesNo("y", weight: "2"))),
                answers: [.scale(2), .yes, .no], score: "33.33"),
]

@Suite("Scoring rules of docs/scoring.md")
struct ScoreEngineTests {
    @Test(arguments: scoringCases)
    func handComputed(_ example: ScoringCase) {
        let result = ScoreEngine(scorecard: example.scorecard).score(Build.audit(example.answers, fields: example.fields))
        #expect(result.score?.formatted() == example.score)
        let expectedRaw = example.raw ?? example.score
        #expect(result.rawScore?.formatted() == expectedRaw)
        #expect(result.passed == example.passed)
        #expect(result.isAutoFailed == example.autoFailed)
        #expect(result.band == example.band)
    }

    @Test func caseCount() {
        #expect(scoringCases.count >= 30)
    }

    @Test func sectionScoresAfterCriticalRules() {
        // Same scorecard as "critical section zeroes section": A raw 1/2 → reported 0, failed; B 1.
        let card = Build.card(Build.section("a", Build.yesNo("x"), Build.yesNo("c", critical: .section)), Build.section("b", Build.yesNo("y")))
        let result = ScoreEngine(scorecard: card).score(Build.audit([.yes, .no, .yes]))
        #expect(result.sections.map { $0.percentage?.formatted() } == ["0.00", "100.00"])
        #expect(result.sections.map(\.failed) == [true, false])
        #expect(result.criteria.map(\.failedCritical) == [false, true, false])
    }

    @Test func criterionResults() {
        // N/A under exclude: answered but not scored, no credit; blank optional: not scored.
        let card = Build.card(Build.section("a", Build.yesNo("x"), Build.yesNo("y", na: true), Build.yesNo("z", required: false)))
        let result = ScoreEngine(scorecard: card).score(Build.audit([.yes, .notApplicable, nil]))
        #expect(result.criteria.map(\.scored) == [true, false, false])
        #expect(result.criteria.map { $0.credit?.decimalString() } == ["1", nil, nil])
    }
}

@Suite("Exact arithmetic")
struct RationalTests {
    @Test(arguments: [
        ("84.995", "85.00"), ("84.994", "84.99"), ("-1.005", "-1.01"), ("0.005", "0.01"), ("0.004999", "0.00"), ("100", "100.00"),
    ])
    func roundsHalfAwayFromZero(_ input: String, _ expected: String) {
        #expect(Rational.parseDecimal(input)!.value.formatted() == expected)
    }

    @Test func parsesOnlyPlainDecimals() {
        #expect(Rational.parseDecimal("1.2345")!.places == 4)
        for bad in ["1e3", "NaN", ".5", "5.", "1.2.3", "", "-", "0x10", " 1"] {
            #expect(Rational.parseDecimal(bad) == nil, "\(bad)")
        }
    }

    @Test func thirdsAreExact() {
        let third = Rational(1, 3)
        #expect(third + third + third == .one)
        #expect((Rational(2, 3)).decimalString() == "0.6667")
    }
}
