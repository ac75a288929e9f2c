/// `calibrate --format json` (`docs/calibration.md`): one object per scorecard, fields in the
/// documented order, statistics unrounded, undefined figures `null`.
///
/// A single scorecard prints one object; several print a JSON array of them. Each interaction,
/// reviewer and criterion takes one line, and the text is streamed to the sink in pieces, so
/// that a session of 100,000 interactions is never built as one string.
public enum CalibrationJSON {
    /// Writes one object for one report, a JSON array for several, ending with a newline.
    public static func write(_ reports: [CalibrationReport], to sink: TextSink) throws {
        if reports.count == 1 {
            try write(reports[0], indent: "", to: sink)
            try sink.write("\n")
            return
        }
        try sink.write("[")
        for (index, report) in reports.enumerated() {
            try sink.write(index == 0 ? "\n  " : ",\n  ")
            try write(report, indent: "  ", to: sink)
        }
        try sink.write(reports.isEmpty ? "]\n" : "\n]\n")
    }

    private static func write(_ report: CalibrationReport, indent: String, to sink: TextSink) throws {
        let inner = indent + "  "
        try sink.write("{\n")
        try sink.write("\(inner)\"scorecard\": \(JSONText.string(report.scorecard)),\n")
        try sink.write("\(inner)\"scorecard_version\": \(report.scorecardVersion),\n")
        try sink.write("\(inner)\"tolerance\": \(report.tolerance.decimalString(maximumPlaces: 4)),\n")
        try sink.write("\(inner)\"benchmark\": \(JSONText.string(report.benchmark)),\n")
        try sink.write("\(inner)\"overall\": \(overall(report.overall)),\n")
        try list("interactions", report.interactions.map(interaction), indent: inner, to: sink)
        try sink.write(",\n")
        try list("reviewers", report.reviewers.map(reviewer), indent: inner, to: sink)
        try sink.write(",\n")
        try list("criteria", report.criteria.map(criterion), indent: inner, to: sink)
        try sink.write("\n\(indent)}")
    }

    private static func list(_ name: String, _ items: some Collection<String>, indent: String, to sink: TextSink) throws {
        try sink.write("\(indent)\(JSONText.string(name)): [")
        var first = true
        for item in items {
            try sink.write(first ? "\n\(indent)  " : ",\n\(indent)  ")
            try sink.write(item)
            first = false
        }
        try sink.write(first ? "]" : "\n\(indent)]")
    }

    static func overall(_ figures: OverallFigures) -> String {
        JSONText.object([
            ("interactions", String(figures.interactions)),
            ("reviewers", String(figures.reviewers)),
            ("audits", String(figures.audits)),
            ("alpha", JSONText.number(figures.alpha)),
            ("calibration_variance", JSONText.number(figures.calibrationVariance)),
            ("calibration_sd", JSONText.number(figures.calibrationSD)),
            ("within_tolerance_rate", JSONText.number(figures.withinToleranceRate)),
            ("too_few_units", JSONText.bool(figures.hasTooFewUnits)),
        ])
    }

    static func interaction(_ figures: InteractionFigures) -> String {
        JSONText.object([
            ("interaction_id", JSONText.string(figures.interactionID)),
            ("reviewers", String(figures.reviewerCount)),
            ("scores", JSONText.object(figures.scores.map { ($0.reviewer, JSONText.number($0.score)) })),
            ("mean", JSONText.number(figures.mean)),
            ("variance", JSONText.number(figures.variance)),
            ("sd", JSONText.number(figures.sd)),
            ("range", JSONText.number(figures.range)),
            ("benchmark_score", JSONText.number(figures.benchmarkScore)),
            ("within_tolerance", JSONText.bool(figures.isWithinTolerance)),
        ])
    }

    static func reviewer(_ figures: ReviewerFigures) -> String {
        JSONText.object([
            ("reviewer", JSONText.string(figures.reviewer)),
            ("interactions", String(figures.interactions)),
            ("mean_deviation", JSONText.number(figures.meanDeviation)),
            ("mean_abs_deviation", JSONText.number(figures.meanAbsoluteDeviation)),
            ("within_tolerance_rate", JSONText.number(figures.withinToleranceRate)),
            ("criterion_match_rate", JSONText.number(figures.criterionMatchRate)),
            ("tendency", JSONText.string(figures.tendency?.rawValue)),
        ])
    }

    static func criterion(_ figures: CriterionFigures) -> String {
        JSONText.object([
            ("id", JSONText.string(figures.id)),
            ("type", JSONText.string(figures.type)),
            ("level", JSONText.string(figures.level.rawValue)),
            ("units", String(figures.units)),
            ("alpha", JSONText.number(figures.alpha)),
            ("ac1", JSONText.number(figures.ac1)),
            ("percent_agreement", JSONText.number(figures.percentAgreement)),
            ("flagged", JSONText.bool(figures.isFlagged)),
            ("too_few_units", JSONText.bool(figures.hasTooFewUnits)),
            ("disagreements", JSONText.array(figures.disagreements.map { JSONText.string($0) })),
        ])
    }
}
