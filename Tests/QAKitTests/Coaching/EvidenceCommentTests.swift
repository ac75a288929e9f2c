import Testing
@testable import QAKit

/// Evidence quotes the reviewer's comment on the criterion itself; the audit's overall comment is
/// shown beside it, labelled, never as the criterion's evidence.
@Suite("Coaching: criterion comments and overall comments")
struct EvidenceCommentTests {
    private var ana: AgentCoaching {
        get throws {
            try #require(CoachingFixture.analysis(CoachingFixture.supportScorecard, CoachingFixture.supportAudits)?.coaching(for: "Ana López"))
        }
    }

    @Test("S-02 has only an overall comment: empathy's evidence has no comment, and the overall one is kept apart")
    func separated() throws {
        let note = try #require(try ana.scorecards.first?.notes.first { $0.criterion.id == "empathy" })
        let s02 = try #require(note.evidence.first { $0.auditID == "S-02" })
        #expect(s02.comment == nil)
        #expect(s02.overallComment == "Solid reply; empathy still generic.")
        // S-01 has its own empathy comment and no overall comment.
        let s01 = try #require(note.evidence.first { $0.auditID == "S-01" })
        #expect(s01.comment == "Jumped straight to the fix." && s01.overallComment == nil)
    }

    @Test("Markdown and HTML label the overall comment; JSON carries it as overall_comment")
    func rendered() throws {
        let coaching = try ana
        // S-02 empathy 3 of 5 = credit 1/2 in the tone section (weight 1 of 4): 100 × 1/4 × 1/2 = 12.50 lost.
        let markdown = CoachingMarkdown.render(coaching)
        #expect(markdown.contains("| S-02 | 2026-09-08 | T-S-02 | 3 of 5 | 12.50 | — |"))
        #expect(markdown.contains("**The reviewer's overall comments on these audits** (about the whole audit, not necessarily about this criterion):\n\n- S-02, 2026-09-08: Solid reply; empathy still generic.\n"))
        #expect(!markdown.contains("(overall)"))
        let html = CoachingHTML.render([coaching])
        #expect(html.contains("<li>S-02, 2026-09-08: Solid reply; empathy still generic.</li>"))
        #expect(!html.contains("<em>(overall)</em>"))
        let json = CoachingJSON.document([coaching]).json()
        #expect(json.contains("\"comment\": null,\n            \"overall_comment\": \"Solid reply; empathy still generic.\""))
        #expect(!json.contains("comment_is_overall"))
    }
}
