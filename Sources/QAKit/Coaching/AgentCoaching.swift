/// One agent's coaching notes and action plan for a period (`docs/coaching.md`).
///
/// Holds the agent's own figures and team aggregates only, never another agent's name or
/// scores. When an agent was audited on several scorecards, criteria, focus areas, notes and
/// goals are worked out per scorecard (`scorecards`), each with that scorecard's coaching
/// settings; `summary` covers all of the agent's audits.
public struct AgentCoaching: Sendable {
    /// The agent's name, as in the audits.
    public var agent: String
    /// The agent's most frequent `team` value; `nil` means the comparison group is every agent.
    public var team: String?
    /// The run's period, the same for every agent.
    public var period: CoachingPeriod
    /// Figures over all of the agent's audits in the period.
    public var summary: CoachingSummary
    /// In the order the scorecards were loaded.
    public var scorecards: [ScorecardCoaching]
    /// Earlier goals judged on this period; empty without `--previous`.
    public var followUp: [FollowUpResult]
    /// The agent's KPIs beside the team's (`--metrics`); `nil` without tickets given.
    public var kpis: CoachingKPIs? = nil

    /// How the comparison group is named in prose: `the Tier 1 team` or `all agents`.
    public var teamPhrase: String {
        team.map { "the \($0) team" } ?? "all agents"
    }
}

/// Audit-level figures for the agent, with the comparison group's mean score.
public struct CoachingSummary: Sendable {
    /// Non-calibration audits in the period.
    public var audits: Int
    /// Mean of the exact scores; `nil` when no audit had a score.
    public var meanScore: Rational?
    /// 0...1 over audits with a pass/fail; `nil` when none had one.
    public var passRate: Rational?
    /// Audits passed, out of `judged` (audits with a pass/fail).
    public var passes: Int
    /// Audits with a pass/fail.
    public var judged: Int
    /// Audits auto-failed by a `critical: scorecard` criterion.
    public var autoFails: Int
    /// Points per 30 days; `nil` with fewer than 3 scored audits or a single date.
    public var trend: Rational?
    /// The comparison group's mean score; `nil` when none of its audits had a score, or when
    /// the group has too few agents to show it (`isTeamShown`).
    public var teamMeanScore: Rational?
    /// The comparison group's audits (the agent's own included); `nil` when not shown.
    public var teamAudits: Int?
    /// Distinct agents with audits in the comparison group (the agent included).
    public var teamAgents: Int
    /// The `coaching.min_team_size` the group is held to.
    public var minimumTeamSize: Int

    /// Whether the group has at least `minimumTeamSize` agents: with fewer, its figures and the
    /// agent's own would give a colleague's away, so none is shown.
    public var isTeamShown: Bool { teamAgents >= minimumTeamSize }
    /// Audits with a score: the mean score and the trend are over these.
    public var scoredAudits: Int
    /// Days from the first scored audit to the last.
    public var spanDays: Int

    /// A trend needs at least this many scored audits to be relied on.
    public static let reliableTrendAudits = 5
    /// A trend needs its audits to span at least this many days to be relied on.
    public static let reliableTrendDays = 14

    /// Whether the trend rests on at least `reliableTrendAudits` scored audits spanning at least
    /// `reliableTrendDays` days; `nil` without a trend. A slope from three audits in a week
    /// swings with any one of them.
    public var isTrendReliable: Bool? {
        guard trend != nil else { return nil }
        return scoredAudits >= Self.reliableTrendAudits && spanDays >= Self.reliableTrendDays
    }

    init(agent: ScoreTally, team: ScoreTally, teamAgents: Int, minimumTeamSize: Int) {
        self.teamAgents = teamAgents
        self.minimumTeamSize = minimumTeamSize
        audits = agent.audits
        meanScore = agent.meanScore
        passRate = agent.passRate
        passes = agent.passes
        judged = agent.judged
        autoFails = agent.autoFails
        trend = agent.scores.slopePer30Days
        scoredAudits = agent.scoredAudits
        spanDays = agent.scores.spanDays
        let isShown = teamAgents >= minimumTeamSize
        teamMeanScore = isShown ? team.meanScore : nil
        teamAudits = isShown ? team.audits : nil
    }
}

/// The agent's coaching on one scorecard.
public struct ScorecardCoaching: Sendable {
    /// The scorecard, with its coaching settings.
    public var scorecard: Scorecard
    /// Figures over the agent's audits on this scorecard, against the team's on it.
    public var summary: CoachingSummary
    /// Every criterion of the scorecard, in scorecard order.
    public var criteria: [CriterionPerformance]
    /// Criticals first (most failures first), then by points lost; ties in scorecard order.
    public var focusAreas: [CriterionPerformance]
    /// At most two, largest lead over the team first.
    public var strengths: [CriterionPerformance]
    /// One per focus area, in focus-area order.
    public var notes: [CoachingNote]
    /// One per focus area, then the overall-score goal when the mean is below `passing_score`.
    public var goals: [CoachingGoal]
}

