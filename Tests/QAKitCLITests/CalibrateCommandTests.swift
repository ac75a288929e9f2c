import Foundation
import Testing

/// `qakit calibrate` end to end, on the example session and on small broken inputs.
@Suite("qakit calibrate")
struct CalibrateCommandTests {
    private let root = QAKitProcess.packageRoot
    private let session = ["-s", "scorecards", "examples/calibration-session.csv", "--benchmark", "Dana Whitfield"]

    private func example(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("examples/calibration/\(name)"), encoding: .utf8)
    }

    /// The reports in examples/calibration/ are what the documented commands print today.
    @Test(arguments: [("text", "report.txt"), ("markdown", "report.md"), ("json", "report.json")])
    func exampleReportsAreCurrent(format: String, file: String) throws {
        let output = try QAKitProcess.run(["calibrate"] + session + ["--format", format], in: root)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == (try example(file)))
        #expect(output.standardError == "qakit: calibrated phone-support: 8 interactions, 4 reviewers; rejected 0\n")
    }

    @Test func textLeadsWithTheVerdictAndWhatToDo() throws {
        let output = try QAKitProcess.run(["calibrate"] + session, in: root)
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 4)
        #expect(lines[3].hasPrefix("Verdict: "))
        #expect(output.standardOutput.contains("What to do\n----------"))
        #expect(output.standardOutput.range(of: "What to do")!.lowerBound < output.standardOutput.range(of: "How to read these figures")!.lowerBound)
    }

    @Test func jsonHasEverySectionSixField() throws {
        let output = try QAKitProcess.run(["calibrate"] + session + ["--format", "json"], in: root)
        let object = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["scorecard"] as? String == "phone-support")
        #expect(object["benchmark"] as? String == "Dana Whitfield")
        let reviewers = try #require(object["reviewers"] as? [[String: Any]])
        // The benchmark is the reference, not a subject.
        #expect(reviewers.map { $0["reviewer"] as? String } == ["Kenji Watanabe", "Marcus Oyelaran", "Sofia Lindqvist"])
        let interactions = try #require(object["interactions"] as? [[String: Any]])
        #expect(interactions.count == 8)
        #expect(interactions.allSatisfy { ($0["scores"] as? [String: Any])?.count == 4 })
    }

    @Test func writesTheOutputFileAtomically() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("calibration.md")
        let output = try QAKitProcess.run(["calibrate"] + session + ["--format", "markdown", "-o", target.path], in: root)
        #expect(output.status == 0)
        #expect(output.standardOutput.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8) == (try example("report.md")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["calibration.md"])
    }

    @Test func unknownBenchmarkIsAUsageErrorWithAHint() throws {
        let output = try QAKitProcess.run(["calibrate", "-s", "scorecards", "examples/calibration-session.csv", "--benchmark", "Dana Whitfeld"], in: root)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == "qakit: error: no audit was scored by the --benchmark reviewer 'Dana Whitfeld'; did you mean 'Dana Whitfield'?\n")
    }

    @Test func invalidToleranceIsAUsageError() throws {
        let output = try QAKitProcess.run(["calibrate"] + session + ["--tolerance", "five"], in: root)
        #expect(output.status == 2)
        #expect(output.standardError.contains("--tolerance must be a number of points, 0 or more, found 'five'"))
    }

    @Test func toleranceOverridesTheScorecard() throws {
        let output = try QAKitProcess.run(["calibrate"] + session + ["--tolerance", "25", "--format", "json"], in: root)
        let object = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["tolerance"] as? Int == 25)
        // Every example score is within 25 points of the benchmark (the widest gap is 18.75).
        #expect((object["overall"] as? [String: Any])?["within_tolerance_rate"] as? Int == 1)
    }

    /// Two audits of different interactions, and a file where only non-calibration audits pair up.
    private func writeAudits(_ rows: [String]) throws -> (directory: URL, file: URL) {
        let directory = try QAKitProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("audits.csv")
        try (["audit_id,interaction_id,agent,reviewer,date,calibration,greeting"] + rows).joined(separator: "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        return (directory, file)
    }

    @Test func noCalibrationUnitsSaysWhatIsNeeded() throws {
        let (directory, file) = try writeAudits(["a1,T-1,Ann,Rita,2026-10-01,true,yes", "a2,T-2,Ann,Sam,2026-10-01,true,no"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("valid/email.yaml").path
        let output = try QAKitProcess.run(["calibrate", "-s", scorecard, file.path])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == "qakit: error: nothing to calibrate: no interaction was scored by two or more reviewers (read 2 usable audits). Calibration needs the same interaction_id scored with the same scorecard by two or more different reviewers.\n")
    }

    @Test func calibrationOnlyLeavesOutRegularAudits() throws {
        let (directory, file) = try writeAudits(["a1,T-1,Ann,Rita,2026-10-01,true,yes", "a2,T-1,Ann,Sam,2026-10-01,false,no"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("valid/email.yaml").path
        let all = try QAKitProcess.run(["calibrate", "-s", scorecard, file.path, "--format", "json"])
        #expect(all.status == 0)
        #expect(all.standardOutput.contains("\"interactions\": 1, \"reviewers\": 2, \"audits\": 2"))
        let only = try QAKitProcess.run(["calibrate", "-s", scorecard, file.path, "--calibration-only"])
        #expect(only.status == 1)
        #expect(only.standardError.hasSuffix("Only audits with calibration: true were used (--calibration-only).\n"))
    }

    @Test func aDuplicateAuditIsAWarningAndTheLaterCounts() throws {
        let (directory, file) = try writeAudits([
            "a1,T-1,Ann,Rita,2026-10-01,true,yes", "a2,T-1,Ann,Sam,2026-10-01,true,yes", "a3,T-1,Ann,Rita,2026-10-02,true,no",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("valid/email.yaml").path
        let output = try QAKitProcess.run(["calibrate", "-s", scorecard, file.path, "--format", "json"])
        #expect(output.status == 0)
        #expect(output.standardError.hasPrefix("\(file.path):2: warning: reviewer 'Rita' scored interaction 'T-1' twice (audits 'a1' and 'a3'); only the later audit 'a3' counts in calibration\n"))
        // Rita's later "no" scores 0 against Sam's 100.
        #expect(output.standardOutput.contains("\"scores\": {\"Rita\": 0, \"Sam\": 100}"))
    }

    @Test func rejectedRecordsStillReportAndExitOne() throws {
        let (directory, file) = try writeAudits([
            "a1,T-1,Ann,Rita,2026-10-01,true,yes", "a2,T-1,Ann,Sam,2026-10-01,true,yes", "a3,T-1,Ann,Kim,2026-10-01,true,maybe",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("valid/email.yaml").path
        let output = try QAKitProcess.run(["calibrate", "-s", scorecard, file.path])
        #expect(output.status == 1)
        #expect(output.standardOutput.hasPrefix("Calibration: email-support (version 1)\n"))
        #expect(output.standardError.contains("\(file.path):4"))
        #expect(output.standardError.hasSuffix("rejected 1\n"))
    }
}
