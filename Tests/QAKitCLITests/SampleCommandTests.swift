import Foundation
import Testing

/// `qakit sample` run as a user would. Expected samples come from SHA-256 digests computed
/// outside Swift (`printf '%s' '<seed>:<id>' | sha256sum`, quoted next to each test) or from a
/// second run of the binary (determinism).
@Suite("qakit sample")
struct SampleCommandTests {
    /// Writes `text` to `name` in a fresh directory and returns its path.
    private func file(_ name: String, _ text: String, in directory: URL? = nil) throws -> String {
        let url = try (directory ?? QAKitProcess.temporaryDirectory()).appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `qakit arguments…` with `path` as its standard input; returns the status and standard error.
    private func runReadingStandardInput(from path: String, _ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = try QAKitProcess.binary()
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        process.standardOutput = FileHandle.nullDevice
        let error = Pipe()
        process.standardError = error
        try process.run()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    private func sample(_ arguments: [String]) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["sample"] + arguments)
    }

    /// The output's `interaction_id` column, in order.
    private func ids(_ csv: String) -> [String] {
        csv.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    }

    /// Seed 0: T-1001 e18e2adb…, T-1002 d76fac70…, T-1003 dd958f02… → the two smallest are
    /// T-1002 then T-1003. Seed 1: T-1001 d8130caa…, T-1002 12e6a6c4…, T-1003 e176d663… →
    /// T-1002 then T-1001.
    @Test func choiceIsTheSmallestSHA256OfSeedAndID() throws {
        let input = try file("interactions.csv", "interaction_id,agent,channel\nT-1001,Ana,email\nT-1002,Ana,chat\nT-1003,Ana,email\n")
        let seed0 = try sample([input, "--per-agent", "2"])
        #expect(seed0.status == 0)
        #expect(seed0.standardOutput == "interaction_id,agent,channel,sample_seed,stratum\nT-1002,Ana,chat,0,\nT-1003,Ana,email,0,\n")
        let seed1 = try sample([input, "--per-agent", "2", "--seed", "1"])
        #expect(seed1.standardOutput == "interaction_id,agent,channel,sample_seed,stratum\nT-1002,Ana,chat,1,\nT-1001,Ana,email,1,\n")
    }

    /// 300 interactions of 3 agents, in two different orders and split over two files: the same
    /// sample; another seed gives another one.
    @Test func sampleDoesNotDependOnInputOrder() throws {
        let header = "interaction_id,agent,channel\n"
        let rows = (1...300).map { "I-\($0),Agent \($0 % 3),\($0 % 2 == 0 ? "chat" : "email")\n" }
        var generator = SystemRandomNumberGenerator()
        let shuffled = rows.shuffled(using: &generator)
        let directory = try QAKitProcess.temporaryDirectory()
        let ordered = try file("ordered.csv", header + rows.joined(), in: directory)
        let first = try file("first.csv", header + shuffled[..<120].joined(), in: directory)
        let second = try file("second.csv", header + shuffled[120...].joined(), in: directory)
        let reference = try sample([ordered, "--per-agent", "5"])
        #expect(reference.status == 0)
        #expect(ids(reference.standardOutput).count == 15)
        let split = try sample([second, first, "--per-agent", "5"])
        #expect(split.standardOutput == reference.standardOutput)
        let reseeded = try sample([ordered, "--per-agent", "5", "--seed", "2026"])
        #expect(ids(reseeded.standardOutput).count == 15)
        #expect(Set(ids(reseeded.standardOutput)) != Set(ids(reference.standardOutput)))
    }

    /// ⌈0.1 · 25⌉ = 3 for Ana's 25 interactions and ⌈0.1 · 4⌉ = 1 for Ben's 4; the three chosen
    /// are the three smallest digests of the 25 (a --per-agent 3 run, the same rule).
    @Test func rateTakesTheExactCeilingPerAgent() throws {
        let rows = (1...25).map { "A-\($0),Ana\n" } + (1...4).map { "B-\($0),Ben\n" }
        let input = try file("interactions.csv", "interaction_id,agent\n" + rows.joined())
        let byRate = try sample([input, "--rate", "0.1"])
        #expect(byRate.status == 0)
        #expect(ids(byRate.standardOutput).filter { $0.hasPrefix("A-") }.count == 3)
        #expect(ids(byRate.standardOutput).filter { $0.hasPrefix("B-") }.count == 1)
        let byCount = try sample([input, "--per-agent", "3"])
        #expect(ids(byCount.standardOutput).filter { $0.hasPrefix("A-") } == ids(byRate.standardOutput).filter { $0.hasPrefix("A-") })
        #expect(byRate.standardError == "qakit: sampled 4 of 29 eligible interactions (2 agents, seed 0); read 29, skipped 0\n")
    }

