/// The `calibrate` report for people, as plain text or Markdown.
///
/// It leads with a one-line verdict and what to do (interactions outside tolerance, reviewers
/// drifting, criteria to reword), then the figures, then what they mean. Statistics are
/// rounded here: scores and deviations to 2 decimals, alpha and AC1 to 3, shares as
/// percentages with 1. Long lists stop after `CalibrationText.rowLimit` entries and say how
/// many more there are; `--format json` has them all.
public enum CalibrationText {
    /// The most interactions, reviewers or criteria a list or table shows.
    public static let rowLimit = 50

    /// The report of every scorecard, one after another.
    public static func render(_ reports: [CalibrationReport], markdown: Bool) -> String {
        reports.map { render($0, markdown: markdown) }.joined(separator: markdown ? "\n---\n\n" : "\n")
    }

    /// One scorecard's report, without a trailing newline.
    public static func render(_ report: CalibrationReport, markdown: Bool) -> String {
        var document = ReportDocument(markdown: markdown)
        document.title("Calibration: \(report.scorecard) (version \(report.scorecardVersion))")
        document.paragraph(document.emphasis(verdict(report)))
        document.paragraph(session(report))
        whatToDo(report, &document)
        figures(report, &document)
        explanations(report, &document)
        var text = document.text
        while text.hasSuffix("\n\n") { text.removeLast() }
        return text
    }

    // MARK: Verdict and session

    static func verdict(_ report: CalibrationReport) -> String {
        let outside = report.interactionsOutsideTolerance.count
        let drifting = report.driftingReviewers.count
        let flagged = report.flaggedCriteria.count
        let alpha = report.overall.alpha
        let points = tolerancePoints(report)
        var problems: [String] = []
        if outside > 0 { problems.append("\(outside) of \(counted(report.overall.interactions, "interaction")) outside \(points)") }
        if drifting > 0 { problems.append(counted(drifting, "reviewer") + " drifting") }
        if flagged > 0 { problems.append(counted(flagged, "criterion", plural: "criteria") + " to reword") }
        let overallTooFew = report.overall.hasTooFewUnits
        let reading = overallTooFew
            ? "over \(counted(report.overall.interactions, "interaction")): too few to judge, \(report.overall.interactions) of \(CalibrationReport.minimumUnits)"
            : reliability(alpha, minimum: report.minimumAlpha)
        var agreement = "score agreement alpha \(DecimalText.fixed(alpha, places: 3)) (\(reading))"
        let tooFew = report.criteriaWithTooFewUnits.count
        if tooFew > 0 {
            agreement += "; \(counted(tooFew, "criterion", plural: "criteria")) with too few interactions to judge (fewer than \(CalibrationReport.minimumUnits))"
        }
        // Over too few interactions alpha neither calls for recalibration nor confirms alignment.
        let isUnreliable = !overallTooFew && (alpha.map { $0 < report.minimumAlpha } ?? false)
        if problems.isEmpty && !isUnreliable {
            let tentative = overallTooFew || (alpha.map { $0 < 0.8 } ?? false)
            return "Verdict: \(tentative ? "aligned, tentatively" : "aligned"): every interaction within \(points), no reviewer drifting, no criterion to reword; \(agreement)."
        }
        return "Verdict: recalibrate: " + (problems.isEmpty ? "" : problems.joined(separator: ", ") + "; ") + agreement + "."
    }

    /// Krippendorff's reading of an alpha value.
    static func reliability(_ alpha: Double?, minimum: Double) -> String {
        guard let alpha else { return "undefined: no variation to measure" }
        if alpha >= 0.8 { return "reliable" }
        if alpha >= minimum { return "tentative" }
        return "below \(DecimalText.trimmed(minimum, places: 3)): unreliable"
    }

    private static func session(_ report: CalibrationReport) -> String {
        let overall = report.overall
        var line = "\(counted(overall.interactions, "interaction")) scored by \(counted(overall.reviewers, "reviewer")) " +
            "(\(counted(overall.audits, "audit"))); tolerance \(tolerancePoints(report)). "
        if let benchmark = report.benchmark {
            line += "Reference: the benchmark reviewer \(benchmark) where they scored the interaction, else the mean of the other reviewers."
        } else {
            line += "Reference: for each reviewer, the mean score of the other reviewers of the same interaction."
        }
        return line
    }

