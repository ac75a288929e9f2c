import Testing
@testable import QAKit

/// The pipelined run (reading on a second thread) must make exactly the calls, in exactly the
/// order, of the plain sequential loop, including a read failure after some records.
@Suite("Scoring run")
struct ScoringRunTests {
    /// Yields `records` as built, then fails (when `failsAtEnd`) as a truncated file would.
    struct ListSource: AuditRecordSource {
        var file: String { "list.csv" }
        var allowsFlagWords: Bool { true }
        var items: [SourceItem]
        var failsAtEnd: Bool
        var position = 0

        mutating func next() throws(InputError) -> SourceItem? {
            guard position < items.count else {
                if failsAtEnd { throw InputError(file: file, line: position + 2, message: "quoted cell never closed", isUnreadable: false) }
                return nil
            }
            position += 1
            return items[position - 1]
        }
    }

    static func items(count: Int, decoder: AuditDecoder) -> [SourceItem] {
        let layout = decoder.layout(names: ["audit_id", "interaction_id", "agent", "reviewer", "date", "y", "n"])
        return (0..<count).map { index in
            switch index % 97 {
            case 13: return .problem(Diagnostic(.error, "record skipped: bad quote", file: "list.csv", line: index + 2))
            case 41: return .warning(Diagnostic(.warning, "column looks misspelt", file: "list.csv", line: index + 2))
            default:
                // Every 50th id repeats an earlier one, and every 31st answer is invalid: rejections in between.
                let id = index % 50 == 49 ? "A\(index - 7)" : "A\(index)"
                return .record(values: [id, "I\(index)", "Agent \(index % 7)", "R", "2026-03-04", index % 31 == 0 ? "maybe" : "yes", "no"],
                               layout: layout, line: index + 2)
            }
        }
    }

    static func transcript(pipelined: Bool, count: Int, failsAtEnd: Bool) -> [String] {
        let card = Build.card(Build.section("a", Build.yesNo("y"), Build.yesNo("n", weight: "3")), passing: "20")
        let run = ScoringRun(scorecards: [card])
        var source = ListSource(items: items(count: count, decoder: run.decoder), failsAtEnd: failsAtEnd)
        var lines: [String] = []
        do {
            let scored: (ScoredAudit) -> Void = { lines.append("\($0.audit.id) \($0.result.score?.formatted() ?? "-") \($0.audit.line)") }
            let report: (Diagnostic) -> Void = { lines.append($0.description) }
            run.usesSecondThread = pipelined
            try run.run(&source, scored: scored, report: report)
        } catch {
            lines.append("thrown: \(error)")
        }
        lines.append("scored \(run.scoredCount) rejected \(run.rejectedCount)")
        return lines
    }

    @Test("gives the same calls in the same order as the sequential loop", arguments: [(0, false), (5, true), (3000, false), (3000, true)])
    func pipelineKeepsOrder(count: Int, failsAtEnd: Bool) {
        let sequential = Self.transcript(pipelined: false, count: count, failsAtEnd: failsAtEnd)
        #expect(Self.transcript(pipelined: true, count: count, failsAtEnd: failsAtEnd) == sequential)
        if count == 3000 {
            #expect(sequential.contains { $0.contains("duplicate audit_id") })
            #expect(sequential.contains { $0.contains("'maybe' is not a valid answer") })
        }
        if failsAtEnd { #expect(sequential.dropLast().last?.hasPrefix("thrown: list.csv:") == true) }
    }

    @Test("stops reading when the caller throws, and returns")
    func callerErrorStopsThePipeline() {
        struct Stop: Error {}
        let card = Build.card(Build.section("a", Build.yesNo("y"), Build.yesNo("n")))
        let run = ScoringRun(scorecards: [card])
        var source = ListSource(items: Self.items(count: 20_000, decoder: run.decoder), failsAtEnd: false)
        #expect(throws: Stop.self) {
            try run.run(&source, scored: { if $0.audit.id == "A600" { throw Stop() } }, report: { _ in })
        }
        #expect(run.scoredCount < 20_000)
    }
}
