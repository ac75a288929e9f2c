import Foundation
import Testing

/// `qakit report` end to end on the bundled examples (docs/report.md).
@Suite struct ReportCommandTests {
    static let root = QAKitProcess.packageRoot
    static let examples = ["examples/audits.csv", "examples/audits.jsonl"].map { root.appendingPathComponent($0).path }
    static let scorecards = ["-s", root.appendingPathComponent("scorecards").path]
    static let tickets = root.appendingPathComponent("examples/tickets.csv").path

    static func report(_ arguments: [String]) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["report"] + scorecards + examples + arguments)
    }

    @Test func examplesRenderAsHTML() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        let output = try Self.report(["--metrics", Self.tickets, "-o", file.path])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.contains("reported 324 audits and 32 calibration audits over 3 months"))
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for section in ["Needs attention", "Mean score per team", "Score distribution", "Criteria by team", "Criteria that cost the most points",
                        "Agents by month", "Reviewers", "QA score against CSAT"] {
            #expect(html.contains(section), "missing \(section)")
        }
        // Every chart names itself and carries its figures.
        let charts = html.components(separatedBy: "<svg ").count - 1
        #expect(charts > 10 && charts == html.components(separatedBy: "<title id=\"").count - 1)
        #expect(html.components(separatedBy: "<figure>").count == html.components(separatedBy: "<details class=\"figures\">").count)
        // Deterministic: a second run writes the same bytes.
        let again = try Self.report(["--metrics", Self.tickets])
        #expect(again.standardOutput == html)
    }

    @Test func jsonHasEveryFigure() throws {
        let output = try Self.report(["--metrics", Self.tickets, "--format", "json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        for key in ["headline", "teams", "histogram", "criteria_by_team", "criteria_cost", "agents", "reviewers", "qa_vs_csat"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let headline = try #require(object["headline"] as? [String: Any])
        for key in ["period", "audits", "mean_score", "pass_rate", "auto_fails", "alpha", "kpis", "previous", "change"] {
            #expect(headline.keys.contains(key), "headline misses \(key)")
        }
        #expect(headline["period"] as? String == "2026-10")
        let bins = try #require((object["histogram"] as? [String: Any])?["bins"] as? [[String: Any]])
        #expect(bins.count == 11)
        // Every non-calibration audit with a score falls in one bin.
        #expect(bins.compactMap { $0["audits"] as? Int }.reduce(0, +) == 324)
        let scatter = try #require(object["qa_vs_csat"] as? [String: Any])
        #expect(scatter["n"] as? Int == 9)
    }

    /// The bundled live-chat scorecard has two versions (scorecards/archive/live-chat.v1.yaml is in
    /// force before 2026-09-01): each version keeps its own heatmap and costs, named `v1`/`v2`,
    /// never merged under one id.
    @Test func versionsStayApart() throws {
        let json = try Self.report(["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let costs = try #require(object["criteria_cost"] as? [[String: Any]])
        let chat = costs.filter { $0["scorecard"] as? String == "live-chat" }
        #expect(Set(chat.compactMap { $0["scorecard_version"] as? Int }) == [1, 2])
        // One entry per version and criterion: no criterion of a version is listed twice.
        let keys = chat.map { "\($0["scorecard_version"] ?? "")/\($0["criterion"] ?? "")" }
        #expect(Set(keys).count == keys.count)
        let html = try Self.report([]).standardOutput
        #expect(html.contains("Mean credit per criterion and team: live-chat v1"))
        #expect(html.contains("Mean credit per criterion and team: live-chat v2"))
        #expect(html.contains("Mean credit per criterion and team: email-support<"))
    }

    @Test func markdownAndWeeks() throws {
        let output = try Self.report(["--format", "markdown", "--period", "week"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("# QA report\n\nPeriods: week"))
        #expect(output.standardOutput.contains("## Agents by week"))
        #expect(!output.standardOutput.contains("QA score against CSAT"))
    }

    @Test func zeroAuditsSaySo() throws {
        let output = try Self.report(["--from", "2030-01-01"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("nothing to chart"))
        #expect(!output.standardOutput.contains("<svg"))
    }

    /// The tickets are read beside the audits (docs/report.md, "Speed"), but what reading them
    /// prints comes after the audits' messages, as when they were read after the audits: here a
    /// broken audit file's errors, then a ticket's unparsable date, then the kpis summary line,
    /// then the report's own; exit 1, and the report is written.
    @Test func ticketProblemsFollowAuditProblems() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try String(contentsOfFile: Self.tickets, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let broken = lines[3].replacingOccurrences(of: ",2026-", with: ",20x6-")
        let tickets = directory.appendingPathComponent("tickets.csv")
        try (lines[0...2].joined(separator: "\n") + "\n" + broken + "\n").write(to: tickets, atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("report.html")
        let output = try QAKitProcess.run(["report"] + Self.scorecards + [Self.root.appendingPathComponent("examples/broken-audits.csv").path,
                                                                         "--metrics", tickets.path, "-o", file.path])
        #expect(output.status == 1)
        let text = output.standardError
        let marks = ["broken-audits.csv:3: error", "tickets.csv:4: error: ticket", "read 3 tickets, 1 with errors", "qakit: reported 2 audits"]
        let positions = marks.map { text.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(text)")
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "\(text)")
        #expect(FileManager.default.fileExists(atPath: file.path))
    }

    @Test func badArguments() throws {
        let reversed = try Self.report(["--from", "2026-10-01", "--to", "2026-09-01"])
        #expect(reversed.status == 2)
        #expect(reversed.standardError.contains("--from 2026-10-01 is after --to 2026-09-01"))
        let missing = try Self.report(["--metrics", "/nonexistent/tickets.csv"])
        #expect(missing.status == 2)
    }
}