    // MARK: What to do

    private static func whatToDo(_ report: CalibrationReport, _ document: inout ReportDocument) {
        document.heading("What to do")
        let outside = report.interactionsOutsideTolerance
        if outside.isEmpty {
            document.paragraph("1. Interactions: every interaction is within tolerance; nothing to re-discuss.")
        } else {
            let these = outside.count == 1 ? "this interaction" : "these \(counted(outside.count, "interaction"))"
            document.paragraph("1. Re-discuss \(these) in the next calibration meeting: " +
                (report.benchmark == nil ? "the scores spread wider than the tolerance." : "scores strayed from the benchmark by more than the tolerance, or spread wider than it."))
            document.bullets(limited(outside.count, outside.prefix(rowLimit).map { interaction in (interactionLine(interaction, report: report), []) }))
        }
        let drifting = report.driftingReviewers
        if drifting.isEmpty {
            document.paragraph("2. Reviewers: no one drifts lenient or strict by more than half the tolerance on average.")
        } else {
            document.paragraph("2. Talk to \(drifting.count == 1 ? "this reviewer" : "these reviewers"): on average they score away from the reference by more than half the tolerance (\(halfTolerancePoints(report))).")
            document.bullets(limited(drifting.count, drifting.prefix(rowLimit).map { reviewer in
                ("\(reviewer.reviewer): \(reviewer.tendency!.rawValue), mean deviation \(DecimalText.signed(reviewer.meanDeviation, places: 2)) points over \(counted(reviewer.interactions, "interaction")); within tolerance \(DecimalText.percent(reviewer.withinToleranceRate))", [])
            }))
        }
        let flagged = report.flaggedCriteria
        let tooFew = report.criteriaWithTooFewUnits
        if !tooFew.isEmpty && tooFew.count == report.criteria.count {
            document.paragraph("3. Criteria: too few interactions to judge any criterion's wording: each needs at least \(CalibrationReport.minimumUnits) interactions answered by two or more reviewers before its agreement is read, since over a few interactions a single answer can move alpha from one end of the scale to the other. Calibrate more interactions before rewording anything.")
        } else if flagged.isEmpty {
            document.paragraph("3. Criteria: no criterion judged on at least \(CalibrationReport.minimumUnits) interactions has alpha below \(DecimalText.trimmed(report.minimumAlpha, places: 3)); no wording to change.")
        } else {
            let these = flagged.count == 1 ? "this criterion" : "these \(counted(flagged.count, "criterion", plural: "criteria"))"
            document.paragraph("3. Reword \(these) (alpha below \(DecimalText.trimmed(report.minimumAlpha, places: 3))): reviewers read \(flagged.count == 1 ? "it" : "them") differently. Define the answers more clearly and add examples from the interactions below.")
            document.bullets(limited(flagged.count, flagged.prefix(rowLimit).map { criterion in
                let details = criterion.disagreementExamples.map { example in
                    "\(example.interactionID): " + example.answers.map { "\($0.reviewer) \($0.answer)" }.joined(separator: ", ")
                }
                let more = criterion.disagreements.count - criterion.disagreementExamples.count
                return ("\(document.code(criterion.id)) (\(criterion.type)): alpha \(DecimalText.fixed(criterion.alpha, places: 3)), AC1 \(DecimalText.fixed(criterion.ac1, places: 3)), agreement \(DecimalText.percent(criterion.percentAgreement)) over \(counted(criterion.units, "interaction")); disagreed on \(counted(criterion.disagreements.count, "interaction")):",
                        details + (more > 0 ? ["… and \(more) more (see --format json)"] : []))
            }))
        }
        // When every criterion has too few, the paragraph above already says so.
        if !tooFew.isEmpty && tooFew.count < report.criteria.count {
            let these = tooFew.count == 1 ? "This criterion has" : "These \(counted(tooFew.count, "criterion", plural: "criteria")) have"
            document.paragraph("\(these) too few interactions to judge (fewer than \(CalibrationReport.minimumUnits) answered by two or more reviewers): \(tooFew.count == 1 ? "its" : "their") agreement figures are shown below but are not reliable, so no rewording is advised.")
        }
        if !tooFew.isEmpty {
            document.bullets(limited(tooFew.count, tooFew.prefix(rowLimit).map { criterion in
                ("\(document.code(criterion.id)) (\(criterion.type)): \(tooFewUnitsText(criterion))", [])
            }))
        }
    }

