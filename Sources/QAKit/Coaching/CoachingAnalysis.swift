/// Turns a `CoachingTally` into each agent's notes and plan (SPEC.md section 7).
///
/// Decisions where the spec is silent (documented in `docs/coaching.md`):
/// - several scorecards: criteria, focus areas, strengths, notes and goals are per scorecard,
///   each with its own `coaching` settings; the summary covers every audit of the agent;
/// - the team is the agent's most frequent `team` value, ties broken alphabetically;
/// - a criterion chosen as a focus area is not also listed as a strength;
/// - a focus area that was never scored (a weight-0 critical criterion) gets a note but no goal,
///   since it has no mean credit to measure;
/// - the overall-score goal's target is also at least `passing_score`.
public struct CoachingAnalysis: Sendable {
    /// The totals the analysis reads.
    public let tally: CoachingTally
    /// The period covered; goals fall due counted from its end.
    public let period: CoachingPeriod
    private let teams: [String?: GroupTally]
    private let everyone: GroupTally

    /// `nil` when no audit fell inside the period.
    public init?(tally: CoachingTally) {
        guard let period = tally.period else { return nil }
        self.tally = tally
        self.period = period
        teams = tally.teams()
        var everyone = GroupTally(scorecardCount: tally.scorecards.count)
        for group in teams.values { everyone.add(group) }
        self.everyone = everyone
    }

    /// Every agent with audits in the period, sorted.
    public var agentNames: [String] { tally.agents.keys.sorted() }

    /// One agent's coaching; `nil` for an agent without audits in the period.
    public func coaching(for name: String, previousGoals: [PreviousGoal] = []) -> AgentCoaching? {
        guard let agent = tally.agents[name] else { return nil }
        let team = tally.team(of: agent)
        let group = team.flatMap { teams[$0] } ?? everyone
        let own = agent.group
        var coaching = AgentCoaching(
            agent: name, team: team, period: period,
            summary: CoachingSummary(agent: own.overall, team: group.overall),
            scorecards: [], followUp: []
        )
        for index in tally.scorecards.indices {
            guard let mine = own.scorecards[index] else { continue }
            coaching.scorecards.append(scorecardCoaching(
                scorecard: tally.scorecards[index], mine: mine, team: group.scorecards[index],
                evidence: agent.evidence[index], teamPhrase: coaching.teamPhrase
            ))
        }
        coaching.followUp = previousGoals.filter { $0.agent == name }.map { judge($0, in: coaching) }
        return coaching
    }

    private func scorecardCoaching(
        scorecard: Scorecard, mine: ScorecardTally, team: ScorecardTally?, evidence: [EvidenceLog], teamPhrase: String
    ) -> ScorecardCoaching {
        let criteria = scorecard.criteria.enumerated().map { index, entry in
            CriterionPerformance(
                index: index, criterion: entry.criterion, scored: mine.criteria[index].scored,
                meanCredit: mine.criteria[index].meanCreditPercentage,
                teamMeanCredit: team?.criteria[index].meanCreditPercentage,
                teamScored: team?.criteria[index].scored ?? 0,
                criticalFailures: mine.criteria[index].criticalFailures,
                shortfalls: mine.criteria[index].shortfalls,
                pointsLost: mine.pointsLost(index),
                answerCounts: mine.criteria[index].answerCounts
            )
        }
        let settings = scorecard.coaching
        let focus = Self.focusAreas(criteria, settings: settings)
        let strengths = Self.strengths(criteria, excluding: Set(focus.map(\.index)), settings: settings)
        let summary = CoachingSummary(agent: mine.score, team: team?.score ?? ScoreTally())
        let costliest = criteria.map(\.pointsLost).max() ?? .zero
        let notes = focus.map { item in
            note(item, isCostliest: item.pointsLost == costliest, scorecard: scorecard, evidence: evidence[item.index],
                 teamPhrase: teamPhrase, audits: mine.pointsLostAudits)
        }
        let due = period.to.adding(days: settings.reviewAfterDays)
        var goals: [CoachingGoal] = zip(focus, notes).compactMap { item, note in
            guard let baseline = item.meanCredit else { return nil }
            return CoachingGoal(
                criterion: item.criterion, baseline: baseline,
                target: Self.target(baseline: baseline, team: item.teamMeanCredit, gain: settings.targetGain),
                due: due, actions: CoachingWriter.actions(for: note),
                followUp: CoachingWriter.followUp(minimumAudits: settings.minimumAudits, scorecard: scorecard, due: due)
            )
        }
        if let passing = scorecard.passingScore, let mean = summary.meanScore, mean < passing {
            let target = Self.target(baseline: mean, team: summary.teamMeanScore, gain: settings.targetGain, floor: passing)
            let focusCost = focus.reduce(Rational.zero) { $0 + $1.pointsLost }
            var actions = ["Raise the mean score from \(CoachingWriter.score(mean)) to \(CoachingWriter.score(target)) (the passing score is \(passing.decimalString()))."]
            if !focus.isEmpty {
                actions.append("Work on the focus areas above: together they cost \(CoachingWriter.score(focusCost)) points per audit.")
            }
            goals.append(CoachingGoal(
                criterion: nil, baseline: mean, target: target, due: due, actions: actions,
                followUp: CoachingWriter.followUp(minimumAudits: settings.minimumAudits, scorecard: scorecard, due: due)
            ))
        }
        return ScorecardCoaching(
            scorecard: scorecard, summary: summary, criteria: criteria, focusAreas: focus,
            strengths: strengths, notes: notes, goals: goals
        )
    }

