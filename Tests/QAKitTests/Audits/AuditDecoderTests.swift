import Foundation
import Testing
@testable import QAKit

/// Every record-level error of docs/audits.md ("What rejects a record"), through the real readers, with its line.
@Suite("Audit records")
struct AuditDecoderTests {
    /// One scorecard: greeting (yes_no, N/A allowed), outcome (choice resolved/partial),
    /// empathy (scale 1..5), accuracy (points 0..10), refund (yes_no, only on refund tickets).
    static let scorecard = Scorecard(
        id: "mini", title: "Mini", version: 1,
        sections: [Section(id: "main", title: "Main", criteria: [
            Criterion(id: "greeting", title: "Greeting", kind: .yesNo, allowsNA: true),
            Criterion(id: "outcome", title: "Outcome", kind: .choice([
                ChoiceOption(value: "resolved", label: "Resolved", credit: .one),
                ChoiceOption(value: "partial", label: "Partial", credit: Rational(1, 2)),
            ])),
            Criterion(id: "empathy", title: "Empathy", kind: .scale(minimum: 1, maximum: 5, levels: [:])),
            Criterion(id: "accuracy", title: "Accuracy", kind: .points(maximum: Rational(10))),
            Criterion(id: "refund", title: "Refund", kind: .yesNo,
                      when: Condition(clauses: [.init(field: "ticket_type", values: ["refund"])])),
        ])]
    )

    static let header = "audit_id,interaction_id,agent,reviewer,date,ticket_type,calibration,greeting,outcome,empathy,accuracy,refund\n"

    /// Writes `text` to a temporary file with `fileExtension` and scores it.
    static func run(_ text: String, fileExtension: String = "csv") throws -> (scored: [String], messages: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-\(UUID().uuidString).\(fileExtension)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = ScoringRun(scorecards: [scorecard])
        var source = try AuditSources.open(path: path, format: AuditFormat.inferred(from: path)!, decoder: run.decoder)
        var scored: [String] = []
        var messages: [String] = []
        try run.run(&source, scored: { scored.append($0.audit.id) }, report: {
            messages.append($0.description.replacingOccurrences(of: path, with: "FILE"))
        })
        return (scored, messages)
    }

    @Test(arguments: [
        (",I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,\n",
         "FILE:3: error: record without audit_id, field 'audit_id': missing required field 'audit_id'"),
        ("A-2,I,,Rev,2026-08-01,general,,yes,resolved,4,8,\n", "FILE:2: error: audit 'A-2', field 'agent': missing required field 'agent'"),
        ("A-2,I,Ana,Rev,2026-02-30,general,,yes,resolved,4,8,\n",
         "FILE:2: error: audit 'A-2', field 'date': '2026-02-30' is not a date; expected YYYY-MM-DD or an RFC 3339 date-time"),
        ("A-2,I,Ana,Rev,2026-08-01,general,maybe,yes,resolved,4,8,\n", "FILE:2: error: audit 'A-2', field 'calibration': 'maybe' is not true or false"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,perhaps,resolved,4,8,\n",
         "FILE:2: error: audit 'A-2', field 'greeting': 'perhaps' is not a valid answer for yes_no criterion 'greeting'; expected yes or no"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,resolvd,4,8,\n",
         "FILE:2: error: audit 'A-2', field 'outcome': 'resolvd' is not a valid answer for choice criterion 'outcome'; expected one of 'resolved', 'partial'; did you mean 'resolved'?"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,resolved,6,8,\n",
         "FILE:2: error: audit 'A-2', field 'empathy': '6' is not a valid answer for scale criterion 'empathy'; expected a whole number from 1 to 5"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8.125,\n",
         "FILE:2: error: audit 'A-2', field 'accuracy': '8.125' is not a valid answer for points criterion 'accuracy'; expected a number from 0 to 10 with at most two decimals"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,1e1,\n",
         "FILE:2: error: audit 'A-2', field 'accuracy': '1e1' is not a valid answer for points criterion 'accuracy'; expected a number from 0 to 10 with at most two decimals"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,N/A,4,8,\n",
         "FILE:2: error: audit 'A-2', field 'outcome': 'N/A': N/A is not allowed for 'outcome' (its scorecard entry does not set na: true)"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,,4,8,\n", "FILE:2: error: audit 'A-2', field 'outcome': required criterion 'outcome' is unanswered"),
        ("A-2,I,Ana,Rev,2026-08-01,refund,,yes,resolved,4,8,\n", "FILE:2: error: audit 'A-2', field 'refund': required criterion 'refund' is unanswered"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,,extra\n",
         "FILE:2: error: record has 13 cells but the header has 12 columns; check for an unquoted delimiter"),
        ("A-1,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,\n", "FILE:3: error: audit 'A-1', field 'audit_id': duplicate audit_id 'A-1': an earlier record in this run has the same id"),
        ("A-2,I,Ana,Rev,2026-08-01,general,,yes,\"resolved,4,8,\nA-3,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,\n",
         "FILE:2:39: error: quoted field opened here is never closed; add the closing '\"'"),
    ])
    func csvRecordErrors(_ record: String, _ expected: String) throws {
        // Where the expected error is on line 3, line 2 holds a valid audit A-1 first.
        let valid = "A-1,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,\n"
        let input = Self.header + (expected.contains("FILE:3") ? valid : "") + record
        do {
            let result = try Self.run(input)
            #expect(result.messages == [expected])
            #expect(result.scored == (expected.contains("FILE:3") ? ["A-1"] : []))
        } catch let error as InputError {
            #expect(error.description.replacingOccurrences(of: error.file, with: "FILE") == expected)
        }
    }

    @Test func multiLineRecordsKeepTheirStartingLine() throws {
        let input = Self.header + "A-1,I,Ana,Rev,2026-08-01,general,,yes,resolved,4,8,\n" +
            "A-2,I,Ana,Rev,\"2026-08-01\",\"general\nstill general\",,yes,resolved,4,8,\n" +
            "A-3,I,Ana,Rev,2026-08-01,general,,maybe,resolved,4,8,\n"
        let result = try Self.run(input)
        #expect(result.scored == ["A-1", "A-2"])
        #expect(result.messages == ["FILE:5: error: audit 'A-3', field 'greeting': 'maybe' is not a valid answer for yes_no criterion 'greeting'; expected yes or no"])
    }

    /// With one scorecard loaded every record is scored with it, so a required criterion's
    /// missing column is one error for the header, not one per record (issue 10).
    @Test func misspeltCriterionColumnIsOneHeaderError() throws {
        let input = "audit_id,interaction_id,agent,reviewer,date,greeting,outcme,empathy,accuracy\nA-1,I,Ana,Rev,2026-08-01,yes,resolved,4,8\n"
        let error = try #require(throws: InputError.self) { try Self.run(input) }
        #expect(error.isUnreadable)
        #expect(error.description.replacingOccurrences(of: error.file, with: "FILE") ==
            "FILE:1: error: the header lacks a column for required criterion 'outcome' of scorecard 'mini', so no record could be scored; is column 'outcme' meant to be 'outcome'?")
    }

