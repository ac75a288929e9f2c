import Foundation
import Testing

/// The real-world forms under `examples/forms/` (Amazon Connect, Genesys Cloud, Zendesk QA, a
/// ServiceNow ticket review with deductions, a recorded-disclosures compliance pack, MaestroQA)
/// lint cleanly and score their example audits exactly as `examples/forms/EXPECTED.md` works them
/// out by hand from docs/scoring.md (and checked again with an independent Python `fractions`
/// script). Where a vendor published a figure it is one of the rows: Genesys's 60 %, MaestroQA's
/// 60 % and 53 %, the ServiceNow review's 78.57 %.
@Suite
struct VendorFormTests {
    /// One audit of `score --format json`, reduced to what the tests compare.
    struct Scored: Equatable, CustomStringConvertible {
        var score: String
        var rawScore: String
        var autoFailed: Bool
        var passed: String
        var description: String { "score \(score), raw \(rawScore), auto-failed \(autoFailed), passed \(passed)" }
    }

    /// `qakit arguments…` run from the package root, where `examples/forms/` is.
    private func qakit(_ arguments: [String]) throws -> QAKitProcess.Output {
        try QAKitProcess.run(arguments, in: QAKitProcess.packageRoot)
    }

    /// The JSON objects of `qakit score -s examples/forms/<form>.yaml examples/forms/<form>.<ext> --format json`,
    /// by audit id; the run must exit 0 (no rejected record).
    private func scoredObjects(_ form: String, _ ext: String) throws -> [String: [String: Any]] {
        let output = try qakit(["score", "-s", "examples/forms/\(form).yaml", "examples/forms/\(form).\(ext)", "--format", "json"])
        #expect(output.status == 0, "score \(form): exit \(output.status)\n\(output.standardError)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]],
                                 "score \(form) printed no JSON array:\n\(output.standardOutput)\n\(output.standardError)")
        var byID: [String: [String: Any]] = [:]
        for audit in array { byID[try #require(audit["audit_id"] as? String)] = audit }
        return byID
    }

    private func scored(_ form: String, _ ext: String = "csv") throws -> [String: Scored] {
        try scoredObjects(form, ext).mapValues { audit in
            Scored(score: Self.number(audit["score"]), rawScore: Self.number(audit["raw_score"]),
                   autoFailed: audit["auto_failed"] as? Bool ?? false,
                   passed: (audit["passed"] as? Bool).map(String.init) ?? "null")
        }
    }

    /// A JSON number as two decimals ("78.57"; `null` as "null").
    static func number(_ value: Any?) -> String {
        guard let number = value as? NSNumber else { return "null" }
        return String(format: "%.2f", number.doubleValue)
    }

    static let forms = ["amazon-connect-evaluation", "genesys-cloud-evaluation", "zendesk-qa-scorecard",
                        "servicenow-incident-review", "recorded-disclosures", "maestroqa-total-points"]

    @Test("every form lints with exit 0", arguments: forms)
    func lints(form: String) throws {
        let output = try qakit(["lint", "examples/forms/\(form).yaml"])
        #expect(output.status == 0, "lint \(form): exit \(output.status)\n\(output.standardOutput)\(output.standardError)")
    }

    /// EXPECTED.md, "amazon-connect-evaluation": weighted sections; automatic fail on an answer
    /// option (AC-3) and on a numeric range (AC-4); N/A dropped from the weighted mean (AC-2, AC-5:
    /// 20 + 50·4.5/7 + 30 = 82.142…).
    @Test func amazonConnect() throws {
        let audits = try scored("amazon-connect-evaluation")
        #expect(audits["AC-1"] == Scored(score: "100.00", rawScore: "100.00", autoFailed: false, passed: "true"))
        #expect(audits["AC-2"] == Scored(score: "65.00", rawScore: "65.00", autoFailed: false, passed: "false"))
        #expect(audits["AC-3"] == Scored(score: "0.00", rawScore: "80.00", autoFailed: true, passed: "false"))
        #expect(audits["AC-4"] == Scored(score: "0.00", rawScore: "90.00", autoFailed: true, passed: "false"))
        #expect(audits["AC-5"] == Scored(score: "82.14", rawScore: "82.14", autoFailed: false, passed: "true"))
        #expect(audits.count == 5)
    }

    /// EXPECTED.md, "genesys-cloud-evaluation": GC-1 is the Resource Center's example
    /// ((1·40) + (1·20)) / ((2·40) + (1·20)) = 60 % (weighted sections would give 66.67); GC-2's
    /// N/A is zero of zero points: 40/60.
    @Test func genesysCloud() throws {
        let audits = try scored("genesys-cloud-evaluation")
        #expect(audits["GC-1"] == Scored(score: "60.00", rawScore: "60.00", autoFailed: false, passed: "null"))
        #expect(audits["GC-2"] == Scored(score: "66.67", rawScore: "66.67", autoFailed: false, passed: "null"))
        #expect(audits["GC-3"] == Scored(score: "100.00", rawScore: "100.00", autoFailed: false, passed: "null"))
        #expect(audits["GC-4"] == Scored(score: "20.00", rawScore: "20.00", autoFailed: false, passed: "null"))
        #expect(audits.count == 4)
    }

    /// EXPECTED.md, "zendesk-qa-scorecard": Σ weight·credit / Σ weight over rated categories; a
    /// critical category below 50 % (rating 2 of 4 = 1/3) zeroes the review (ZQ-2), 2/3 does not (ZQ-3).
    @Test func zendeskQA() throws {
        let audits = try scored("zendesk-qa-scorecard")
        #expect(audits["ZQ-1"] == Scored(score: "83.33", rawScore: "83.33", autoFailed: false, passed: "true"))
        #expect(audits["ZQ-2"] == Scored(score: "0.00", rawScore: "78.57", autoFailed: true, passed: "false"))
        #expect(audits["ZQ-3"] == Scored(score: "82.05", rawScore: "82.05", autoFailed: false, passed: "true"))
        #expect(audits["ZQ-4"] == Scored(score: "7.14", rawScore: "7.14", autoFailed: false, passed: "false"))
        #expect(audits.count == 4)
    }

    /// EXPECTED.md, "servicenow-incident-review": (70 − 15)/70 = 78.57 (SN-1; 100.00 without
    /// penalties), (63 − 50)/70 = 18.57 (SN-3), an auto-fail with a full raw score (SN-4), and
    /// penalties that would go below 0 stop at 0 (SN-5).
    @Test func serviceNowDeductions() throws {
        let audits = try scored("servicenow-incident-review")
        #expect(audits["SN-1"] == Scored(score: "78.57", rawScore: "78.57", autoFailed: false, passed: "false"))
        #expect(audits["SN-2"] == Scored(score: "100.00", rawScore: "100.00", autoFailed: false, passed: "true"))
        #expect(audits["SN-3"] == Scored(score: "18.57", rawScore: "18.57", autoFailed: false, passed: "false"))
        #expect(audits["SN-4"] == Scored(score: "0.00", rawScore: "100.00", autoFailed: true, passed: "false"))
        #expect(audits["SN-5"] == Scored(score: "0.00", rawScore: "0.00", autoFailed: false, passed: "false"))
        #expect(audits.count == 5)
    }

    /// EXPECTED.md, "recorded-disclosures": `na_policy: fail` auto-fails (RD-3), `na_policy: pass`
    /// gives credit 1 (RD-2), penalties on a yes_no (−10) and on a range (−5), `when`/`unless` on
    /// earlier answers and on sections (RD-4, RD-5).
    @Test func recordedDisclosures() throws {
        let audits = try scored("recorded-disclosures", "jsonl")
        #expect(audits["RD-1"] == Scored(score: "100.00", rawScore: "100.00", autoFailed: false, passed: "true"))
        #expect(audits["RD-2"] == Scored(score: "71.67", rawScore: "71.67", autoFailed: false, passed: "false"))
        #expect(audits["RD-3"] == Scored(score: "0.00", rawScore: "61.67", autoFailed: true, passed: "false"))
        #expect(audits["RD-4"] == Scored(score: "0.00", rawScore: "50.00", autoFailed: true, passed: "false"))
        #expect(audits["RD-5"] == Scored(score: "100.00", rawScore: "100.00", autoFailed: false, passed: "true"))
        #expect(audits.count == 5)
    }

    /// EXPECTED.md, "recorded-disclosures", fields: a date and a number as written, a
    /// multi_select in option order whatever the audit's order, null when not applicable.
    @Test func recordedDisclosureFields() throws {
        let audits = try scoredObjects("recorded-disclosures", "jsonl")
        let first = try #require(audits["RD-1"]?["fields"] as? [String: Any])
        #expect(first["callback_date"] as? String == "2026-11-09")
        #expect((first["talk_minutes"] as? NSNumber)?.doubleValue == 7.5)
        #expect(first["reviewer_notes"] as? String == "Clean call.")
        let second = try #require(audits["RD-2"]?["fields"] as? [String: Any])
        #expect(second["root_causes"] as? [String] == ["knowledge", "process"])
        #expect(second["call_reason"] as? String == "billing")
        let fourth = try #require(audits["RD-4"]?["fields"] as? [String: Any])
        #expect(fourth["root_causes"] is NSNull)
    }

    /// EXPECTED.md, "maestroqa-total-points": the help center's 21/35 = 60 % and 16/30 ≈ 53 %,
    /// a bonus above 100 (37/35) and an auto-fail criterion.
    @Test func maestroQA() throws {
        let audits = try scored("maestroqa-total-points")
        #expect(audits["MQ-1"] == Scored(score: "60.00", rawScore: "60.00", autoFailed: false, passed: "null"))
        #expect(audits["MQ-2"] == Scored(score: "53.33", rawScore: "53.33", autoFailed: false, passed: "null"))
        #expect(audits["MQ-3"] == Scored(score: "105.71", rawScore: "105.71", autoFailed: false, passed: "null"))
        #expect(audits["MQ-4"] == Scored(score: "0.00", rawScore: "60.00", autoFailed: true, passed: "false"))
        #expect(audits.count == 4)
    }
}
