/// What each column (CSV) or key (JSON Lines, YAML) of an audit record means.
///
/// A layout is worked out once per CSV header, or once per distinct key sequence in JSON Lines,
/// so that decoding a record is a walk over an array rather than a dictionary per record.
public final class RecordLayout: @unchecked Sendable {
    /// The role of one column.
    public enum Role: Sendable, Equatable {
        case standard(StandardField)
        /// An answer to the criterion with this id (CSV column `id`, JSON `answers.id`).
        case answer(String)
        /// A reviewer comment on a criterion (CSV `id.comment`, JSON `comments.id`).
        case criterionComment(String)
        /// Any other field: metadata such as `team` or `channel`.
        case metadata(String)
    }

    /// The fields docs/audits.md defines.
    public enum StandardField: String, Sendable, CaseIterable {
        case auditID = "audit_id", interactionID = "interaction_id", agent, reviewer, date, scorecard, calibration, comment
        case scorecardVersion = "scorecard_version"

        /// Position in `allCases`, to index a plain array instead of hashing.
        var ordinal: Int {
            switch self {
            case .auditID: 0
            case .interactionID: 1
            case .agent: 2
            case .reviewer: 3
            case .date: 4
            case .scorecard: 5
            case .calibration: 6
            case .comment: 7
            case .scorecardVersion: 8
            }
        }
    }

    /// The column names as written.
    public let names: [String]
    /// Whether the names are a JSON object's or YAML mapping's keys (answers under `answers`)
    /// rather than a CSV header's columns, for messages that name where an answer was looked for.
    public let isKeyed: Bool
    public let roles: [Role]
    /// How many columns hold metadata, to size each record's field dictionary once.
    let metadataCount: Int
    /// Whether no two metadata columns share a name, so a record's fields can be stored without
    /// first checking for an earlier column of the same name.
    let hasDistinctMetadataNames: Bool
    /// The metadata columns in order, and their names: every record of the layout shares the
    /// names, and keeps only its values (`AuditFields`).
    let metadataColumns: [Int]
    public let metadataNames: [String]
    /// Column index of each standard field by `StandardField.ordinal`, -1 when absent: read for
    /// every field of every record, so an array rather than a dictionary.
    private let standardColumns: [Int]

    /// The column of a standard field, if present.
    func column(of field: StandardField) -> Int? {
        let column = standardColumns[field.ordinal]
        return column < 0 ? nil : column
    }
    /// Per scorecard index: for each criterion (in `Scorecard.criteria` order) its answer column
    /// and its comment column. Built on first use.
    private var plans: [Plan?] = []

    /// A class, so that handing it to each record costs one reference count, not three arrays.
    final class Plan {
        let answerColumn: [Int?]
        let commentColumn: [Int?]
        /// Answer columns naming criteria the scorecard does not have.
        let foreignAnswerColumns: [Int]
        /// Whether any criterion has a comment column (if not, records need no comment list).
        let hasComments: Bool

        init(answerColumn: [Int?], commentColumn: [Int?], foreignAnswerColumns: [Int]) {
            self.answerColumn = answerColumn
            self.commentColumn = commentColumn
            self.foreignAnswerColumns = foreignAnswerColumns
            hasComments = commentColumn.contains { $0 != nil }
        }
    }

    /// Classifies `names`: standard fields by name, `x.comment` as comments, names in
    /// `criterionIDs` as answers, everything else as metadata. `explicitRoles` (from JSON's
    /// `answers`/`comments` objects) take precedence.
    public init(names: [String], explicitRoles: [Role?]? = nil, criterionIDs: Set<String>) {
        self.names = names
        isKeyed = explicitRoles != nil
        var roles: [Role] = []
        var standardColumns = Array(repeating: -1, count: StandardField.allCases.count)
        for (index, name) in names.enumerated() {
            let role = explicitRoles?[index] ?? Self.role(of: name, criterionIDs: criterionIDs)
            if case .standard(let field) = role, standardColumns[field.ordinal] < 0 { standardColumns[field.ordinal] = index }
            roles.append(role)
        }
        self.roles = roles
        var metadataColumns: [Int] = []
        var metadataNames: [String] = []
        for (index, role) in roles.enumerated() {
            if case .metadata(let name) = role {
                metadataColumns.append(index)
                metadataNames.append(name)
            }
        }
        self.metadataColumns = metadataColumns
        self.metadataNames = metadataNames
        metadataCount = metadataNames.count
        hasDistinctMetadataNames = Set(metadataNames).count == metadataNames.count
        self.standardColumns = standardColumns
    }

    private static func role(of name: String, criterionIDs: Set<String>) -> Role {
        if let field = StandardField(rawValue: name) { return .standard(field) }
        if name.hasSuffix(".comment") {
            let id = String(name.dropLast(".comment".count))
            if criterionIDs.contains(id) { return .criterionComment(id) }
        }
        if criterionIDs.contains(name) { return .answer(name) }
        return .metadata(name)
    }

    /// The column plan for the scorecard at `index` in the run's list.
    func plan(for scorecards: [Scorecard], index: Int) -> Plan {
        if index < plans.count, let plan = plans[index] { return plan }
        let scorecard = scorecards[index]
        var position: [String: Int] = [:]
        for (offset, entry) in scorecard.criteria.enumerated() { position[entry.criterion.id] = offset }
        var answerColumn = [Int?](repeating: nil, count: position.count)
        var commentColumn = [Int?](repeating: nil, count: position.count)
        var foreignAnswerColumns: [Int] = []
        for (column, role) in roles.enumerated() {
            switch role {
            case .answer(let id):
                if let offset = position[id] { answerColumn[offset] = column } else { foreignAnswerColumns.append(column) }
            case .criterionComment(let id):
                if let offset = position[id] { commentColumn[offset] = column }
            default:
                break
            }
        }
        let plan = Plan(answerColumn: answerColumn, commentColumn: commentColumn, foreignAnswerColumns: foreignAnswerColumns)
        if plans.count <= index { plans += Array(repeating: nil, count: index + 1 - plans.count) }
        plans[index] = plan
        return plan
    }

    /// Metadata columns whose names look like misspelt criterion ids or standard fields (also
    /// in another case: `Audit_ID`), with the likely name.
    public func misspeltColumns(criterionIDs: Set<String>) -> [(column: Int, suggestion: String)] {
        let candidates = criterionIDs.union(StandardField.allCases.map(\.rawValue))
        return roles.enumerated().compactMap { column, role in
            guard case .metadata(let name) = role, !name.isEmpty else { return nil }
            let base = name.hasSuffix(".comment") ? String(name.dropLast(".comment".count)) : name
            guard let match = Suggestion.closest(to: base, among: candidates), match != base else { return nil }
            return (column, name.hasSuffix(".comment") ? match + ".comment" : match)
        }
    }

    /// The column that looks like a misspelling of `name`, for hints on a missing field.
    func misspelling(of name: String) -> String? {
        names.first { $0 != name && !$0.isEmpty && Suggestion.closest(to: $0, among: [name]) != nil }
    }
}
