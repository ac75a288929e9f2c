/// `qakit report`: the management report as one self-contained HTML document (docs/report.md).
///
/// Inline CSS (`CoachingHTML.style` and the chart rules below), inline SVG drawn by the chart
/// types of `Charts/`, no script, no external resource, no timestamp: the same figures give the
/// same bytes. Every text from the inputs is escaped. Each chart is a `<figure>` whose SVG is named
/// by its `<title>` and followed by its figures as a table (inside `<details>`).
public enum ReportHTML {
    public static func render(_ report: ReportFigures) -> String {
        var page = Page()
        page.body += "<header>\n<h1>QA report</h1>\n<p class=\"meta\">\(HTMLText.escape(summaryLine(report)))</p>\n</header>\n"
        guard let headline = report.headline else {
            page.body += "<p class=\"empty\">No non-calibration audit falls in this report's dates, so there is nothing to chart. "
            page.body += "Check --from/--to and the audit files.</p>\n"
            return page.document
        }
        page.headline(headline, report: report)
        page.body += "<h2>Mean score per team</h2>\n"
        page.figure(teamChart(report))
        page.body += "<h2>Score distribution</h2>\n"
        page.figure(histogram(report))
        page.body += "<h2>Criteria by team</h2>\n<p class=\"meta\">Mean credit of each criterion over the audits that scored it: 100% is full marks.</p>\n"
        for chart in heatmaps(report) { page.figure(chart) }
        page.body += "<h2>Criteria that cost the most points</h2>\n<p class=\"meta\">Points of score lost per audit of the scorecard, before critical rules; the ten costliest.</p>\n"
        page.figure(costChart(report))
        page.agents(report)
        page.reviewers(report)
        if let scatter = report.qaVersusCSAT {
            page.body += "<h2>QA score against CSAT</h2>\n"
            page.body += "<p class=\"meta\">One point per agent with rated tickets: mean QA score over the report against CSAT over the tickets. "
            page.body += "Pearson's r = \(ChartNumber.statistic(scatter.r)), n = \(ChartNumber.count(scatter.n)).</p>\n"
            if scatter.points.isEmpty {
                page.body += "<p class=\"empty\">No agent has both audits and rated tickets.</p>\n"
            } else {
                page.figure(scatterChart(scatter))
            }
        }
        return page.document
    }

