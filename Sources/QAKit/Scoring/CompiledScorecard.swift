/// One scorecard version compiled once for a run (docs/scoring.md, "One compiled scorecard"):
/// everything the run's readers and scorers use of it, built in one place and only read after.
///
/// - `reading`: the criteria in order, each one's answer reader (`AnswerSpec`) and the option
///   words they compare with; used by the general decoder (`AuditDecoder`) and by the byte path
///   (`CSVRowDecoder`) alike, so that both read an answer cell the same way.
/// - `engine`: the exact scorer, with the integer plan (`ScoringPlan`: conditions, weights,
///   credits, pass and band thresholds) when the scorecard's figures fit one, and the rational
///   reference beside it.
/// - `formCells`: for a form plan, how the byte path reads a number's or a field's cell.
/// - `shared`: the scorecard behind one reference, for every `ScoredAudit` of the run.
///
/// What depends on a file's columns (`RecordLayout.Plan`: which column holds which answer) is
/// compiled per layout, from this.
final class CompiledScorecard: Sendable {
    let scorecard: Scorecard
    let reading: AnswerReading
    let engine: ScoreEngine
    let formCells: [FormCell]
    let shared: SharedScorecard

    /// How a form plan's cell of a number or a field is read (`CSVRowDecoder.readForm`).
    struct FormCell: Sendable {
        let form: FormTables.Form
        let allowsNA: Bool
        /// The options of a `select` or `multi_select`.
        let words: [ASCIIWord?]
        /// A `number`'s ranges in millionths; empty for a field.
        let ranges: [(low: Int64, high: Int64)]
    }

    init(_ scorecard: Scorecard) {
        self.scorecard = scorecard
        reading = AnswerReading(scorecard)
        engine = ScoreEngine(scorecard: scorecard)
        shared = SharedScorecard(scorecard)
        formCells = engine.plan.flatMap { plan in
            plan.form.map { form in
                form.items.indices.map { index in
                    let criterion = plan.criteria[index]
                    var ranges: [(low: Int64, high: Int64)] = []
                    if case .ranges(let first, let count) = form.items[index].kind { ranges = Array(form.ranges[first..<first + count]) }
                    return FormCell(form: form.items[index].form, allowsNA: criterion.allowsNA,
                                    words: (criterion.kind.options ?? []).map { ASCIIWord($0.value) }, ranges: ranges)
                }
            }
        } ?? []
    }

    /// The compiled plan, `nil` when the scorecard's figures do not fit one.
    var plan: ScoringPlan? { engine.plan }
}
