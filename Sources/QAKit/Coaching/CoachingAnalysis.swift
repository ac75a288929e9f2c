/// Turns a `CoachingTally` into each agent's notes and plan (`docs/coaching.md`).
///
/// Decisions where the spec is silent (documented in `docs/coaching.md`):
/// - several scorecards: criteria, focus areas, strengths, notes and goals are per scorecard,
///   each with its own `coaching` settings; the summary covers every audit of the agent;
/// - the team is the agent's most frequent `team` value, ties broken alphabetically;
/// - a criterion chosen as a focus area is not also listed as a strength;
/// - a focus area that was never scored (a weight-0 critical criterion) gets a note but no goal,
///   since it has no mean credit to measure;
/// - the overall-score goal's target is also at least `passing_score`;
/// - a group of fewer agents than `coaching.min_team_size` (counted overall and per scorecard)
///   shows no team figure: targets are then baseline + `target_gain`, strengths the agent's own
///   highest mean credits;
/// - an earlier goal is judged only on at least `coaching.min_audits` scored audits of the new
///   period (`too_few_audits` below that).
public struct CoachingAnalysis: Sendable {
    /// The totals the analysis reads.
    public let tally: CoachingTally
    /// The period covered; goals fall due counted from its end.
    public let period: CoachingPeriod
    private let teams: [String?: GroupTally]
    private let everyone: GroupTally
    /// Distinct agents per team value, overall and per scorecard index.
    private let teamSizes: [String?: GroupSize]
    private let everyoneSize: GroupSize

    /// `nil` when no audit fell inside the period.
    public init?(tally: CoachingTally) {
        guard let period = tally.period else { return nil }
        self.tally = tally
        self.period = period
        teams = tally.teams()
        var everyone = GroupTally(scorecardCount: tally.scorecards.count)
        for group in teams.values { everyone.add(group) }
        self.everyone = everyone
        var sizes: [String?: GroupSize] = [:]
        var all = GroupSize(scorecardCount: tally.scorecards.count)
        for agent in tally.agents.values {
            for (team, group) in agent.byTeam { sizes[team, default: GroupSize(scorecardCount: tally.scorecards.count)].count(group) }
            all.count(agent.group)
        }
        teamSizes = sizes
        everyoneSize = all
    }

    /// Every agent with audits in the period, sorted.
    public var agentNames: [String] { tally.agents.keys.sorted() }

    /// The team an agent's notes compare with (their most frequent `team`); `nil` for all agents
    /// or an agent without audits.
    public func comparisonTeam(of name: String) -> String? {
        tally.agents[name].flatMap(tally.team(of:))
    }

    /// The strictest `min_team_size` among the scorecards of the agent's audits: it guards the
    /// overall team figures (the team's KPIs too).
    public func minimumTeamSize(of name: String) -> Int {
        guard let own = tally.agents[name]?.group else { return CoachingSettings().minimumTeamSize }
        return tally.scorecards.indices.filter { own.scorecards[$0] != nil }
            .map { tally.scorecards[$0].coaching.minimumTeamSize }.max() ?? CoachingSettings().minimumTeamSize
    }

    /// One agent's coaching; `nil` for an agent without audits in the period. With `kpis`
    /// (`--metrics`), the note shows them and a missed `coaching.kpi_targets` entry is a goal.
    public func coaching(for name: String, previousGoals: [PreviousGoal] = [], kpis: CoachingKPIs? = nil) -> AgentCoaching? {
        guard let agent = tally.agents[name] else { return nil }
        let team = tally.team(of: agent)
        let group = team.flatMap { teams[$0] } ?? everyone
        let size = team.flatMap { teamSizes[$0] } ?? everyoneSize
        let own = agent.group
        let minimumTeamSize = minimumTeamSize(of: name)
        var coaching = AgentCoaching(
            agent: name, team: team, period: period,
            summary: CoachingSummary(agent: own.overall, team: group.overall, teamAgents: size.overall, minimumTeamSize: minimumTeamSize),
            scorecards: [], followUp: [], kpis: kpis
        )
        var kpisWithGoals: Set<KPIMeasure> = []
        for index in tally.scorecards.indices {
            guard let mine = own.scorecards[index] else { continue }
            var card = scorecardCoaching(
                scorecard: tally.scorecards[index], mine: mine, team: group.scorecards[index], teamAgents: size.scorecards[index],
                evidence: agent.evidence[index], teamPhrase: coaching.teamPhrase
            )
            if let figures = kpis?.agent {
                // A KPI is the agent's, whatever the scorecard: one goal for it, from the first
                // of their scorecards that sets a target for it.
                let goals = kpiGoals(figures, team: kpis?.team, scorecard: card.scorecard, excluding: kpisWithGoals)
                kpisWithGoals.formUnion(card.scorecard.coaching.kpiTargets.map(\.measure))
                card.goals += goals
            }
            coaching.scorecards.append(card)
        }
        coaching.followUp = previousGoals.filter { $0.agent == name }.map { judge($0, in: coaching) }
        return coaching
    }