    /// `Periods: month · 2026-08 to 2026-10 · 250 audits · 12 calibration audits`.
    static func summaryLine(_ report: ReportFigures) -> String {
        var parts = ["Periods: \(report.period.rawValue)"]
        if let first = report.periods.first, let last = report.periods.last { parts.append(first == last ? first : "\(first) to \(last)") }
        parts.append(plural(report.agentTotals.reduce(0) { $0 + $1.audits }, "audit"))
        parts.append(plural(report.calibrationAudits, "calibration audit"))
        return parts.joined(separator: " · ")
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(ChartNumber.count(count)) \(noun)\(count == 1 ? "" : "s")" }

    static func teamChart(_ report: ReportFigures) -> LineChart {
        let teams = Array(Set(report.teams.map(\.team))).sorted()
        let series = teams.map { team in
            let byPeriod = Dictionary(report.teams.filter { $0.team == team }.map { ($0.period, $0.meanScore) }, uniquingKeysWith: { a, _ in a })
            return LineChart.Series(name: team, values: report.periods.map { byPeriod[$0] ?? nil })
        }
        return LineChart(title: "Mean score per team and \(report.period.rawValue)", xTitle: report.period == .month ? "Month" : "ISO week",
                         yTitle: "Mean score", categories: report.periods, series: series,
                         references: report.passMarks.map { LineChart.Reference(label: "pass mark \(ChartNumber.score($0))", value: $0) })
    }

    static func histogram(_ report: ReportFigures) -> Histogram {
        Histogram(title: "Score distribution (audits per 10-point bin of the rounded score)", xTitle: "Score", yTitle: "Audits",
                  bins: report.histogram.map { Histogram.Bin(label: $0.label, count: $0.audits) })
    }

    static func heatmaps(_ report: ReportFigures) -> [Heatmap] {
        var order: [String] = []
        for item in report.criteriaByTeam where !order.contains(item.scorecardLabel) { order.append(item.scorecardLabel) }
        return order.map { scorecard in
            let items = report.criteriaByTeam.filter { $0.scorecardLabel == scorecard }
            var criteria: [(id: String, title: String)] = []
            for item in items where !criteria.contains(where: { $0.id == item.criterion }) { criteria.append((item.criterion, item.title)) }
            let teams = Array(Set(items.map(\.team))).sorted()
            let cells = Dictionary(items.map { ("\($0.criterion)\u{0}\($0.team)", $0.meanCredit) }, uniquingKeysWith: { a, _ in a })
            return Heatmap(title: "Mean credit per criterion and team: \(scorecard)", rowTitle: "Criterion", columnTitle: "Team",
                           rows: criteria.map(\.title), columns: teams,
                           values: criteria.map { criterion in teams.map { cells["\(criterion.id)\u{0}\($0)"] ?? nil } })
        }
    }

    static func costChart(_ report: ReportFigures) -> BarChart {
        let several = Set(report.criteriaCost.map(\.scorecardLabel)).count > 1
        return BarChart(title: "Points lost per audit, costliest criteria", xTitle: "Points lost per audit", yTitle: "Criterion",
                        bars: report.criteriaCost.prefix(10).map {
                            BarChart.Bar(label: several ? "\($0.title) (\($0.scorecardLabel))" : $0.title, value: $0.pointsLost)
                        })
    }

    static func scatterChart(_ scatter: ReportFigures.QAVersusCSAT) -> ScatterPlot {
        ScatterPlot(title: "Mean QA score against CSAT per agent (r = \(ChartNumber.statistic(scatter.r)), n = \(ChartNumber.count(scatter.n)))",
                    xTitle: "Mean QA score", yTitle: "CSAT",
                    points: scatter.points.map { ScatterPlot.Point(label: $0.agent, x: $0.meanScore, y: $0.csat) })
    }

    /// What needs a manager's attention, as sentences; empty when nothing does.
    public static func attention(_ report: ReportFigures) -> [String] {
        guard let headline = report.headline else { return [] }
        let latest = headline.latest
        var items: [String] = []
        if let change = headline.meanScore, change < .zero, let before = headline.previous?.meanScore {
            items.append("Mean score fell \(ChartNumber.score(.zero - change)) points, from \(ChartNumber.score(before)) to \(ChartNumber.score(latest.meanScore)).")
        }
        if let change = headline.passRate, change < .zero {
            items.append("Pass rate fell \(ChartNumber.percentChange(change).dropFirst()), to \(ChartNumber.percent(latest.passRate)).")
        }
        if let change = headline.autoFails, change > 0 {
            items.append("Auto-fails rose from \(ChartNumber.count(latest.autoFails - change)) to \(ChartNumber.count(latest.autoFails)).")
        }
        if latest.alphaInteractions > 0, latest.alphaInteractions < CalibrationReport.minimumUnits {
            items.append("Calibration alpha rests on \(plural(latest.alphaInteractions, "interaction")) scored by several reviewers: too few to judge (\(CalibrationReport.minimumUnits) needed). Calibrate more interactions.")
        } else if let alpha = latest.alpha, let minimum = report.minimumAlpha, alpha < minimum {
            items.append("Calibration alpha is \(ChartNumber.statistic(alpha)), below the scorecard's minimum of \(ChartNumber.statistic(minimum)): reviewers do not yet score alike.")
        }
        if let mark = report.passMarks.first {
            for team in report.teams where team.period == latest.period {
                if let mean = team.meanScore, mean.rounded(places: 2) < mark {
                    items.append("Team \(team.team) averaged \(ChartNumber.score(mean)) in \(latest.period), below the pass mark of \(ChartNumber.score(mark)).")
                }
            }
            let below = report.agents.filter { $0.period == latest.period && ($0.meanScore.map { $0.rounded(places: 2) < mark } ?? false) }.count
            let active = report.agents.filter { $0.period == latest.period }.count
            if below > 0 { items.append("\(ChartNumber.count(below)) of \(plural(active, "agent")) averaged below the pass mark in \(latest.period).") }
        }
        for kpi in ReportKPI.all {
            guard let change = headline.kpiChange(kpi.figure), !change.isZero, (change > .zero) != kpi.higherIsBetter else { continue }
            items.append("\(kpi.title) worsened: \(kpiText(latest.kpis?[keyPath: kpi.figure], kpi)) (\(kpiChangeText(change, kpi))).")
        }
        if let costliest = report.criteriaCost.first, costliest.pointsLost > .zero {
            items.append("The costliest criterion is \(costliest.title) (\(costliest.scorecardLabel)): \(ChartNumber.score(costliest.pointsLost)) points lost per audit.")
        }
        return items
    }

    static func kpiText(_ value: Rational?, _ kpi: ReportKPI) -> String {
        kpi.isShare ? ChartNumber.percent(value) : ChartNumber.score(value)
    }

    static func kpiChangeText(_ value: Rational?, _ kpi: ReportKPI) -> String {
        kpi.isShare ? ChartNumber.percentChange(value) : ChartNumber.scoreChange(value)
    }

    /// Report CSS on top of `CoachingHTML.style`.
    static let style = """
    body { max-width: 48rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
    .card { border: 1px solid #d5dae3; border-radius: 6px; padding: .55rem .7rem; break-inside: avoid; page-break-inside: avoid; }
    .card .name { color: #5a6478; font-size: .85em; display: block; }
    .card .value { font-size: 1.45em; font-weight: 650; font-variant-numeric: tabular-nums; display: block; }
    .card .change { font-size: .85em; font-variant-numeric: tabular-nums; }
    .better { color: #1f7a3a; } .worse { color: #b3261e; } .same { color: #5a6478; }
    .attention { border-left: 4px solid #d9822b; background: #fff8ef; padding: .5rem 1rem .5rem 1.8rem; margin: .5rem 0 1rem; }
    .empty { color: #5a6478; font-style: italic; }
    figure { margin: .5rem 0 1.25rem; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: 600; margin: 0 0 .3rem; }
    table.agents { font-size: .88em; }
    table.agents th[scope=row] { white-space: nowrap; }
    figure svg.chart { max-width: 100%; height: auto; display: block; }
    details.figures summary { color: #3d6fd1; cursor: pointer; font-size: .9em; }
    caption { text-align: left; font-weight: 600; padding: .2rem 0; }
    svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1d2433; }
    svg .tick, svg .legend, svg .value, svg .cell-value { font-size: 11px; }
    svg .axis-title { font-size: 12px; font-weight: 600; }
    svg .grid { stroke: #e3e7ee; stroke-width: 1; }
    svg .axis { stroke: #8a93a6; stroke-width: 1; }
    svg .reference { stroke: #b3261e; stroke-width: 1.5; stroke-dasharray: 6 4; }
    svg .reference-label { font-size: 11px; fill: #b3261e; }
    svg .series { fill: none; stroke-width: 2.2; }
    svg .bar { fill: #3d6fd1; }
    svg .point { fill: #3d6fd1; fill-opacity: .6; stroke: #1d2433; stroke-width: .5; }
    svg .cell { stroke: #ffffff; }
    svg.sparkline { vertical-align: middle; }
    svg .spark { fill: none; stroke: #3d6fd1; stroke-width: 1.5; }
    svg .spark-end { fill: #3d6fd1; }
    \(ChartPalette.series.enumerated().map { "svg .series.s\($0.offset) { stroke: \($0.element); } svg .dot.s\($0.offset) { fill: \($0.element); }" }.joined(separator: "\n"))
    @media print {
      details.figures { display: none; }
      h2 { break-before: auto; }
      .cards { grid-template-columns: repeat(4, 1fr); }
    }
    """
}

/// The document being written, with the counter that keeps chart ids unique.
private struct Page {
    var body = ""
    private var charts = 0

