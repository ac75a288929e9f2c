/// The JSON structure of one agent's coaching (`docs/coaching.md`), with the fields the spec
/// names in its order, plus added fields: `team`, `scorecard` on per-criterion entries,
/// `title`s, `scorecards` (per-scorecard summaries), and in notes the parts of `text`.
///
/// Figures are unrounded; percentages are 0...100 except `pass_rate` (0...1, as in section 5).
public enum CoachingJSON {
    /// A JSON array with one object per agent, in the order given (sorted by agent).
    public static func document(_ agents: [AgentCoaching]) -> StructuredValue {
        .array(agents.map(value))
    }

    /// One agent's object.
    public static func value(_ coaching: AgentCoaching) -> StructuredValue {
        var members = coreMembers(coaching)
        if let kpis = coaching.kpis {
            members.append(.init("kpis", .object([.init("agent", kpiFigures(kpis.agent)), .init("team", kpiFigures(kpis.team))])))
        }
        return .object(members)
    }

    private static func coreMembers(_ coaching: AgentCoaching) -> [StructuredValue.Member] {
        let cards = coaching.scorecards
        return [
            .init("agent", .string(coaching.agent)),
            .init("team", .string(coaching.team)),
            .init("period", .object([.init("from", .string(coaching.period.from.description)), .init("to", .string(coaching.period.to.description))])),
            .init("summary", summary(coaching.summary, headline: CoachingWriter.summary(coaching.summary, team: coaching.team, teamPhrase: coaching.teamPhrase, period: coaching.period))),
            .init("scorecards", .array(cards.map { card in
                .object([
                    .init("scorecard", .string(card.scorecard.id)),
                    .init("title", .string(card.scorecard.title)),
                    .init("version", .number(Double(card.scorecard.version))),
                    .init("passing_score", .number(card.scorecard.passingScore)),
                    .init("summary", summary(card.summary, headline: nil)),
                ])
            })),
            .init("criteria", .array(cards.flatMap { card in card.criteria.map { criterion($0, card) } })),
            .init("focus_areas", .array(cards.flatMap { card in card.focusAreas.map { item in
                .object([
                    .init("id", .string(item.id)), .init("scorecard", .string(card.scorecard.id)), .init("scorecard_version", .number(Double(card.scorecard.version))),
                    .init("title", .string(item.criterion.title)),
                    .init("points_lost", .number(item.pointsLost)),
                    .init("critical_failures", .number(Double(item.criticalFailures))),
                ])
            } })),
            .init("strengths", .array(cards.flatMap { card in card.strengths.map { item in
                .object([
                    .init("id", .string(item.id)), .init("scorecard", .string(card.scorecard.id)), .init("scorecard_version", .number(Double(card.scorecard.version))),
                    .init("title", .string(item.criterion.title)),
                    .init("mean_credit", .number(item.meanCredit)),
                    .init("team_mean_credit", .number(item.teamMeanCredit)),
                    .init("scored", .number(Double(item.scored))),
                    .init("text", .string(CoachingWriter.strength(item, teamPhrase: coaching.teamPhrase))),
                ])
            } })),
            .init("notes", .array(cards.flatMap { card in card.notes.map { note($0, card) } })),
            .init("action_plan", .object([.init("goals", .array(cards.flatMap { card in card.goals.map { goal($0, card) } }))])),
            .init("follow_up", .array(coaching.followUp.map(followUp))),
        ]
    }

    /// A group's KPIs with the field names of `qakit kpis --format json`, unrounded; `null`
    /// without tickets (or for a withheld team).
    private static func kpiFigures(_ figures: KPIFigures?) -> StructuredValue {
        guard let figures else { return .null }
        func number(_ value: Rational?) -> StructuredValue { .number(value) }
        return .object([
            .init("tickets", .number(Double(figures.tickets))),
            .init("first_response_median", number(figures.firstResponseMedian)),
            .init("first_response_p90", number(figures.firstResponseP90)),
            .init("resolution_median", number(figures.resolutionMedian)),
            .init("resolution_p90", number(figures.resolutionP90)),
            .init("one_touch_rate", number(figures.oneTouchRate)),
            .init("reopen_rate", number(figures.reopenRate)),
            .init("csat", number(figures.csat)),
            .init("csat_responses", .number(Double(figures.csatResponses))),
            .init("nps", number(figures.nps)),
            .init("nps_responses", .number(Double(figures.npsResponses))),
            .init("sla_met_rate", number(figures.slaMetRate)),
        ])
    }

