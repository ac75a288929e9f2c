import QAKit
import Testing

private typealias F = ScorecardFixture

private func error(_ name: String, _ fixture: String, _ message: String) -> DiagnosticCase {
    DiagnosticCase(name: name, fixture: fixture, message: message)
}

/// A scorecard with one section holding `criteria` (id, lines after the standard ones).
private func card(_ criteria: (String, String)..., top: String = "") -> String {
    F.scorecard(top, sections: [F.section(criteria: criteria.map { F.criterion($0.0, $0.1) })])
}

/// The loader rules of docs/scorecards.md, "Keys for real-world forms": one located diagnostic
/// per mistake, with a did-you-mean where one helps.
@Suite("Scorecard keys for real-world forms: loader rules")
struct FormKeyLoaderTests {
    static let cases: [DiagnosticCase] = [
        error("fails without critical", card(("resolution", "type: choice\noptions:\n  - { value: a, credit: 1 }\n  - { value: b, credit: 0, 1️⃣fails: true }")),
              "an option has 'fails: true' but its criterion is not critical; add 'critical: scorecard' or 'critical: section'"),
        error("fails on a range without critical", card(("hold", "type: number\nranges:\n  - { min: 0, max: 60, credit: 1 }\n  - { min: 61, max: 90, credit: 0, 1️⃣fails: true }")),
              "a range has 'fails: true' but its criterion is not critical; add 'critical: scorecard' or 'critical: section'"),
        error("critical_below without critical", card(("empathy", "type: scale\nmin: 1\nmax: 4\nlevels: { 1: a, 4: b }\n1️⃣critical_below: 0.5")),
              "'critical_below' needs 'critical: scorecard' or 'critical: section' on the criterion; without it, it can change nothing"),
        error("critical_below of 0", card(("empathy", "type: scale\nmin: 1\nmax: 4\nlevels: { 1: a, 4: b }\ncritical: scorecard\ncritical_below: 1️⃣0")),
              "'critical_below' must be between 0.0001 and 1, found 0"),
        error("penalty on a scale", card(("empathy", "type: scale\nmin: 1\nmax: 4\nlevels: { 1: a, 4: b }\n1️⃣penalty: 5")),
              "'penalty' on a scale criterion: put it on a yes_no criterion, or on the options or ranges that carry it"),
        error("penalty over 1000", card(("greeting", "type: yes_no\npenalty: 1️⃣1000.5")),
              "'penalty' must be between 0.0001 and 1000, found 1000.5"),
        error("weight on a text field", card(("summary", "type: text\n1️⃣weight: 2")),
              "'weight' does not apply to a text field: fields are recorded, never scored"),
        error("critical on a select field", card(("reason", "type: select\noptions: [{ value: billing }, { value: other }]\n1️⃣critical: scorecard")),
              "'critical' does not apply to a select field: fields are recorded, never scored"),
        error("credit on a field option", card(("reason", "type: select\noptions: [{ value: billing, 1️⃣credit: 1 }, { value: other }]")),
              "'credit' does not apply to a select field: fields are recorded, never scored"),
        error("overlapping ranges", card(("hold", "type: number\nranges:\n  - 0️⃣{ min: 0, max: 60, credit: 1 }\n  - 1️⃣{ min: 60, max: 90, credit: 0.5 }")),
              "this range overlaps the range at {0}; a number must fall in one range at most"),
        error("range upside down", card(("hold", "type: number\nranges:\n  - { min: 60, max: 1️⃣10, credit: 1 }")),
              "a range needs 'min' <= 'max', found min 60 and max 10"),
        error("condition on a later criterion", card(("refund", "type: yes_no\nwhen: { 1️⃣reason: [billing] }"), ("reason", "type: select\noptions: [{ value: billing }, { value: other }]")),
              "'when.reason' names 'reason' (line 14), which is not above this criterion; a condition may only name items above it, so the form can be filled top to bottom"),
        error("value the item cannot take", card(("reason", "type: select\noptions: [{ value: billing }, { value: other }]"), ("refund", "type: yes_no\nwhen: { reason: [1️⃣biling] }")),
              "'when.reason' can never be 'biling'; expected one of 'billing', 'other'; did you mean 'billing'?"),
        error("yes_no condition written true", card(("greeting", "type: yes_no"), ("close", "type: yes_no\nunless: { GREETING: [1️⃣true] }")),
              "'unless.GREETING' can never be 'true'; expected one of 'yes', 'no'"),
        error("N/A in a condition on an item without na", card(("greeting", "type: yes_no"), ("close", "type: yes_no\nwhen: { greeting: [1️⃣na] }")),
              "'when.greeting' can never be 'na'; expected a value the item can take; it does not allow N/A (na: true)"),
        error("duplicate ids ignoring case", card(("0️⃣greeting", "type: yes_no"), ("1️⃣Greeting", "type: yes_no")),
              "duplicate criterion id 'Greeting' (first defined at {0})"),
        error("id ending in .comment", card(("1️⃣notes.comment", "type: yes_no")),
              "id 'notes.comment' ends in '.comment', which names a comment column; choose another id"),
        error("scoring near miss", card(("greeting", "type: yes_no"), top: "scoring: 1️⃣point"),
              "'scoring' must be one of sections, points, found 'point'; did you mean 'points'?"),
        error("multi_select value with a semicolon", card(("causes", "type: multi_select\noptions: [{ value: 1️⃣\"a;b\" }, { value: c }]")),
              "'value' must be one of a value without ';', found 'a;b'"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnostic(_ testCase: DiagnosticCase) throws {
        try expectSingleDiagnostic(MarkedText(testCase.fixture), testCase.message, testCase.severity)
    }

    @Test func naPolicyOnACriterionWithoutNAIsAWarning() throws {
        let marked = MarkedText(card(("greeting", "type: yes_no\n1️⃣na_policy: fail")))
        try expectSingleDiagnostic(marked, "'na_policy' on a criterion without 'na: true' can change nothing", .warning)
    }

    @Test func aSectionConditionMayNotNameAnItemOfItsOwnSection() throws {
        let section = F.section("main", "when: { 1️⃣greeting: [yes] }", criteria: [F.criterion("greeting")])
        let marked = MarkedText(F.scorecard(sections: [section]))
        try expectSingleDiagnostic(marked, "'when.greeting' names 'greeting' (line 9), which is not in an earlier section; a section's condition may only name items of earlier sections", .error)
    }

    /// A key naming an item above becomes a condition on its answer (the item's position), matched
    /// ignoring case; any other key stays an audit field.
    @Test func aKeyNamingAnEarlierItemTestsItsAnswer() throws {
        let text = card(("reason", "type: select\noptions: [{ value: billing }, { value: other }]"),
                        ("refund", "type: yes_no\nwhen: { Reason: [Billing], channel: [phone] }"))
        let result = ScorecardLoader().load(bytes: Array(text.utf8), file: "card.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let refund = try #require(result.scorecards.first?.criterion("refund"))
        #expect(refund.when?.clauses.map(\.item) == [0, nil])
    }
}
