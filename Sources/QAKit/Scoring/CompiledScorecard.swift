/// One scorecard version compiled once for a run (docs/scoring.md, "One compiled scorecard"):
/// everything the run's readers and scorers use of it, built in one place and only read after.
///
/// - `reading`: the criteria in order, each one's answer reader (`AnswerSpec`) and the option
///   words and number ranges they compare with; used by the general decoder (`AuditDecoder`) and
///   by the byte path (`CSVRowDecoder`) alike, so that both read every answer cell the same way.
/// - `engine`: the exact scorer, with the integer plan (`ScoringPlan`: conditions, weights,
///   credits, pass and band thresholds) when the scorecard's figures fit one, and the rational
///   reference beside it.
/// - `shared`: the scorecard behind one reference, for every `ScoredAudit` of the run.
///
/// What depends on a file's columns (`RecordLayout.Plan`: which column holds which answer) is
/// compiled per layout, from this.
final class CompiledScorecard: Sendable {
    let scorecard: Scorecard
    let reading: AnswerReading
    let engine: ScoreEngine
    let shared: SharedScorecard

    init(_ scorecard: Scorecard) {
        self.scorecard = scorecard
        reading = AnswerReading(scorecard)
        engine = ScoreEngine(scorecard: scorecard)
        shared = SharedScorecard(scorecard)
    }

    /// The compiled plan, `nil` when the scorecard's figures do not fit one.
    var plan: ScoringPlan? { engine.plan }
}
