import Foundation
import Testing

/// `qakit compare` through the binary (docs/compare.md), on `Fixtures/compare`: scorecard `chat`,
/// one section `main`, passing score 80, and a one-criterion scorecard `mail` beside it.
/// - version 1 (`archive/chat.v1.yaml`): greeting yes/no weight 1 that may be N/A, solution
///   yes/no weight 1, tone choice weight 2 (good 1, okay 0.5, poor 0): Σ weights 4;
/// - version 2 (`chat.yaml`): greeting no longer N/A, solution weight 3, tone's `okay` credit
///   0.25, and a new required criterion `empathy` yes/no weight 2: Σ weights 8.
///
/// `audits.csv`, score = 100 · Σ(weight · credit) / Σ weights (version 1 ignores `empathy`):
///
/// | audit | agent | greeting | solution | tone | empathy | v1 | v2 | delta | pass |
/// | --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |
/// | C-1 | Ana | yes | yes | good | no  | (1+1+2)/4 = 100.00 | (1+3+2+0)/8 = 75.00 | −25.00 | pass → fail |
/// | C-2 | Ana | yes | no  | good | yes | (1+0+2)/4 = 75.00 | (1+0+2+2)/8 = 62.50 | −12.50 | fail → fail |
/// | C-3 | Ana | no  | yes | okay | yes | (0+1+1)/4 = 50.00 | (0+3+0.5+2)/8 = 68.75 | +18.75 | fail → fail |
/// | C-4 | Ben | no  | yes | good | yes | (0+1+2)/4 = 75.00 | (0+3+2+2)/8 = 87.50 | +12.50 | fail → pass |
/// | C-5 | Ben | yes | yes | good | no  | (1+1+2)/4 = 100.00 | (1+3+2+0)/8 = 75.00 | −25.00 | pass → fail |
/// | C-6 | Ben | yes | yes | okay | yes | (1+1+1)/4 = 75.00 | (1+3+0.5+2)/8 = 81.25 | +6.25 | fail → pass |
///
/// C-6 names `scorecard_version: 1` and C-3…C-6 are dated after version 2's `effective_from`:
/// compare scores each under both versions anyway. M-1 is a `mail` audit and is left out.
@Suite("compare")
struct CompareCommandTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("compare")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func compare(_ audits: String, _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["compare", "-s", path("scorecards"), path(audits), "--scorecard", "chat", "--from-version", "1", "--to-version", "2"]
                             + arguments)
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The CSV takes the byte path, the JSON Lines copy (`audits.jsonl`) the general path.
    @Test(arguments: ["audits.csv", "audits.jsonl"])
    func perAuditRowsAreWorkedOutByHand(_ audits: String) throws {
        let output = try Self.compare(audits, "--format", "csv")
        #expect(output.status == 0)
        #expect(Self.lines(output.standardOutput) == [
            "audit_id,agent,score_from,score_to,delta,passed_from,passed_to",
            "C-1,Ana,100.00,75.00,-25.00,true,false",
            "C-2,Ana,75.00,62.50,-12.50,false,false",
            "C-3,Ana,50.00,68.75,18.75,false,false",
            "C-4,Ben,75.00,87.50,12.50,false,true",
            "C-5,Ben,100.00,75.00,-25.00,true,false",
            "C-6,Ben,75.00,81.25,6.25,false,true",
        ])
        #expect(output.standardError == "qakit: compared 6 audits of 'chat' (v1 → v2): 4 change pass/fail, 0 unscorable\n")
    }

    /// Ana: v1 (100 + 75 + 50)/3 = 75.00, v2 (75 + 62.5 + 68.75)/3 = 206.25/3 = 68.75, delta −6.25;
    /// passes 1 of 3 (C-1) → 0 of 3; flips 1 (C-1).
    /// Ben: v1 (75 + 100 + 75)/3 = 83.333… → 83.33, v2 (87.5 + 75 + 81.25)/3 = 81.25, delta
    /// 81.25 − 83.33 = −2.08; passes 1 of 3 (C-5) → 2 of 3 (C-4, C-6); flips 3.
    @Test func groupsByAgentAreWorkedOutByHand() throws {
        let output = try Self.compare("audits.csv", "--format", "csv", "--rows", "groups")
        #expect(output.status == 0)
        #expect(Self.lines(output.standardOutput) == [
            "key,agent,audits,mean_from,mean_to,delta,pass_rate_from,pass_rate_to,flips",
            "Ana,Ana,3,75.00,68.75,-6.25,0.3333,0,1",
            "Ben,Ben,3,83.33,81.25,-2.08,0.3333,0.6667,3",
        ])
    }

    /// Team Red is Ana's three audits, Blue Ben's: the same figures, keyed `team/agent`, Blue first.
    @Test func groupsBySeveralKeys() throws {
        let output = try Self.compare("audits.csv", "--format", "csv", "--rows", "groups", "--by", "team,agent")
        #expect(output.status == 0)
        #expect(Self.lines(output.standardOutput) == [
            "key,team,agent,audits,mean_from,mean_to,delta,pass_rate_from,pass_rate_to,flips",
            "Blue/Ben,Blue,Ben,3,83.33,81.25,-2.08,0.3333,0.6667,3",
            "Red/Ana,Red,Ana,3,75.00,68.75,-6.25,0.3333,0,1",
        ])
    }

    /// greeting: `na: true` dropped (v2 writes no `na`, so the line is the criterion's);
    /// solution: weight 1 → 3 at its `weight: 3`; tone: option okay's credit at its option line;
    /// empathy added. Titles and guidance changed too (greeting, the scorecard) and are not listed.
    @Test func diffNamesEachChangeWithItsLine() throws {
        let output = try Self.compare("audits.csv", "--format", "csv", "--rows", "diff")
        let file = Self.directory.appendingPathComponent("scorecards/chat.yaml")
        func line(_ token: String) throws -> String { String(try QAKitProcess.position(of: token, in: file).split(separator: ":")[0]) }
        #expect(output.status == 0)
        #expect(Self.lines(output.standardOutput) == [
            "id,subject,change,what,file,line",
            "greeting,criterion,changed,na true → false,\(file.path),\(try line("id: greeting"))",
            "solution,criterion,changed,weight 1 → 3,\(file.path),\(try line("weight: 3"))",
            "tone,criterion,changed,option 'okay': credit 0.5 → 0.25,\(file.path),\(try line("value: okay"))",
            "empathy,criterion,added,,\(file.path),\(try line("id: empathy"))",
        ])
    }

    /// Each version's scores are what `qakit score` gives with that version named in every
    /// audit: version 2 on a copy whose `scorecard_version` is 2 throughout, version 1 on a copy
    /// that names 1 and leaves out `empathy` (which `score` would reject as unknown to version 1).
    @Test func eachSideIsWhatScoreGivesWithThatVersion() throws {
        let compared = try Self.compare("audits.csv", "--format", "csv")
        let rows = Self.lines(compared.standardOutput).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let workspace = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let source = try String(contentsOfFile: Self.path("audits.csv"), encoding: .utf8)
        for (version, column) in [(1, 2), (2, 3)] {
            var copy: [String] = []
            for (index, line) in source.split(separator: "\n").enumerated() where !line.hasPrefix("M-1") {
                var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if index > 0 { cells[6] = String(version) }
                if version == 1 { cells.remove(at: 11) }
                copy.append(cells.joined(separator: ","))
            }
            let file = workspace.appendingPathComponent("v\(version).csv")
            try (copy.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            let scored = try QAKitProcess.run(["score", "-s", Self.path("scorecards"), file.path, "--format", "csv"])
            #expect(scored.status == 0)
            let scores = Self.lines(scored.standardOutput).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { "\($0[0]) \($0[7])" }
            #expect(scores == rows.map { "\($0[0]) \($0[column])" })
        }
    }

    /// U-1 leaves the new required `empathy` unanswered and U-2 answers greeting N/A, which
    /// version 2 no longer allows: version 1 scores both (U-1 (1+1+2)/4 = 100.00; U-2 greeting
    /// left out, (1+2)/3 = 100.00), version 2 neither. U-3: v1 (1+0+2)/4 = 75.00, v2 (1+0+2+2)/8 = 62.50.
    /// Not fatal: exit 0.
    @Test func auditsOneVersionCannotScoreAreListed() throws {
        let output = try Self.compare("unscorable.csv", "--format", "json")
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let unscorable = try #require(json["unscorable"] as? [[String: Any]])
        #expect(unscorable.map { "\($0["audit_id"]!) v\($0["version"]!) \($0["reason"]!)" } == [
            "U-1 v2 field 'empathy': required criterion 'empathy' is unanswered",
            "U-2 v2 field 'greeting': 'n/a': N/A is not allowed for 'greeting' (its scorecard entry does not set na: true)",
        ])
        let audits = try #require(json["audits"] as? [[String: Any]])
        #expect(audits.map { "\($0["audit_id"]!) \($0["score_from"]!) \($0["score_to"]!) \($0["delta"]!)" } == ["U-3 75.0 62.5 -12.5"])
        #expect(output.standardError == "qakit: compared 1 audit of 'chat' (v1 → v2): 0 change pass/fail, 2 unscorable\n")

        let table = try Self.compare("unscorable.csv")
        #expect(table.standardOutput.contains("Audits one version cannot score (2)\n"))
        #expect(table.standardOutput.contains("U-1   2       field 'empathy': required criterion 'empathy' is unanswered\n"))
    }

    /// The JSON has every part; overall: v1 (225 + 250)/6 = 79.1666… → 79.17, v2 (206.25 + 243.75)/6
    /// = 75.00, delta −4.17; pass 2 of 6 under both (C-1, C-5 / C-4, C-6) = 0.3333; flips 4.
    @Test func jsonHoldsEveryPart() throws {
        let output = try Self.compare("audits.csv", "--format", "json")
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["scorecard", "from_version", "to_version", "diff", "audits", "groups", "overall", "unscorable"])
        let diff = try #require(json["diff"] as? [[String: Any]])
        #expect(diff.map { "\($0["id"]!) \($0["change"]!): \((($0["what"] as? [String]) ?? []).joined(separator: "; "))" }
            == ["greeting changed: na true → false", "solution changed: weight 1 → 3", "tone changed: option 'okay': credit 0.5 → 0.25", "empathy added: "])
        let audits = try #require(json["audits"] as? [[String: Any]])
        #expect(audits.count == 6)
        #expect(Set(audits[0].keys) == ["audit_id", "agent", "score_from", "score_to", "delta", "passed_from", "passed_to"])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect("\(overall["audits"]!) \(overall["mean_from"]!) \(overall["mean_to"]!) \(overall["delta"]!) \(overall["pass_rate_from"]!) \(overall["flips"]!)"
            == "6 79.17 75.0 -4.17 0.3333 4")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { "\($0["key"]!) \($0["flips"]!)" } == ["Ana 1", "Ben 3"])
        #expect(output.standardOutput.contains("\"mean_to\": 75.00"))
    }

    /// The memo's headline: 4 of 6 flip (C-1, C-5 to fail; C-4, C-6 to pass), the means, and the
    /// agents by size of move (Ana |−6.25| before Ben |−2.08|).
    @Test func markdownReadsLikeADecisionMemo() throws {
        let output = try Self.compare("audits.csv", "--format", "markdown")
        #expect(output.status == 0)
        let text = output.standardOutput
        #expect(text.hasPrefix("# Chat quality (proposed): version 1 → version 2\n"))
        #expect(text.contains("- **4 of 6 audits change pass/fail**: 2 pass → fail, 2 fail → pass.\n"))
        #expect(text.contains("- **Mean score 79.17 → 75.00** (-4.17 points); pass rate 33.3% → 33.3%.\n"))
        #expect(text.contains("- **Move most** (by agent): Ana (-6.25, 1 flip), Ben (-2.08, 3 flips).\n"))
        #expect(text.contains("- **Criteria changed**: `greeting` (changed), `solution` (changed), `tone` (changed), `empathy` (added).\n"))
        #expect(text.contains("| Ben | 3 | 83.33 | 81.25 | -2.08 | 33.3% | 66.7% | 3 |\n"))
        #expect(text.contains("| C-4 | Ben | 75.00 | 87.50 | +12.50 | fail → pass |\n"))
    }

    @Test func tableShowsDiffGroupsAndFlips() throws {
        let output = try Self.compare("audits.csv")
        #expect(output.status == 0)
        let text = output.standardOutput
        #expect(text.hasPrefix("Scorecard chat: version 1 → version 2\n6 audits scored by both, 4 change pass/fail (2 pass → fail, 2 fail → pass); "
                               + "mean 79.17 → 75.00 (-4.17); 0 unscorable\n"))
        #expect(Self.lines(text).contains { $0.hasPrefix("Ben") && $0.split(separator: " ").joined(separator: " ") == "Ben 3 83.33 81.25 -2.08 33.3% 66.7% 3" })
        #expect(text.contains("Audits that change pass/fail (4)\n"))
        #expect(Self.lines(text).contains { $0.split(separator: " ").joined(separator: " ") == "C-6 Ben 75.00 81.25 +6.25 fail → pass" })
    }

    /// The bundled example: `live-chat` version 2 doubled `solution`'s weight and reworded
    /// `pacing` (title and guidance: not listed). Every chat audit but the calibration ones is
    /// compared, and each side
    /// equals `qakit score` wherever that side is the version in force (August: v1, September
    /// on: v2), since none of these audits names a version.
    @Test func bundledExampleMatchesScoreWhereEachVersionIsInForce() throws {
        let root = QAKitProcess.packageRoot
        let compared = try QAKitProcess.run(["compare", "--scorecard", "live-chat", "--from-version", "1", "--to-version", "2",
                                             "examples/audits.csv", "--format", "csv"], in: root)
        #expect(compared.status == 0)
        let diff = try QAKitProcess.run(["compare", "--scorecard", "live-chat", "--from-version", "1", "--to-version", "2",
                                         "examples/audits.csv", "--format", "csv", "--rows", "diff"], in: root)
        let weightLine = try Self.solutionWeightLine(root.appendingPathComponent("scorecards/live-chat.yaml"))
        #expect(Self.lines(diff.standardOutput) == ["id,subject,change,what,file,line",
                                                    "solution,criterion,changed,weight 1 → 2,scorecards/live-chat.yaml,\(weightLine)"])
        let scored = try QAKitProcess.run(["score", "examples/audits.csv", "--format", "csv"], in: root)
        let header = Self.lines(scored.standardOutput)[0].split(separator: ",").map(String.init)
        let (id, date, card, score) = (header.firstIndex(of: "audit_id")!, header.firstIndex(of: "date")!,
                                       header.firstIndex(of: "scorecard")!, header.firstIndex(of: "score")!)
        let calibration = header.firstIndex(of: "calibration")!
        var expected: [String: (from: String?, to: String?)] = [:]
        for row in Self.lines(scored.standardOutput).dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // Calibration audits are left out of compare unless --include-calibration.
            guard cells[card] == "live-chat", cells[calibration] == "false" else { continue }
            expected[cells[id]] = cells[date] < "2026-09-01" ? (cells[score], nil) : (nil, cells[score])
        }
        let rows = Self.lines(compared.standardOutput).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == expected.count)
        #expect(rows.count > 20)
        for row in rows {
            let want = try #require(expected[row[0]])
            if let from = want.from { #expect(row[2] == from, "\(row[0])") }
            if let to = want.to { #expect(row[3] == to, "\(row[0])") }
        }
        // Doubling one criterion's weight moves the audits that did not earn the same share on it as elsewhere.
        #expect(rows.contains { $0[4] != "0.00" })
    }

    /// The line of `weight: 2` inside the `solution` criterion.
    static func solutionWeightLine(_ file: URL) throws -> Int {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.contains("- id: solution") })
        let offset = try #require(lines[start...].firstIndex { $0.contains("weight: 2") })
        return offset + 1
    }

    /// Mistakes in the options: a located message, exit 2, and the output file untouched.
    @Test(arguments: [
        (["--scorecard", "chta", "--from-version", "1", "--to-version", "2"],
         "qakit: error: --scorecard 'chta': no scorecard 'chta' is loaded (loaded: 'chat', 'mail'); did you mean 'chat'?\n"),
        (["--scorecard", "chat", "--from-version", "1", "--to-version", "3"],
         "qakit: error: --to-version 3: scorecard 'chat' has no version 3 loaded; loaded versions: 1, 2; did you mean --to-version 2?\n"),
        (["--scorecard", "chat", "--from-version", "2", "--to-version", "2"],
         "qakit: error: --from-version and --to-version are both 2: name two different versions of 'chat' (loaded versions: 1, 2)\n"),
    ])
    func badOptionsAreRefused(_ arguments: [String], _ message: String) throws {
        let workspace = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = workspace.appendingPathComponent("memo.md")
        try "keep me\n".write(to: output, atomically: true, encoding: .utf8)
        let result = try QAKitProcess.run(["compare", "-s", Self.path("scorecards"), Self.path("audits.csv"), "-o", output.path] + arguments)
        #expect(result.status == 2)
        #expect(result.standardError == message)
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me\n")
    }

    @Test func noAuditOfTheScorecardIsAnError() throws {
        let workspace = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = workspace.appendingPathComponent("memo.md")
        try "keep me\n".write(to: output, atomically: true, encoding: .utf8)
        let result = try Self.compare("mail-only.csv", "-o", output.path)
        #expect(result.status == 1)
        #expect(result.standardError == "qakit: error: no audit of scorecard 'chat' in '\(Self.path("mail-only.csv"))' "
                + "(read 1 scored audit of other scorecards, rejected 0); no output written\n")
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me\n")
    }

    /// P-2 has no agent: both versions reject it for that, so it is the record's own problem,
    /// reported once (not once per version), and the run exits 1; P-1 (every answer full
    /// credit: 100.00 under both) is still compared.
    @Test func aRecordsOwnProblemIsReportedOnce() throws {
        let output = try Self.compare("problem.csv", "--format", "csv")
        #expect(output.status == 1)
        #expect(output.standardError == """
            \(Self.path("problem.csv")):3: error: audit 'P-2', field 'agent': missing required field 'agent'
            qakit: compared 1 audit of 'chat' (v1 → v2): 0 change pass/fail, 0 unscorable

            """)
        #expect(Self.lines(output.standardOutput).dropFirst() == ["P-1,Ana,100.00,100.00,0.00,true,true"])
    }

    @Test func standardInputIsRefused() throws {
        let result = try QAKitProcess.run(["compare", "-s", Self.path("scorecards"), "-", "--scorecard", "chat", "--from-version", "1", "--to-version", "2"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("cannot read standard input"))
    }
}
