import Foundation
import Testing
@testable import QAKit

@Suite("Did-you-mean hints")
struct SuggestionTests {
    /// `reting` is two edits from both `greeting` and `writing`. The candidates often come from
    /// a `Set`, whose order changes from run to run, so a tie must not be decided by order.
    /// (Found by the differential `FuzzAudits` target: the same file gave two different header
    /// warnings in two runs.)
    @Test("a tie goes to the first candidate in string order, whatever the order given")
    func tiesAreDeterministic() {
        #expect(Suggestion.editDistance(Array("reting".unicodeScalars), Array("greeting".unicodeScalars)) == 2)
        #expect(Suggestion.editDistance(Array("reting".unicodeScalars), Array("writing".unicodeScalars)) == 2)
        #expect(Suggestion.closest(to: "reting", among: ["greeting", "writing"]) == "greeting")
        #expect(Suggestion.closest(to: "reting", among: ["writing", "greeting"]) == "greeting")
        #expect(Suggestion.closest(to: "reting", among: ["writing", "greting"]) == "greting")  // one edit beats two
    }

    /// The fuzzer's input itself: the header warnings of a run are the same in every run.
    @Test("header warnings for a near-miss column are the same in every run")
    func headerWarningIsStable() throws {
        let cards = RowRunTests.scorecards("scorecards")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-reting-\(UUID().uuidString).csv").path
        try Data("audit_id,interaction_id,agent,reviewer,date,reting\nA1,I1,Ana,Rev,2026-08-01,yes\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        for _ in 0..<20 {
            let (text, _) = try RowRunTests.transcript(scorecards: cards, file: file, grouping: Grouping([.agent]), direct: false)
            #expect(text.contains("column 'reting' is not a criterion or known field; did you mean 'greeting'?"))
        }
    }
}
