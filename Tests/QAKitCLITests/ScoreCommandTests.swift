import Foundation
import Testing

/// `qakit score` and `qakit explain` run as a user would, on a six-audit fixture whose scores are
/// worked out by hand below, and on the bundled examples.
@Suite("qakit score")
struct ScoreCommandTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("score")
    static let scorecards = directory.appendingPathComponent("scorecards").path

    private func score(_ file: String = "audits.csv", _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["score", "-s", Self.scorecards, Self.directory.appendingPathComponent(file).path] + arguments)
    }

    /// Scorecard `support`: sections opening (W 1), resolution (W 2), tone (W 1), bonus extra (W 0.5).
    /// - S-1: opening (1+1)/2 = 1; resolution (1+10/10)/2 = 1 (refund_terms does not apply);
    ///   tone (5−1)/4 = 1; bonus 1 → 100·(1 + 2 + 1 + 0.5)/4 = 112.50, Great, passed.
    /// - S-2: opening: verified N/A dropped → 0/1 = 0; resolution (0.5 + 0.75 + 1)/3 = 0.75;
    ///   tone (3−1)/4 = 0.5; bonus blank → N/A → 100·(0 + 1.5 + 0.5)/4 = 50.00, Low, failed.
    /// - S-3: verified no → auto-fail; raw = 100·(0.5 + 2·0.95 + 0.75 + 0.5·0)/4 = 78.75; score 0.
    /// - S-4: accuracy 0 fails resolution (critical: section): raw = 100·(1 + 2·0.5 + 1 + 0.5)/4 = 87.50,
    ///   score = 100·(1 + 0 + 1 + 0.5)/4 = 62.50, Low, failed.
    /// - S-5 (calibration): 100·(1 + 2·(0.5 + 0.8)/2 + 0.75)/4 = 76.25.
    /// - S-6 (calibration): 100·(1 + 2·(1 + 0.899)/2 + 0.5)/4 = 84.975 → 84.98 half away from zero, Good.
    @Test func handComputedScores() throws {
        let output = try score("audits.csv", "--format", "jsonl")
        #expect(output.status == 0)
        let records = try output.standardOutput.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.map { Self.number("score", in: $0) } == ["112.50", "50.00", "0.00", "62.50", "76.25", "84.98"])
        #expect(lines.map { Self.number("raw_score", in: $0) } == ["112.50", "50.00", "78.75", "87.50", "76.25", "84.98"])
        #expect(records.map { $0["passed"] as? Bool } == [true, false, false, false, false, true])
        #expect(records.map { $0["auto_failed"] as? Bool } == [false, false, true, false, false, false])
        #expect(records.map { $0["band"] as? String } == ["Great", "Low", "Low", "Low", "Low", "Good"])
        #expect(records.map { $0["calibration"] as? Bool } == [false, false, false, false, true, true])
        #expect(output.standardError == "qakit: scored 6 audits (2 calibration), rejected 0; pass rate 25.0% (1 of 4)\n")
    }

    /// The number printed for top-level `name` in a JSON line, exactly as written.
    static func number(_ name: String, in line: Substring) -> String? {
        guard let start = line.range(of: "\"\(name)\": ")?.upperBound else { return nil }
        return String(line[start...].prefix { $0 != "," && $0 != "}" })
    }

    @Test(arguments: ["audits.jsonl", "audits.yaml"])
    func everyFormatScoresAlike(_ file: String) throws {
        let csv = try score("audits.csv", "--format", "jsonl")
        let other = try score(file, "--format", "jsonl")
        #expect(other.status == 0)
        #expect(other.standardOutput == csv.standardOutput)
    }

    @Test(arguments: ["table", "csv", "json", "jsonl"])
    func perAuditGoldenFiles(_ format: String) throws {
        let output = try score("audits.csv", "--format", format)
        #expect(output.status == 0)
        try Snapshot.expect(output.standardOutput, matches: "score.\(format)")
    }

    /// By agent, calibration excluded: Ana (112.5 + 50)/2 = 81.25, 1 of 2 passed;
    /// Ben (0 + 62.5)/2 = 31.25, 0 of 2, one auto-fail. Cy's two audits are calibration only.
    @Test(arguments: ["table", "csv", "json", "jsonl"])
    func aggregateGoldenFiles(_ format: String) throws {
        let output = try score("audits.csv", "--by", "agent", "--format", format)
        #expect(output.status == 0)
        try Snapshot.expect(output.standardOutput, matches: "by-agent.\(format)")
    }

    /// With calibration: Cy (76.25 + 84.975)/2 = 80.6125 → 80.61, 1 of 2 passed.
    @Test func includeCalibration() throws {
        let output = try score("audits.csv", "--by", "agent", "--format", "csv", "--include-calibration")
        #expect(output.standardOutput == """
            key,agent,audits,mean_score,pass_rate,auto_fails
            Ana,Ana,2,81.25,0.5,0
            Ben,Ben,2,31.25,0,1
            Cy,Cy,2,80.61,0.5,0

            """)
    }

    /// By month: 2026-08 is S-1 and S-2 (81.25), 2026-09 is S-3 and S-4 (31.25).
    @Test func byMonthAndByField() throws {
        let month = try score("audits.csv", "--by", "month", "--format", "csv")
        #expect(month.standardOutput.contains("2026-08,2026-08,2,81.25,0.5,0\n2026-09,2026-09,2,31.25,0,1\n"))
        let ticketType = try score("audits.csv", "--by", "ticket_type", "--format", "csv")
        // general: S-1, S-3, S-4 → (112.5 + 0 + 62.5)/3 = 58.333… → 58.33; refund: S-2 → 50.
        #expect(ticketType.standardOutput.contains("general,general,3,58.33,0.3333,1\nrefund,refund,1,50.00,0,0\n"))
    }

    @Test func outputFileIsWrittenWholeAndReplaced() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let target = directory.appendingPathComponent("scores.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        let missing = try score("audits.csv", "--format", "csv", "-o", target.path, "/no/such/file.csv")
        #expect(missing.status == 2)
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
        let written = try score("audits.csv", "--format", "csv", "-o", target.path)
        #expect(written.status == 0)
        #expect(try String(contentsOf: target, encoding: .utf8) == (try score("audits.csv", "--format", "csv")).standardOutput)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("qakit-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func missingInputExitsTwo() throws {
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "/no/such/audits.csv"])
        #expect(output.status == 2)
        #expect(output.standardError == "/no/such/audits.csv: error: no such file\n")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func unknownExtensionIsAUsageError() throws {
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "audits.txt"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("cannot tell the format of 'audits.txt'"))
    }

    /// The README's first command, on the bundled examples: the examples never go stale.
    @Test func bundledExamplesByAgent() throws {
        let output = try QAKitProcess.run(["score", "examples/audits.csv", "examples/audits.jsonl", "--by", "agent"], in: QAKitProcess.packageRoot)
        #expect(output.status == 0)
        try Snapshot.expect(output.standardOutput, matches: "examples-by-agent.table")
        #expect(output.standardError == "qakit: scored 356 audits (32 calibration, left out of aggregates), rejected 0; pass rate 65.7% (213 of 324)\n")
    }

    /// The deliberately broken example: 8 of 10 records rejected, each with line, audit and field.
    @Test func brokenExampleReportsEveryRecord() throws {
        let output = try QAKitProcess.run(["score", "examples/broken-audits.csv"], in: QAKitProcess.packageRoot)
        #expect(output.status == 1)
        try Snapshot.expect(output.standardError, matches: "broken-audits.stderr")
    }
}

@Suite("qakit explain")
struct ExplainCommandTests {
    private func explain(_ id: String) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["explain", "-s", ScoreCommandTests.scorecards,
                              ScoreCommandTests.directory.appendingPathComponent("audits.csv").path, "--audit", id])
    }

    @Test(arguments: ["S-2", "S-3", "S-4", "S-6"])
    func goldenExplanations(_ id: String) throws {
        let output = try explain(id)
        #expect(output.status == 0)
        let text = output.standardOutput.replacingOccurrences(of: ScoreCommandTests.directory.path, with: "FIXTURES")
        try Snapshot.expect(text, matches: "explain-\(id).txt")
    }

    @Test func unknownAuditSuggestsTheClosestID() throws {
        let output = try explain("S-7")
        #expect(output.status == 1)
        #expect(output.standardError.hasSuffix("no audit 'S-7' in \(ScoreCommandTests.directory.path)/audits.csv; did you mean 'S-1'?\n"))
    }
}
