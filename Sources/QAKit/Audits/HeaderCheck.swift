/// What a CSV or TSV header says about every record below it, checked once per file: a column
/// that every record needs and the header lacks would otherwise reject each record alike (a
/// renamed `agent` column on a 425,000-row export gave 424,994 identical errors). JSON Lines and
/// YAML have no header; their readers use `notAuditFile` when no object has a required field.
///
/// The check reads only the header's names, so it costs nothing per row. Rules (docs/audits.md):
/// - a header with none of the required fields and no near-miss of one is not an audit file;
/// - a header that lacks some required fields is one error naming them, with a did-you-mean for
///   each near-miss column (`Agent`, `reviewr`);
/// - with one scorecard loaded, a required criterion without `when` whose column is absent is one
///   error too: every record is scored with that scorecard, so every record would be rejected.
///   With several scorecards the row's `scorecard` or `applies_to` decides, so the header cannot,
///   and those records are rejected one by one (`ScoringRun` reports repeats once, with a count).
enum HeaderCheck {
    /// The fields every audit must have, in the order messages list them.
    static let requiredFields: [RecordLayout.StandardField] = [.auditID, .interactionID, .agent, .reviewer, .date]

    /// `audit_id, interaction_id, agent, reviewer and date`.
    static let requiredFieldList = list(requiredFields.map(\.rawValue), quoted: false)

    /// The problem that makes the file unreadable, or `nil` when its header can hold audits.
    static func problem(with layout: RecordLayout, scorecards: [Scorecard], file: String, line: Int) -> InputError? {
        var message = missingFieldProblem(layout)
        if message == nil, scorecards.count == 1 { message = missingCriterionProblem(layout, scorecards) }
        return message.map { InputError(file: file, line: line, message: $0, isUnreadable: true) }
    }

    /// The required fields the header lacks, or that it is not an audit file at all.
    private static func missingFieldProblem(_ layout: RecordLayout) -> String? {
        let missing = requiredFields.filter { layout.column(of: $0) == nil }.map(\.rawValue)
        guard !missing.isEmpty else { return nil }
        let hints = missing.compactMap { name in layout.misspelling(of: name).map { hint(column: $0, for: name) } }
        if missing.count == requiredFields.count && hints.isEmpty {
            return "not an audit file: the header has none of the columns an audit needs (\(requiredFieldList))"
        }
        let noun = missing.count == 1 ? "column" : "columns"
        return "the header lacks required \(noun) \(list(missing, quoted: true)) (every audit needs \(requiredFieldList))" + hints.joined()
    }

    /// The required criteria that always apply (no `when` or `unless`, nor on their section) and
    /// have no column, for a run whose only scorecard is `scorecards[0]` (so every record is
    /// scored with it).
    private static func missingCriterionProblem(_ layout: RecordLayout, _ scorecards: [Scorecard]) -> String? {
        let scorecard = scorecards[0]
        let plan = layout.plan(for: scorecards, index: 0)
        let absent = scorecard.criteria.enumerated().filter { offset, entry in
            let criterion = entry.criterion
            let section = scorecard.sections[entry.section]
            let alwaysApplies = criterion.when == nil && criterion.unless == nil && section.when == nil && section.unless == nil
            return criterion.isRequired && alwaysApplies && plan.answerColumn[offset] == nil
        }.map(\.element.criterion.id)
        guard !absent.isEmpty else { return nil }
        let hints = absent.compactMap { id in layout.misspelling(of: id).map { hint(column: $0, for: id) } }
        let noun = absent.count == 1 ? "a column for required criterion" : "columns for required criteria"
        return "the header lacks \(noun) \(list(absent, quoted: true)) of scorecard '\(scorecard.id)', so no record could be scored" + hints.joined()
    }

    /// The error for a JSON Lines or YAML file in which none of the `records` objects read has
    /// any required field (a ticket export): it has no header, so its records stand in for one.
    static func notAuditFile(file: String, line: Int, records: Int, isAll: Bool) -> InputError {
        let counted = records == 1 ? "its only record has" : isAll ? "none of its \(records) records has" : "none of its first \(records) records has"
        return InputError(file: file, line: line, message: "not an audit file: \(counted) any of the fields \(requiredFieldList)",
                          isUnreadable: true)
    }

    /// Whether a record of `layout` has a column or key for any required field.
    static func hasRequiredField(_ layout: RecordLayout) -> Bool {
        requiredFields.contains { layout.column(of: $0) != nil }
    }

    /// Whether `keys` (a JSON object's or YAML mapping's) name any required field.
    static func hasRequiredField(_ keys: some Sequence<String>) -> Bool {
        keys.contains { RecordLayout.StandardField(rawValue: $0).map(requiredFields.contains) ?? false }
    }

    /// `; is column 'Agent' meant to be 'agent'?`, noting when only the case differs.
    private static func hint(column: String, for name: String) -> String {
        let caseNote = column.lowercased() == name.lowercased() ? " (names are case-sensitive)" : ""
        return "; is column '\(column)' meant to be '\(name)'?\(caseNote)"
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
    private static func list(_ names: [String], quoted: Bool) -> String {
        let items = quoted ? names.map { "'\($0)'" } : names
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