/// How the agent did on one criterion, against the team.
public struct CriterionPerformance: Sendable {
    /// Index in `Scorecard.criteria`.
    public var index: Int
    /// The rubric's criterion.
    public var criterion: Criterion
    /// Audits in which it was scored.
    public var scored: Int
    /// Percentages, 0...100; `nil` when not scored.
    public var meanCredit: Rational?
    /// The team's mean credit on it, as a percentage; `nil` when the team never scored it or
    /// has too few agents to show it.
    public var teamMeanCredit: Rational?
    /// Audits of the team in which it was scored (0 when team figures are not shown).
    public var teamScored: Int
    /// Audits in which it failed as a critical criterion.
    public var criticalFailures: Int
    /// Points of score those critical failures took away, summed over the audits (raw score −
    /// score in each); 0 under `critical_policy: flag`.
    public var criticalPoints: Rational
    /// Scored audits in which it earned less than full credit.
    public var shortfalls: Int
    /// Mean points of score it cost per audit of the agent's on this scorecard.
    public var pointsLost: Rational
    /// Counts per choice option, then N/A; empty for other types.
    public var answerCounts: [Int]

    /// The criterion's id.
    public var id: String { criterion.id }

    /// How far the agent's mean credit is above the team's, in percentage points.
    public var leadOverTeam: Rational? {
        guard let meanCredit, let teamMeanCredit else { return nil }
        return meanCredit - teamMeanCredit
    }
}

/// A goal of the action plan: a criterion's mean credit, a KPI (`kpi`), or (neither) the mean score.
public struct CoachingGoal: Sendable {
    /// `nil` for the overall-score goal and KPI goals.
    public var criterion: Criterion?
    /// The `coaching.kpi_targets` entry of a KPI goal: baseline and target are then in the
    /// KPI's unit (minutes, a share 0…1, NPS).
    public var kpi: KPITarget? = nil
    /// The agent's mean credit (percentage) or mean score in this period.
    public var baseline: Rational
    /// min(100, max(team mean, baseline + target_gain)), or min(100, baseline + target_gain)
    /// without a team figure; for the overall score, also at least `passing_score`.
    public var target: Rational
    /// Period end + `review_after_days`.
    public var due: CalendarDate
    /// What to do, from the rubric: the tip, the resources, the evidence to go through.
    public var actions: [String]
    /// How the goal is checked: re-audit at least `min_audits` interactions by `due`.
    public var followUp: String
}

/// How an earlier goal went in the new period.
public enum FollowUpStatus: String, Sendable, CaseIterable {
    /// current ≥ target.
    case met
    /// baseline < current < target.
    case improved
    /// current ≤ baseline.
    case notMet = "not_met"
    /// Not scored in the new period.
    case noData = "no_data"
    /// Scored in fewer than `coaching.min_audits` audits of the new period: too few to judge.
    case tooFewAudits = "too_few_audits"

    /// Judges a current figure against an earlier goal; `audits` is how many scored audits of the
    /// new period the figure comes from, and a figure from fewer than `minimumAudits` is never
    /// judged, however high it is.
    public static func judge(baseline: Double, target: Double, current: Double?, audits: Int, minimumAudits: Int) -> FollowUpStatus {
        guard let current else { return .noData }
        if audits < minimumAudits { return .tooFewAudits }
        if current >= target { return .met }
        if current > baseline { return .improved }
        return .notMet
    }
}

/// One earlier goal, judged on the new period.
public struct FollowUpResult: Sendable {
    /// The KPI of a KPI goal; `currentAudits` then counts the tickets behind `current`.
    public var kpi: KPIMeasure? = nil
    /// The scorecard id the earlier goal named.
    public var scorecard: String?
    /// `nil` for an overall-score goal.
    public var criterion: String?
    /// The criterion's title, when the scorecard still has it.
    public var title: String?
    /// The earlier goal's baseline, as its plan wrote it.
    public var baseline: Double
    /// The earlier goal's target.
    public var target: Double
    /// The earlier goal's due date, as written in the earlier plan.
    public var due: String?
    /// The same figure in the new period; `nil` when there is none.
    public var current: Rational?
    /// The new period's scored audits behind `current`: those that scored the criterion, or
    /// those with a score for an overall-score goal.
    public var currentAudits: Int
    /// The `coaching.min_audits` a figure needs before it is judged.
    public var minimumAudits: Int
    /// How the goal went.
    public var status: FollowUpStatus
}
