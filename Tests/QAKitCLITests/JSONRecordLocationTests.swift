import Foundation
import Testing

/// Messages about a JSON file read through a profile's `records` path name the line and column
/// of the JSON value at fault (docs/imports.md, "JSON and JSON Lines"), and an element without
/// records at the path's last key (a review without ratings) is rejected by its audit id instead
/// of being left out unseen. Run through the `qakit` binary on the tiny scorecard (greeting
/// yes/no, accuracy points of 10, tone 1–5 optional).
///
/// Every line:column below was counted by hand in the file as written (the Swift literal's
/// indentation is stripped; columns count characters, so `í` and `ú` are one each) and checked
/// with Python's `str.index` on the same text.
@Suite("JSON records: located messages")
struct JSONRecordLocationTests {
    /// Conversations → reviews → ratings, with one mistake of each kind; numbered lines:
    ///
    /// 4: A-1's accuracy `value` is an object: its `{` is column 85.
    /// 6: A-2's `ratings` is `[]`; the review's `{` is column 5.
    /// 7: A-3 has no `ratings`; column 5.
    /// 8: A-4's `agent` is an array (column 28), found through both of its ratings: one message.
    /// 11: A-5's `ratings` is `null`; column 5.
    /// 12: I-6 has no `reviews` (not reviewed yet): no message.
    static let reviews = """
        {"conversations": [
          {"ticket": "I-1", "reviews": [
            {"id": "A-1", "agent": "Sofía Núñez", "by": "Rev One", "on": "2025-10-20", "ratings": [
              {"criterion": "greeting", "value": "yes"}, {"criterion": "accuracy", "value": {"points": 9.5}},
              {"criterion": "tone", "value": 4}]},
            {"id": "A-2", "agent": "Sofía Núñez", "by": "Rev One", "on": "2025-10-03", "ratings": []},
            {"id": "A-3", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-01"},
            {"id": "A-4", "agent": ["Ben Ode"], "by": "Rev Two", "on": "2025-11-01", "ratings": [
              {"criterion": "greeting", "value": "yes"}, {"criterion": "accuracy", "value": 10}]}]},
          {"ticket": "I-5", "reviews": [
            {"id": "A-5", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-02", "ratings": null},
            {"id": "A-6", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-02", "ratings": [
              {"criterion": "greeting", "value": "yes"}, {"criterion": "accuracy", "value": 8}]}]},
          {"ticket": "I-6"}
        ]}
        """

    static let longProfile = """
        profile: nested-long
        format: json
        records: conversations.reviews.ratings
        columns: { interaction_id: ticket, agent: agent, reviewer: by, date: on }
        long: { audit: id, criterion: criterion, value: value }

        """

    private func score(_ workspace: OutputWorkspace, _ file: String, _ profile: String) throws -> QAKitProcess.Output {
        try workspace.run(["score", "-s", "scorecards", "--format", "csv", file, "--profile", profile])
    }

