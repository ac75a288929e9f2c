import Foundation
import Testing

/// The worked examples of docs/scoring.md and docs/scorecards.md (the scorecard keys for
/// real-world forms), run through the real binary so that the pages cannot go out of date. The
/// files are in `Fixtures/forms-docs/`; every figure below is worked out by hand in exact
/// fractions, as the docs show it, and rounded half away from zero to two decimals.
@Suite("Form keys: documented examples")
struct FormKeyDocsTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("forms-docs")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `qakit score -s CARD AUDITS --format jsonl`: one line per audit, keyed by audit id.
    private func score(_ card: String, _ audits: String, _ extra: [String] = []) throws -> (output: QAKitProcess.Output, lines: [String: Substring]) {
        let output = try QAKitProcess.run(["score", "-s", Self.path(card), Self.path(audits), "--format", "jsonl"] + extra)
        var lines: [String: Substring] = [:]
        for line in output.standardOutput.split(separator: "\n") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            lines[try #require(object["audit_id"] as? String)] = line
        }
        return (output, lines)
    }

    /// The audit-level `score` or `raw_score` exactly as printed (the first occurrence is the
    /// audit's: `sections` come after it).
    static func figure(_ name: String, in line: Substring?) -> String? {
        guard let line, let start = line.range(of: "\"\(name)\": ")?.upperBound else { return nil }
        return String(line[start...].prefix { $0 != "," && $0 != "}" })
    }

    static func object(_ line: Substring?) throws -> [String: Any] {
        let text = try #require(line)
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func criterion(_ id: String, in line: Substring?) throws -> [String: Any] {
        let criteria = try #require(try object(line)["criteria"] as? [[String: Any]])
        return try #require(criteria.first { $0["id"] as? String == id })
    }

    static func section(_ id: String, in line: Substring?) throws -> [String: Any] {
        let sections = try #require(try object(line)["sections"] as? [[String: Any]])
        return try #require(sections.first { $0["id"] as? String == id })
    }

    /// docs/scoring.md, "Points scoring". A (W 2): a1 w1 (na: true), a2 w3; B (W 1): b1 scale
    /// 1..5; C (W 1, bonus): c1 optional.
    /// - P-1 yes, no, 4: E = 2·(1 + 0) + 1·3/4 = 11/4, M = 2·4 + 1 = 9 → 100·11/36 = 30.555… → 30.56.
    ///   Sections: 100·(2·1/4 + 3/4)/3 = 125/3 = 41.666… → 41.67.
    /// - P-2 na, yes, 1: E = 2·3 + 0 = 6, M = 2·3 + 1 = 7 (a1 is zero of zero) → 600/7 = 85.714… → 85.71.
    ///   Sections: S_A = 1, S_B = 0 → 200/3 = 66.666… → 66.67.
    /// - P-3 yes, yes, 5, yes: E = 8 + 1 + 1 = 10, M = 9 → 1000/9 = 111.11. Sections: 100·(2 + 1 + 1)/3 = 133.33.
    @Test func pointsAgainstSections() throws {
        let points = try score("points.yaml", "points.csv")
        #expect(points.output.status == 0)
        #expect(["P-1", "P-2", "P-3"].map { Self.figure("score", in: points.lines[$0]) } == ["30.56", "85.71", "111.11"])
        let sections = try score("sections.yaml", "points.csv")
        #expect(["P-1", "P-2", "P-3"].map { Self.figure("score", in: sections.lines[$0]) } == ["41.67", "66.67", "133.33"])
        // Section scores are rule 3's S in both modes: P-1 a = 1/4, b = 3/4, c N/A.
        for run in [points, sections] {
            #expect(try Self.section("a", in: run.lines["P-1"])["score"] as? Double == 25)
            #expect(try Self.section("b", in: run.lines["P-1"])["score"] as? Double == 75)
            #expect(try Self.section("c", in: run.lines["P-1"])["score"] is NSNull)
        }
    }

    /// docs/scoring.md, "Critical thresholds". conversation (W 1): empathy scale 1..4 critical
    /// scorecard critical_below 0.5, validation choice critical (unverified 0.5, fails); hold (W 1):
    /// hold_time number critical section, ranges 0–60 → 1, 60.01–300 → 0.5, 300.01–100000 → 0.25 fails.
    /// Sections scoring:
    /// - C-1 3, pass, 45: S = (2/3 + 1)/2 = 5/6, 1 → 100·(11/6)/2 = 91.666… → 91.67.
    /// - C-2 2 (1/3 < 1/2: auto-fail), pass, 120: S = 2/3, 1/2 → raw 100·(7/6)/2 = 58.33; score 0.
    /// - C-3 4, unverified (fails at 0.5), 45: S = 3/4, 1 → raw 87.50; score 0.
    /// - C-4 4, pass, 400 (fails: hold fails): S = 1, 1/4 → raw 62.50; score 100·(1 + 0)/2 = 50.00.
    /// Points scoring (M = 3): C-1 E = 8/3 → 88.89; C-2 E = 11/6 → 61.11, 0; C-3 E = 5/2 → 83.33, 0;
    /// C-4 E = 9/4 → 75.00, after rule 6 E = 2 → 66.67.
    @Test func criticalBelowAndFails() throws {
        let ids = ["C-1", "C-2", "C-3", "C-4"]
        let sections = try score("critical.yaml", "critical.csv")
        #expect(sections.output.status == 0)
        #expect(ids.map { Self.figure("raw_score", in: sections.lines[$0]) } == ["91.67", "58.33", "87.50", "62.50"])
        #expect(ids.map { Self.figure("score", in: sections.lines[$0]) } == ["91.67", "0.00", "0.00", "50.00"])
        let points = try score("critical-points.yaml", "critical.csv")
        #expect(ids.map { Self.figure("raw_score", in: points.lines[$0]) } == ["88.89", "61.11", "83.33", "75.00"])
        #expect(ids.map { Self.figure("score", in: points.lines[$0]) } == ["88.89", "0.00", "0.00", "66.67"])
        for run in [sections, points] {
            #expect(try ids.map { try Self.object(run.lines[$0])["auto_failed"] as? Bool } == [false, true, true, false])
            #expect(try Self.criterion("empathy", in: run.lines["C-2"])["failed_critical"] as? Bool == true)
            #expect(try Self.criterion("validation", in: run.lines["C-3"])["failed_critical"] as? Bool == true)
            #expect(try Self.criterion("validation", in: run.lines["C-3"])["credit"] as? Double == 0.5)
            let hold = try Self.section("hold", in: run.lines["C-4"])
            #expect(hold["failed"] as? Bool == true)
            #expect(hold["score"] as? Double == 0)
            // C-1's empathy (credit 2/3) is at or above 0.5: no failure.
            #expect(try Self.criterion("empathy", in: run.lines["C-1"])["failed_critical"] as? Bool == false)
        }
    }

    /// docs/scoring.md, "N/A policies". Scorecard na_policy fail; one: a (inherits fail),
    /// b (pass), e (exclude); two: c (inherits fail, critical section), d.
    /// - NA-1 na, na, na, yes, yes: S_one = (0 + 1)/2 (e not scored), S_two = 1 → 100·1.5/2 = 75.00.
    /// - NA-2 yes ×3, na, yes: S_one = 1; c credit 0 fails section two (raw S = 1/2) →
    ///   raw 100·1.5/2 = 75.00, score 100·(1 + 0)/2 = 50.00.
    @Test func naPolicies() throws {
        let run = try score("na-policy.yaml", "na-policy.csv")
        #expect(run.output.status == 0)
        #expect(["NA-1", "NA-2"].map { Self.figure("score", in: run.lines[$0]) } == ["75.00", "50.00"])
        #expect(["NA-1", "NA-2"].map { Self.figure("raw_score", in: run.lines[$0]) } == ["75.00", "75.00"])
        #expect(try Self.criterion("a", in: run.lines["NA-1"])["credit"] as? Double == 0)
        #expect(try Self.criterion("b", in: run.lines["NA-1"])["credit"] as? Double == 1)
        #expect(try Self.criterion("e", in: run.lines["NA-1"])["credit"] is NSNull)
        #expect(try Self.criterion("e", in: run.lines["NA-1"])["scored"] as? Bool == false)
        #expect(try Self.criterion("c", in: run.lines["NA-2"])["failed_critical"] as? Bool == true)
    }

    /// docs/scoring.md, "Penalties under sections scoring". disclosure yes_no penalty 15 (na,
    /// na_policy fail); resolution: resolved 1, partial 0.5 (penalty 10), unresolved 0 (penalty 20);
    /// script yes_no weight 0 optional penalty 5.
    /// - S-1 no, resolved: 100·1/2 − 15 = 35.00. S-2 yes, partial: 100·1.5/2 − 10 = 65.00.
    /// - S-3 no, unresolved: 0 − 35 → clamped 0.00 (raw too). S-4 na, resolved: 50.00, no penalty.
    /// - S-5 yes, resolved, script no: 100 − 5 = 95.00 (weight 0 still deducts).
    @Test func penaltiesUnderSections() throws {
        let run = try score("penalty-sections.yaml", "penalty-sections.csv")
        #expect(run.output.status == 0)
        let ids = ["S-1", "S-2", "S-3", "S-4", "S-5"]
        #expect(ids.map { Self.figure("score", in: run.lines[$0]) } == ["35.00", "65.00", "0.00", "50.00", "95.00"])
        #expect(ids.map { Self.figure("raw_score", in: run.lines[$0]) } == ["35.00", "65.00", "0.00", "50.00", "95.00"])
        #expect(try Self.criterion("disclosure", in: run.lines["S-1"])["penalty"] as? Double == 15)
        #expect(try !Self.criterion("resolution", in: run.lines["S-1"]).keys.contains("penalty"))
        #expect(try !Self.criterion("disclosure", in: run.lines["S-4"]).keys.contains("penalty"))
        #expect(try Self.criterion("disclosure", in: run.lines["S-4"])["credit"] as? Double == 0)
        let script = try Self.criterion("script", in: run.lines["S-5"])
        #expect(script["penalty"] as? Double == 5)
        #expect(script["scored"] as? Bool == false)
        // Penalties leave section scores alone: S-1's section is 1/2.
        #expect(try Self.section("call", in: run.lines["S-1"])["score"] as? Double == 50)
    }

    /// docs/scoring.md, "Penalties under points scoring". verified yes_no w4 critical scorecard
    /// penalty 5; notes choice w10: good 1, undocumented 1 (penalty 3), poor 0. M = 14.
    /// - N-1 yes, undocumented: 100·(14 − 3)/14 = 78.571… → 78.57.
    /// - N-2 no, good: 100·(10 − 5)/14 = 35.714… → 35.71 raw; auto-failed: 0 (zero), 35.71 (flag).
    /// - N-3 no, undocumented: 100·(10 − 8)/14 = 14.285… → 14.29 raw; 0 (zero), 14.29 (flag).
    @Test func penaltiesUnderPoints() throws {
        let ids = ["N-1", "N-2", "N-3"]
        let zero = try score("penalty-points.yaml", "penalty-points.csv")
        #expect(zero.output.status == 0)
        #expect(ids.map { Self.figure("raw_score", in: zero.lines[$0]) } == ["78.57", "35.71", "14.29"])
        #expect(ids.map { Self.figure("score", in: zero.lines[$0]) } == ["78.57", "0.00", "0.00"])
        let flag = try score("penalty-points-flag.yaml", "penalty-points.csv")
        #expect(ids.map { Self.figure("score", in: flag.lines[$0]) } == ["78.57", "35.71", "14.29"])
        #expect(try Self.object(flag.lines["N-2"])["passed"] as? Bool == false)
        #expect(try Self.object(flag.lines["N-2"])["auto_failed"] as? Bool == true)
        #expect(try Self.criterion("notes", in: zero.lines["N-3"])["penalty"] as? Double == 3)
        #expect(try Self.criterion("verified", in: zero.lines["N-3"])["penalty"] as? Double == 5)
    }

    /// docs/scorecards.md, "Fields", and docs/scoring.md, "Conditions and fields".
    /// - F-1 (email, billing, process;knowledge): tone yes, refund_offered yes; troubleshoot
    ///   (not technical), kb_linked (unless knowledge) and phone do not apply → 100·2/2 = 100.00.
    /// - F-2 (chat, billing, tooling): tone yes, kb_linked no; refund_offered hidden by unless chat → 50.00.
    /// - F-3 (phone, technical, none): handling (0 + 1 + 1)/3 = 2/3, phone 0 → 100·(2/3)/2 = 33.33.
    @Test func fieldsAndConditions() throws {
        let run = try score("fields.yaml", "fields.csv")
        #expect(run.output.status == 0)
        #expect(["F-1", "F-2", "F-3"].map { Self.figure("score", in: run.lines[$0]) } == ["100.00", "50.00", "33.33"])
        let f1 = try Self.object(run.lines["F-1"])
        let fields = try #require(f1["fields"] as? [String: Any])
        #expect(fields["reason"] as? String == "billing")
        #expect(fields["root_causes"] as? [String] == ["knowledge", "process"])
        #expect(fields["follow_up"] as? String == "2026-09-08")
        #expect(fields["summary"] as? String == "Refund approved")
        #expect(fields["wait_minutes"] as? Double == 7.5)
        // Written as the JSON number 7.5 (the answer was 7.50), the last member of `fields`.
        #expect(run.lines["F-1"]?.hasSuffix("\"wait_minutes\": 7.5}}") == true)
        // Fields are not in the criteria array.
        let criteria = try #require(f1["criteria"] as? [[String: Any]]).map { $0["id"] as? String }
        #expect(criteria == ["tone", "refund_offered", "troubleshoot", "kb_linked", "disclosure"])
        let f2 = try #require(try Self.object(run.lines["F-2"])["fields"] as? [String: Any])
        #expect(f2["follow_up"] is NSNull)
        #expect(f2["wait_minutes"] is NSNull)
        #expect(try Self.criterion("refund_offered", in: run.lines["F-2"])["scored"] as? Bool == false)
        #expect(try Self.criterion("kb_linked", in: run.lines["F-3"])["scored"] as? Bool == true)
        #expect(try Self.section("phone", in: run.lines["F-1"])["score"] is NSNull)
    }

    /// docs/aggregates.md and docs/output-files.md: `--by root_causes` counts F-1 under knowledge
    /// and process (score 100 each), F-2 under tooling (50), F-3 (no causes) under (none) (33.33);
    /// the per-audit CSV has the field columns after the section columns, the multi_select in
    /// option order joined with ';' and the number in its shortest form (7.50 → 7.5).
    @Test func fieldColumnsAndGrouping() throws {
        let grouped = try QAKitProcess.run(["score", "-s", Self.path("fields.yaml"), Self.path("fields.csv"), "--by", "root_causes", "--format", "csv"])
        #expect(grouped.status == 0)
        #expect(grouped.standardOutput == """
            key,root_causes,audits,mean_score,pass_rate,auto_fails
            (none),(none),1,33.33,,0
            knowledge,knowledge,1,100.00,,0
            process,process,1,100.00,,0
            tooling,tooling,1,50.00,,0

            """)
        let rows = try QAKitProcess.run(["score", "-s", Self.path("fields.yaml"), Self.path("fields.csv"), "--format", "csv"])
        let lines = rows.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",section:triage,section:handling,section:phone,reason,root_causes,follow_up,summary,wait_minutes") == true)
        #expect(lines.dropFirst().first?.hasSuffix(",,100.00,,billing,knowledge;process,2026-09-08,Refund approved,7.5") == true)
        #expect(lines.last?.hasSuffix(",,66.67,0.00,technical,,,,") == true)
    }

    /// docs/audits.md: a number with 7 decimals, a date not written YYYY-MM-DD and a misspelt
    /// multi_select value reject the record with the documented wording; a number in the gap
    /// between two ranges (60.005 between 60 and 60.01) is invalid.
    @Test func invalidAnswersOfTheNewTypes() throws {
        let dir = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.csv")
        try """
            audit_id,interaction_id,agent,reviewer,date,channel,reason,root_causes,follow_up,tone,kb_linked,wait_minutes,disclosure
            B-1,T-1,Ana,Sam,2026-09-01,chat,other,tooling;knowlege,2026-9-8,yes,yes,1.1234567,

            """.write(to: file, atomically: true, encoding: .utf8)
        // The `disclosure` column is there although its section only applies to phone audits:
        // without it the header check stops the run (exit 2), see the report of issue 11.
        let output = try QAKitProcess.run(["score", "-s", Self.path("fields.yaml"), file.path, "--format", "jsonl"])
        #expect(output.status == 1)
        #expect(output.standardError.contains("field 'root_causes': 'tooling;knowlege' is not a valid answer for multi_select criterion 'root_causes'; expected option values separated by ';' from 'knowledge', 'process', 'tooling'; 'knowlege' is none of them; did you mean 'knowledge'?"))
        #expect(output.standardError.contains("field 'follow_up': '2026-9-8' is not a valid answer for date criterion 'follow_up'; expected a date written YYYY-MM-DD"))
        #expect(output.standardError.contains("field 'wait_minutes': '1.1234567' is not a valid answer for number criterion 'wait_minutes'; expected a number with at most 6 decimals"))
        let gap = dir.appendingPathComponent("gap.csv")
        try "audit_id,interaction_id,agent,reviewer,date,empathy,validation,hold_time\nX-1,T-1,Ana,Sam,2026-09-01,3,pass,60.005\n"
            .write(to: gap, atomically: true, encoding: .utf8)
        let between = try QAKitProcess.run(["score", "-s", Self.path("critical.yaml"), gap.path, "--format", "jsonl"])
        #expect(between.status == 1)
        #expect(between.standardError.contains("'60.005' is not a valid answer for number criterion 'hold_time'; expected a number in one of the ranges 0 to 60, 60.01 to 300, 300.01 to 100000"))
    }

    /// docs/scorecards.md, "Checking the new keys": the lint output quoted there, line for line
    /// (positions counted in the fixture files; the summary counts 16 errors and 1 warning).
    @Test func lintMessagesOfTheScoringKeys() throws {
        let output = try QAKitProcess.run(["lint", "lint-keys.yaml"], in: Self.directory)
        #expect(output.status == 1)
        #expect(output.standardError == Self.lintKeys)
        #expect(output.standardOutput == "1 scorecard checked: 16 errors, 1 warning\n")
    }

    /// docs/scorecards.md, "Checking the new keys": conditions and ids (12 errors).
    @Test func lintMessagesOfConditionsAndIds() throws {
        let output = try QAKitProcess.run(["lint", "lint-conditions.yaml"], in: Self.directory)
        #expect(output.status == 1)
        // The named item's line: refund at 20, escalated at 27.
        #expect(output.standardError == Self.lintConditions)
        #expect(output.standardOutput == "1 scorecard checked: 12 errors, 0 warnings\n")
    }

    static func withoutItemLines(_ text: String) -> String {
        var parts = text.components(separatedBy: "(line ")
        for index in parts.indices.dropFirst() { parts[index] = String(parts[index].drop { $0.isNumber }) }
        return parts.joined(separator: "(line N")
    }

    static let lintKeys = """
        lint-keys.yaml:4:10: error: 'scoring' must be one of sections, points, found 'point'; did you mean 'points'?
        lint-keys.yaml:12:9: error: 'weight' does not apply to a select field: fields are recorded, never scored
        lint-keys.yaml:13:9: error: 'critical' does not apply to a select field: fields are recorded, never scored
        lint-keys.yaml:15:31: error: 'credit' does not apply to a select field: fields are recorded, never scored
        lint-keys.yaml:20:28: error: 'value' must be one of a value without ';', found 'a;b'
        lint-keys.yaml:29:9: error: 'critical_below' needs 'critical: scorecard' or 'critical: section' on the criterion; without it, it can change nothing
        lint-keys.yaml:30:9: error: 'penalty' on a scale criterion: put it on a yes_no criterion, or on the options or ranges that carry it
        lint-keys.yaml:38:42: error: an option has 'fails: true' but its criterion is not critical; add 'critical: scorecard' or 'critical: section'
        lint-keys.yaml:38:64: error: 'penalty' must be between 0.0001 and 1000, found 0
        lint-keys.yaml:46:13: error: this range overlaps the range at 45:13; a number must fall in one range at most
        lint-keys.yaml:47:30: error: a range needs 'min' <= 'max', found min 900 and max 301
        lint-keys.yaml:54:25: error: 'critical_below' must be between 0.0001 and 1, found 0
        lint-keys.yaml:55:9: warning: 'na_policy' on a criterion without 'na: true' can change nothing
        lint-keys.yaml:56:18: error: 'penalty' must be between 0.0001 and 1000, found 1000.5
        lint-keys.yaml:60:9: error: 'penalty' does not apply to a number field: fields are recorded, never scored
        lint-keys.yaml:61:9: error: 'na_policy' does not apply to a number field: fields are recorded, never scored
        lint-keys.yaml:69:47: error: a range has 'fails: true' but its criterion is not critical; add 'critical: scorecard' or 'critical: section'

        """

    static let lintConditions = """
        lint-conditions.yaml:7:13: error: 'when.Refund' names 'refund' (line 20), which is not in an earlier section; a section's condition may only name items of earlier sections
        lint-conditions.yaml:19:26: error: 'when.reason' can never be 'biling'; expected one of 'billing', 'technical'; did you mean 'billing'?
        lint-conditions.yaml:19:42: error: 'when.wait' can never be '7.50'; expected a number in its shortest form (7.5, not 7.50)
        lint-conditions.yaml:25:29: error: 'when.follow_up' can never be '2026-02-30'; expected a date written YYYY-MM-DD
        lint-conditions.yaml:25:42: error: 'when.escalated' names 'escalated' (line 27), which is not above this criterion; a condition may only name items above it, so the form can be filled top to bottom
        lint-conditions.yaml:26:19: error: 'unless.refund' names 'refund' (line 20), which is not above this criterion; a condition may only name items above it, so the form can be filled top to bottom
        lint-conditions.yaml:37:29: error: 'when.escalated' can never be 'true'; expected one of 'yes', 'no'
        lint-conditions.yaml:38:26: error: 'unless.wait' can never be 'na'; expected a value the item can take; it does not allow N/A (na: true)
        lint-conditions.yaml:39:13: error: duplicate criterion id 'REASON' (first defined at 9:13)
        lint-conditions.yaml:42:13: error: criterion id 'Agent' is reserved for an audit field; choose another id
        lint-conditions.yaml:45:13: error: id 'notes.comment' ends in '.comment', which names a comment column; choose another id
        lint-conditions.yaml:48:13: error: id 'Über' must match [A-Za-z0-9][A-Za-z0-9_.-]*: letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 characters

        """
}