    /// `too few interactions to judge (3 of 10)`.
    static func tooFewUnitsText(_ criterion: CriterionFigures) -> String {
        "too few interactions to judge (\(criterion.units) of \(CalibrationReport.minimumUnits))"
    }

    private static func interactionLine(_ interaction: InteractionFigures, report: CalibrationReport) -> String {
        let scores = interaction.scores.map { entry -> String in
            guard let score = entry.score else { return "\(entry.reviewer) no score" }
            if entry.reviewer == report.benchmark { return "\(entry.reviewer) \(DecimalText.fixed(score, places: 2)) (benchmark)" }
            if let benchmark = interaction.benchmarkScore {
                return "\(entry.reviewer) \(DecimalText.fixed(score, places: 2)) (\(DecimalText.signed(score - benchmark, places: 2)))"
            }
            return "\(entry.reviewer) \(DecimalText.fixed(score, places: 2))"
        }
        return "\(interaction.interactionID): range \(DecimalText.fixed(interaction.range, places: 2)) points, mean \(DecimalText.fixed(interaction.mean, places: 2)); " + scores.joined(separator: ", ")
    }

    // MARK: Figures

    private static func figures(_ report: CalibrationReport, _ document: inout ReportDocument) {
        let overall = report.overall
        document.heading("Overall")
        document.table(["Figure", "Value"], [
            ["Score agreement (Krippendorff's alpha, interval)", DecimalText.fixed(overall.alpha, places: 3)],
            ["Calibration SD (points)", DecimalText.fixed(overall.calibrationSD, places: 2)],
            ["Calibration variance (points²)", DecimalText.fixed(overall.calibrationVariance, places: 2)],
            ["Interactions within tolerance", DecimalText.percent(overall.withinToleranceRate)],
            ["Interactions / reviewers / audits", "\(overall.interactions) / \(overall.reviewers) / \(overall.audits)"],
        ], numeric: [1])

        document.heading("Interactions")
        let reviewerNames = Array(Set(report.interactions.prefix(rowLimit).flatMap { $0.scores.map(\.reviewer) })).sorted()
        let showsScores = reviewerNames.count <= 6
        var header = ["Interaction"] + (showsScores ? reviewerNames : ["Reviewers"])
        header += ["Mean", "SD", "Range", "Within"]
        let rows = report.interactions.prefix(rowLimit).map { interaction -> [String] in
            var cells = [interaction.interactionID]
            if showsScores {
                cells += reviewerNames.map { name in
                    guard let entry = interaction.scores.first(where: { $0.reviewer == name }) else { return "" }
                    return DecimalText.fixed(entry.score, places: 2)
                }
            } else {
                cells.append(String(interaction.reviewerCount))
            }
            return cells + [DecimalText.fixed(interaction.mean, places: 2), DecimalText.fixed(interaction.sd, places: 2),
                            DecimalText.fixed(interaction.range, places: 2), yesNo(interaction.isWithinTolerance)]
        }
        document.table(header, rows, numeric: Set(1..<header.count - 1))
        more(report.interactions.count, "interaction", &document)

        document.heading("Reviewers")
        document.table(["Reviewer", "Interactions", "Mean deviation", "Mean |deviation|", "Within tolerance", "Criteria matched", "Tendency"],
                       report.reviewers.prefix(rowLimit).map { reviewer in
                           [reviewer.reviewer, String(reviewer.interactions), DecimalText.signed(reviewer.meanDeviation, places: 2),
                            DecimalText.fixed(reviewer.meanAbsoluteDeviation, places: 2), DecimalText.percent(reviewer.withinToleranceRate),
                            DecimalText.percent(reviewer.criterionMatchRate), reviewer.tendency?.rawValue ?? "n/a"]
                       }, numeric: [1, 2, 3, 4, 5])
        more(report.reviewers.count, "reviewer", &document)
        if let benchmark = report.benchmark {
            document.paragraph("\(benchmark) is the benchmark: the reference, not compared with anyone.")
        }

        document.heading("Criteria")
        document.table(["Criterion", "Type", "Units", "Alpha", "AC1", "Agreement", "Disagreements", "Reword"],
                       report.criteria.prefix(rowLimit).map { criterion in
                           [criterion.id, criterion.type, String(criterion.units), DecimalText.fixed(criterion.alpha, places: 3),
                            DecimalText.fixed(criterion.ac1, places: 3), DecimalText.percent(criterion.percentAgreement),
                            String(criterion.disagreements.count),
                            criterion.isFlagged ? "yes" : criterion.hasTooFewUnits ? "too few (\(criterion.units) of \(CalibrationReport.minimumUnits))" : ""]
                       }, numeric: [2, 3, 4, 5, 6])
        more(report.criteria.count, "criterion", &document)
    }

