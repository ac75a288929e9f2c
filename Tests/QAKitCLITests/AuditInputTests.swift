import Foundation
import Testing

/// How the reading commands take their inputs (issue 10): nested JSON and YAML fields, header
/// checks made once per file, and directories of audit files. Each case runs the real binary on
/// files written into a fresh directory; the corpus (`Corpus/manifest.tsv`) holds the rest.
@Suite("audit inputs")
struct AuditInputTests {
    static let scorecards = ScoreCommandTests.scorecards

    /// The first two audits of `Fixtures/score/audits.jsonl` (S-1 scores 112.50, S-2 50.00: worked
    /// out in `ScoreCommandTests.handComputedScores`).
    static let jsonAudits = try! String(contentsOf: ScoreCommandTests.directory.appendingPathComponent("audits.jsonl"), encoding: .utf8)
        .split(separator: "\n").prefix(2).map(String.init)

    /// Writes `files` (name → contents) into a fresh directory.
    static func directory(_ files: [String: String]) throws -> URL {
        let directory = try QAKitProcess.temporaryDirectory()
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test("a list or object under a key qakit does not read is ignored")
    func nestedUnusedFieldsAreIgnored() throws {
        let nested = Self.jsonAudits.map { $0.replacingOccurrences(of: "\"team\":", with: "\"tags\": [\"a\", {\"b\": 1}], \"custom_fields\": {\"x\": [1]}, \"team\":") }
        let directory = try Self.directory(["nested.jsonl": nested.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "--format", "jsonl", "nested.jsonl"], in: directory)
        #expect(output.standardError == "qakit: scored 2 audits, rejected 0; pass rate 50.0% (1 of 2)\n")
        #expect(output.status == 0)
        #expect(output.standardOutput.split(separator: "\n").map { ScoreCommandTests.number("score", in: $0) } == ["112.50", "50.00"])
    }

    /// `refund_terms` has `when: { ticket_type: [refund] }`: a list there cannot be ignored, since
    /// the condition reads the field.
    @Test("a list under a field a scorecard condition reads is a located error")
    func nestedConditionFieldIsAnError() throws {
        let nested = Self.jsonAudits[1].replacingOccurrences(of: "\"ticket_type\": \"refund\"", with: "\"ticket_type\": [\"refund\"]")
        let directory = try Self.directory(["nested.jsonl": nested + "\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "nested.jsonl"], in: directory)
        #expect(output.standardError == """
            nested.jsonl:1: error: audit 'S-2', field 'ticket_type': expected a string, number or boolean, found a list
            qakit: scored 0 audits, rejected 1

            """)
        #expect(output.status == 1)
    }

    /// `Fixtures/score/audits.jsonl` (S-1…S-6) split over two files of a directory, with a file
    /// that is no audit and a subdirectory that must both be left out.
    static func auditDirectory() throws -> URL {
        let lines = try String(contentsOf: ScoreCommandTests.directory.appendingPathComponent("audits.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let directory = try Self.directory([
            // Named so that name order (b-…, then c-…) differs from the order written here.
            "c-later.ndjson": lines[3...].joined(separator: "\n") + "\n",
            "b-first.jsonl": lines[0...2].joined(separator: "\n") + "\n",
            "notes.txt": "not an audit file\n",
        ])
        let archive = directory.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try Data((lines[0] + "\n").utf8).write(to: archive.appendingPathComponent("old.jsonl"))
        return directory
    }

    @Test("score DIR reads every audit file in it, sorted by name, not its subdirectories")
    func directoryIsReadInNameOrder() throws {
        let directory = try Self.auditDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = try QAKitProcess.run(["score", "-s", Self.scorecards, "--format", "jsonl",
                                          ScoreCommandTests.directory.appendingPathComponent("audits.jsonl").path])
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "--format", "jsonl", "."], in: directory)
        #expect(output.standardError == "qakit: scored 6 audits (2 calibration), rejected 0; pass rate 25.0% (1 of 4)\n")
        #expect(output.status == 0)
        // Same audits in the same order; only the file each came from differs, if printed at all.
        #expect(output.standardOutput.split(separator: "\n").map { ScoreCommandTests.number("score", in: $0) }
                == whole.standardOutput.split(separator: "\n").map { ScoreCommandTests.number("score", in: $0) })
    }

    @Test("every reading command takes a directory", arguments: [
        ["explain", "--audit", "S-6"], ["calibrate"], ["coach"],
    ])
    func everyReadingCommandTakesADirectory(_ command: [String]) throws {
        let directory = try Self.auditDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run([command[0], "-s", Self.scorecards, "."] + command.dropFirst(), in: directory)
        #expect(!output.standardError.contains("cannot tell the format"))
        #expect(!output.standardError.contains("error"), "\(output.standardError)")
        #expect(output.status == 0)
    }

    @Test("a directory without audit files is an error, exit 2")
    func emptyDirectoryIsAnError() throws {
        let directory = try Self.directory(["notes.txt": "nothing here\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "."], in: directory)
        #expect(output.standardError == ".: error: directory holds no audit files (*.csv, *.tsv, *.jsonl, *.ndjson, *.yaml, *.yml, *.xlsx); subdirectories are not searched\n")
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
    }

    /// Issue 10: a renamed `agent` column on a 425,000-row export printed 424,994 errors. Now the
    /// header is checked once: one error, exit 2, nothing written, whichever command reads it.
    @Test("a required column missing from a CSV header is one error for the file, exit 2", arguments: [
        ["score", "-o", "scores.csv"], ["explain", "--audit", "A-1"], ["calibrate"], ["coach"],
    ])
    func missingRequiredColumnIsOneError(_ command: [String]) throws {
        let rows = (1...20_000).map { "A-\($0),T-\($0),Ana,Rev One,2026-08-03,yes,yes,resolved,10,5" }
        let directory = try Self.directory([
            "big.csv": (["audit_id,interaction_id,Agent,reviewer,date,greeting,verified,outcome,accuracy,empathy"] + rows)
                .joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run([command[0], "-s", Self.scorecards, "big.csv"] + command.dropFirst(), in: directory)
        #expect(output.standardError == """
            big.csv:1: error: the header lacks required column 'agent' (every audit needs audit_id, interaction_id, agent, \
            reviewer and date); is column 'Agent' meant to be 'agent'? (names are case-sensitive)

            """)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("scores.csv").path))
    }

    /// With two scorecards loaded the row's `scorecard` picks one, so the header cannot decide;
    /// the records are rejected one by one, but an error every record shares is printed once,
    /// then counted. Scorecard `support` requires `empathy` (no `when`); `tiny` does not have it.
    /// 3,000 `support` rows are rejected, the one `tiny` row scores 100·(1 + 8/10)/2 = 90 ≥ 80.
    @Test("an error every record shares is printed once with a count", arguments: [[], ["--by", "agent"]])
    func sharedRecordErrorIsCollapsed(_ options: [String]) throws {
        let rows = (1...3_000).map { "A-\($0),T-\($0),Ana,Rev One,2026-08-03,support,yes,yes,resolved,10" }
        let directory = try Self.directory([
            "cards.csv": (["audit_id,interaction_id,agent,reviewer,date,scorecard,greeting,verified,outcome,accuracy"] + rows
                          + ["Z-1,T-9,Ana,Rev One,2026-08-03,tiny,yes,,,8"]).joined(separator: "\n") + "\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let tiny = QAKitProcess.packageRoot.appendingPathComponent("Tests/QAKitCLITests/Corpus/scorecards/tiny.yaml").path
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "-s", tiny, "cards.csv"] + options, in: directory)
        let problem = "field 'empathy': required criterion 'empathy' is unanswered; there is no 'empathy' column"
        #expect(output.standardError == """
            cards.csv:2: error: audit 'A-1', \(problem)
            cards.csv: error: 2999 more records rejected for the same reason as line 2 (\(problem))
            qakit: scored 1 audit, rejected 3000; pass rate 100.0% (1 of 1)

            """)
        #expect(output.status == 1)
    }

    /// JSON Lines has no header: the objects decide. A ticket export of 1,500 lines is decided
    /// on its first 1,000 objects, one error, exit 2.
    @Test("a long JSON Lines file of other objects is not an audit file")
    func longTicketExportIsNotAnAuditFile() throws {
        let tickets = (1...1_500).map { #"{"ticket_id": \#($0), "status": "open", "tags": ["vip"]}"# }
        let directory = try Self.directory(["tickets.jsonl": tickets.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, "tickets.jsonl"], in: directory)
        #expect(output.standardError ==
            "tickets.jsonl:1: error: not an audit file: none of its first 1000 records has any of the fields audit_id, interaction_id, agent, reviewer and date\n")
        #expect(output.status == 2)
    }
}
