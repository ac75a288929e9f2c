import Foundation
import Testing

/// Names that differ only in case or whitespace, on a five-audit fixture: `Sofia Reyes` (line
/// 2), `sofia reyes` (line 3) and `Sofia  Reyes` (line 4, two spaces); team `North` (2) and
/// `north` (3); reviewer `Rev One` (2) and `rev one` (4). Scores of the `pair` scorecard
/// (100 × yes answers / 2): V-1 100, V-2 50, V-3 0, V-4 100, V-5 50; pass at 50.
@Suite("name variants")
struct NameVariantCommandTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("names")
    static let scorecards = directory.appendingPathComponent("scorecards").path

    private func run(_ command: String, _ file: String, _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run([command, "-s", Self.scorecards, Self.directory.appendingPathComponent(file).path] + arguments)
    }

    /// The four warnings, each at the new spelling and naming the first; `groups` is added to
    /// the warnings of the field the run is grouped by.
    static func warnings(_ file: String, lines: [Int], groups: [String: String] = [:]) -> String {
        let path = directory.appendingPathComponent(file).path
        let found = [
            ("agent", "sofia reyes", "Sofia Reyes", lines[1]), ("team", "north", "North", lines[1]),
            ("agent", "Sofia  Reyes", "Sofia Reyes", lines[2]), ("reviewer", "rev one", "Rev One", lines[2]),
        ]
        return found.map { field, spelling, first, line in
            "\(path):\(line): warning: \(field) '\(spelling)' differs only in case or whitespace from '\(first)' (\(path):\(lines[0])); "
                + "they count as different \(field)s" + (groups[field].map { "; " + $0.replacingOccurrences(of: "NEW", with: spelling) } ?? "") + "\n"
        }.joined()
    }

    /// Per audit (general path) and `--format csv` (rows read straight from CSV bytes) warn alike;
    /// JSON Lines counts lines from 1 with no header. The exit code stays 0.
    @Test(arguments: [("audits.csv", "table", [2, 3, 4]), ("audits.csv", "csv", [2, 3, 4]), ("audits.jsonl", "jsonl", [1, 2, 3])])
    func warnsOncePerSpelling(_ file: String, format: String, lines: [Int]) throws {
        let output = try run("score", file, "--format", format)
        #expect(output.status == 0)
        #expect(output.standardError == Self.warnings(file, lines: lines) + "qakit: scored 5 audits, rejected 0; pass rate 80.0% (4 of 5)\n")
    }

    /// The groups are not merged: `--by agent` still has three rows for Sofia Reyes (V-1 100,
    /// V-2 50, V-3 0 apart) and Tom Becker (V-4, V-5: (100 + 50)/2 = 75); the warnings name the
    /// groups split.
    @Test func groupedRunsNameTheSplitGroups() throws {
        let output = try run("score", "audits.csv", "--by", "agent", "--format", "csv")
        #expect(output.status == 0)
        #expect(output.standardOutput == """
            key,agent,audits,mean_score,pass_rate,auto_fails
            Sofia  Reyes,Sofia  Reyes,1,0.00,0,0
            Sofia Reyes,Sofia Reyes,1,100.00,1,0
            Tom Becker,Tom Becker,2,75.00,1,0
            sofia reyes,sofia reyes,1,50.00,1,0

            """)
        #expect(output.standardError.hasPrefix(Self.warnings("audits.csv", lines: [2, 3, 4],
                                                             groups: ["agent": "--by agent splits them into groups 'Sofia Reyes' and 'NEW'"])))
        let teams = try run("score", "audits.jsonl", "--by", "team,month")
        #expect(teams.standardError.hasPrefix(Self.warnings("audits.jsonl", lines: [1, 2, 3],
                                                            groups: ["team": "--by team,month splits the groups with team 'North' from those with 'NEW'"])))
    }

    /// `coach` and `calibrate` read the same names and warn the same way; their exit codes stay 0
    /// (V-4 and V-5 are interaction I-4 scored by two reviewers: one calibration unit).
    @Test(arguments: ["coach", "calibrate"])
    func coachAndCalibrateWarnToo(_ command: String) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let output = command == "coach"
            ? try run("coach", "audits.csv", "--out", directory.appendingPathComponent("notes").path)
            : try run("calibrate", "audits.csv")
        #expect(output.status == 0)
        #expect(output.standardError.hasPrefix(Self.warnings("audits.csv", lines: [2, 3, 4])))
    }
}
