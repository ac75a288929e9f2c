import Foundation
import Testing

/// Scorecard versions through the binary (docs/versions.md), on `Fixtures/versions`: scorecard
/// `chat`, one section of two yes/no criteria, passing score 80.
/// - version 1 (`archive/chat.v1.yaml`, no `effective_from`: in force from the beginning):
///   greeting weight 1, solution weight 1;
/// - version 2 (`chat.yaml`, `effective_from: 2026-09-01`): greeting weight 1, solution weight 3.
@Suite("Scorecard versions")
struct VersionCommandTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("versions")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func score(_ scorecards: String, _ audits: String, _ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(["score", "-s", path(scorecards), path(audits)] + arguments)
    }

    /// - V-1, 2026-08-31 (before the change): version 1; greeting yes, solution no → 100·1/2 = 50.00.
    /// - V-2, 2026-09-01 (the day of the change): version 2; the same answers → 100·1/(1+3) = 25.00.
    /// - V-3, 2026-09-15 but `scorecard_version: 1`: version 1; greeting no, solution yes → 50.00.
    /// - V-4, 2026-09-15: version 2; greeting no, solution yes → 100·3/4 = 75.00.
    /// - V-5, 2026-08-01T10:00:00Z (a date-time, so the general path): version 1; both yes → 100.00, passed.
    /// The CSV file takes the byte path for most rows, the JSON Lines file the general path only.
    @Test(arguments: ["audits.csv", "audits.jsonl"])
    func eachAuditIsScoredWithItsVersion(_ audits: String) throws {
        let output = try Self.score("scorecards", audits, "--format", "csv")
        #expect(output.status == 0)
        let rows = output.standardOutput.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[0]) v\(cells[6]) \(cells[7]) \(cells[9])"
        }
        #expect(rows == ["V-1 v1 50.00 false", "V-2 v2 25.00 false", "V-3 v1 50.00 false", "V-4 v2 75.00 false", "V-5 v1 100.00 true"])
        #expect(output.standardError == "qakit: scored 5 audits, rejected 0; pass rate 20.0% (1 of 5)\n")
    }

    /// Ana: (50 + 25)/2 = 37.50, 0 of 2 passed; Ben: (50 + 75 + 100)/3 = 75.00, 1 of 3 passed.
    @Test func aggregatesMixVersionsByAgent() throws {
        let output = try Self.score("scorecards", "audits.csv", "--by", "agent", "--format", "csv")
        #expect(output.status == 0)
        #expect(output.standardOutput == "key,agent,audits,mean_score,pass_rate,auto_fails\nAna,Ana,2,37.50,0,0\nBen,Ben,3,75.00,0.3333,0\n")
    }

    /// With two versions of `chat` loaded, the table's scorecard column names the version.
    @Test func tableNamesTheVersion() throws {
        let output = try Self.score("scorecards", "audits.csv")
        #expect(output.status == 0)
        #expect(output.standardOutput.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " ") }
            == ["V-1 Ana chat v1", "V-2 Ana chat v2", "V-3 Ben chat v1", "V-4 Ben chat v2", "V-5 Ben chat v1"])
        let single = try Self.score("future/chat.yaml", "future/audits.csv")
        #expect(single.standardOutput.split(separator: "\n").last.map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == "F-3 Ana chat 2026-09-01")
    }

    @Test func explainNamesTheVersion() throws {
        let output = try QAKitProcess.run(["explain", "-s", Self.path("scorecards"), Self.path("audits.csv"), "--audit", "V-3"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Scorecard chat version 1: Chat quality\n"))
    }

    /// U-3 is valid and scored (100.00) whatever happens to the others.
    @Test func unknownVersionRejectsTheRecordNamingTheLoadedVersions() throws {
        let output = try Self.score("scorecards", "unknown-version.csv", "--format", "csv")
        let file = Self.path("unknown-version.csv")
        #expect(output.status == 1)
        #expect(output.standardError == """
            \(file):2: error: audit 'U-1', field 'scorecard_version': scorecard 'chat' has no version 3 loaded; loaded versions: 1, 2
            \(file):3: error: audit 'U-2', field 'scorecard_version': 'v2' is not a version number; expected a whole number such as 2 (loaded versions of 'chat': 1, 2)
            qakit: scored 1 audit, rejected 2; pass rate 100.0% (1 of 1)

            """)
        #expect(output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(8).joined(separator: ",") }
            == ["U-3,I-3,Ana,Rosa,2026-09-02,chat,2,100.00"])
    }

    /// The only version starts 2026-12-01: F-1 and F-2 are before it; F-3 names version 1 and is
    /// scored with it (100.00) although its date is earlier too.
    @Test func noVersionInForceRejectsTheRecord() throws {
        let output = try Self.score("future/chat.yaml", "future/audits.csv", "--format", "csv")
        let file = Self.path("future/audits.csv")
        #expect(output.status == 1)
        let tail = "the earliest, version 1, starts at effective_from 2026-12-01; name a version in 'scorecard_version' (loaded versions: 1)"
        #expect(output.standardError == """
            \(file):2: error: audit 'F-1', field 'date': no version of scorecard 'chat' is in force on 2026-08-31: \(tail)
            \(file):3: error: audit 'F-2', field 'date': no version of scorecard 'chat' is in force on 2026-11-30: \(tail)
            qakit: scored 1 audit, rejected 2; pass rate 100.0% (1 of 1)

            """)
        #expect(output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(8).joined(separator: ",") }
            == ["F-3,I-3,Ana,Rosa,2026-09-01,chat,1,100.00"])
    }

    @Test func duplicateVersionIsALocatedLintErrorAndStopsScoring() throws {
        let first = Self.path("duplicate/a.yaml"), second = Self.path("duplicate/b.yaml")
        let message = "\(second):4:10: error: duplicate version 1 of scorecard 'chat' (already defined at \(first):4); give this version another number\n"
        let lint = try QAKitProcess.run(["lint", Self.path("duplicate")])
        #expect(lint.status == 1)
        #expect(lint.standardError == message)
        #expect(lint.standardOutput == "2 scorecards checked: 1 error, 0 warnings\n")
        let score = try Self.score("duplicate", "audits.csv")
        #expect(score.status == 2)
        #expect(score.standardError == message + "qakit: error: fix the scorecard errors above first (qakit lint shows them all)\n")
        #expect(score.standardOutput.isEmpty)
    }

    /// `lint DIR` reads DIR's subfolders: the archived version is checked too.
    @Test func lintReadsTheArchiveFolder() throws {
        let lint = try QAKitProcess.run(["lint", Self.path("scorecards")])
        #expect(lint.status == 0)
        #expect(lint.standardOutput == "2 scorecards checked: 0 errors, 0 warnings\n")
    }
}
