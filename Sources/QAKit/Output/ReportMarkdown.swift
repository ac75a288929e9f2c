/// `qakit report --format markdown`: the figures of the HTML report as Markdown tables, every
/// agent included (the HTML may show only the top and bottom of a long list), rounded for reading
/// like the HTML (`ChartNumber`); `--format json` has them unrounded.
public enum ReportMarkdown {
    public static func render(_ report: ReportFigures) -> String {
        var out = "# QA report\n\n\(ReportHTML.summaryLine(report))\n\n"
        guard let headline = report.headline else {
            return out + "No non-calibration audit falls in this report's dates, so there is nothing to report.\n"
        }
        let latest = headline.latest, previous = headline.previous
        out += "## \(latest.period) compared with \(previous?.period ?? "the period before (no data)")\n\n"
        var rows: [[String]] = [
            ["Audits", ChartNumber.count(latest.audits), previous.map { ChartNumber.count($0.audits) } ?? ChartNumber.dash, ChartNumber.countChange(headline.audits)],
            ["Mean score", ChartNumber.score(latest.meanScore), previous.map { ChartNumber.score($0.meanScore) } ?? ChartNumber.dash, ChartNumber.scoreChange(headline.meanScore)],
            ["Pass rate", ChartNumber.percent(latest.passRate), previous.map { ChartNumber.percent($0.passRate) } ?? ChartNumber.dash, ChartNumber.percentChange(headline.passRate)],
            ["Auto-fails", ChartNumber.count(latest.autoFails), previous.map { ChartNumber.count($0.autoFails) } ?? ChartNumber.dash, ChartNumber.countChange(headline.autoFails)],
            ["Calibration alpha", ChartNumber.statistic(latest.alpha), previous.map { ChartNumber.statistic($0.alpha) } ?? ChartNumber.dash, ChartNumber.statisticChange(headline.alpha)],
        ]
        if let kpis = latest.kpis {
            rows.append(["Tickets", ChartNumber.count(kpis.tickets), previous?.kpis.map { ChartNumber.count($0.tickets) } ?? ChartNumber.dash,
                         previous?.kpis.map { ChartNumber.countChange(kpis.tickets - $0.tickets) } ?? ChartNumber.dash])
            for kpi in ReportKPI.all {
                rows.append([kpi.title, ReportHTML.kpiText(kpis[keyPath: kpi.figure], kpi),
                             previous?.kpis.map { ReportHTML.kpiText($0[keyPath: kpi.figure], kpi) } ?? ChartNumber.dash,
                             ReportHTML.kpiChangeText(headline.kpiChange(kpi.figure), kpi)])
            }
        }
        out += DataTable(caption: "Headline", columns: [DataTable.Column("Figure"), DataTable.Column(latest.period, numeric: true),
                                                         DataTable.Column(previous?.period ?? "previous", numeric: true), DataTable.Column("Change", numeric: true)],
                         rows: rows).markdown + "\n"
        let attention = ReportHTML.attention(report)
        out += "### Needs attention\n\n" + (attention.isEmpty ? "Nothing fell since the previous period, and no team is below the pass mark.\n" : attention.map { "- \($0)\n" }.joined()) + "\n"
        out += section("Mean score per team", DataTable(caption: "", columns: ["Team", "Period"].map { DataTable.Column($0) }
            + ["Audits", "Mean score", "Pass rate"].map { DataTable.Column($0, numeric: true) },
            rows: report.teams.map { [$0.team, $0.period, ChartNumber.count($0.audits), ChartNumber.score($0.meanScore), ChartNumber.percent($0.passRate)] }))
        out += "Pass mark: \(report.passMarks.isEmpty ? "none" : report.passMarks.map(ChartNumber.score).joined(separator: ", ")).\n\n"
        out += section("Score distribution", ReportHTML.histogram(report).table)
        out += section("Criteria by team (mean credit)", DataTable(caption: "", columns: ["Scorecard", "Criterion", "Team"].map { DataTable.Column($0) }
            + [DataTable.Column("Scored", numeric: true), DataTable.Column("Mean credit", numeric: true)],
            rows: report.criteriaByTeam.map { [$0.scorecardLabel, $0.title, $0.team, ChartNumber.count($0.scored), ChartNumber.wholePercent($0.meanCredit)] }))
        out += section("Criteria that cost the most points", DataTable(caption: "", columns: [DataTable.Column("Scorecard"), DataTable.Column("Criterion"),
                                                                                            DataTable.Column("Points lost per audit", numeric: true)],
            rows: report.criteriaCost.map { [$0.scorecardLabel, $0.title, ChartNumber.score($0.pointsLost)] }))
        out += section("Agents by \(report.period.rawValue)", DataTable(caption: "", columns: [DataTable.Column("Agent"), DataTable.Column("Period"),
                                                                                              DataTable.Column("Audits", numeric: true), DataTable.Column("Mean score", numeric: true)],
            rows: report.agents.map { [$0.agent, $0.period, ChartNumber.count($0.audits), ChartNumber.score($0.meanScore)] }))
        out += section("Reviewers", DataTable(caption: "", columns: [DataTable.Column("Reviewer"), DataTable.Column("Audits", numeric: true),
                                                                     DataTable.Column("Mean deviation", numeric: true), DataTable.Column("Overturn rate", numeric: true)],
            rows: report.reviewers.map { [$0.reviewer, ChartNumber.count($0.audits), $0.meanDeviation.map { DecimalText.signed($0, places: 2) } ?? ChartNumber.dash,
                                          ChartNumber.percent($0.overturnRate)] }))
        if let scatter = report.qaVersusCSAT {
            out += "## QA score against CSAT\n\nPearson's r = \(ChartNumber.statistic(scatter.r)), n = \(ChartNumber.count(scatter.n)).\n\n"
            if !scatter.points.isEmpty { out += ReportHTML.scatterChart(scatter).table.markdown + "\n" }
        }
        return out
    }

    private static func section(_ title: String, _ table: DataTable) -> String {
        "## \(title)\n\n" + (table.rows.isEmpty ? "None.\n\n" : table.markdown + "\n")
    }
}
