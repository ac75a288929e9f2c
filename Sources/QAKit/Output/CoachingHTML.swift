/// Renders coaching notes as one self-contained HTML document: inline CSS, no scripts, no
/// external resources, and print rules that suit both A4 and Letter (`@page` margins that fit
/// either paper, which the printer dialog picks; no page break inside a note, a goal or a table
/// row; each agent on a new page). Every text from the inputs is escaped.
public enum CoachingHTML {
    /// A document with one `<article>` per agent.
    public static func render(_ agents: [AgentCoaching]) -> String {
        let title = agents.count == 1 ? "Coaching notes: \(agents[0].agent)" : "Coaching notes"
        return page(title: title, body: agents.map(article).joined(separator: "\n"))
    }

    /// The team lead's index, linking each agent's file.
    public static func index(_ agents: [AgentCoaching], files: [String: String]) -> String {
        var body = "<h1>Coaching index</h1>\n"
        if let first = agents.first {
            body += "<p class=\"meta\">Period \(first.period.from) to \(first.period.to) · \(CoachingWriter.plural(agents.count, "agent"))</p>\n"
        }
        let hasFollowUp = agents.contains { !$0.followUp.isEmpty }
        body += "<table>\n<thead><tr><th>Agent</th><th>Team</th><th class=\"n\">Audits</th><th class=\"n\">Mean score</th><th class=\"n\">Team mean</th>"
        body += "<th class=\"n\">Pass rate</th><th class=\"n\">Auto-fails</th><th class=\"n\">Trend per 30 days</th><th>First focus area</th>"
        body += (hasFollowUp ? "<th class=\"n\">Previous goals met</th>" : "") + "</tr></thead>\n<tbody>\n"
        for agent in agents {
            let name = files[agent.agent].map { "<a href=\"\(escape($0))\">\(escape(agent.agent))</a>" } ?? escape(agent.agent)
            let focus = agent.scorecards.lazy.compactMap(\.focusAreas.first).first.map { escape($0.criterion.title) } ?? "—"
            body += "<tr><td>\(name)</td><td>\(escape(agent.team ?? "—"))</td><td class=\"n\">\(agent.summary.audits)</td>"
            body += "<td class=\"n\">\(agent.summary.meanScore.map(CoachingWriter.score) ?? "—")</td>"
            body += "<td class=\"n\">\(agent.summary.teamMeanScore.map(CoachingWriter.score) ?? "—")</td>"
            body += "<td class=\"n\">\(CoachingText.passRate(agent.summary))</td><td class=\"n\">\(agent.summary.autoFails)</td>"
            body += "<td class=\"n\">\(CoachingText.trend(agent.summary))</td><td>\(focus)</td>"
            if hasFollowUp {
                body += "<td class=\"n\">\(agent.followUp.filter { $0.status == .met }.count) of \(agent.followUp.count)</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
        return page(title: "Coaching index", body: body)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The base style of qakit's HTML documents, print rules included; `ReportHTML` builds on it.
    static let style = """
    :root { color-scheme: light; }
    body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2433; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
    h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d5dae3; padding-bottom: .2rem; }
    h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
    h4 { font-size: 1rem; margin: 0 0 .4rem; }
    .meta { color: #5a6478; margin: 0 0 1rem; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95em; }
    th, td { border-bottom: 1px solid #e3e7ee; padding: .3rem .45rem; text-align: left; vertical-align: top; }
    th { background: #f3f5f9; font-weight: 600; }
    .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .note { border: 1px solid #d5dae3; border-left: 4px solid #3d6fd1; border-radius: 4px; padding: .75rem 1rem; margin: 0 0 1rem; }
    .note p { margin: .35rem 0; }
    .label { font-weight: 600; }
    ul { margin: .3rem 0 .8rem; padding-left: 1.3rem; }
    .status-met { color: #1f7a3a; font-weight: 600; }
    .status-improved { color: #8a6d00; font-weight: 600; }
    .status-not_met { color: #b3261e; font-weight: 600; }
    .status-no_data { color: #5a6478; }
    .status-too_few_audits { color: #5a6478; }
    article + article { margin-top: 3rem; }
    @page { margin: 16mm 14mm; }
    @media print {
      body { margin: 0; max-width: none; font-size: 10pt; }
      a { color: inherit; text-decoration: none; }
      article + article { break-before: page; page-break-before: always; margin-top: 0; }
      .note, tr, .goal { break-inside: avoid; page-break-inside: avoid; }
      h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      thead { display: table-header-group; }
    }
    """

    private static func article(_ coaching: AgentCoaching) -> String {
        var out = "<article>\n<h1>Coaching notes: \(escape(coaching.agent))</h1>\n"
        out += "<p class=\"meta\">Period \(coaching.period.from) to \(coaching.period.to) · compared with \(escape(coaching.teamPhrase))</p>\n"
        out += "<h2>Summary</h2>\n<p>\(escape(CoachingWriter.summary(coaching.summary, team: coaching.team, teamPhrase: coaching.teamPhrase, period: coaching.period)))</p>\n"
        let summary = coaching.summary
        out += "<table>\n<thead><tr><th></th><th class=\"n\">You</th><th class=\"n\">\(escape(CoachingText.teamHeading(coaching)))</th></tr></thead>\n<tbody>\n"
        out += row(["Audits", "\(summary.audits)", summary.teamAudits.map(String.init) ?? "—"])
        out += row(["Mean score", summary.meanScore.map(CoachingWriter.score) ?? "—", summary.teamMeanScore.map(CoachingWriter.score) ?? "—"])
        out += row(["Pass rate", CoachingText.passRate(summary), ""])
        out += row(["Auto-fails", "\(summary.autoFails)", ""])
        out += row(["Trend per 30 days", CoachingText.trend(summary), ""])
        out += "</tbody>\n</table>\n"
        if let kpis = coaching.kpis {
            out += "<h3>Support KPIs</h3>\n"
            if kpis.agent == nil { out += "<p>No tickets of yours in this period.</p>\n" }
            out += "<table>\n<thead><tr><th>KPI</th><th class=\"n\">You</th><th class=\"n\">\(escape(CoachingText.teamHeading(coaching)))</th></tr></thead>\n<tbody>\n"
            for cells in CoachingText.kpiRows(kpis) { out += row(cells) }
            out += "</tbody>\n</table>\n"
        }
        for card in coaching.scorecards { out += section(card, coaching: coaching) }
        if !coaching.followUp.isEmpty { out += followUp(coaching) }
        return out + "</article>"
    }

    private static func section(_ card: ScorecardCoaching, coaching: AgentCoaching) -> String {
        let scorecard = card.scorecard
        var out = "<section>\n<h2>\(escape(scorecard.title)) (version \(scorecard.version))</h2>\n"
        var facts = [CoachingWriter.plural(card.summary.audits, "audit")]
        if let mean = card.summary.meanScore {
            facts.append("mean score \(CoachingWriter.score(mean))" + (card.summary.teamMeanScore.map { " against \(CoachingWriter.score($0)) for \(coaching.teamPhrase)" } ?? ""))
        }
        if let passing = scorecard.passingScore { facts.append("passing score \(passing.decimalString())") }
        out += "<p class=\"meta\">\(escape(facts.joined(separator: " · ")))</p>\n"
        if !card.summary.isTeamShown && coaching.summary.isTeamShown {
            out += "<p>\(escape(CoachingWriter.teamWithheld(card.summary, team: coaching.team, on: scorecard.title)))</p>\n"
        }
        out += "<h3>What is going well</h3>\n"
        if card.strengths.isEmpty {
            out += "<p>No criterion is ahead of \(escape(coaching.teamPhrase)) yet with at least \(CoachingWriter.plural(scorecard.coaching.minimumAudits, "audit")) behind it.</p>\n"
        } else {
            out += "<ul>\n"
            for item in card.strengths {
                let line = CoachingWriter.strength(item, teamPhrase: coaching.teamPhrase)
                let rest = line.hasPrefix(item.criterion.title + ":") ? String(line.dropFirst(item.criterion.title.count)) : ": " + line
                out += "<li><strong>\(escape(item.criterion.title))</strong>\(escape(rest))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<h3>Focus areas</h3>\n"
        guard !card.focusAreas.isEmpty else {
            out += "<p>Nothing cost points in at least \(CoachingWriter.plural(scorecard.coaching.minimumAudits, "audit")) and nothing failed as critical: keep doing what you are doing.</p>\n</section>\n"
            return out
        }
        out += "<table>\n<thead><tr><th class=\"n\">#</th><th>Criterion</th><th class=\"n\">Points lost per audit</th><th class=\"n\">Critical failures</th><th class=\"n\">You</th><th class=\"n\">\(escape(CoachingText.teamHeading(coaching)))</th></tr></thead>\n<tbody>\n"
        for (rank, item) in card.focusAreas.enumerated() {
            out += "<tr><td class=\"n\">\(rank + 1)</td><td>\(escape(item.criterion.title))</td><td class=\"n\">\(CoachingWriter.score(item.pointsLost))</td>"
            out += "<td class=\"n\">\(item.criticalFailures)</td><td class=\"n\">\(item.meanCredit.map(CoachingWriter.percent) ?? "—")</td>"
            out += "<td class=\"n\">\(item.teamMeanCredit.map(CoachingWriter.percent) ?? "—")</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<h3>Coaching notes</h3>\n"
        for (rank, note) in card.notes.enumerated() { out += self.note(note, rank: rank) }
        out += actionPlan(card)
        return out + "</section>\n"
    }

    private static func note(_ note: CoachingNote, rank: Int) -> String {
        var out = "<div class=\"note\">\n<h4>\(rank + 1). \(escape(note.criterion.title))</h4>\n"
        if let guidance = note.guidance { out += "<p><span class=\"label\">What the rubric asks.</span> \(escape(guidance))</p>\n" }
        out += "<p><span class=\"label\">How you are doing.</span> \(escape(note.performance)) \(escape(note.cost))</p>\n"
        if let topLevel = note.topLevel { out += "<p><span class=\"label\">What the top level looks like.</span> \(escape(topLevel))</p>\n" }
        if !note.evidence.isEmpty {
            out += "<p><span class=\"label\">Evidence</span> (most recent first):</p>\n<table>\n"
            out += "<thead><tr><th>Audit</th><th>Date</th><th>Interaction</th><th>Answer</th><th class=\"n\">Points lost</th><th>Reviewer's comment on this criterion</th></tr></thead>\n<tbody>\n"
            for (evidence, answer) in zip(note.evidence, note.evidenceAnswers) {
                out += "<tr><td>\(escape(evidence.auditID))</td><td class=\"n\">\(evidence.date)</td><td>\(escape(evidence.interactionID))</td>"
                out += "<td>\(escape(answer))</td><td class=\"n\">\(CoachingWriter.evidencePoints(evidence))</td><td>\(escape(evidence.comment ?? "—"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            let overall = note.evidence.filter { $0.overallComment != nil }
            if !overall.isEmpty {
                out += "<p><span class=\"label\">\(CoachingWriter.overallCommentsHeading)</span> (about the whole audit, not necessarily about this criterion):</p>\n<ul>\n"
                for evidence in overall { out += "<li>\(escape(evidence.auditID)), \(evidence.date): \(escape(evidence.overallComment!))</li>\n" }
                out += "</ul>\n"
            }
        }
        if let tip = note.tip { out += "<p><span class=\"label\">Tip.</span> \(escape(tip))</p>\n" }
        if !note.resources.isEmpty {
            out += "<p><span class=\"label\">Resources.</span> \(note.resources.map(escape).joined(separator: "; "))</p>\n"
        }
        return out + "</div>\n"
    }

    private static func actionPlan(_ card: ScorecardCoaching) -> String {
        guard !card.goals.isEmpty else { return "" }
        var out = "<h3>Action plan</h3>\n<table>\n<thead><tr><th>Goal</th><th class=\"n\">Baseline</th><th class=\"n\">Target</th><th class=\"n\">Due</th></tr></thead>\n<tbody>\n"
        for goal in card.goals {
            out += row([CoachingText.goalTitle(goal), CoachingText.goalFigure(goal.baseline, goal: goal),
                        CoachingText.goalFigure(goal.target, goal: goal), goal.due.description])
        }
        out += "</tbody>\n</table>\n"
        for goal in card.goals {
            out += "<div class=\"goal\">\n<h4>\(escape(CoachingText.goalName(goal)))</h4>\n<ul>\n"
            for action in goal.actions { out += "<li>\(escape(action))</li>\n" }
            out += "<li>Follow-up: \(escape(goal.followUp))</li>\n</ul>\n</div>\n"
        }
        return out
    }

    private static func followUp(_ coaching: AgentCoaching) -> String {
        var out = "<section>\n<h2>Follow-up on the previous plan</h2>\n<table>\n"
        out += "<thead><tr><th>Goal</th><th class=\"n\">Baseline</th><th class=\"n\">Target</th><th class=\"n\">Now</th><th>Status</th></tr></thead>\n<tbody>\n"
        for result in coaching.followUp {
            out += "<tr><td>\(escape(CoachingText.followUpTitle(result, scorecards: coaching.scorecards)))</td>"
            out += "<td class=\"n\">\(CoachingText.followUpFigure(result.baseline, result))</td>"
            out += "<td class=\"n\">\(CoachingText.followUpFigure(result.target, result))</td>"
            out += "<td class=\"n\">\(result.current.map { CoachingText.followUpFigure($0, result) } ?? "—")</td>"
            out += "<td class=\"status-\(result.status.rawValue)\">\(CoachingText.statusLabel(result))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// A table row whose first cell is a header-like label; every cell escaped.
    private static func row(_ cells: [String]) -> String {
        "<tr>" + cells.enumerated().map { index, cell in index == 0 ? "<td>\(escape(cell))</td>" : "<td class=\"n\">\(escape(cell))</td>" }.joined() + "</tr>\n"
    }

    /// `text` escaped for HTML (`HTMLText.escape`, the one escaping rule).
    public static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }
}
