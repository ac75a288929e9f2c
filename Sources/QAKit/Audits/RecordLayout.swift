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

    /// The fields SPEC.md section 3 defines.
    public enum StandardField: String, Sendable, CaseIterable {
        case auditID = "audit_id", interactionID = "interaction_id", agent, reviewer, date, scorecard, calibration, comment
    }

    /// The column names as written.
    public let names: [String]
    public let roles: [Role]
    /// Column index of each standard field, if present.
    let standardIndex: [StandardField: Int]
    /// Per scorecard index: for each criterion (in `Scorecard.criteria` order) its answer column
    /// and its comment column. Built on first use.
    private var plans: [Int: Plan] = [:]

    struct Plan {
        var answerColumn: [Int?]
        var commentColumn: [Int?]
        /// Answer columns naming criteria the scorecard does not have.
        var foreignAnswerColumns: [Int]
    }

    /// Classifies `names`: standard fields by name, `x.comment` as comments, names in
    /// `criterionIDs` as answers, everything else as metadata. `explicitRoles` (from JSON's
    /// `answers`/`comments` objects) take precedence.
    public init(names: [String], explicitRoles: [Role?]? = nil, criterionIDs: Set<String>) {
        self.names = names
        var roles: [Role] = []
        var standardIndex: [StandardField: Int] = [:]
        for (index, name) in names.enumerated() {
            let role = explicitRoles?[index] ?? Self.role(of: name, criterionIDs: criterionIDs)
            if case .standard(let field) = role, standardIndex[field] == nil { standardIndex[field] = index }
            roles.append(role)
        }
        self.roles = roles
        self.standardIndex = standardIndex
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

    /// The column plan for `scorecard` (at `index` in the run's list).
    func plan(for scorecard: Scorecard, index: Int) -> Plan {
        if let plan = plans[index] { return plan }
        var position: [String: Int] = [:]
        for (offset, entry) in scorecard.criteria.enumerated() { position[entry.criterion.id] = offset }
        var plan = Plan(
            answerColumn: Array(repeating: nil, count: position.count),
            commentColumn: Array(repeating: nil, count: position.count),
            foreignAnswerColumns: []
        )
        for (column, role) in roles.enumerated() {
            switch role {
            case .answer(let id):
                if let offset = position[id] { plan.answerColumn[offset] = column } else { plan.foreignAnswerColumns.append(column) }
            case .criterionComment(let id):
                if let offset = position[id] { plan.commentColumn[offset] = column }
            default:
                break
            }
        }
        plans[index] = plan
        return plan
    }

    /// Metadata columns whose names look like misspelt criterion ids, with the likely id.
    public func misspeltColumns(criterionIDs: Set<String>) -> [(column: Int, suggestion: String)] {
        roles.enumerated().compactMap { column, role in
            guard case .metadata(let name) = role else { return nil }
            let base = name.hasSuffix(".comment") ? String(name.dropLast(".comment".count)) : name
            guard let match = Suggestion.closest(to: base, among: criterionIDs), match != base else { return nil }
            return (column, name.hasSuffix(".comment") ? match + ".comment" : match)
        }
    }
}
