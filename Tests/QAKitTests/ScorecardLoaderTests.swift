import QAKit
import Testing

/// One fixture that must produce exactly one diagnostic, at its `1️⃣` marker.
struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var name: String
    var fixture: String
    var message: String
    var severity: Diagnostic.Severity = .error

    var testDescription: String { name }
}

private typealias F = ScorecardFixture

private func error(_ name: String, _ fixture: String, _ message: String) -> DiagnosticCase {
    DiagnosticCase(name: name, fixture: fixture, message: message)
}

private func warning(_ name: String, _ fixture: String, _ message: String) -> DiagnosticCase {
    DiagnosticCase(name: name, fixture: fixture, message: message, severity: .warning)
}

/// Checks that `marked` yields exactly the one expected diagnostic.
func expectSingleDiagnostic(_ marked: MarkedText, _ message: String, _ severity: Diagnostic.Severity, strict: Bool = false) throws {
    let result = ScorecardLoader(isStrict: strict).load(bytes: Array(marked.text.utf8), file: "card.yaml")
    let expected = try #require(marked.expected, "fixture has no 1️⃣ marker")
    #expect(result.diagnostics.count == 1, "\(result.diagnostics.map(\.description))")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.file == "card.yaml")
    #expect(diagnostic.line == expected.line)
    #expect(diagnostic.column == expected.column)
    #expect(diagnostic.message == marked.resolve(message))
    #expect(diagnostic.severity == severity)
    #expect(result.scorecards.isEmpty == (severity == .error))
}

