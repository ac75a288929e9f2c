import Foundation
import Testing
@testable import QAKit

/// Without disputes, `report` lets the reading thread add every other audit's per-criterion
/// totals (docs/report.md, "Speed"). The totals are exact sums, so the report must be the same
/// byte for byte as when the calling thread adds them all.
@Suite("Report: the reading thread's share of the criterion totals")
struct ReportThreadShareTests {
    static func report(scorecards: [Scorecard], file: String, shares: Bool) throws -> (json: String, html: String, taken: Int, scored: Int) {
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        var source = try AuditSources.open(path: file, format: .csv, decoder: run.decoder)
        let early = shares ? ReportCriterionTally(scorecards: scorecards) : nil
        var taken = 0
        if let early {
            run.readingThreadConsumer = { scored in
                let took = early.take(scored)
                if took { taken += 1 }
                return took
            }
        }
        let tally = ReportTally(scorecards: scorecards, early: early)
        try run.run(&source, scored: tally.add, report: { _ in })
        let figures = ReportFigures(tally: tally, kpisByPeriod: nil, kpisByAgent: nil)
        return (ReportJSON.render(figures), ReportHTML.render(figures), taken, run.scoredCount)
    }

    @Test("gives the report the calling thread alone gives", arguments: [("scorecards", UInt64(21)), ("Benchmarks/scorecard-20.yaml", 22)])
    func sameReport(scorecardPath: String, seed: UInt64) throws {
        let cards = RowRunTests.scorecards(scorecardPath)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-share-\(seed)-\(UUID().uuidString).csv").path
        // Valid, odd and broken records, N/A and unanswered criteria among them (RowRunTests).
        try RowRunTests.csv(scorecards: cards, count: 1500, seed: seed).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let alone = try Self.report(scorecards: cards, file: file, shares: false)
        let shared = try Self.report(scorecards: cards, file: file, shares: true)
        #expect(alone.taken == 0)
        // Every other valid audit, the first included.
        #expect(shared.taken == (shared.scored + 1) / 2 && shared.scored > 200, "the reading thread took \(shared.taken) of \(shared.scored) audits")
        #expect(shared.json == alone.json)
        #expect(shared.html == alone.html)
        #expect(alone.json.contains("\"points_lost\""))
    }
}
