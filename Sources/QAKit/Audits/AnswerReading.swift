/// What reading one record's answers needs of a scorecard version, compiled once per version and
/// shared by both ways a record is read (docs/scoring.md, "One compiled scorecard"): the general
/// decoder (`AuditDecoder`) and the byte path, through `CompiledScorecard`.
struct AnswerReading: Sendable {
    /// The criteria in order, flattened once rather than per record.
    let criteria: [Criterion]
    /// Each criterion compiled for reading its answer cell, in the same order.
    let specs: [AnswerSpec]
    /// The option values and number ranges the specs point into.
    let tables: AnswerSpec.Tables
    /// A comment list with no comments, shared by every record that has none.
    let noComments: [String?]
    /// `Scorecard.usesConditionsBeyondFields`: whether applicability must be worked out in
    /// criterion order while the answers are read.
    let tracksApplicability: Bool
    /// The section of each criterion, by position; empty unless `tracksApplicability`.
    let sectionOf: [Int]

    init(_ scorecard: Scorecard) {
        criteria = scorecard.sections.flatMap(\.criteria)
        var tables = AnswerSpec.Tables()
        specs = criteria.map { AnswerSpec($0, tables: &tables) }
        self.tables = tables
        noComments = [String?](repeating: nil, count: criteria.count)
        tracksApplicability = scorecard.usesConditionsBeyondFields
        sectionOf = tracksApplicability
            ? scorecard.sections.indices.flatMap { section in Array(repeating: section, count: scorecard.sections[section].criteria.count) }
            : []
    }
}
