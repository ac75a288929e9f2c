import QAKit

/// The note on a worksheet header cell: what the column asks for, so that reviewers need not
/// open the scorecard (docs/spreadsheets.md). Plain text, one fact per line.
enum HeaderNote {
    /// The note for `column`, or `nil` for an interaction column (its meaning is the export's).
    static func text(for column: ReviewWorksheet.Column) -> String? {
        switch column {
        case .standard(let name): standardNotes[name]
        case .interaction: nil
        case .answer(let criterion): answerNote(criterion)
        case .criterionComment(let criterion): "Optional: your comment on '\(criterion.title)'."
        }
    }

    private static let standardNotes = [
        "audit_id": "Required: an id for this audit, unique across all audit files (for example QA-2026-0001).",
        "interaction_id": "Required: the ticket, chat or call reviewed.",
        "agent": "Required: who handled the interaction.",
        "reviewer": "Required: who audits it (your name or id).",
        "date": "Required: the day, YYYY-MM-DD.",
        "scorecard": "Filled in: the scorecard these questions belong to. Leave it as it is.",
        "comment": "Optional: your overall comment.",
    ]

    /// The title, the guidance, what each answer means and when the question applies.
    private static func answerNote(_ criterion: Criterion) -> String {
        var lines = [criterion.title]
        if let guidance = criterion.guidance { lines.append(guidance) }
        switch criterion.kind {
        case .yesNo:
            lines.append("Answer yes or no.")
        case .scale(let minimum, let maximum, let levels):
            lines.append("Answer a whole number from \(minimum) to \(maximum).")
            lines += levels.keys.sorted().map { "\($0): \(levels[$0]!)" }
        case .choice(let options):
            lines.append("Answer one of:")
            lines += options.map { $0.label == $0.value ? $0.value : "\($0.value): \($0.label)" }
        case .points(let maximum):
            lines.append("Answer a number of points from 0 to \(maximum.decimalString(maximumPlaces: 2)), at most two decimals.")
        case .number(let ranges):
            lines.append("Answer a number.")
            lines += ranges.map { "\($0.minimum.decimalString()) to \($0.maximum.decimalString()): \(($0.credit * .hundred).decimalString())% credit" }
        case .date:
            lines.append("Answer a date written YYYY-MM-DD.")
        case .text:
            lines.append("Any text.")
        case .select(let options):
            lines.append("Answer one of:")
            lines += options.map { $0.label == $0.value ? $0.value : "\($0.value): \($0.label)" }
        case .multiSelect(let options):
            lines.append("Answer one or more of, separated by ';':")
            lines += options.map { $0.label == $0.value ? $0.value : "\($0.value): \($0.label)" }
        }
        if criterion.allowsNA { lines.append("na: not applicable.") }
        if let condition = criterion.when {
            let clauses = condition.clauses.map { "\($0.field) is \($0.values.joined(separator: " or "))" }
            lines.append("Applies only when \(clauses.joined(separator: " and ")); leave it blank otherwise.")
        }
        if !criterion.isRequired { lines.append("Optional.") }
        return lines.joined(separator: "\n")
    }
}
