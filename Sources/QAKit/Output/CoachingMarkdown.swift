/// Renders coaching notes as Markdown: one agent per document, and the team lead's index.
///
/// Every user-supplied text (names, guidance, comments) is escaped so that it reads as written.
public enum CoachingMarkdown {
    /// One agent's notes and plan.
    public static func render(_ coaching: AgentCoaching) -> String {
        var out = "# Coaching notes: \(escape(coaching.agent))\n\n"
        out += "Period \(coaching.period.from) to \(coaching.period.to) · compared with \(escape(coaching.teamPhrase))\n\n"
        out += "## Summary\n\n"
        out += escape(CoachingWriter.summary(coaching.summary, team: coaching.team, teamPhrase: coaching.teamPhrase, period: coaching.period)) + "\n\n"
        out += summaryTable(coaching)
        if let kpis = coaching.kpis { out += kpiTable(kpis, coaching: coaching) }
        for card in coaching.scorecards { out += scorecardSection(card, coaching: coaching) }
        if !coaching.followUp.isEmpty { out += followUpSection(coaching) }
        return out
    }

    /// The team lead's index: one line per agent with headline figures and a link to the file.
    public static func index(_ agents: [AgentCoaching], files: [String: String]) -> String {
        guard let first = agents.first else { return "# Coaching index\n\nNo agents in this period.\n" }
        var out = "# Coaching index\n\n"
        out += "Period \(first.period.from) to \(first.period.to) · \(CoachingWriter.plural(agents.count, "agent"))\n\n"
        let hasFollowUp = agents.contains { !$0.followUp.isEmpty }
        out += "| Agent | Team | Audits | Mean score | Team mean | Pass rate | Auto-fails | Trend per 30 days | First focus area |"
        out += hasFollowUp ? " Previous goals met |\n" : "\n"
        out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |" + (hasFollowUp ? " ---: |\n" : "\n")
        for agent in agents {
            let link = files[agent.agent].map { "[\(escape(agent.agent))](\(escapeLink($0)))" } ?? escape(agent.agent)
            let focus = agent.scorecards.lazy.compactMap(\.focusAreas.first).first.map { escape($0.criterion.title) } ?? "—"
            out += "| \(link) | \(escape(agent.team ?? "—")) | \(agent.summary.audits) | \(agent.summary.meanScore.map(CoachingWriter.score) ?? "—") "
            out += "| \(agent.summary.teamMeanScore.map(CoachingWriter.score) ?? "—") | \(CoachingText.passRate(agent.summary)) "
            out += "| \(agent.summary.autoFails) | \(CoachingText.trend(agent.summary)) | \(focus) |"
            if hasFollowUp {
                let met = agent.followUp.filter { $0.status == .met }.count
                out += " \(met) of \(agent.followUp.count) |"
            }
            out += "\n"
        }
        return out
    }

    /// The agent's KPIs beside the team's (`--metrics`).
    private static func kpiTable(_ kpis: CoachingKPIs, coaching: AgentCoaching) -> String {
        var out = "### Support KPIs\n\n"
        if kpis.agent == nil { out += "No tickets of yours in this period.\n\n" }
        out += "| KPI | You | \(escape(CoachingText.teamHeading(coaching))) |\n| --- | ---: | ---: |\n"
        for row in CoachingText.kpiRows(kpis) { out += "| \(row[0]) | \(row[1]) | \(row[2]) |\n" }
        return out + "\n"
    }

    private static func summaryTable(_ coaching: AgentCoaching) -> String {
        let summary = coaching.summary
        var out = "| | You | \(escape(CoachingText.teamHeading(coaching))) |\n| --- | ---: | ---: |\n"
        out += "| Audits | \(summary.audits) | \(summary.teamAudits.map(String.init) ?? "—") |\n"
        out += "| Mean score | \(summary.meanScore.map(CoachingWriter.score) ?? "—") | \(summary.teamMeanScore.map(CoachingWriter.score) ?? "—") |\n"
        out += "| Pass rate | \(CoachingText.passRate(summary)) | |\n"
        out += "| Auto-fails | \(summary.autoFails) | |\n"
        out += "| Trend per 30 days | \(CoachingText.trend(summary)) | |\n\n"
        return out
    }

