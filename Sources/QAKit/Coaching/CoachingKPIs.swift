/// An agent's KPIs beside the team's in a coaching note (`coach --metrics`, docs/coaching.md).
///
/// The team is the note's comparison group: the tickets of every agent whose audits put them
/// in the same team (or of every audited agent when the note compares with all agents), read
/// together, so that a team median is the median of the team's tickets, not a mean of medians.
public struct CoachingKPIs: Sendable {
    /// `nil` when the agent has no ticket in the period.
    public var agent: KPIFigures?
    /// `nil` when the team's figures are withheld (too few agents, as for the scores) or the
    /// team has no ticket.
    public var team: KPIFigures?

    public init(agent: KPIFigures?, team: KPIFigures?) {
        self.agent = agent
        self.team = team
    }

    /// The agents of both sources matched by name (case and runs of whitespace aside, as
    /// `KPIJoin` matches), with the team figures of `analysis`'s comparison groups.
    public struct Assignment: Sendable {
        /// Per audited agent, by the audits' spelling.
        public var byAgent: [String: CoachingKPIs]
        /// Audited agents without a ticket, sorted.
        public var auditsOnly: [String]
        /// Agents with tickets but no audit in the period (no note is written for them), sorted.
        public var ticketsOnly: [String]
    }

    /// Matches `calculation` (grouped by agent) to the agents of `analysis`. A team's figures
    /// are kept only when at least the team's `min_team_size` agents have tickets in it, so
    /// that they never give one colleague's KPIs away.
    public static func assign(_ calculation: inout KPICalculation, to analysis: CoachingAnalysis) -> Assignment {
        let figures = calculation.figures()
        var audited: [String: String] = [:]
        for name in analysis.agentNames { audited[NameVariants.name(name)] = name }
        var byName: [String: KPIFigures] = [:]
        var ticketsOnly: [String] = []
        for group in figures {
            if let name = audited[NameVariants.name(group.key)] { byName[name] = group } else { ticketsOnly.append(group.key) }
        }
        let everyone = "\u{0}everyone"
        let teamOf: (String) -> String? = { key in
            audited[NameVariants.name(key)].map { analysis.comparisonTeam(of: $0) ?? everyone }
        }
        let teams = calculation.figures(mergedBy: teamOf)
        let all = calculation.figures(mergedBy: { audited[NameVariants.name($0)] == nil ? nil : everyone })[everyone]
        var byAgent: [String: CoachingKPIs] = [:]
        for name in analysis.agentNames {
            let group = analysis.comparisonTeam(of: name).map { teams[$0] } ?? all
            let minimum = analysis.minimumTeamSize(of: name)
            byAgent[name] = CoachingKPIs(agent: byName[name], team: group.flatMap { $0.groups >= minimum ? $0.figures : nil })
        }
        return Assignment(byAgent: byAgent, auditsOnly: analysis.agentNames.filter { byName[$0] == nil }, ticketsOnly: ticketsOnly.sorted())
    }
}