    private static func summary(_ summary: CoachingSummary, headline: String?) -> StructuredValue {
        var members: [StructuredValue.Member] = [
            .init("audits", .number(Double(summary.audits))),
            .init("mean_score", .number(summary.meanScore)),
            .init("pass_rate", .number(summary.passRate)),
            .init("auto_fails", .number(Double(summary.autoFails))),
            .init("trend", .number(summary.trend)),
            .init("team_mean_score", .number(summary.teamMeanScore)),
            .init("passes", .number(Double(summary.passes))),
            .init("judged", .number(Double(summary.judged))),
            .init("team_audits", summary.teamAudits.map { .number(Double($0)) } ?? .null),
            .init("team_agents", .number(Double(summary.teamAgents))),
            .init("team_figures_shown", .bool(summary.isTeamShown)),
            .init("trend_reliable", summary.isTrendReliable.map { .bool($0) } ?? .null),
            .init("scored_audits", .number(Double(summary.scoredAudits))),
            .init("span_days", .number(Double(summary.spanDays))),
        ]
        if let headline { members.append(.init("text", .string(headline))) }
        return .object(members)
    }

    private static func criterion(_ item: CriterionPerformance, _ card: ScorecardCoaching) -> StructuredValue {
        .object([
            .init("id", .string(item.id)),
            .init("scored", .number(Double(item.scored))),
            .init("mean_credit", .number(item.meanCredit)),
            .init("team_mean_credit", .number(item.teamMeanCredit)),
            .init("critical_failures", .number(Double(item.criticalFailures))),
            .init("points_lost", .number(item.pointsLost)),
            .init("scorecard", .string(card.scorecard.id)), .init("scorecard_version", .number(Double(card.scorecard.version))),
            .init("title", .string(item.criterion.title)),
            .init("type", .string(item.criterion.kind.name)),
        ])
    }

    private static func note(_ note: CoachingNote, _ card: ScorecardCoaching) -> StructuredValue {
        .object([
            .init("id", .string(note.criterion.id)),
            .init("text", .string(note.text)),
            .init("evidence", .array(zip(note.evidence, note.evidenceAnswers).map { evidence, answer in
                .object([
                    .init("audit_id", .string(evidence.auditID)),
                    .init("date", .string(evidence.date.description)),
                    .init("interaction_id", .string(evidence.interactionID)),
                    .init("comment", .string(evidence.comment)),
                    .init("overall_comment", .string(evidence.overallComment)),
                    .init("answer", .string(answer)),
                    .init("points_lost", .number(evidence.pointsLost)),
                    .init("critical_points", .number(evidence.criticalCost)),
                ])
            })),
            .init("scorecard", .string(card.scorecard.id)), .init("scorecard_version", .number(Double(card.scorecard.version))),
            .init("title", .string(note.criterion.title)),
            .init("guidance", .string(note.guidance)),
            .init("performance", .string(note.performance)),
            .init("cost", .string(note.cost)),
            .init("top_level", .string(note.topLevel)),
            .init("tip", .string(note.tip)),
            .init("resources", .array(note.resources.map { .string($0) })),
        ])
    }

    private static func goal(_ goal: CoachingGoal, _ card: ScorecardCoaching) -> StructuredValue {
        var members: [StructuredValue.Member] = [
            .init("criterion", .string(goal.criterion?.id)),
            .init("baseline", .number(goal.baseline)),
            .init("target", .number(goal.target)),
            .init("due", .string(goal.due.description)),
            .init("actions", .array(goal.actions.map { .string($0) })),
            .init("follow_up", .string(goal.followUp)),
            .init("scorecard", .string(card.scorecard.id)), .init("scorecard_version", .number(Double(card.scorecard.version))),
            .init("title", .string(CoachingText.goalName(goal))),
        ]
        if let kpi = goal.kpi {
            members += [.init("kpi", .string(kpi.measure.rawValue)), .init("bound", .string(kpi.bound.rawValue))]
        }
        return .object(members)
    }

    private static func followUp(_ result: FollowUpResult) -> StructuredValue {
        var members: [StructuredValue.Member] = [
            .init("criterion", .string(result.criterion)),
            .init("baseline", .number(result.baseline)),
            .init("target", .number(result.target)),
            .init("current", .number(result.current)),
            .init("status", .string(result.status.rawValue)),
            .init("scorecard", .string(result.scorecard)),
            .init("title", .string(result.kpi?.title ?? (result.criterion == nil ? "Overall score" : result.title ?? result.criterion))),
            .init("due", .string(result.due)),
            .init("current_audits", .number(Double(result.currentAudits))),
            .init("min_audits", .number(Double(result.minimumAudits))),
        ]
        if let kpi = result.kpi { members.append(.init("kpi", .string(kpi.rawValue))) }
        return .object(members)
    }
}