    @Test func rateRefusesValuesOutsideZeroToOne() throws {
        let input = try file("interactions.csv", "interaction_id,agent\nT-1,Ana\n")
        let output = try sample([input, "--rate", "1.5"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--rate must be a decimal greater than 0 and at most 1"))
    }

    /// Per agent and channel, one each; strata values joined with "/" in `stratum`.
    @Test func strataSampleEachAgentPerValue() throws {
        let rows = ["T-1001,Ana,email,refund", "T-1002,Ana,chat,refund", "T-1003,Ana,email,refund", "T-1004,Ana,email,billing",
                    "T-1005,Ben,chat,refund"]
        let input = try file("interactions.csv", "interaction_id,agent,channel,ticket_type\n" + rows.joined(separator: "\n") + "\n")
        let output = try sample([input, "--per-agent", "1", "--strata", "channel,ticket_type"])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first == "interaction_id,agent,channel,ticket_type,sample_seed,stratum")
        // Ana/chat/refund: T-1002; Ana/email/billing: T-1004; Ana/email/refund: T-1001 (e18e…)
        // or T-1003 (dd95…) → T-1003; Ben/chat/refund: T-1005. Strata sort "chat" < "email".
        #expect(lines.dropFirst().map { $0.split(separator: ",").last.map(String.init) } == ["chat/refund", "email/billing", "email/refund", "chat/refund"])
        #expect(ids(output.standardOutput) == ["T-1002", "T-1004", "T-1003", "T-1005"])
        // Every group has at least the one interaction asked for: no warning.
        #expect(!output.standardError.contains("warning"))
    }

    /// `--where` ignores case and needs every field to match; repeating a field allows each value.
    @Test func whereKeepsOnlyMatchingInteractions() throws {
        let rows = ["T-1,Ana,Billing,chat", "T-2,Ana,Tier 1,chat", "T-3,Ana,billing,email", "T-4,Ana,Billing,voice"]
        let input = try file("interactions.csv", "interaction_id,agent,team,channel\n" + rows.joined(separator: "\n") + "\n")
        let both = try sample([input, "--per-agent", "10", "--where", "team=BILLING", "--where", "channel=chat", "--where", "channel=Email"])
        #expect(Set(ids(both.standardOutput)) == ["T-1", "T-3"])
        let missing = try sample([input, "--per-agent", "10", "--where", "chanel=chat"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("missing required column 'chanel' (did you mean 'channel'?)"))
    }

    /// `--exclude` reads only the audits' `interaction_id`, in CSV and JSON Lines.
    @Test func excludeSkipsAuditedInteractions() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let input = try file("interactions.csv", "interaction_id,agent\nT-1001,Ana\nT-1002,Ana\nT-1003,Ana\nT-1004,Ana\n", in: directory)
        let csv = try file("audits.csv", "audit_id,interaction_id,whatever\nQA-1,T-1002,x\n", in: directory)
        let jsonl = try file("audits.jsonl", "{\"audit_id\": \"QA-2\", \"interaction_id\": \"T-1003\", \"answers\": {\"greeting\": \"yes\"}}\n", in: directory)
        let output = try sample([input, "--per-agent", "10", "--exclude", csv, "--exclude", jsonl])
        #expect(output.status == 0)
        #expect(Set(ids(output.standardOutput)) == ["T-1001", "T-1004"])
        let noColumn = try file("other.csv", "audit_id,ticket\nQA-1,T-1\n", in: directory)
        let refused = try sample([input, "--per-agent", "1", "--exclude", noColumn])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("other.csv:1: error: missing required column 'interaction_id'"))
    }

