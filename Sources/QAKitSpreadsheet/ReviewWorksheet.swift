import QAKit

/// What `qakit worksheet` lays out for reviewers to fill in (docs/spreadsheets.md, "Worksheets
/// for reviewers"): the columns of an audit file for one scorecard, and a row per interaction.
///
/// Columns, in order: `audit_id`, `interaction_id`, `agent`, `reviewer`, `date`, `scorecard`;
/// then the interactions' other columns (`team`, `channel`, `sample_seed`…) in their order;
/// then each criterion's answer column and its `<id>.comment` column, in scorecard order; then
/// `comment`. An interaction column named like one of these (a `qakit sample --worksheet`
/// file has them all) fills that column rather than adding another, except `scorecard`, which
/// is always this scorecard's id: the worksheet asks this scorecard's questions. An interaction
/// column without a name is left out (`qakit score` would refuse values under it).
public struct ReviewWorksheet: Sendable {
    /// What a column holds, which decides its dropdown and its header's note.
    public enum Column: Sendable {
        /// One of the fields of docs/audits.md (`audit_id`, `agent`, `comment`…).
        case standard(String)
        /// An interaction column with no meaning to the worksheet, kept as metadata.
        case interaction(String)
        /// The answer to a criterion.
        case answer(Criterion)
        /// The reviewer's comment on a criterion: `<id>.comment`.
        case criterionComment(Criterion)

        /// The header cell: the qakit column name.
        public var name: String {
            switch self {
            case .standard(let name), .interaction(let name): name
            case .answer(let criterion): criterion.id
            case .criterionComment(let criterion): criterion.id + ".comment"
            }
        }
    }

    /// The standard columns before the interactions' own, in order.
    static let leadingFields = ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard"]

    /// Rows laid out when no interactions are given, so that the dropdowns reach far enough.
    public static let blankRowCount = 500

    /// The scorecard whose criteria the worksheet asks about.
    public let scorecard: Scorecard
    public let columns: [Column]
    /// One entry per row to fill, a cell per column (empty for the reviewer to fill); the
    /// `scorecard` cell holds the scorecard's id on every row.
    public let rows: [[String]]

    /// A worksheet for `scorecard`: a row per interaction of `interactions`, or
    /// `blankRowCount` rows holding only the scorecard's id.
    public init(scorecard: Scorecard, interactions: InteractionTable? = nil) {
        self.scorecard = scorecard
        var columns = Self.leadingFields.map(Column.standard)
        let answerNames = Set(scorecard.criteria.flatMap { [$0.criterion.id, $0.criterion.id + ".comment"] } + ["comment"])
        for name in interactions?.columns ?? [] where !name.isEmpty && !Self.leadingFields.contains(name) && !answerNames.contains(name) {
            columns.append(.interaction(name))
        }
        for (_, criterion) in scorecard.criteria {
            columns.append(.answer(criterion))
            columns.append(.criterionComment(criterion))
        }
        columns.append(.standard("comment"))
        self.columns = columns
        let scorecardColumn = Self.leadingFields.firstIndex(of: "scorecard")!
        guard let interactions else {
            var blank = [String](repeating: "", count: columns.count)
            blank[scorecardColumn] = scorecard.id
            rows = [[String]](repeating: blank, count: Self.blankRowCount)
            return
        }
        let sources = columns.map { interactions.columns.firstIndex(of: $0.name) }
        rows = interactions.rows.map { values in
            var row = sources.map { $0.map { values[$0] } ?? "" }
            row[scorecardColumn] = scorecard.id
            return row
        }
    }

    /// The sheet's name: the scorecard id, which `qakit score` looks for, cut to the 31
    /// characters a sheet name may have (ids are lower-case letters, digits, `_` and `-`, which
    /// sheet names allow). A cut name does not match the id, but the workbook has one sheet,
    /// and the first sheet is read when no name matches.
    public var sheetName: String { String(scorecard.id.prefix(31)) }
}