    private static func scorecardSection(_ card: ScorecardCoaching, coaching: AgentCoaching) -> String {
        let scorecard = card.scorecard
        var out = "## \(escape(scorecard.title)) (version \(scorecard.version))\n\n"
        var facts = [CoachingWriter.plural(card.summary.audits, "audit")]
        if let mean = card.summary.meanScore {
            facts.append("mean score \(CoachingWriter.score(mean))" + (card.summary.teamMeanScore.map { " against \(CoachingWriter.score($0)) for \(coaching.teamPhrase)" } ?? ""))
        }
        if let passing = scorecard.passingScore { facts.append("passing score \(passing.decimalString())") }
        out += escape(facts.joined(separator: " · ")) + "\n\n"
        if !card.summary.isTeamShown && coaching.summary.isTeamShown {
            out += escape(CoachingWriter.teamWithheld(card.summary, team: coaching.team, on: scorecard.title)) + "\n\n"
        }
        out += "### What is going well\n\n"
        if card.strengths.isEmpty {
            out += "No criterion is ahead of \(escape(coaching.teamPhrase)) yet with at least \(CoachingWriter.plural(scorecard.coaching.minimumAudits, "audit")) behind it.\n\n"
        } else {
            for item in card.strengths {
                out += "- " + escape(CoachingWriter.strength(item, teamPhrase: coaching.teamPhrase)).replacingFirstTitle(item.criterion.title) + "\n"
            }
            out += "\n"
        }
        out += "### Focus areas\n\n"
        if card.focusAreas.isEmpty {
            out += "Nothing cost points in at least \(CoachingWriter.plural(scorecard.coaching.minimumAudits, "audit")) and nothing failed as critical: keep doing what you are doing.\n\n"
            return out
        }
        out += "| # | Criterion | Points lost per audit | Critical failures | You | \(escape(CoachingText.teamHeading(coaching))) |\n"
        out += "| ---: | --- | ---: | ---: | ---: | ---: |\n"
        for (rank, item) in card.focusAreas.enumerated() {
            out += "| \(rank + 1) | \(escape(item.criterion.title)) | \(CoachingWriter.score(item.pointsLost)) | \(item.criticalFailures) "
            out += "| \(item.meanCredit.map(CoachingWriter.percent) ?? "—") | \(item.teamMeanCredit.map(CoachingWriter.percent) ?? "—") |\n"
        }
        out += "\n### Coaching notes\n\n"
        for (rank, note) in card.notes.enumerated() { out += noteSection(note, rank: rank) }
        out += actionPlan(card)
        return out
    }

    private static func noteSection(_ note: CoachingNote, rank: Int) -> String {
        var out = "#### \(rank + 1). \(escape(note.criterion.title))\n\n"
        if let guidance = note.guidance { out += "**What the rubric asks.** \(escape(guidance))\n\n" }
        out += "**How you are doing.** \(escape(note.performance)) \(escape(note.cost))\n\n"
        if let topLevel = note.topLevel { out += "**What the top level looks like.** \(escape(topLevel))\n\n" }
        if !note.evidence.isEmpty {
            out += "**Evidence** (most recent first):\n\n"
            out += "| Audit | Date | Interaction | Answer | Points lost | Reviewer's comment on this criterion |\n| --- | --- | --- | --- | ---: | --- |\n"
            for (evidence, answer) in zip(note.evidence, note.evidenceAnswers) {
                out += "| \(cell(evidence.auditID)) | \(evidence.date) | \(cell(evidence.interactionID)) | \(cell(answer)) "
                out += "| \(CoachingWriter.evidencePoints(evidence)) | \(evidence.comment.map(cell) ?? "—") |\n"
            }
            out += "\n"
            let overall = note.evidence.filter { $0.overallComment != nil }
            if !overall.isEmpty {
                out += "**\(CoachingWriter.overallCommentsHeading)** (about the whole audit, not necessarily about this criterion):\n\n"
                for evidence in overall { out += "- \(escape(evidence.auditID)), \(evidence.date): \(escape(evidence.overallComment!))\n" }
                out += "\n"
            }
        }
        if let tip = note.tip { out += "**Tip.** \(escape(tip))\n\n" }
        if !note.resources.isEmpty { out += "**Resources.** \(note.resources.map(escape).joined(separator: "; "))\n\n" }
        return out
    }

    private static func actionPlan(_ card: ScorecardCoaching) -> String {
        guard !card.goals.isEmpty else { return "" }
        var out = "### Action plan\n\n| Goal | Baseline | Target | Due |\n| --- | ---: | ---: | --- |\n"
        for goal in card.goals {
            out += "| \(escape(CoachingText.goalTitle(goal))) | \(CoachingText.goalFigure(goal.baseline, goal: goal)) "
            out += "| \(CoachingText.goalFigure(goal.target, goal: goal)) | \(goal.due) |\n"
        }
        out += "\n"
        for goal in card.goals {
            out += "**\(escape(CoachingText.goalName(goal)))**\n\n"
            for action in goal.actions { out += "- \(escape(action))\n" }
            out += "- Follow-up: \(escape(goal.followUp))\n\n"
        }
        return out
    }

    private static func followUpSection(_ coaching: AgentCoaching) -> String {
        var out = "## Follow-up on the previous plan\n\n| Goal | Baseline | Target | Now | Status |\n| --- | ---: | ---: | ---: | --- |\n"
        for result in coaching.followUp {
            out += "| \(escape(CoachingText.followUpTitle(result, scorecards: coaching.scorecards))) "
            out += "| \(CoachingText.followUpFigure(result.baseline, result)) | \(CoachingText.followUpFigure(result.target, result)) "
            out += "| \(result.current.map { CoachingText.followUpFigure($0, result) } ?? "—") | \(CoachingText.statusLabel(result)) |\n"
        }
        return out + "\n"
    }

    /// Backslash-escapes the characters Markdown would read as formatting.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: isSpecial) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#": out += "\\" + String(character)
            case "\r\n", "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): true
        default: false
        }
    }

    /// Text for a table cell: escaped, on one line.
    static func cell(_ text: String) -> String { escape(text) }

    private static func escapeLink(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// Bolds the leading title of a strength line: "**Title**: …".
    fileprivate func replacingFirstTitle(_ title: String) -> String {
        let escaped = CoachingMarkdown.escape(title)
        guard hasPrefix(escaped + ":") else { return self }
        return "**\(escaped)**" + dropFirst(escaped.count)
    }
}