    var document: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>QA report</title>
        <style>
        \(CoachingHTML.style)
        \(ReportHTML.style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    mutating func nextID(_ prefix: String) -> String {
        charts += 1
        return "\(prefix)-\(charts)"
    }

    mutating func figure(_ chart: some Chart) {
        let id = nextID("chart")
        body += "<figure>\n<figcaption>\(HTMLText.escape(chart.title))</figcaption>\n\(chart.svg(id: id))\n<details class=\"figures\"><summary>Figures of this chart</summary>\n\(chart.table.html)</details>\n</figure>\n"
    }

    mutating func headline(_ headline: ReportFigures.Headline, report: ReportFigures) {
        let latest = headline.latest
        let previousName = headline.previous?.period ?? report.period.previousKey(before: report.period.firstDay(of: latest.period)!)
        body += "<section class=\"headline\">\n<h2>\(HTMLText.escape(latest.period)) compared with \(HTMLText.escape(previousName))</h2>\n"
        if headline.previous == nil {
            body += "<p class=\"meta\">No audit, calibration audit or ticket falls in \(HTMLText.escape(previousName)): there is nothing to compare with.</p>\n"
        }
        body += "<ul class=\"cards\">\n"
        let previous = headline.previous
        card("Audits", ChartNumber.count(latest.audits), change: headline.audits.map { ($0, ChartNumber.countChange($0), nil) },
             previous: previous.map { ChartNumber.count($0.audits) })
        card("Mean score", ChartNumber.score(latest.meanScore), change: headline.meanScore.map { (sign($0), ChartNumber.scoreChange($0), true) },
             previous: previous.map { ChartNumber.score($0.meanScore) })
        card("Pass rate", ChartNumber.percent(latest.passRate), change: headline.passRate.map { (sign($0), ChartNumber.percentChange($0), true) },
             previous: previous.map { ChartNumber.percent($0.passRate) })
        card("Auto-fails", ChartNumber.count(latest.autoFails), change: headline.autoFails.map { ($0, ChartNumber.countChange($0), false) },
             previous: previous.map { ChartNumber.count($0.autoFails) })
        card("Calibration alpha", ChartNumber.statistic(latest.alpha),
             change: headline.alpha.map { ($0 > 0 ? 1 : $0 < 0 ? -1 : 0, ChartNumber.statisticChange($0), true) },
             previous: previous.map { ChartNumber.statistic($0.alpha) },
             note: latest.alphaInteractions == 0 ? nil
                : latest.alphaInteractions < CalibrationReport.minimumUnits
                ? "over \(ReportHTML.plural(latest.alphaInteractions, "interaction")): too few to judge (\(CalibrationReport.minimumUnits) needed)"
                : "over \(ReportHTML.plural(latest.alphaInteractions, "interaction"))")
        if let kpis = latest.kpis {
            card("Tickets", ChartNumber.count(kpis.tickets), change: previous?.kpis.map { (0, ChartNumber.countChange(kpis.tickets - $0.tickets), nil) },
                 previous: previous?.kpis.map { ChartNumber.count($0.tickets) })
            for kpi in ReportKPI.all {
                card(kpi.title, ReportHTML.kpiText(kpis[keyPath: kpi.figure], kpi),
                     change: headline.kpiChange(kpi.figure).map { (sign($0), ReportHTML.kpiChangeText($0, kpi), kpi.higherIsBetter) },
                     previous: previous?.kpis.map { ReportHTML.kpiText($0[keyPath: kpi.figure], kpi) })
            }
        }
        body += "</ul>\n<h3>Needs attention</h3>\n"
        let items = ReportHTML.attention(report)
        if items.isEmpty {
            body += "<p>Nothing fell since the previous period, and no team is below the pass mark.</p>\n"
        } else {
            body += "<ul class=\"attention\">\n" + items.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        body += "</section>\n"
    }

    private func sign(_ value: Rational) -> Int { value > .zero ? 1 : value < .zero ? -1 : 0 }

    /// One headline figure; `change` is (direction, text, whether a rise is good; `nil` when neutral).
    private mutating func card(_ name: String, _ value: String, change: (Int, String, Bool?)?, previous: String?, note: String? = nil) {
        body += "<li class=\"card\"><span class=\"name\">\(HTMLText.escape(name))</span><span class=\"value\">\(HTMLText.escape(value))</span>"
        if let note { body += "<span class=\"change same\">\(HTMLText.escape(note))</span><br>" }
        if let (direction, text, higherIsBetter) = change {
            let tone = direction == 0 || higherIsBetter == nil ? "same" : (direction > 0) == higherIsBetter! ? "better" : "worse"
            let arrow = direction > 0 ? "▲ " : direction < 0 ? "▼ " : ""
            body += "<span class=\"change \(tone)\">\(arrow)\(HTMLText.escape(text))</span>"
            if let previous { body += " <span class=\"change same\">(was \(HTMLText.escape(previous)))</span>" }
        } else {
            body += "<span class=\"change same\">no change to show</span>"
        }
        body += "</li>\n"
    }

    mutating func agents(_ report: ReportFigures) {
        let shown = report.shownAgents
        let periods = Array(report.periods.suffix(4))
        body += "<h2>Agents by \(report.period.rawValue)</h2>\n"
        if shown.hidden > 0 {
            body += "<p class=\"meta\">\(ReportHTML.plural(report.agentTotals.count, "agent")): the \(ReportFigures.agentShown) highest and the \(ReportFigures.agentShown) lowest mean scores over the report are shown; "
            body += "\(ChartNumber.count(shown.hidden)) between them are left out here (--format json or markdown lists every agent).</p>\n"
            agentTable(report, names: shown.top, periods: periods, caption: "Highest \(ReportFigures.agentShown) mean scores")
            agentTable(report, names: shown.bottom, periods: periods, caption: "Lowest \(ReportFigures.agentShown) mean scores")
        } else {
            agentTable(report, names: shown.top, periods: periods, caption: "Agents, highest mean score first")
        }
    }

    private mutating func agentTable(_ report: ReportFigures, names: [String], periods: [String], caption: String) {
        var rows: [String: [String: ReportFigures.AgentPeriod]] = [:]
        let wanted = Set(names)
        for item in report.agents where wanted.contains(item.agent) { rows[item.agent, default: [:]][item.period] = item }
        let totals = Dictionary(report.agentTotals.map { ($0.agent, $0) }, uniquingKeysWith: { a, _ in a })
        // One value axis for every sparkline of the report, so that rows compare.
        let means = report.agents.compactMap { $0.meanScore?.doubleValue }
        let domain = max(0, ((means.min() ?? 0) / 10).rounded(.down) * 10)...max(10, ((means.max() ?? 100) / 10).rounded(.up) * 10)
        body += "<table class=\"agents\">\n<caption>\(HTMLText.escape(caption))</caption>\n<thead><tr><th scope=\"col\">Agent</th><th scope=\"col\" class=\"n\">Audits</th><th scope=\"col\" class=\"n\">Mean score</th>"
        for period in periods { body += "<th scope=\"col\" class=\"n\">\(HTMLText.escape(period))</th>" }
        body += "<th scope=\"col\">Trend</th></tr></thead>\n<tbody>\n"
        for name in names {
            let total = totals[name]!
            body += "<tr><th scope=\"row\">\(HTMLText.escape(name))</th><td class=\"n\">\(ChartNumber.count(total.audits))</td><td class=\"n\">\(ChartNumber.score(total.meanScore))</td>"
            for period in periods { body += "<td class=\"n\">\(ChartNumber.score(rows[name]?[period]?.meanScore))</td>" }
            let spark = Sparkline(title: "Mean score of \(name) per \(report.period.rawValue)", categories: report.periods,
                                  values: report.periods.map { rows[name]?[$0]?.meanScore }, domain: domain)
            body += "<td>\(spark.svg(id: nextID("spark")))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
    }

    mutating func reviewers(_ report: ReportFigures) {
        body += "<h2>Reviewers</h2>\n<p class=\"meta\">Mean deviation: the mean of (own score − reference) over the reviewer's calibration interactions, in points; positive is lenient (docs/calibration.md). "
        body += "Overturn rate: disputes upheld against the reviewer; shown once disputes are read.</p>\n"
        let table = DataTable(caption: "Reviewers", columns: [DataTable.Column("Reviewer"), DataTable.Column("Audits", numeric: true),
                                                              DataTable.Column("Mean deviation", numeric: true), DataTable.Column("Overturn rate", numeric: true)],
                              rows: report.reviewers.map { [$0.reviewer, ChartNumber.count($0.audits), $0.meanDeviation.map { DecimalText.signed($0, places: 2) } ?? ChartNumber.dash,
                                                            ChartNumber.percent($0.overturnRate)] })
        body += table.html
    }
}
