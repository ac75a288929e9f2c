import Foundation
import Testing
@testable import QAKit

/// The report of `ReportFixture` against golden files in `Snapshots/`, byte for byte. Re-record
/// with `QAKIT_RECORD_SNAPSHOTS=1 swift test --filter ReportSnapshotTests`.
@Suite struct ReportSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QAKIT_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "differs from \(file.path); re-record with QAKIT_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    }

    @Test func html() throws {
        let html = ReportHTML.render(ReportFixture.report(kpis: true))
        try expect(html, matches: "hand-report.html")
        // Escaped input text, no script, and the same figures as the JSON, rounded.
        #expect(html.contains("Greets &lt;by name&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.contains("68.8"))
    }

    @Test func json() throws {
        try expect(ReportJSON.render(ReportFixture.report(kpis: true)), matches: "hand-report.json")
    }

    @Test func markdown() throws {
        try expect(ReportMarkdown.render(ReportFixture.report(kpis: true)), matches: "hand-report.md")
    }
}
