/// Labels and number formats shared by the Markdown and HTML coaching reports.
enum CoachingText {
    static func statusLabel(_ status: FollowUpStatus) -> String {
        switch status {
        case .met: "Met"
        case .improved: "Improved"
        case .notMet: "Not met"
        case .noData: "No data this period"
        case .tooFewAudits: "Too few audits to judge"
        }
    }

    /// The status with the count behind it when there were too few audits: `Too few audits to
    /// judge (2 of 3)`.
    static func statusLabel(_ result: FollowUpResult) -> String {
        guard result.status == .tooFewAudits else { return statusLabel(result.status) }
        return "\(statusLabel(result.status)) (\(result.currentAudits) of \(result.minimumAudits))"
    }

    /// A goal figure: a percentage of full credit for a criterion, score points for the overall goal.
    static func goalFigure(_ value: Rational, isCriterion: Bool) -> String {
        isCriterion ? CoachingWriter.percent(value) : CoachingWriter.score(value)
    }

    /// A figure read back from an earlier plan (a double), rounded half away from zero.
    static func goalFigure(_ value: Double, isCriterion: Bool) -> String {
        let places = isCriterion ? 1 : 2
        let scale = isCriterion ? 10.0 : 100.0
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "—" }
        let rational = Rational(Int128(Int64(scaled)), Int128(Int64(scale)))
        return rational.formatted(places: places) + (isCriterion ? "%" : "")
    }

    static func goalTitle(_ goal: CoachingGoal) -> String {
        if let kpi = goal.kpi { return "\(kpi.measure.title.uppercasedFirst) (KPI)" }
        return goal.criterion.map { "\($0.title) (mean credit)" } ?? "Overall score"
    }

    /// The goal's heading: the criterion's title, the KPI's, or `Overall score`.
    static func goalName(_ goal: CoachingGoal) -> String {
        goal.kpi.map { $0.measure.title.uppercasedFirst } ?? goal.criterion?.title ?? "Overall score"
    }

    /// A goal's baseline or target as written in its plan: a KPI in its own unit.
    static func goalFigure(_ value: Rational, goal: CoachingGoal) -> String {
        goal.kpi.map { $0.measure.formatted(value) } ?? goalFigure(value, isCriterion: goal.criterion != nil)
    }

    /// A figure of an earlier goal (read back as a double), a KPI in its own unit.
    static func followUpFigure(_ value: Double, _ result: FollowUpResult) -> String {
        guard let kpi = result.kpi else { return goalFigure(value, isCriterion: result.criterion != nil) }
        let scaled = (value * 10_000).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 1e15 else { return "—" }
        return kpi.formatted(Rational(Int128(Int64(scaled)), 10_000))
    }

    /// The current figure of a follow-up.
    static func followUpFigure(_ value: Rational, _ result: FollowUpResult) -> String {
        result.kpi.map { $0.formatted(value) } ?? goalFigure(value, isCriterion: result.criterion != nil)
    }

    /// The rows of the KPI table: KPI, agent, team; durations in minutes, rates as percentages.
    static func kpiRows(_ kpis: CoachingKPIs) -> [[String]] {
        var rows = [["Tickets", kpis.agent.map { String($0.tickets) } ?? "0", kpis.team.map { String($0.tickets) } ?? "—"]]
        for measure in KPIMeasure.allCases {
            func cell(_ figures: KPIFigures?) -> String { figures.flatMap { measure.value(in: $0) }.map(measure.formatted) ?? "—" }
            rows.append([measure.title.uppercasedFirst, cell(kpis.agent), cell(kpis.team)])
        }
        return rows
    }

    /// The goal's name, with its scorecard's title when the agent was audited on several.
    static func followUpTitle(_ result: FollowUpResult, scorecards: [ScorecardCoaching]) -> String {
        let name = result.kpi.map { $0.title.uppercasedFirst + " (KPI)" }
            ?? result.criterion.map { (result.title ?? $0) + " (mean credit)" } ?? "Overall score"
        guard scorecards.count > 1, let id = result.scorecard,
              let card = scorecards.first(where: { $0.scorecard.id == id }) else { return name }
        return "\(name), \(card.scorecard.title)"
    }

    static func passRate(_ summary: CoachingSummary) -> String {
        guard let rate = summary.passRate else { return "—" }
        return "\(CoachingWriter.percent(rate * .hundred)) (\(summary.passes) of \(summary.judged))"
    }

    /// `+1.20`, or `+1.20 (unreliable: 3 audits, 10 days)` below the reliability thresholds.
    static func trend(_ summary: CoachingSummary) -> String {
        guard let trend = summary.trend else { return "—" }
        guard summary.isTrendReliable == false else { return CoachingWriter.signed(trend) }
        return "\(CoachingWriter.signed(trend)) (unreliable: \(CoachingWriter.plural(summary.scoredAudits, "audit")), \(CoachingWriter.plural(summary.spanDays, "day")))"
    }

    static func teamHeading(_ coaching: AgentCoaching) -> String {
        coaching.team.map { "\($0) team" } ?? "All agents"
    }
}

extension String {
    /// "median first response" → "Median first response"; "CSAT" stays.
    var uppercasedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
