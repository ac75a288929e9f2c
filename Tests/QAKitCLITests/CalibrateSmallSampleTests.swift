import Foundation
import Testing

/// `qakit calibrate` end to end on a three-interaction session: counts of one read in the
/// singular, and criteria over fewer than 10 interactions are too few to judge, not to reword.
///
/// Two yes/no criteria of weight 1 (50 points per "yes"), reviewers Rita and Sam:
/// I1 both yes/yes (100, 100); I2 Rita yes/yes (100), Sam yes/no (50); I3 both no/yes (50, 50).
@Suite("qakit calibrate: small sessions")
struct CalibrateSmallSampleTests {
    static let scorecard = """
    scorecard: cal
    title: Calibration check
    version: 1
    sections:
      - id: main
        title: Main
        criteria:
          - id: greeting
            title: Greeting
            guidance: Greets the customer by name.
            type: yes_no
            coaching: { tip: Use the name. }
          - id: closing
            title: Closing
            guidance: Offers further help.
            type: yes_no
            coaching: { tip: Ask if anything else is needed. }

    """

    static let rows = [
        "c1,I1,Ann,Rita,2026-10-01,true,yes,yes", "c2,I1,Ann,Sam,2026-10-01,true,yes,yes",
        "c3,I2,Ann,Rita,2026-10-02,true,yes,yes", "c4,I2,Ann,Sam,2026-10-02,true,yes,no",
        "c5,I3,Ann,Rita,2026-10-03,true,no,yes", "c6,I3,Ann,Sam,2026-10-03,true,no,yes",
    ]

    private func calibrate(_ rows: [String] = rows, _ arguments: [String] = []) throws -> QAKitProcess.Output {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.scorecard.write(to: directory.appendingPathComponent("cal.yaml"), atomically: true, encoding: .utf8)
        try (["audit_id,interaction_id,agent,reviewer,date,calibration,greeting,closing"] + rows).joined(separator: "\n")
            .write(to: directory.appendingPathComponent("audits.csv"), atomically: true, encoding: .utf8)
        let output = try QAKitProcess.run(["calibrate", "-s", "cal.yaml", "audits.csv"] + arguments, in: directory)
        #expect(output.status == 0, "\(output.standardError)")
        return output
    }

    @Test("item 9: closing, alpha 0 over 3 interactions, is too few to judge (3 of 10), not a criterion to reword")
    func tooFewUnits() throws {
        // closing: values yes ×5, no ×1 (I2); o(yes,no) = o(no,yes) = 1, n = 6:
        // α = 1 − (6 − 1)·2 / (2·5·1) = 0, below 0.667, but over 3 units.
        let text = try calibrate().standardOutput
        #expect(!text.contains("to reword,") && !text.contains("Reword this") && !text.contains("Reword these"))
        #expect(text.contains("closing (yes_no): too few interactions to judge (3 of 10)"))
        #expect(text.contains("greeting (yes_no): too few interactions to judge (3 of 10)"))
        let json = try calibrate(Self.rows, ["--format", "json"]).standardOutput
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let closing = try #require((object["criteria"] as? [[String: Any]])?.first { $0["id"] as? String == "closing" })
        #expect(closing["units"] as? Int == 3)
        #expect(abs(closing["alpha"] as? Double ?? 1) < 1e-12)
        #expect(closing["flagged"] as? Bool == false)
        #expect(closing["too_few_units"] as? Bool == true)
    }

    @Test("item 8a: one interaction outside tolerance is 'this interaction'; a tolerance of 1 is '1 point'")
    func plurals() throws {
        let text = try calibrate().standardOutput.replacingOccurrences(of: "\n", with: " ")
        // Only I2 (100 against 50) is outside 5 points.
        #expect(text.contains("1 of 3 interactions outside 5 points"))
        #expect(text.contains("1. Re-discuss this interaction in the next calibration meeting"))
        #expect(try calibrate(Self.rows, ["--tolerance", "1"]).standardOutput.contains("tolerance 1 point."))
        // I2 alone: one interaction, both on standard error and in the verdict.
        let single = try calibrate(Array(Self.rows[2...3]))
        #expect(single.standardError == "qakit: calibrated cal: 1 interaction, 2 reviewers; rejected 0\n")
        #expect(single.standardOutput.replacingOccurrences(of: "\n", with: " ").contains("1 of 1 interaction outside 5 points"))
    }
}
