import Foundation
import Testing

/// `qakit coach` run as a user would, on the bundled scorecards and example audits.
@Suite("qakit coach")
struct CoachCommandTests {
    static let root = QAKitProcess.packageRoot
    static let scorecards = root.appendingPathComponent("scorecards").path
    static let audits = root.appendingPathComponent("examples/audits.csv").path

    private func coach(_ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["coach", "-s", Self.scorecards, Self.audits] + arguments)
    }

    private func agents() throws -> [String] {
        // The agent column (third) of the example audits; names there contain no commas.
        let text = try String(contentsOfFile: Self.audits, encoding: .utf8)
        let names = text.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > 9 && fields[9] == "false" ? String(fields[2]) : nil
        }
        return Array(Set(names)).sorted()
    }

    @Test("an unknown agent: an error with a suggestion, exit 2")
    func unknownAgent() throws {
        let output = try coach("--agent", "Mei Chn")
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains("no audits for agent 'Mei Chn'"))
        #expect(output.standardError.contains("did you mean 'Mei Chen'?"))
    }

    @Test("an empty period: an error naming the bounds, exit 2")
    func emptyPeriod() throws {
        let output = try coach("--from", "2030-01-01", "--to", "2030-01-31")
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains("no non-calibration audits between 2030-01-01 and 2030-01-31"))
    }

    @Test("bad dates and reversed bounds are usage errors", arguments: [
        ["--from", "2026-13-01"], ["--to", "30/09/2026"], ["--from", "2026-10-01", "--to", "2026-09-01"],
    ])
    func badDates(_ arguments: [String]) throws {
        let output = try QAKitProcess.run(["coach", "-s", Self.scorecards, Self.audits] + arguments)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
    }

    @Test("a previous plan that is not JSON or not a plan: an error naming the file, exit 2", arguments: [
        ("plan.json", "this is not JSON", "not valid JSON"),
        ("plan.json", "{\"agents\": []}", "not a coaching plan"),
    ])
    func badPrevious(name: String, content: String, message: String) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try content.write(to: file, atomically: true, encoding: .utf8)
        let output = try coach("--previous", directory.path)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.hasPrefix(file.path + ": error: "))
        #expect(output.standardError.contains(message))
    }

    @Test("a previous directory without plans, exit 2")
    func emptyPrevious() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try coach("--previous", directory.path)
        #expect(output.status == 2)
        #expect(output.standardError.contains("no coaching plans"))
    }

    @Test("--out writes one file per agent and an index; no file names another agent")
    func outDirectory() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try coach("--to", "2026-09-30", "--out", directory.path)
        #expect(output.status == 0)
        #expect(output.standardOutput.isEmpty)
        let names = try agents()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count == names.count + 1)
        #expect(files.contains("index.md") && files.contains("mei-chen.md") && files.contains("grace-o-connell.md"))
        let index = try String(contentsOf: directory.appendingPathComponent("index.md"), encoding: .utf8)
        for name in names { #expect(index.contains(name)) }
        for file in files where file != "index.md" {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let own = names.filter { text.contains("# Coaching notes: \($0)\n") }
            #expect(own.count == 1, "\(file) is not one agent's notes")
            for other in names where !own.contains(other) {
                #expect(!text.contains(other), "\(file) names \(other)")
            }
        }
    }

    @Test("JSON then --previous: the next period follows the goals up")
    func followUp() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try coach("--to", "2026-09-30", "--format", "json", "--out", directory.path)
        #expect(first.status == 0)
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("mei-chen.json"))) as? [[String: Any]]
        #expect(plan?.first?["agent"] as? String == "Mei Chen")
        let second = try coach("--from", "2026-10-01", "--previous", directory.path, "--agent", "Mei Chen", "--format", "json")
        #expect(second.status == 0)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(second.standardOutput.utf8)) as? [[String: Any]])
        let followUp = try #require(objects.first?["follow_up"] as? [[String: Any]])
        let goals = try #require((plan?.first?["action_plan"] as? [String: Any])?["goals"] as? [[String: Any]])
        #expect(followUp.count == goals.count && !goals.isEmpty)
        for result in followUp {
            let status = try #require(result["status"] as? String)
            #expect(["met", "improved", "not_met", "no_data"].contains(status))
        }
    }

    @Test("HTML is one self-contained document")
    func html() throws {
        let output = try coach("--agent", "Tom Becker", "--format", "html")
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(output.standardOutput.contains("@page"))
        #expect(!output.standardOutput.contains("<link") && !output.standardOutput.contains("<script"))
    }

    @Test("--template renders the example template over each agent's JSON")
    func template() throws {
        let template = Self.root.appendingPathComponent("examples/coach-template.mustache").path
        let output = try coach("--agent", "Mei Chen", "--template", template)
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("One-to-one brief: Mei Chen\n"))
        #expect(output.standardOutput.contains("Period 2026-08-03 to 2026-10-30 · team Billing"))
        #expect(!output.standardOutput.contains("{{"))
    }

    @Test("a template that does not parse is a usage error")
    func badTemplate() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.mustache")
        try "{{#notes}} never closed".write(to: file, atomically: true, encoding: .utf8)
        let output = try coach("--template", file.path)
        #expect(output.status == 2)
        #expect(output.standardError.contains("broken.mustache: error: not a valid Mustache template"))
    }

    @Test("rejected records are reported and the run exits 1")
    func rejected() throws {
        let output = try QAKitProcess.run(["coach", "-s", Self.scorecards, Self.root.appendingPathComponent("examples/broken-audits.csv").path])
        #expect(output.status == 1)
        #expect(output.standardError.contains("rejected 8"))
        #expect(output.standardOutput.contains("# Coaching notes: "))
    }
}

/// The samples in `examples/coaching/` are regenerated with the commands `docs/coaching.md`
/// shows and compared byte for byte, so that they never go stale.
@Suite("qakit coach: bundled examples")
struct CoachExamplesTests {
    static let root = QAKitProcess.packageRoot
    static let examples = root.appendingPathComponent("examples/coaching")

    /// The documented commands, with `OUT` standing for the output directory.
    static let runs: [(directory: String, arguments: [String])] = [
        ("", ["--to", "2026-09-30"]),
        ("json", ["--to", "2026-09-30", "--format", "json"]),
        ("html", ["--to", "2026-09-30", "--format", "html"]),
        ("followup", ["--from", "2026-10-01", "--previous", "examples/coaching/json"]),
    ]

    @Test("examples/coaching matches a fresh run", arguments: 0..<4)
    func regenerate(_ run: Int) throws {
        let (directory, arguments) = Self.runs[run]
        let out = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let output = try QAKitProcess.run(["coach", "-s", "scorecards", "examples/audits.csv"] + arguments + ["--out", out.path], in: Self.root)
        #expect(output.status == 0)
        let expected = directory.isEmpty ? Self.examples : Self.examples.appendingPathComponent(directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        let bundled = try FileManager.default.contentsOfDirectory(atPath: expected.path)
            .filter { !["json", "html", "followup"].contains($0) }.sorted()
        #expect(files == bundled)
        for file in files {
            let fresh = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let kept = try String(contentsOf: expected.appendingPathComponent(file), encoding: .utf8)
            #expect(fresh == kept, "examples/coaching/\(directory)/\(file) is stale; regenerate it as docs/coaching.md shows")
        }
    }
}
