/// `index.json` of `coach --format json --out DIR`: the team lead's list of agents with headline
/// figures. It is not a plan, and `--previous` skips it by name.
public enum CoachingIndexJSON {
    /// The index object: the period and one entry per agent, with its file name from `files`.
    public static func value(_ agents: [AgentCoaching], files: [String: String]) -> StructuredValue {
        .object([
            .init("period", .object(agents.first.map { [
                .init("from", .string($0.period.from.description)), .init("to", .string($0.period.to.description)),
            ] } ?? [])),
            .init("agents", .array(agents.map { agent in
                .object([
                    .init("agent", .string(agent.agent)),
                    .init("file", .string(files[agent.agent])),
                    .init("team", .string(agent.team)),
                    .init("audits", .number(Double(agent.summary.audits))),
                    .init("mean_score", .number(agent.summary.meanScore)),
                    .init("team_mean_score", .number(agent.summary.teamMeanScore)),
                    .init("pass_rate", .number(agent.summary.passRate)),
                    .init("auto_fails", .number(Double(agent.summary.autoFails))),
                    .init("trend", .number(agent.summary.trend)),
                    .init("focus_areas", .array(agent.scorecards.flatMap { card in card.focusAreas.map { .string($0.id) } })),
                ])
            })),
        ])
    }
}