    // MARK: Explanations

    private static func explanations(_ report: CalibrationReport, _ document: inout ReportDocument) {
        let minimum = DecimalText.trimmed(report.minimumAlpha, places: 3)
        document.heading("How to read these figures")
        document.bullets([
            "\(document.emphasis("Alpha")) (Krippendorff's alpha) says how much more the reviewers agree than they would by chance: 1 is perfect agreement, 0 is no better than chance, below 0 is systematic disagreement. For scores it weighs how far apart they are; for yes/no and choice criteria only whether answers match; for scales how many answers lie between them.",
            "\(document.emphasis("Thresholds")): Krippendorff advises relying on ratings with alpha of at least 0.8, drawing only tentative conclusions between 0.667 and 0.8, and not relying on them below 0.667. Criteria with alpha below this scorecard's minimum (\(minimum)) are marked for rewording, if at least \(CalibrationReport.minimumUnits) interactions were answered by two or more reviewers: on fewer, a single disagreement can move alpha from one end of the scale to the other.",
            "\(document.emphasis("AC1")) (Gwet's first-order agreement coefficient) is also agreement corrected for chance, with a chance estimate that stays small when nearly everyone gives the same answer. It is not computed for points criteria.",
            "\(document.emphasis("Agreement")) is the share of reviewer pairs who gave the same answer, without any correction for chance.",
            "\(document.emphasis("Why alpha can be low while agreement looks high")): on a criterion almost everyone passes there is little variation, so two reviewers who both answer yes agree mostly by chance, and the one interaction where they differ weighs heavily. Alpha is then low although agreement is, say, 95%; AC1 stays high. Look at the disagreements before rewording: the criterion may need clearer examples of what a failure looks like.",
            "\(document.emphasis("Calibration SD")) is the typical distance, in points, between a reviewer's score and the interaction's mean score (pooled over interactions).",
            "\(document.emphasis("Deviation")) is a reviewer's score minus the reference; a positive mean deviation is lenient. Reviewers are lenient or strict when their mean deviation exceeds half the tolerance (\(halfTolerancePoints(report))) either way.",
            "\(document.emphasis("Criteria matched")) is the share of a reviewer's answers (N/A included) equal to the reference answer: the benchmark's, else the most common answer of the other reviewers, where a tie counts as a match.",
        ])
    }

    // MARK: Helpers

    /// The first `rowLimit` of `total` items, with a note of how many more there are.
    private static func limited(_ total: Int, _ items: [(item: String, details: [String])]) -> [(item: String, details: [String])] {
        guard total > items.count else { return items }
        return items + [("… and \(total - items.count) more (see --format json)", [])]
    }

    private static func more(_ total: Int, _ noun: String, _ document: inout ReportDocument) {
        guard total > rowLimit else { return }
        document.paragraph("Showing the first \(rowLimit) of \(total) \(noun == "criterion" ? "criteria" : noun + "s"); --format json lists them all.")
    }

    private static func yesNo(_ value: Bool?) -> String {
        value.map { $0 ? "yes" : "no" } ?? "n/a"
    }

    /// The tolerance with its unit: `1 point`, `5 points`, `2.5 points`.
    static func tolerancePoints(_ report: CalibrationReport) -> String {
        "\(report.tolerance.decimalString()) \(report.tolerance == .one ? "point" : "points")"
    }

    /// Half the tolerance with its unit: `2.5 points`, `1 point`.
    static func halfTolerancePoints(_ report: CalibrationReport) -> String {
        let half = DecimalText.trimmed(report.tolerance.doubleValue / 2, places: 2)
        return "\(half) \(half == "1" ? "point" : "points")"
    }

    /// `1 interaction`, `0 interactions`, `2 criteria`: the count with its noun in the number it takes.
    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