    /// A-6 alone scores: greeting yes (1), accuracy 8/10 (0.8), tone not required → 100 × 1.8/2 = 90.00.
    @Test func nestedRatingsProblemsAreLocatedAndReviewsWithoutRatingsNamed() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.reviews, to: "reviews.json")
        try workspace.write(Self.longProfile, to: "long.yaml")
        let output = try score(workspace, "reviews.json", "long.yaml")
        #expect(output.status == 1, "\(output.standardError)")
        let errors = output.standardError.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(errors.contains("reviews.json:4:85: error: row skipped: 'value' is an object; expected a string, number or boolean"), "\(errors)")
        #expect(errors.contains("reviews.json:6:5: error: audit 'A-2' skipped: its 'ratings' is [] (records path 'conversations.reviews.ratings'), so it has no answers to score"), "\(errors)")
        #expect(errors.contains("reviews.json:7:5: error: audit 'A-3' skipped: its 'ratings' is missing (records path 'conversations.reviews.ratings'), so it has no answers to score"), "\(errors)")
        #expect(errors.contains("reviews.json:11:5: error: audit 'A-5' skipped: its 'ratings' is null (records path 'conversations.reviews.ratings'), so it has no answers to score"), "\(errors)")
        #expect(errors.filter { $0 == "reviews.json:8:28: error: row skipped: 'agent' is an array; expected a string, number or boolean" }.count == 1, "\(errors)")
        #expect(!output.standardError.contains("I-6"))
        let rows = output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { "\($0[0]) \($0[7])" } == ["A-6 90.00"], "\(output.standardOutput)")
    }

    /// Without `long`, the same review without ratings is named by `columns.audit_id` (the review's
    /// `id`, found in the enclosing review), at the review: A-7's `{` is line 3, column 5.
    @Test func aReviewWithoutRatingsIsNamedWithoutLongToo() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"reviews": [
              {"id": "A-6", "ticket": "I-6", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-02", "ratings": [{"g": "yes", "a": 8}]},
                {"id": "A-7", "ticket": "I-7", "agent": "Ben Ode", "by": "Rev Two", "on": "2025-11-02", "ratings": []}
            ]}
            """, to: "wide.json")
        try workspace.write("""
            profile: wide
            format: json
            records: reviews.ratings
            columns: { audit_id: id, interaction_id: ticket, agent: agent, reviewer: by, date: on, greeting: g, accuracy: a }

            """, to: "wide.yaml")
        let output = try score(workspace, "wide.json", "wide.yaml")
        #expect(output.status == 1, "\(output.standardError)")
        #expect(output.standardError.contains("wide.json:3:5: error: audit 'A-7' skipped: its 'ratings' is [] (records path 'reviews.ratings'), so it has no answers to score\n"),
                "\(output.standardError)")
        #expect(output.standardError.contains("scored 1 audit, rejected 1"), "\(output.standardError)")
    }

    /// Without `long`: a column path that finds an object (A-2's `agent.name`, the inner `{` at
    /// line 3 column 52) and a record that is not an object (line 4 column 3) are located; A-1 scores.
    @Test func aNestedValueOfTheWrongTypeAndARecordThatIsNoObjectAreLocated() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"data": {"evaluations": [
              {"id": "A-1", "ticket": "I-1", "agent": {"name": "Ana"}, "grader": "Rev", "created": "2025-10-20", "answers": {"greeting": "yes", "accuracy": 9}},
              {"id": "A-2", "ticket": "I-2", "agent": {"name": {"first": "Ana"}}, "grader": "Rev", "created": "2025-10-20", "answers": {"greeting": "yes", "accuracy": 9}},
              [1, 2]
            ]}}
            """, to: "keyed.json")
        try workspace.write("""
            profile: keyed
            format: json
            records: data.evaluations
            columns: { audit_id: id, interaction_id: ticket, agent: agent.name, reviewer: grader, date: created }

            """, to: "keyed.yaml")
        let output = try score(workspace, "keyed.json", "keyed.yaml")
        #expect(output.status == 1, "\(output.standardError)")
        #expect(output.standardError.contains("keyed.json:3:52: error: audit 'A-2', field 'agent' (path 'agent.name'): expected a string, number or boolean, found an object\n"),
                "\(output.standardError)")
        #expect(output.standardError.contains("keyed.json:4:3: error: record skipped: expected an audit object, found an array\n"), "\(output.standardError)")
        #expect(output.standardError.contains("scored 1 audit, rejected 2"), "\(output.standardError)")
    }

    /// A records path that does not exist is one error for the file at the object that lacks the
    /// key (`data`'s `{`, line 1 column 10); one that passes through a string is at the string
    /// (line 3, column 3).
    @Test func aRecordsPathThatDoesNotExistIsLocatedAtTheObjectThatLacksIt() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write("""
            {"data": {"evaluations": [], "reviews": [
              {"id": "R-1", "ratings": []},
              "not a review"
            ]}}
            """, to: "export.json")
        try workspace.write("profile: p\nformat: json\nrecords: data.evaluatons\n", to: "typo.yaml")
        let typo = try score(workspace, "export.json", "typo.yaml")
        #expect(typo.status == 2)
        #expect(typo.standardOutput.isEmpty)
        #expect(typo.standardError.hasPrefix("export.json:1:10: error: records path 'data.evaluatons': 'data' has no 'evaluatons'; did you mean 'evaluations'?; it has 'evaluations', 'reviews'\n"),
                "\(typo.standardError)")
        try workspace.write("profile: p\nformat: json\nrecords: data.reviews.ratings\n", to: "string.yaml")
        let string = try score(workspace, "export.json", "string.yaml")
        #expect(string.status == 2)
        #expect(string.standardError.hasPrefix("export.json:3:3: error: records path 'data.reviews.ratings': 'data.reviews.1' is a string, not an object with 'ratings'\n"),
                "\(string.standardError)")
    }
}