    @Test func jsonLinesErrorsKeepGoing() throws {
        let input = """
            {"audit_id": "J-1", "interaction_id": "I", "agent": "Ana", "reviewer": "Rev", "date": "2026-08-01", "answers": {"greeting": true, "outcome": "partial", "empathy": 3, "accuracy": 7.5}}
            {"audit_id": "J-2", "interaction_id": "I", "agent": "Ana", "reviewer": "Rev", "date": "2026-08-01", "answers": {"greeting": "yes", "outcome": "partial", "empathy": 3, "accuracy": 7.5, "tone": 4}}
            {"audit_id": "J-3", "agent": ["Ana"]}
            {"audit_id": "J-4", oops}
            [1]
            {"audit_id": "J-5", "interaction_id": "I", "agent": "Ana", "reviewer": "Rev", "date": "2026-08-01", "answers": {"greeting": "n/a", "outcome": "resolved", "empathy": 5, "accuracy": 10}}

            """
        let result = try Self.run(input, fileExtension: "jsonl")
        #expect(result.scored == ["J-1", "J-5"])
        #expect(result.messages == [
            "FILE:2: error: audit 'J-2', field 'tone': scorecard 'mini' has no criterion 'tone'",
            "FILE:3: error: audit 'J-3', field 'agent': expected a string, number or boolean, found a list",
            "FILE:4:21: error: record skipped: expected '\"' to start the next object key, found 'oops'",
            "FILE:5:1: error: record skipped: expected an audit object, found an array",
        ])
    }

    @Test func yamlAuditsRejectWhatIsNotAnAudit() throws {
        let input = """
            - audit_id: Y-1
              interaction_id: I
              agent: Ana
              reviewer: Rev
              date: 2026-08-01
              answers: { greeting: yes, outcome: resolved, empathy: 5, accuracy: 10 }
            - just a string
            - audit_id: Y-2
              interaction_id: I
              agent: Ana
              reviewer: Rev
              date: 2026-08-01
              answers: [yes]

            """
        let result = try Self.run(input, fileExtension: "yaml")
        #expect(result.scored == ["Y-1"])
        #expect(result.messages == [
            "FILE:7:3: error: expected an audit (a mapping), found 'just a string'",
            "FILE:8: error: audit 'Y-2', field 'answers': expected an object of criterion ids, found a list",
        ])
    }
}
