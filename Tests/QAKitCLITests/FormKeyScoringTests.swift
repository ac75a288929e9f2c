import Foundation
import Testing

/// The keys of docs/scorecards.md "Keys for real-world forms" end to end through the binary, on
/// `Fixtures/form-keys` (a `scoring: points` compliance pack). Every figure is worked out by hand
/// from docs/scoring.md in the comments; the per-criterion weights are all 1 and the sections
/// weigh 1 (Opening) and 2 (compliance), so M = 1 × (criteria scored in Opening) + 2 × (in compliance).
@Suite("Scorecard keys for real-world forms: scoring through the binary")
struct FormKeyScoringTests {
    private func qakit(_ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(Array(arguments), in: QAKitProcess.fixtures.appendingPathComponent("form-keys"))
    }

    private func audits(_ json: String) throws -> [String: [String: Any]] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["audit_id"] as! String, $0) })
    }

    @Test func handWorkedScores() throws {
        let output = try qakit("score", "-s", "compliance-pack.yaml", "audits.csv", "--format", "json")
        #expect(output.status == 0, "\(output.standardError)")
        let byID = try audits(output.standardOutput)
        // A1: Opening 3 of 3 (refund applies: reason billing); compliance 2 of 2, ×2 = 4 of 4. E = M = 7: 100.
        #expect(byID["A1"]?["score"] as? Double == 100)
        // A2: Opening: no (0, penalty 5), 3 on 1..4 = 2/3, refund hidden (reason technical): E₁ = 2/3 of 2.
        // compliance: undocumented credit 1 (penalty 15), 120 in 60.01..300 credit 0.5: 1.5 of 2, ×2 = 3 of 4.
        // raw = 100 × (2/3 + 3 − 20) / 6 < 0, so 0 (never below 0).
        #expect(byID["A2"]?["raw_score"] as? Double == 0)
        #expect(byID["A2"]?["passed"] as? Bool == false)
        // A3: chat, so compliance does not apply (unless). Opening: yes 1, 2 on 1..4 = 1/3 < critical_below 0.5
        // (auto-fail), refund no 0: E = 4/3 of M = 3: raw 44.44; score 0.
        #expect(byID["A3"]?["raw_score"] as? Double == 44.44)
        #expect(byID["A3"]?["score"] as? Double == 0)
        #expect(byID["A3"]?["auto_failed"] as? Bool == true)
        // A4: disclosure 'fail' has fails: true (credit 0): auto-fail. E = 3 + 2×(0 + 1) = 5 of 7: raw 71.43.
        #expect(byID["A4"]?["raw_score"] as? Double == 71.43)
        #expect(byID["A4"]?["auto_failed"] as? Bool == true)
        // Fields are not criteria: they are listed under `fields`, in order, null when unanswered.
        let fields = try #require(byID["A1"]?["fields"] as? [String: Any])
        #expect(fields["reason"] as? String == "billing")
        #expect(fields["causes"] as? [String] == ["knowledge", "process"])
        #expect(fields["follow_up"] as? String == "2026-10-05")
        #expect(fields["summary"] as? String == "All good")
        let criteria = try #require(byID["A2"]?["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["Greeting", "empathy", "refund", "disclosure", "hold"])
        #expect(criteria.compactMap { $0["penalty"] as? Double } == [5, 15])
        #expect((byID["A3"]?["fields"] as? [String: Any])?["causes"] is NSNull)
    }

    @Test func jsonListsAnswerAMultiSelectAndNothingElse() throws {
        let output = try qakit("score", "-s", "compliance-pack.yaml", "audits.jsonl", "--format", "json")
        #expect(output.status == 1)
        let byID = try audits(output.standardOutput)
        // J1: like A1 with hold 30.5 (in 0..60): 100; the list is stored in option order.
        #expect(byID["J1"]?["score"] as? Double == 100)
        #expect((byID["J1"]?["fields"] as? [String: Any])?["causes"] as? [String] == ["knowledge", "process"])
        // J2: a list for a yes_no is refused; 500 is in no range of hold. One message for the record.
        #expect(byID["J2"] == nil)
        #expect(output.standardError.contains("audits.jsonl:2: error: audit 'J2', field 'answers.Greeting': expected a single value, found a list"))
    }

    @Test func csvHasAColumnPerFieldAfterTheSections() throws {
        let output = try qakit("score", "-s", "compliance-pack.yaml", "audits.csv", "--format", "csv")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("section:Opening,section:compliance,reason,causes,follow_up,summary") == true)
        #expect(lines[1].hasSuffix(",100.00,100.00,billing,knowledge;process,2026-10-05,All good"))
        // A3 is a chat: the compliance section and its fields do not apply, so their cells are empty.
        #expect(lines[3].hasSuffix(",44.44,,billing,,,"))
    }

    /// `--by causes` counts A1 under both of its values and the three audits without one under (none).
    @Test func byAMultiSelectFieldCountsAnAuditUnderEachValue() throws {
        let output = try qakit("score", "-s", "compliance-pack.yaml", "audits.csv", "--by", "causes", "--format", "csv")
        #expect(output.status == 0, "\(output.standardError)")
        let rows = output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
        #expect(rows == ["(none),(none),3", "knowledge,knowledge,1", "process,process,1"])
    }

    @Test func explainShowsThresholdsPenaltiesConditionsAndPoints() throws {
        let a2 = try qakit("explain", "-s", "compliance-pack.yaml", "audits.csv", "--audit", "A2").standardOutput
        #expect(a2.contains("Greeting (yes_no, weight 1): answer no → credit 0; penalty 5 points"))
        #expect(a2.contains("refund (yes_no, weight 1): answer (blank) — does not apply: when {reason: [billing]} does not match (reason is 'technical')"))
        #expect(a2.contains("hold (number, weight 1): answer 120 → credit range 60.01 to 300 = 0.5"))
        #expect(a2.contains("points earned E = 1×(2/3) + 2×1.5, points possible M = 1×2 + 2×2"))
        #expect(a2.contains("penalties (step 8): Greeting 5, disclosure 15; never below 0"))
        let a3 = try qakit("explain", "-s", "compliance-pack.yaml", "audits.csv", "--audit", "A3").standardOutput
        #expect(a3.contains("CRITICAL FAILURE (credit 1/3 ≈ 0.3333 is below critical_below 0.5): the audit auto-fails"))
        #expect(a3.contains("does not apply: section compliance's unless {channel: [chat]} matches (channel is 'chat')"))
        let a4 = try qakit("explain", "-s", "compliance-pack.yaml", "audits.csv", "--audit", "A4").standardOutput
        #expect(a4.contains("CRITICAL FAILURE (option 'fail' has fails: true): the audit auto-fails"))
    }

    /// coach.csv: three audits answering Greeting no (penalty 5), the rest full credit, refund
    /// hidden (reason technical). A penalty is part of the criterion's cost (docs/coaching.md).
    @Test func aPenaltyIsPartOfACriterionsCost() throws {
        // scoring: sections: Opening S = (0 + 1)/2, compliance 1: raw 100 × (1×0.5 + 2×1)/3 − 5 = 78.33.
        // Greeting's points lost: 100 × 1 × 1 × (1 − 0) / (3 × 2) = 16.67, plus the penalty 5 = 21.67.
        let sections = try qakit("coach", "-s", "compliance-pack-sections.yaml", "coach.csv").standardOutput
        #expect(sections.contains("| 1 | Greets | 21.67 | 0 | 0.0% | — |"), "\(sections)")
        // scoring: points: E = 1 + 2×2 = 5 of M = 2 + 2×2 = 6; the penalty costs 100 × 5/6 = 83.33
        // and the lost credit 100 × 1 × 1 × 1 / 6 = 16.67: 100.00 per audit (and the score is 0).
        let points = try qakit("coach", "-s", "compliance-pack.yaml", "coach.csv").standardOutput
        #expect(points.contains("| 1 | Greets | 100.00 | 0 | 0.0% | — |"), "\(points)")
    }

    /// Free text, dates and multi_select fields have no answer reviewers agree on; a select field
    /// and a number are compared like any criterion (docs/calibration.md).
    @Test func calibrationLeavesTextDateAndMultiSelectFieldsOut() throws {
        let output = try qakit("calibrate", "-s", "compliance-pack.yaml", "calibration.csv").standardOutput
        #expect(output.contains("- reason (select): too few interactions to judge (2 of 10)"))
        #expect(output.contains("- hold (number): too few interactions to judge (2 of 10)"))
        #expect(!output.contains("summary (text)") && !output.contains("follow_up (date)") && !output.contains("causes (multi_select)"))
    }

    /// A criterion whose section or own `unless` can hide it may have no column: the header is
    /// only refused for criteria that always apply (docs/audits.md, "One error for the file").
    @Test func aConditionalCriterionMayHaveNoColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-formkeys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // No disclosure and no hold column: both sit in the compliance section, hidden for chats.
        try "audit_id,interaction_id,agent,reviewer,date,channel,Greeting,empathy,reason,refund\nH1,I1,Ann,Rev,2026-10-01,chat,yes,4,technical,\n"
            .write(to: directory.appendingPathComponent("chats.csv"), atomically: true, encoding: .utf8)
        let card = QAKitProcess.fixtures.appendingPathComponent("form-keys/compliance-pack.yaml").path
        let output = try QAKitProcess.run(["score", "-s", card, "chats.csv", "--format", "csv"], in: directory)
        #expect(output.status == 0, "\(output.standardError)")
        // Opening: yes 1, 4 → 1, refund hidden: E = M = 2: 100.
        #expect(output.standardOutput.contains("H1,I1,Ann,Rev,2026-10-01,Compliance.Calls,1,100.00,100.00,true"))
    }

    /// One mistake, one message: a misspelt multi_select value is the only error, even though the
    /// `unless` on it can then no longer hide kb_linked (left blank).
    @Test func aConditionOnAnInvalidAnswerAddsNoSecondMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-formkeys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = QAKitProcess.fixtures.appendingPathComponent("forms-docs")
        let header = try String(contentsOf: fixtures.appendingPathComponent("fields.csv"), encoding: .utf8).split(separator: "\n")[0]
        try (header + "\nF-9,T-9,Ana,Sam,2026-09-01,email,billing,knowlege,,,,yes,yes,,,\n")
            .write(to: directory.appendingPathComponent("audits.csv"), atomically: true, encoding: .utf8)
        let output = try QAKitProcess.run(["score", "-s", fixtures.appendingPathComponent("fields.yaml").path, "audits.csv"], in: directory)
        #expect(output.status == 1)
        let errors = output.standardError.split(separator: "\n").filter { $0.contains(": error:") }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("field 'root_causes'") == true)
    }
}
