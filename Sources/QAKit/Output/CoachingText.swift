/// Labels and number formats shared by the Markdown and HTML coaching reports.
enum CoachingText {
    static func statusLabel(_ status: FollowUpStatus) -> String {
        switch status {
        case .met: "Met"
        case .improved: "Improved"
        case .notMet: "Not met"
        case .noData: "No data this period"
        }
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
        goal.criterion.map { "\($0.title) (mean credit)" } ?? "Overall score"
    }

    /// The goal's name, with its scorecard's title when the agent was audited on several.
    static func followUpTitle(_ result: FollowUpResult, scorecards: [ScorecardCoaching]) -> String {
        let name = result.criterion.map { (result.title ?? $0) + " (mean credit)" } ?? "Overall score"
        guard scorecards.count > 1, let id = result.scorecard,
              let card = scorecards.first(where: { $0.scorecard.id == id }) else { return name }
        return "\(name), \(card.scorecard.title)"
    }

    static func passRate(_ summary: CoachingSummary) -> String {
        guard let rate = summary.passRate else { return "—" }
        return "\(CoachingWriter.percent(rate * .hundred)) (\(summary.passes) of \(summary.judged))"
    }

    static func trend(_ summary: CoachingSummary) -> String {
        summary.trend.map(CoachingWriter.signed) ?? "—"
    }

    static func teamHeading(_ coaching: AgentCoaching) -> String {
        coaching.team.map { "\($0) team" } ?? "All agents"
    }
}