    private func scorecardCoaching(
        scorecard: Scorecard, mine: ScorecardTally, team allTeam: ScorecardTally?, teamAgents: Int, evidence: [EvidenceLog], teamPhrase: String
    ) -> ScorecardCoaching {
        let settings = scorecard.coaching
        // Too few agents: no team figure at all, so that none can give a colleague's away.
        let team = teamAgents >= settings.minimumTeamSize ? allTeam : nil
        let criteria = scorecard.criteria.enumerated().map { index, entry in
            CriterionPerformance(
                index: index, criterion: entry.criterion, scored: mine.criteria[index].scored,
                meanCredit: mine.criteria[index].meanCreditPercentage,
                teamMeanCredit: team?.criteria[index].meanCreditPercentage,
                teamScored: team?.criteria[index].scored ?? 0,
                criticalFailures: mine.criteria[index].criticalFailures,
                criticalPoints: mine.criteria[index].criticalPointsTotal,
                shortfalls: mine.criteria[index].shortfalls,
                pointsLost: mine.pointsLost(index),
                answerCounts: mine.criteria[index].answerCounts
            )
        }
        let focus = Self.focusAreas(criteria, settings: settings)
        let strengths = Self.strengths(criteria, excluding: Set(focus.map(\.index)), settings: settings, hasTeam: team != nil)
        let summary = CoachingSummary(agent: mine.score, team: allTeam?.score ?? ScoreTally(), teamAgents: teamAgents,
                                      minimumTeamSize: settings.minimumTeamSize)
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
            if focus.count == 1 {
                actions.append("Work on the focus area above: it costs \(CoachingWriter.score(focusCost)) points per audit.")
            } else if !focus.isEmpty {
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

    /// A goal per `coaching.kpi_targets` entry the agent misses, on a figure over at least
    /// `min_audits` tickets (as a focus area needs `min_audits` audits): baseline the agent's
    /// figure, target the scorecard's, due with the other goals (docs/coaching.md).
    private func kpiGoals(_ figures: KPIFigures, team: KPIFigures?, scorecard: Scorecard, excluding done: Set<KPIMeasure>) -> [CoachingGoal] {
        let settings = scorecard.coaching
        let due = period.to.adding(days: settings.reviewAfterDays)
        return settings.kpiTargets.compactMap { target in
            guard !done.contains(target.measure), let value = target.measure.value(in: figures), target.measure.count(in: figures) >= settings.minimumAudits,
                  !target.isMet(by: value) else { return nil }
            var goal = CoachingGoal(
                criterion: nil, baseline: value, target: target.value, due: due,
                actions: CoachingWriter.kpiActions(target, current: value, team: team.flatMap { target.measure.value(in: $0) }),
                followUp: CoachingWriter.kpiFollowUp(target, minimumTickets: settings.minimumAudits, due: due)
            )
            goal.kpi = target
            return goal
        }
    }

    private func note(
        _ item: CriterionPerformance, isCostliest: Bool, scorecard: Scorecard, evidence: EvidenceLog, teamPhrase: String, audits: Int
    ) -> CoachingNote {
        let criterion = item.criterion
        return CoachingNote(
            criterion: criterion, guidance: criterion.guidance,
            performance: CoachingWriter.performance(item, teamPhrase: teamPhrase),
            cost: CoachingWriter.cost(item, isCostliest: isCostliest, scorecard: scorecard, audits: audits, evidence: evidence.entries),
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
    /// is furthest above the team's; without team figures (`hasTeam` false), those with the
    /// agent's highest mean credit above 0. Ties in scorecard order.
    public static func strengths(
        _ criteria: [CriterionPerformance], excluding focus: Set<Int>, settings: CoachingSettings, hasTeam: Bool = true
    ) -> [CriterionPerformance] {
        let measure = { (item: CriterionPerformance) in hasTeam ? item.leadOverTeam : item.meanCredit }
        let leading = criteria.filter { item in
            guard !focus.contains(item.index), item.scored >= settings.minimumAudits, let lead = measure(item) else { return false }
            return lead > .zero
        }
        return Array(leading.sorted { (measure($0)!, $1.index) > (measure($1)!, $0.index) }.prefix(2))
    }

    /// min(100, max(team mean, baseline + gain, floor)); without a team figure, baseline + gain.
    public static func target(baseline: Rational, team: Rational?, gain: Rational, floor: Rational? = nil) -> Rational {
        var target = baseline + gain
        if let team, team > target { target = team }
        if let floor, floor > target { target = floor }
        return target > .hundred ? .hundred : target
    }

    /// Judges an earlier goal on the scorecard it names (or the first that has its criterion),
    /// with that scorecard's `min_audits`; an overall-score goal that names no scorecard is judged
    /// on every audit of the agent, against the largest `min_audits` among their scorecards.
    private func judge(_ goal: PreviousGoal, in coaching: AgentCoaching) -> FollowUpResult {
        if let kpi = goal.kpi { return judgeKPI(goal, kpi: kpi, in: coaching) }
        let card = coaching.scorecards.first { card in
            if let id = goal.scorecard { return card.scorecard.id == id }
            return goal.criterion.map { card.scorecard.criterion($0) != nil } ?? false
        }
        let current: Rational?
        let audits: Int
        let title: String?
        if let criterion = goal.criterion {
            let item = card?.criteria.first { $0.id == criterion }
            current = item?.meanCredit
            audits = item?.scored ?? 0
            title = item?.criterion.title
        } else {
            let summary = goal.scorecard == nil ? coaching.summary : card?.summary
            current = summary?.meanScore
            audits = summary?.scoredAudits ?? 0
            title = nil
        }
        let minimum = card?.scorecard.coaching.minimumAudits
            ?? coaching.scorecards.map(\.scorecard.coaching.minimumAudits).max() ?? CoachingSettings().minimumAudits
        return FollowUpResult(
            scorecard: goal.scorecard, criterion: goal.criterion, title: title, baseline: goal.baseline,
            target: goal.target, due: goal.due, current: current, currentAudits: audits, minimumAudits: minimum,
            status: FollowUpStatus.judge(baseline: goal.baseline, target: goal.target, current: current?.doubleValue,
                                         audits: audits, minimumAudits: minimum)
        )
    }
}

extension CoachingAnalysis {
    /// Judges an earlier KPI goal on the agent's KPIs of the new period, by the same rules as
    /// the other goals; for a maximum (`{max: …}`), lower is better, so `met` is current ≤
    /// target and `improved` target < current < baseline. The figure needs `min_audits` tickets
    /// of the scorecard the goal names (the largest among the agent's scorecards otherwise).
    fileprivate func judgeKPI(_ goal: PreviousGoal, kpi: KPIMeasure, in coaching: AgentCoaching) -> FollowUpResult {
        let figures = coaching.kpis?.agent
        let current = figures.flatMap { kpi.value(in: $0) }
        let count = figures.map { kpi.count(in: $0) } ?? 0
        let card = coaching.scorecards.first { $0.scorecard.id == goal.scorecard }
        let minimum = card?.scorecard.coaching.minimumAudits
            ?? coaching.scorecards.map(\.scorecard.coaching.minimumAudits).max() ?? CoachingSettings().minimumAudits
        let sign = goal.kpiBound == .max ? -1.0 : 1.0
        var result = FollowUpResult(
            scorecard: goal.scorecard, criterion: nil, title: kpi.title, baseline: goal.baseline, target: goal.target, due: goal.due,
            current: current, currentAudits: count, minimumAudits: minimum,
            status: FollowUpStatus.judge(baseline: sign * goal.baseline, target: sign * goal.target, current: current.map { sign * $0.doubleValue },
                                         audits: count, minimumAudits: minimum)
        )
        result.kpi = kpi
        return result
    }
}

/// How many distinct agents a comparison group has, overall and per scorecard index.
private struct GroupSize {
    var overall = 0
    var scorecards: [Int]

    init(scorecardCount: Int) {
        scorecards = Array(repeating: 0, count: scorecardCount)
    }

    /// Counts one agent whose audits in the group are `group`.
    mutating func count(_ group: GroupTally) {
        overall += 1
        for index in scorecards.indices where group.scorecards[index] != nil { scorecards[index] += 1 }
    }
}
