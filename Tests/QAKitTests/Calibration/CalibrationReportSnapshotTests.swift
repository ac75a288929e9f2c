import Foundation
import Testing
@testable import QAKit

/// The text, Markdown and JSON reports of the hand-computed session (benchmark A), compared byte
/// for byte with golden files in `Snapshots/`. Run with `QAKIT_RECORD_SNAPSHOTS=1` to re-record
/// them after a deliberate change, then review the diff.
@Suite("Calibration reports")
struct CalibrationReportSnapshotTests {
    private static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    private func reports() throws -> [CalibrationReport] {
        CalibrationFixture.analyse(options: CalibrationOptions(benchmark: "A")).reports
    }

    private func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QAKIT_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its snapshot; re-record with QAKIT_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    }

    @Test func text() throws {
        try assertSnapshot(CalibrationText.render(reports(), markdown: false) + "\n", named: "session.txt")
    }

    @Test func markdown() throws {
        try assertSnapshot(CalibrationText.render(reports(), markdown: true) + "\n", named: "session.md")
    }

    @Test func json() throws {
        let sink = StringSink()
        try CalibrationJSON.write(reports(), to: sink)
        try assertSnapshot(sink.text, named: "session.json")
    }

    @Test func jsonHasEveryFieldOfTheSpec() throws {
        let sink = StringSink()
        try CalibrationJSON.write(reports(), to: sink)
        let object = try #require(JSONSerialization.jsonObject(with: Data(sink.text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["scorecard", "scorecard_version", "tolerance", "benchmark", "overall", "interactions", "reviewers", "criteria"])
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(Set(overall.keys) == ["interactions", "reviewers", "audits", "alpha", "calibration_variance", "calibration_sd", "within_tolerance_rate", "too_few_units"])
        let interaction = try #require((object["interactions"] as? [[String: Any]])?.first)
        #expect(Set(interaction.keys) == ["interaction_id", "reviewers", "scores", "mean", "variance", "sd", "range", "benchmark_score", "within_tolerance"])
        let reviewer = try #require((object["reviewers"] as? [[String: Any]])?.first)
        #expect(Set(reviewer.keys) == ["reviewer", "interactions", "mean_deviation", "mean_abs_deviation", "within_tolerance_rate", "criterion_match_rate", "tendency"])
        let criterion = try #require((object["criteria"] as? [[String: Any]])?.first)
        #expect(Set(criterion.keys) == ["id", "type", "level", "units", "alpha", "ac1", "percent_agreement", "flagged", "too_few_units", "disagreements"])
        // Unrounded: 175/204 = 0.857843137254902 (to 15 places, as computed by hand) rather
        // than 0.858, and null (not 0) for the points AC1. Field order is pinned by the snapshot.
        #expect(sink.text.contains("\"alpha\": 0.85784313725490"))
        #expect(criterion["ac1"] is NSNull)
    }

    @Test func severalScorecardsMakeAnArray() throws {
        let report = try #require(try reports().first)
        let sink = StringSink()
        try CalibrationJSON.write([report, report], to: sink)
        let array = try #require(JSONSerialization.jsonObject(with: Data(sink.text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
    }

    @Test func roundingForPeople() {
        // 2.375 = 19/8 is exact in binary, so this is a true half: away from zero.
        #expect(DecimalText.fixed(2.375, places: 2) == "2.38")
        #expect(DecimalText.fixed(-2.375, places: 2) == "-2.38")
        #expect(DecimalText.fixed(-0.004, places: 2) == "0.00")
        #expect(DecimalText.fixed(0.5, places: 0) == "1")
        #expect(DecimalText.fixed(-2.5, places: 0) == "-3")
        #expect(DecimalText.signed(4.6666, places: 2) == "+4.67")
        #expect(DecimalText.signed(0, places: 2) == "0.00")
        #expect(DecimalText.percent(1.0 / 3) == "33.3%")
        #expect(DecimalText.fixed(nil, places: 3) == "n/a")
        #expect(DecimalText.trimmed(7.5, places: 2) == "7.5")
    }
}
