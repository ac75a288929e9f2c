/// Collects, in one pass over scored audits, everything the management report needs
/// (docs/report.md): running totals per period, team, agent, reviewer and criterion, never the
/// audits themselves. Calibration audits are kept apart, compactly, for Krippendorff's alpha and
/// the reviewers' deviations (`CalibrationSession`).
public final class ReportTally {
    /// The run's scorecards, indexed like `Audit.scorecardIndex`.
    public let scorecards: [Scorecard]
    /// `--from`/`--to`: audits outside it are not counted at all.
    public let filter: PeriodFilter
    /// `--period`.
    public let period: ReportPeriod

    /// Per team (`(none)` for audits without one) and period key.
    var teamPeriods: [String: [String: ReportScoreTally]] = [:]
    /// Per team, criterion totals with points lost; the whole run is their sum. Read after the
    /// last audit: the sum of this tally's own and, when the reading thread took a share of the
    /// audits (`ScoredAudit.isTalliedEarly`), of `early`'s.
    var teams: [String: GroupTally] {
        guard let early else { return own.teams }
        var teams = own.teams
        for (team, tally) in early.teams {
            if teams[team] == nil { teams[team] = tally } else { teams[team]!.add(tally) }
        }
        return teams
    }
    private let own: ReportCriterionTally
    /// The per-criterion totals of the audits the reading thread took.
    private let early: ReportCriterionTally?
    /// Per agent and period key.
    var agentPeriods: [String: [String: ReportScoreTally]] = [:]
    /// Per reviewer, overturned ÷ decided disputes of their audits (`--disputes`,
    /// docs/disputes.md); `nil` without disputes. Set after the last audit.
    public var overturnRates: [String: Rational]?
    /// Non-calibration audits per reviewer.
    var reviewerAudits: [String: Int] = [:]
    /// Audits per histogram bin (`ReportFigures.binEdges`).
    var bins = [Int](repeating: 0, count: ReportFigures.binCount)
    /// Calibration audits of the whole run, and per period.
    let calibration: CalibrationSession
    var calibrationByPeriod: [String: CalibrationSession] = [:]
    /// Calibration audits taken (inside `filter`).
    public private(set) var calibrationAudits = 0
    /// The period key of each day met so far (audits come in any order of dates).
    private var keysByDay: [Int: String] = [:]

    /// An empty tally for `scorecards`, counting audits inside `filter` by `period`.
    /// `early`, when given, takes the per-criterion totals of the audits marked
    /// `ScoredAudit.isTalliedEarly` (on a run's reading thread, `ScoringRun.readingThreadConsumer`),
    /// and `add` leaves those audits' totals to it.
    public init(scorecards: [Scorecard], filter: PeriodFilter = PeriodFilter(), period: ReportPeriod = .month,
                early: ReportCriterionTally? = nil) {
        self.scorecards = scorecards
        self.filter = filter
        self.period = period
        own = ReportCriterionTally(scorecards: scorecards, filter: filter)
        self.early = early
        calibration = CalibrationSession(scorecards: scorecards, options: CalibrationOptions(isCalibrationOnly: true))
    }

    /// The team an audit counts under when it names none.
    public static let noTeam = Aggregate.noValue

    /// Takes one scored audit, if it falls inside the filter.
    public func add(_ scored: ScoredAudit) {
        let audit = scored.audit
        guard filter.contains(audit.date) else { return }
        let key = periodKey(audit.date)
        if audit.isCalibration {
            calibrationAudits += 1
            calibration.add(scored)
            if calibrationByPeriod[key] == nil {
                calibrationByPeriod[key] = CalibrationSession(scorecards: scorecards, options: CalibrationOptions(isCalibrationOnly: true))
            }
            calibrationByPeriod[key]!.add(scored)
            return
        }
        let score = scored.result
        let team = audit.metadata.value(named: "team") ?? Self.noTeam
        audits += 1
        teamPeriods[team, default: [:]][key, default: ReportScoreTally()].add(score)
        agentPeriods[audit.agent, default: [:]][key, default: ReportScoreTally()].add(score)
        reviewerAudits[audit.reviewer, default: 0] += 1
        if let rounded = score.roundedScore { bins[ReportFigures.bin(of: rounded)] += 1 }
        if !scored.isTalliedEarly { own.add(scored, team: team) }
    }

    /// Non-calibration audits taken.
    public private(set) var audits = 0

    /// The period key of `date`, worked out once per day: formatting it per audit cost more
    /// than looking it up.
    private func periodKey(_ date: CalendarDate) -> String {
        let day = date.daysSince1970
        if let key = keysByDay[day] { return key }
        let key = period.key(of: date)
        keysByDay[day] = key
        return key
    }
}

/// The report's per-criterion totals per team (credits, points lost, critical failures), the
/// costliest part of tallying an audit. In a run without disputes the reading thread takes every
/// other audit's share (`take`) while the calling thread does the rest of `ReportTally.add`
/// (docs/report.md, "Speed"): the totals are exact sums, so which thread adds them changes
/// nothing. It counts the audits `ReportTally.add` counts: non-calibration audits inside the filter.
public final class ReportCriterionTally: @unchecked Sendable {
    private let scorecardCount: Int
    private let filter: PeriodFilter
    private let layouts: [ScorecardLayout]
    private(set) var teams: [String: GroupTally] = [:]

    public init(scorecards: [Scorecard], filter: PeriodFilter = PeriodFilter()) {
        scorecardCount = scorecards.count
        self.filter = filter
        layouts = scorecards.map(ScorecardLayout.init)
    }

    private var skipsNext = false

    /// For `ScoringRun.readingThreadConsumer`: adds every other audit, as `ReportTally.add` would,
    /// and says whether it took this one, so that the two threads share the work.
    public func take(_ scored: ScoredAudit) -> Bool {
        skipsNext.toggle()
        guard skipsNext else { return false }
        let audit = scored.audit
        if !audit.isCalibration, filter.contains(audit.date) {
            add(scored, team: audit.metadata.value(named: "team") ?? ReportTally.noTeam)
        }
        return true
    }

    func add(_ scored: ScoredAudit, team: String) {
        let audit = scored.audit
        let score = scored.result
        let layout = layouts[audit.scorecardIndex]
        let result = ScoredResult(score: score, sections: score.sections, criteria: score.criteria)
        teams[team, default: GroupTally(scorecardCount: scorecardCount)].add(audit, result: result, layout: layout,
                                                                          loss: layout.lossContext(of: result))
    }
}