@Suite("Scorecard keys and values")
struct ScorecardKeyTests {
    static let cases: [DiagnosticCase] = [
        error("unknown top-level key with suggestion", F.scorecard("1️⃣titel: Email"),
              "unknown key 'titel' in the scorecard; did you mean 'title'?"),
        error("unknown criterion key without suggestion", F.withCriterion("type: yes_no\n1️⃣colour: red"),
              "unknown key 'colour' in criterion 'greeting'"),
        error("unknown option key with suggestion", F.withCriterion("type: choice\noptions:\n  - { value: a, label: A, credit: 1 }\n  - { value: b, 1️⃣lable: B, credit: 0 }"),
              "unknown key 'lable' in an option; did you mean 'label'?"),
        error("unknown calibration key", F.scorecard("calibration: { 1️⃣min_alpah: 0.8 }"),
              "unknown key 'min_alpah' in 'calibration'; did you mean 'min_alpha'?"),
        error("weight of the wrong type", F.withCriterion("type: yes_no\nweight: 1️⃣high"),
              "'weight' must be a number, found 'high'"),
        error("quoted weight", F.withCriterion("type: yes_no\nweight: 1️⃣\"2\""),
              "'weight' must be a number, found '2' (quoted text); remove the quotes"),
        error("negative weight", F.withCriterion("type: yes_no\nweight: 1️⃣-1"),
              "'weight' must be between 0 and 1000000, found -1"),
        error("huge weight", F.withCriterion("type: yes_no\nweight: 1️⃣1000000.5"),
              "'weight' must be between 0 and 1000000, found 1000000.5"),
        error("weight with five decimals", F.withCriterion("type: yes_no\nweight: 1️⃣0.12345"),
              "'weight' has 5 decimal places ('0.12345'); at most 4 are allowed"),
        error("section weight that is a list", F.scorecard(sections: [F.section("opening", "weight: 1️⃣[1]")]),
              "'weight' must be a number, found a list"),
        error("version that is not whole", F.scorecard().replacingAll("version: 1", with: "version: 1️⃣3.5"),
              "'version' must be a whole number, found '3.5'"),
        error("version zero", F.scorecard().replacingAll("version: 1", with: "version: 1️⃣0"),
              "'version' must be at least 1, found 0"),
        error("missing version", "1️⃣" + F.scorecard().replacingAll("version: 1\n", with: ""),
              "the scorecard is missing required key 'version'"),
        error("scorecard id with a space", F.scorecard().replacingAll("scorecard: email-support", with: "scorecard: 1️⃣Email support"),
              "scorecard 'Email support' must match [A-Za-z0-9][A-Za-z0-9_.-]*: letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 characters"),
        error("criterion id starting with a dash", F.scorecard(sections: [F.section(criteria: [F.criterion().replacingAll("id: greeting", with: "id: 1️⃣_greeting")])]),
              "id '_greeting' must match [A-Za-z0-9][A-Za-z0-9_.-]*: letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 characters"),
        error("criterion id reserved for an audit field", F.scorecard(sections: [F.section(criteria: [F.criterion().replacingAll("id: greeting", with: "id: 1️⃣agent")])]),
              "criterion id 'agent' is reserved for an audit field; choose another id"),
        error("root that is a list", "1️⃣- scorecard: x\n",
              "the scorecard must be a mapping of keys, found a list"),
        error("passing score over 100", F.scorecard("passing_score: 1️⃣120"),
              "'passing_score' must be between 0 and 100, found 120"),
        error("band minimum below 0", F.scorecard("bands:\n  - { name: Low, min: 1️⃣-5 }"),
              "'min' must be between 0 and 100, found -5"),
        error("duplicate band name", F.scorecard("bands:\n  - { name: 0️⃣Meets, min: 85 }\n  - { name: 1️⃣Meets, min: 70 }"),
              "duplicate band name 'Meets' (first given at {0})"),
        error("two bands with one minimum", F.scorecard("bands:\n  - { name: Meets, min: 0️⃣85 }\n  - { name: Good, min: 1️⃣85.0 }"),
              "two bands start at 85 (first at {0}); give each band its own 'min'"),
        error("na_policy near miss", F.scorecard("na_policy: 1️⃣excluded"),
              "'na_policy' must be one of exclude, pass, fail, found 'excluded'; did you mean 'exclude'?"),
        error("min_alpha above 1", F.scorecard("calibration: { min_alpha: 1️⃣1.5 }"),
              "'min_alpha' must be between 0 and 1, found 1.5"),
        error("focus_areas zero", F.scorecard("coaching: { focus_areas: 1️⃣0 }"),
              "'focus_areas' must be at least 1, found 0"),
        error("min_team_size zero", F.scorecard("coaching: { min_team_size: 1️⃣0 }"),
              "'min_team_size' must be at least 1, found 0"),
        error("min_team_size not a whole number", F.scorecard("coaching: { min_team_size: 1️⃣three }"),
              "'min_team_size' must be a whole number, found 'three'"),
        error("min_team_size misspelt", F.scorecard("coaching: { 1️⃣min_team_sise: 3 }"),
              "unknown key 'min_team_sise' in 'coaching'; did you mean 'min_team_size'?"),
        error("applies_to that is a list", F.scorecard("applies_to: 1️⃣[email]"),
              "'applies_to' must be a mapping of audit fields to lists of values, found a list"),
        error("when with a single string", F.withCriterion("type: yes_no\nwhen: { channel: 1️⃣email }"),
              "'channel' in 'when' must be a list of texts, found 'email'; write [email]"),
        error("when with a mapping inside the list", F.withCriterion("type: yes_no\nwhen: { channel: [email, 1️⃣{ a: b }] }"),
              "'channel' in 'when' must be a list of texts, found a mapping in it"),
        error("when with no fields", F.withCriterion("type: yes_no\nwhen: 1️⃣{}"),
              "'when' must name at least one audit field"),
        error("when with an empty list", F.withCriterion("type: yes_no\nwhen: { channel: 1️⃣[] }"),
              "'channel' in 'when' must list at least one value"),
        error("resources that is not a list", F.scorecard(sections: [F.section(criteria: [F.criterion().replacingAll("Use the first name. }", with: "Use the first name., resources: 1️⃣KB-1 }")])]),
              "'resources' must be a list of texts, found 'KB-1'; write [KB-1]"),
        error("empty criteria list", F.scorecard(sections: ["id: opening\ntitle: Opening\ncriteria: 1️⃣[]"]),
              "'criteria' must be a list of at least one criterion, found a list"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnostic(_ testCase: DiagnosticCase) throws {
        try expectSingleDiagnostic(MarkedText(testCase.fixture), testCase.message, testCase.severity)
    }
}

@Suite("Criterion types")
struct CriterionTypeTests {
    static let cases: [DiagnosticCase] = [
        error("type near miss", F.withCriterion("type: 1️⃣yes-no"),
              "'type' must be one of yes_no, scale, choice, points, number, text, date, select, multi_select, found 'yes-no'; did you mean 'yes_no'?"),
        error("type far from any", F.withCriterion("type: 1️⃣rating"),
              "'type' must be one of yes_no, scale, choice, points, number, text, date, select, multi_select, found 'rating'"),
        error("missing type", F.scorecard(sections: [F.section(criteria: ["1️⃣id: greeting\ntitle: G\nguidance: G\ncoaching: { tip: T }"])]),
              "criterion 'greeting' is missing required key 'type'"),
        error("scale with min equal to max", F.withCriterion("type: scale\nmin: 5\nmax: 1️⃣5\nlevels: { 5: Top }"),
              "a scale needs 'min' < 'max', found min 5 and max 5"),
        error("scale with min above max", F.withCriterion("type: scale\nmin: 5\nmax: 1️⃣1\nlevels: { 1: Low }"),
              "a scale needs 'min' < 'max', found min 5 and max 1"),
        error("scale level outside min..max", F.withCriterion("type: scale\nmin: 1\nmax: 5\nlevels: { 1: Low, 1️⃣7: Too high }"),
              "level '7' must be a whole number from 1 to 5"),
        error("scale level that is not a number", F.withCriterion("type: scale\nmin: 1\nmax: 5\nlevels: { 1: Low, 1️⃣high: Best }"),
              "level 'high' must be a whole number from 1 to 5"),
        error("scale level written twice as 1 and 01", F.withCriterion("type: scale\nmin: 1\nmax: 5\nlevels: { 1: Low, 1️⃣01: Also low }"),
              "level 1 is described twice"),
        error("choice with one option", F.withCriterion("type: choice\noptions: 1️⃣[{ value: a, label: A, credit: 1 }]"),
              "a choice needs at least two options, found 1"),
        error("credit above 1", F.withCriterion("type: choice\noptions:\n  - { value: a, credit: 1 }\n  - { value: b, credit: 1️⃣1.5 }"),
              "'credit' must be between 0 and 1, found 1.5"),
        error("credit below 0", F.withCriterion("type: choice\noptions:\n  - { value: a, credit: 1 }\n  - { value: b, credit: 1️⃣-0.5 }"),
              "'credit' must be between 0 and 1, found -0.5"),
        error("option values equal ignoring case", F.withCriterion("type: choice\noptions:\n  - { value: 0️⃣a, credit: 1 }\n  - { value: 1️⃣A, credit: 0 }"),
              "duplicate option value 'A' (first given at {0}); values compare ignoring case"),
        error("option value spelling N/A", F.withCriterion("type: choice\noptions:\n  - { value: ok, credit: 1 }\n  - { value: 1️⃣n/a, credit: 0 }"),
              "option value 'n/a' is how reviewers write N/A; use 'na: true' instead"),
        error("points with max 0", F.withCriterion("type: points\nmax: 1️⃣0"),
              "'max' of a points criterion must be greater than 0"),
        error("points without max", F.scorecard(sections: [F.section(criteria: ["1️⃣id: accuracy\ntitle: A\nguidance: G\ncoaching: { tip: T }\ntype: points"])]),
              "criterion 'accuracy' is missing required key 'max'"),
        error("max on a yes_no criterion", F.withCriterion("type: yes_no\n1️⃣max: 3"),
              "'max' does not apply to a yes_no criterion"),
        error("critical near miss", F.withCriterion("type: yes_no\ncritical: 1️⃣scorcard"),
              "'critical' must be one of none, section, scorecard, found 'scorcard'; did you mean 'scorecard'?"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnostic(_ testCase: DiagnosticCase) throws {
        try expectSingleDiagnostic(MarkedText(testCase.fixture), testCase.message, testCase.severity)
    }

    /// YAML 1.1 booleans are strings here: only true/false are booleans (docs/scorecards.md, "YAML rules").
    @Test(arguments: ["yes", "no", "on", "off", "y", "1"])
    func yaml11BooleansAreRejected(_ spelling: String) throws {
        let marked = MarkedText(F.withCriterion("type: yes_no\nna: 1️⃣\(spelling)"))
        try expectSingleDiagnostic(marked, "'na' must be true or false, found '\(spelling)'; booleans are written true/false", .error)
    }

    @Test(arguments: [("true", true), ("false", false)])
    func trueAndFalseAreBooleans(_ spelling: String, _ value: Bool) throws {
        let result = ScorecardLoader().load(bytes: Array(F.withCriterion("type: yes_no\nna: \(spelling)\nrequired: \(spelling)").utf8), file: "card.yaml")
        #expect(result.diagnostics.isEmpty)
        let criterion = try #require(result.scorecards.first?.criterion("greeting"))
        #expect(criterion.allowsNA == value)
        #expect(criterion.isRequired == value)
    }
}

@Suite("Identifiers and whole-scorecard rules")
struct ScorecardRuleTests {
    static let cases: [DiagnosticCase] = [
        error("duplicate criterion id across sections", F.scorecard(sections: [
            F.section("opening", criteria: [F.criterion().replacingAll("id: greeting", with: "id: 0️⃣greeting")]),
            F.section("closing", criteria: [F.criterion().replacingAll("id: greeting", with: "id: 1️⃣greeting")]),
        ]), "duplicate criterion id 'greeting' (first defined at {0})"),
        error("duplicate section id", F.scorecard(sections: [
            F.section("opening", criteria: [F.criterion("greeting")]).replacingAll("id: opening", with: "id: 0️⃣opening"),
            F.section("opening", criteria: [F.criterion("thanks")]).replacingAll("id: opening", with: "id: 1️⃣opening"),
        ]), "duplicate section id 'opening' (first defined at {0})"),
        error("duplicate YAML key", F.withCriterion("0️⃣type: yes_no\n1️⃣type: yes_no"),
              "duplicate key 'type' (first given at {0})"),
        error("no scored criterion", "scorecard: s\ntitle: S\nversion: 1\nsections:\n  1️⃣- id: a\n    title: A\n    criteria:\n"
              + "      - { id: c, title: C, guidance: G, coaching: { tip: T }, type: yes_no, weight: 0 }\n",
              "no scored criterion: at least one criterion with weight > 0 must sit in a regular section with weight > 0"),
        error("bonus section as the only scored section", F.scorecard(sections: [F.section("extra", "1️⃣bonus: true")]),
              "bonus section 'extra' is the only scored section; a score needs a regular section with weight > 0"),
        error("bonus written yes", F.scorecard(sections: [F.section("extra", "bonus: 1️⃣yes")]),
              "'bonus' must be true or false, found 'yes'; booleans are written true/false"),
        warning("criterion without guidance", F.scorecard(sections: [F.section(criteria: ["1️⃣id: greeting\ntitle: G\ncoaching: { tip: T }\ntype: yes_no"])]),
                "criterion 'greeting' has no 'guidance'; reviewers agree more often when the rubric says what to look for"),
        warning("criterion without coaching tip", F.scorecard(sections: [F.section(criteria: ["1️⃣id: greeting\ntitle: G\nguidance: G\ntype: yes_no"])]),
                "criterion 'greeting' has no 'coaching.tip'; coaching notes will have no advice for it"),
        warning("coaching with resources but no tip", F.scorecard(sections: [F.section(criteria: ["1️⃣id: greeting\ntitle: G\nguidance: G\ncoaching: { resources: [KB-1] }\ntype: yes_no"])]),
                "criterion 'greeting' has no 'coaching.tip'; coaching notes will have no advice for it"),
        warning("scale without levels", F.scorecard(sections: [F.section(criteria: ["1️⃣id: empathy\ntitle: E\nguidance: G\ncoaching: { tip: T }\ntype: scale\nmin: 1\nmax: 5"])]),
                "criterion 'empathy' is a scale without 'levels'; describe at least the lowest and highest level"),
        warning("critical: section in a weight-0 section", F.scorecard(sections: [
            F.section("opening"),
            F.section("tracked", "weight: 0", criteria: [F.criterion("thanks", "type: yes_no\ncritical: 1️⃣section")]),
        ]), "'critical: section' in a section of weight 0 can change nothing"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnostic(_ testCase: DiagnosticCase) throws {
        try expectSingleDiagnostic(MarkedText(testCase.fixture), testCase.message, testCase.severity)
    }

    @Test func strictModeTurnsWarningsIntoErrors() throws {
        let marked = MarkedText(F.scorecard(sections: [F.section(criteria: ["1️⃣id: greeting\ntitle: G\nguidance: G\ntype: yes_no"])]))
        try expectSingleDiagnostic(marked, "criterion 'greeting' has no 'coaching.tip'; coaching notes will have no advice for it", .error, strict: true)
    }

    @Test func reportsEveryProblemInOneRunSortedByPosition() {
        let marked = MarkedText(F.withCriterion("type: yes_no\nweight: 2️⃣high\nna: 3️⃣yes").replacingAll("version: 1", with: "version: 1️⃣0"))
        let result = ScorecardLoader().load(bytes: Array(marked.text.utf8), file: "card.yaml")
        let positions = result.diagnostics.map { [$0.line ?? 0, $0.column ?? 0] }
        #expect(marked.positions.count == 3)
        #expect(positions == marked.positions)
    }
}
