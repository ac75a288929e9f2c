/// The empty answer columns that `qakit sample --worksheet` adds after the sample's own columns,
/// so that reviewers fill the file in and `qakit score` reads it as audits (docs/audits.md).
///
/// In order: `audit_id` and `reviewer` (empty), `date` (only when the interactions have none)
/// and `scorecard` (the scorecard's id, so the file scores alongside other scorecards), then each
/// criterion's column and its `<id>.comment` column, in scorecard order, then `comment`. A
/// standard column the interactions already have is not added again.
public struct SampleWorksheet: Sendable {
    /// The scorecard whose criteria the worksheet asks about.
    public let scorecard: Scorecard

    /// A worksheet for `scorecard`.
    public init(scorecard: Scorecard) {
        self.scorecard = scorecard
    }

    /// The columns to add after `inputColumns`, with the value every row gets (empty but for
    /// `scorecard`).
    public func columns(after inputColumns: [String]) -> [(name: String, value: String)] {
        var columns: [(name: String, value: String)] = []
        for name in ["audit_id", "reviewer", "date"] where !inputColumns.contains(name) { columns.append((name, "")) }
        if !inputColumns.contains("scorecard") { columns.append(("scorecard", scorecard.id)) }
        for (_, criterion) in scorecard.criteria {
            columns.append((criterion.id, ""))
            columns.append((criterion.id + ".comment", ""))
        }
        if !inputColumns.contains("comment") { columns.append(("comment", "")) }
        return columns
    }

    /// Input columns named like an answer column of the scorecard: the file would name the
    /// column twice, which `qakit score` refuses, so the worksheet cannot be written.
    public func conflicts(with inputColumns: [String]) -> [String] {
        let answers = Set(scorecard.criteria.flatMap { [$0.criterion.id, $0.criterion.id + ".comment"] })
        return inputColumns.filter(answers.contains)
    }
}
