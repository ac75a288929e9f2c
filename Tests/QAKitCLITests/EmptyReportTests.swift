import Foundation
import Testing

/// A run that scored nothing leaves an existing `-o` file as it was and exits 1
/// (docs/output-files.md): an empty report must not replace a good one.
@Suite("A run that scored nothing writes no -o file")
struct EmptyReportTests {
    /// Two records, both rejected: accuracy 11 is above the points maximum of 10, and the second
    /// has no agent.
    static let rejectedAudits = """
        audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone
        R-1,T-1,Ana,Rev,2026-08-03,yes,11,5
        R-2,T-2,,Rev,2026-08-04,yes,10,5

        """

    @Test("every format of score, per audit and --by", arguments: [
        ["--format", "csv"], ["--format", "jsonl"], ["--format", "json"], ["--format", "table"],
        ["--format", "csv", "--by", "agent"], ["--format", "json", "--by", "reviewer,month"],
    ])
    func scoreLeavesTheOldFile(_ format: [String]) throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.rejectedAudits, to: "audits.csv")
        try workspace.write("the previous run's report\n", to: "report.out")
        let output = try workspace.run(["score", "-s", "scorecards", "audits.csv", "-o", "report.out"] + format)
        #expect(output.status == 1)
        #expect(try String(contentsOf: workspace.url("report.out"), encoding: .utf8) == "the previous run's report\n")
        #expect(output.standardError.hasSuffix("""
            qakit: scored 0 audits, rejected 2
            qakit: error: no audit was scored, so 'report.out' was not written

            """), "\(output.standardError)")
        #expect(try workspace.strayFiles(besides: ["audits.csv", "report.out"]) == [])
    }

    @Test("a header-only input creates no -o file")
    func noFileIsCreated() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone\n", to: "audits.csv")
        let output = try workspace.run(["score", "-s", "scorecards", "audits.csv", "--format", "csv", "-o", "report.csv"])
        #expect(output.status == 1)
        #expect(output.standardError == """
            qakit: scored 0 audits, rejected 0
            qakit: error: no audit was scored, so 'report.csv' was not written

            """)
        #expect(try workspace.strayFiles(besides: ["audits.csv"]) == [])
    }

    @Test("calibrate, the other command with -o, also leaves the old file")
    func calibrateLeavesTheOldFile() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.rejectedAudits, to: "audits.csv")
        try workspace.write("the previous run's report\n", to: "report.out")
        let output = try workspace.run(["calibrate", "-s", "scorecards", "audits.csv", "-o", "report.out"])
        #expect(output.status == 1)
        #expect(try String(contentsOf: workspace.url("report.out"), encoding: .utf8) == "the previous run's report\n")
        #expect(try workspace.strayFiles(besides: ["audits.csv", "report.out"]) == [])
    }

    @Test("standard output still gets the empty report")
    func standardOutputIsUnchanged() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.rejectedAudits, to: "audits.csv")
        let output = try workspace.run(["score", "-s", "scorecards", "audits.csv", "--format", "csv", "--by", "agent"])
        #expect(output.status == 1)
        #expect(output.standardOutput.hasPrefix("key,"))
        #expect(output.standardOutput.split(separator: "\n").count == 1)
    }
}