    private func note(
        _ item: CriterionPerformance, isCostliest: Bool, scorecard: Scorecard, evidence: EvidenceLog, teamPhrase: String, audits: Int
    ) -> CoachingNote {
        let criterion = item.criterion
        return CoachingNote(
            criterion: criterion, guidance: criterion.guidance,
            performance: CoachingWriter.performance(item, teamPhrase: teamPhrase),
            cost: CoachingWriter.cost(item, isCostliest: isCostliest, scorecard: scorecard, audits: audits),
            topLevel: CoachingWriter.topLevel(of: criterion),
            tip: criterion.coaching?.tip, resources: criterion.coaching?.resources ?? [],
            evidence: evidence.entries,
            evidenceAnswers: evidence.entries.map { CoachingWriter.label($0.answer, for: criterion) }
        )
    }

    /// Criteria with critical failures first (most failures first), then criteria scored at least
    /// `min_audits` times that lost points (most points first); ties in scorecard order.
    public static func focusAreas(_ criteria: [CriterionPerformance], settings: CoachingSettings) -> [CriterionPerformance] {
        let criticals = criteria.filter { $0.criticalFailures > 0 }
            .sorted { ($1.criticalFailures, $0.index) < ($0.criticalFailures, $1.index) }
        let costly = criteria.filter { $0.criticalFailures == 0 && $0.scored >= settings.minimumAudits && $0.pointsLost > .zero }
            .sorted { $0.pointsLost > $1.pointsLost || ($0.pointsLost == $1.pointsLost && $0.index < $1.index) }
        return Array((criticals + costly).prefix(max(0, settings.focusAreas)))
    }

    /// At most two criteria, scored at least `min_audits` times, where the agent's mean credit
    /// is furthest above the team's; ties in scorecard order.
    public static func strengths(
        _ criteria: [CriterionPerformance], excluding focus: Set<Int>, settings: CoachingSettings
    ) -> [CriterionPerformance] {
        let leading = criteria.filter { item in
            guard !focus.contains(item.index), item.scored >= settings.minimumAudits, let lead = item.leadOverTeam else { return false }
            return lead > .zero
        }
        return Array(leading.sorted { ($0.leadOverTeam!, $1.index) > ($1.leadOverTeam!, $0.index) }.prefix(2))
    }

    /// min(100, max(team mean, baseline + gain, floor)); without a team figure, baseline + gain.
    public static func target(baseline: Rational, team: Rational?, gain: Rational, floor: Rational? = nil) -> Rational {
        var target = baseline + gain
        if let team, team > target { target = team }
        if let floor, floor > target { target = floor }
        return target > .hundred ? .hundred : target
    }

    private func judge(_ goal: PreviousGoal, in coaching: AgentCoaching) -> FollowUpResult {
        let card = coaching.scorecards.first { card in
            if let id = goal.scorecard { return card.scorecard.id == id }
            return goal.criterion.map { card.scorecard.criterion($0) != nil } ?? false
        }
        let current: Rational?
        let title: String?
        if let criterion = goal.criterion {
            let item = card?.criteria.first { $0.id == criterion }
            current = item?.meanCredit
            title = item?.criterion.title
        } else {
            current = goal.scorecard == nil ? coaching.summary.meanScore : card?.summary.meanScore
            title = nil
        }
        return FollowUpResult(
            scorecard: goal.scorecard, criterion: goal.criterion, title: title, baseline: goal.baseline,
            target: goal.target, due: goal.due, current: current,
            status: FollowUpStatus.judge(baseline: goal.baseline, target: goal.target, current: current?.doubleValue)
        )
    }
}
