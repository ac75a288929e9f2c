import Foundation
import Testing

/// `qakit score --by` with several keys and with keys no input has, run as a user would, on the
/// six-audit fixture of `ScoreCommandTests` (scores worked out there).
@Suite("qakit score --by")
struct AggregateCommandTests {
    private func score(_ file: String, _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["score", "-s", ScoreCommandTests.scorecards, ScoreCommandTests.directory.appendingPathComponent(file).path]
                             + arguments)
    }

    /// Calibration left out: Ana/general is S-1 alone (112.50, passed: 1 of 1); Ana/refund is
    /// S-2 alone (50.00, failed: 0 of 1); Ben/general is S-3 and S-4, (0 + 62.5)/2 = 31.25,
    /// neither passed, S-3 auto-failed.
    @Test func severalKeysGiveOneRowPerCombination() throws {
        let output = try score("audits.csv", "--by", "agent,ticket_type", "--format", "csv")
        #expect(output.status == 0)
        #expect(output.standardOutput == """
            key,agent,ticket_type,audits,mean_score,pass_rate,auto_fails
            Ana/general,Ana,general,1,112.50,1,0
            Ana/refund,Ana,refund,1,50.00,0,0
            Ben/general,Ben,general,2,31.25,0,1

            """)
    }

    /// The same rows as `severalKeysGiveOneRowPerCombination`, one column per key.
    @Test func severalKeysInTableAndJSON() throws {
        let table = try score("audits.csv", "--by", "agent", "--by", "ticket_type")
        #expect(table.standardOutput == """
            AGENT TICKET_TYPE AUDITS   MEAN PASS RATE AUTO-FAILS
            ----- ----------- ------ ------ --------- ----------
            Ana   general          1 112.50    100.0%          0
            Ana   refund           1  50.00      0.0%          0
            Ben   general          2  31.25      0.0%          1

            """)
        let json = try score("audits.csv", "--by", "agent,ticket_type", "--format", "jsonl")
        #expect(json.standardOutput.split(separator: "\n").first
            == #"{"key": "Ana/general", "agent": "Ana", "ticket_type": "general", "audits": 1, "mean_score": 112.50, "pass_rate": 1, "auto_fails": 0}"#)
    }

    @Test func repeatedByEqualsAList() throws {
        let repeated = try score("audits.csv", "--by", "team", "--by", "month", "--format", "csv")
        let listed = try score("audits.csv", "--by", "team,month", "--format", "csv")
        #expect(repeated.status == 0)
        #expect(repeated.standardOutput == listed.standardOutput)
        // Team A in 2026-08 is S-1 and S-2: (112.5 + 50)/2 = 81.25; Team B in 2026-09 is S-3 and S-4: 31.25.
        #expect(listed.standardOutput.contains("Team A/2026-08,Team A,2026-08,2,81.25,0.5,0\nTeam B/2026-09,Team B,2026-09,2,31.25,0,1\n"))
    }

    /// CSV input takes the fast path (cells read as bytes), JSON Lines the general one: the
    /// aggregates must not differ, with `scorecard` among the keys. With calibration, the
    /// groups are: Ana/general, Ana/refund, Ben/general, Cy/general (S-5, S-6); Team A/2026-08,
    /// Team B/2026-09, Team A/2026-10; Rev One and Rev Two (one scorecard); a key no input has
    /// is refused alike.
    @Test(arguments: [("agent,ticket_type", 4), ("team,month,scorecard", 3), ("scorecard,reviewer", 2), ("no_such,agent", 0)])
    func fastAndGeneralPathsAgree(_ keys: String, groups: Int) throws {
        let fast = try score("audits.csv", "--by", keys, "--format", "csv", "--include-calibration")
        let general = try score("audits.jsonl", "--by", keys, "--format", "csv", "--include-calibration")
        #expect(fast.status == (groups == 0 ? 2 : 0))
        #expect(fast.standardOutput.split(separator: "\n").count == (groups == 0 ? 0 : groups + 1))
        #expect(fast.standardOutput == general.standardOutput)
        #expect(fast.standardError == general.standardError)
    }

    /// A key no input has is refused (it used to give one meaningless `(none)` row), with a
    /// did-you-mean from the input's fields and the standard keys; JSON Lines is refused once
    /// every record has been read.
    @Test(arguments: [("agnet", "agent"), ("Agent", "agent"), ("tem", "team"), ("tiket_type", "ticket_type")],
          ["audits.csv", "audits.jsonl", "audits.yaml"])
    func unknownKeyIsRefused(_ key: (typed: String, meant: String), file: String) throws {
        let output = try score(file, "--by", key.typed)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == """
            qakit: error: --by '\(key.typed)': no input has a field '\(key.typed)'; did you mean '\(key.meant)'?
            qakit: error: no output written

            """)
    }

    @Test func oneMessagePerUnknownKey() throws {
        let output = try score("audits.csv", "--by", "agnet,month,chanel")
        #expect(output.status == 2)
        #expect(output.standardError == """
            qakit: error: --by 'agnet': no input has a field 'agnet'; did you mean 'agent'?
            qakit: error: --by 'chanel': no input has a field 'chanel'
            qakit: error: no output written

            """)
    }

    @Test func refusalLeavesTheOutputFileUntouched() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let target = directory.appendingPathComponent("by.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        for file in ["audits.csv", "audits.jsonl"] {
            let output = try score(file, "--by", "agnet", "--format", "csv", "-o", target.path)
            #expect(output.status == 2)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["by.csv"])
    }

    /// The header of a CSV file names its fields: the key is refused before any record is read,
    /// so the eight rejected records of the broken example are never reported.
    @Test func csvHeaderRefusesBeforeScoring() throws {
        let output = try QAKitProcess.run(["score", "examples/broken-audits.csv", "--by", "agnet"], in: QAKitProcess.packageRoot)
        #expect(output.status == 2)
        #expect(output.standardError == """
            qakit: error: --by 'agnet': no input has a field 'agnet'; did you mean 'agent'?
            qakit: error: no output written

            """)
    }

    @Test(arguments: [
        (["team,"], "qakit: error: --by 'team,': a key is empty; name each key once, separated by commas (--by team,month)\n"),
        (["team", "team"], "qakit: error: --by: key 'team' is given twice\n"),
        (["audits"], "qakit: error: --by 'audits': an aggregate column already has that name (key, audits, mean_score, pass_rate, auto_fails)\n"),
    ])
    func malformedKeysAreUsageErrors(_ keys: [String], message: String) throws {
        let output = try QAKitProcess.run(["score", "-s", ScoreCommandTests.scorecards,
                                           ScoreCommandTests.directory.appendingPathComponent("audits.csv").path]
                                          + keys.flatMap { ["--by", $0] })
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == message)
    }
}