    /// A group smaller than N is taken whole, with one warning per group, and exit 0.
    @Test func smallGroupIsTakenWholeWithAWarning() throws {
        let input = try file("interactions.csv", "interaction_id,agent\nT-1,Ana\nT-2,Ana\nT-3,Ben\nT-4,Ben\nT-5,Ben\nT-6,Cy\n")
        let output = try sample([input, "--per-agent", "3"])
        #expect(output.status == 0)
        #expect(ids(output.standardOutput).count == 6)
        #expect(output.standardError == """
            qakit: warning: agent 'Ana' has only 2 interactions to sample, fewer than 3; all 2 taken
            qakit: warning: agent 'Cy' has only 1 interaction to sample, fewer than 3; all 1 taken
            qakit: sampled 6 of 6 eligible interactions (3 agents, seed 0); read 6, skipped 0

            """)
    }

    /// A repeated id stops the run (exit 2) naming the id and both lines, also across files and
    /// from standard input, and leaves an existing output file alone.
    @Test func duplicateIDIsAnErrorNamingBothLines() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let input = try file("a.csv", "interaction_id,agent\nT-1,Ana\nT-2,Ana\nT-1,Ben\n", in: directory)
        let other = try file("b.csv", "interaction_id,agent\nT-2,Cy\n", in: directory)
        let existing = try file("sample.csv", "old\n", in: directory)
        let output = try sample([input, other, "--per-agent", "1", "-o", existing])
        #expect(output.status == 2)
        #expect(output.standardError == """
            \(input):4: error: duplicate interaction id 'T-1': already on line 2; interaction ids must be unique across all inputs
            \(other):2: error: duplicate interaction id 'T-2': already on \(input):3; interaction ids must be unique across all inputs
            qakit: error: no sample written

            """)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old\n")
        let piped = try runReadingStandardInput(from: input, ["sample", "-", "--per-agent", "1"])
        #expect(piped.status == 2)
        #expect(piped.standardError.contains("-:4: error: duplicate interaction id 'T-1': already on line 2"))
    }

    /// A missing required column is one error for the file, with a did-you-mean, and exit 2.
    @Test func missingColumnIsOneErrorForTheFile() throws {
        let input = try file("interactions.csv", "interaction_id,agnet,channel\nT-1,Ana,chat\nT-2,Ana,chat\n")
        let output = try sample([input, "--per-agent", "1", "--from", "2026-10-01"])
        #expect(output.status == 2)
        #expect(output.standardError == """
            \(input):1: error: missing required columns 'agent' (did you mean 'agnet'?), 'date'
            qakit: error: no sample written

            """)
    }

    /// Rows with an empty id or agent are located errors; the others are still sampled (exit 1).
    @Test func emptyIDOrAgentIsALocatedError() throws {
        let input = try file("interactions.jsonl", """
            {"interaction_id": "T-1", "agent": "Ana", "channel": "chat"}
            {"interaction_id": "", "agent": "Ana"}
            {"interaction_id": "T-3", "agent": " "}
            {"interaction_id": 4, "agent": "Ben", "tags": ["a", "b"]}

            """)
        let output = try sample([input, "--per-agent", "5"])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("""
            \(input):2: error: missing or empty 'interaction_id'; the record is skipped
            \(input):3: error: interaction 'T-3': missing or empty 'agent'; the record is skipped

            """))
        // JSON keys of every chosen record become columns; a number id keeps its text.
        #expect(output.standardOutput == "interaction_id,agent,channel,tags,sample_seed,stratum\nT-1,Ana,chat,,0,\n4,Ben,,\"[\"\"a\"\", \"\"b\"\"]\",0,\n")
    }

    /// `--from/--to` are inclusive and read RFC 3339 date-times as their date.
    @Test func periodIsInclusive() throws {
        let rows = ["T-1,Ana,2026-09-30T23:59:00Z", "T-2,Ana,2026-10-01", "T-3,Ana,2026-10-31T08:00:00+02:00", "T-4,Ana,2026-11-01"]
        let input = try file("interactions.csv", "interaction_id,agent,date\n" + rows.joined(separator: "\n") + "\n")
        let output = try sample([input, "--per-agent", "10", "--from", "2026-10-01", "--to", "2026-10-31"])
        #expect(output.status == 0)
        #expect(Set(ids(output.standardOutput)) == ["T-2", "T-3"])
    }

    /// `--worksheet` adds the scorecard's empty answer columns; a row filled in as a reviewer
    /// would scores with `qakit score`: the answers of fixture audit S-1, worked out in
    /// ScoreCommandTests.handComputedScores as 112.50.
    @Test func filledInWorksheetRowScores() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("score/scorecards/support.yaml").path
        let input = try file("interactions.csv", "interaction_id,agent,date,team,ticket_type\nI-1,Ana,2026-08-03,Team A,general\n", in: directory)
        let sheet = directory.appendingPathComponent("sheet.csv").path
        let output = try sample([input, "--per-agent", "1", "--worksheet", "-s", scorecard, "-o", sheet])
        #expect(output.status == 0)
        let text = try String(contentsOfFile: sheet, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines == [
            "interaction_id,agent,date,team,ticket_type,sample_seed,stratum,audit_id,reviewer,scorecard,greeting,greeting.comment,verified,verified.comment,outcome,outcome.comment,accuracy,accuracy.comment,refund_terms,refund_terms.comment,empathy,empathy.comment,proactive,proactive.comment,comment",
            "I-1,Ana,2026-08-03,Team A,general,0,,,,support,,,,,,,,,,,,,,,",
        ])
        var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let answers = ["audit_id": "S-1", "reviewer": "Rev One", "greeting": "yes", "verified": "yes", "outcome": "resolved",
                       "accuracy": "10", "empathy": "5", "proactive": "yes", "comment": "Model interaction"]
        for (column, value) in answers { cells[try #require(header.firstIndex(of: column))] = value }
        let filled = try file("filled.csv", lines[0] + "\n" + cells.joined(separator: ",") + "\n", in: directory)
        let scored = try QAKitProcess.run(["score", "-s", scorecard, filled, "--format", "jsonl"])
        #expect(scored.status == 0)
        #expect(ScoreCommandTests.number("score", in: Substring(scored.standardOutput)) == "112.50")
        #expect(!scored.standardError.contains("warning"))
    }

    /// The bundled example: 9 agents × 36 interactions; a worksheet for the email scorecard is
    /// header-compatible with `qakit score`.
    @Test func bundledExampleSamplesEveryAgent() throws {
        let root = QAKitProcess.packageRoot
        let output = try QAKitProcess.run(["sample", "examples/interactions.csv", "--per-agent", "5", "--exclude", "examples/audits.csv",
                                           "--exclude", "examples/audits.jsonl"], in: root)
        #expect(output.status == 0)
        #expect(ids(output.standardOutput).count == 45)
        #expect(output.standardError.hasPrefix("qakit: sampled 45 of "))
        let worksheet = try QAKitProcess.run(["sample", "examples/interactions.csv", "--per-agent", "1", "--worksheet",
                                              "-s", "scorecards/email-support.yaml"], in: root)
        #expect(worksheet.status == 0)
        #expect(worksheet.standardOutput.hasPrefix("interaction_id,date,agent,team,channel,ticket_type,priority,handle_minutes,sample_seed,stratum,audit_id,reviewer,scorecard,greeting,greeting.comment,"))
    }

    /// TSV reads as CSV does; a sample of a sample gets a new `sample_seed` and `stratum` in
    /// place of the old ones (seed 1: T-1002 12e6a6c4… is the smallest of the three).
    @Test func tsvAndResamplingReplaceSampleColumns() throws {
        let input = try file("sample.tsv", "interaction_id\tagent\tsample_seed\tstratum\nT-1001\tAna\t0\t\nT-1002\tAna\t0\t\nT-1003\tAna\t0\t\n")
        let output = try sample([input, "--per-agent", "1", "--seed", "1", "--strata", "agent"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "interaction_id,agent,sample_seed,stratum\nT-1002,Ana,1,Ana\n")
    }

    /// `--rate` reads its inputs twice, so it refuses standard input (exit 2).
    @Test func rateRefusesStandardInput() throws {
        let input = try file("interactions.csv", "interaction_id,agent\nT-1,Ana\n")
        let output = try runReadingStandardInput(from: input, ["sample", "-", "--rate", "0.5"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("-: error: --rate reads its inputs twice"))
    }

    /// An interaction column named like a criterion would make the worksheet name it twice.
    @Test func worksheetRefusesAColumnNamedLikeACriterion() throws {
        let scorecard = QAKitProcess.fixtures.appendingPathComponent("score/scorecards/support.yaml").path
        let input = try file("interactions.csv", "interaction_id,agent,outcome\nI-1,Ana,solved\n")
        let output = try sample([input, "--per-agent", "1", "--worksheet", "-s", scorecard])
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.contains("columns named like answers of scorecard 'support' ('outcome')"))
    }

    /// Ids without a numeric counter go through the set's fingerprints instead of its bitmap;
    /// the error is the same, and distinct ids that differ only in case are not duplicates.
    @Test func duplicateIDWithoutCounterIsFoundToo() throws {
        let input = try file("a.csv", "interaction_id,agent\nabc-def,Ana\nABC-DEF,Ana\nghi,Ben\nabc-def,Ben\n")
        let output = try sample([input, "--per-agent", "1"])
        #expect(output.status == 2)
        #expect(output.standardError == """
            \(input):5: error: duplicate interaction id 'abc-def': already on line 2; interaction ids must be unique across all inputs
            qakit: error: no sample written

            """)
    }
}
