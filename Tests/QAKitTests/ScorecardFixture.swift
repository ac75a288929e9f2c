/// Builders for small inline scorecards that are valid (no errors, no warnings) unless a test
/// changes one line; the change, and its `1️⃣` marker, stay visible in the test.
enum ScorecardFixture {
    /// The lines every valid criterion carries besides its type.
    static func criterion(_ id: String = "greeting", _ lines: String = "type: yes_no") -> String {
        "id: \(id)\ntitle: Greeting\nguidance: Greets the customer by name.\ncoaching: { tip: Use the first name. }\n" + lines
    }

    /// A section holding `criteria`; `lines` go between its title and its criteria.
    static func section(_ id: String = "opening", _ lines: String = "", criteria: [String] = [criterion()]) -> String {
        var text = "id: \(id)\ntitle: Opening\n" + (lines.isEmpty ? "" : lines + "\n") + "criteria:\n"
        for criterion in criteria { text += indent(listItem(criterion), by: 2) }
        return text
    }

    /// A scorecard with `top` lines after the version, then `sections`.
    static func scorecard(_ top: String = "", sections: [String] = [section()]) -> String {
        var text = "scorecard: email-support\ntitle: Email support\nversion: 1\n" + (top.isEmpty ? "" : top + "\n") + "sections:\n"
        for section in sections { text += indent(listItem(section), by: 2) }
        return text
    }

    /// A scorecard whose only criterion has `lines` after the standard ones.
    static func withCriterion(_ lines: String) -> String {
        scorecard(sections: [section(criteria: [criterion("greeting", lines)])])
    }

    private static func listItem(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        return lines.enumerated().map { index, line in (index == 0 ? "- " : "  ") + line + "\n" }.joined()
    }

    private static func indent(_ text: String, by count: Int) -> String {
        let spaces = String(repeating: " ", count: count)
        return text.split(separator: "\n").map { spaces + $0 + "\n" }.joined()
    }
}
