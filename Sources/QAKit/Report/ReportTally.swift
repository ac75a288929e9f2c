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

    /// Per period key: the non-calibration audits' totals, and the earliest date seen in it.
    var periods: [String: PeriodTotals] = [:]
    /// Per team (`(none)` for audits without one) and period.
    var teamPeriods: [String: [String: ScoreTally]] = [:]
    /// Per team, criterion totals (for the heatmap); points lost are not kept here.
    var teams: [String: GroupTally] = [:]
    /// Every audit, with points lost (for the criteria that cost the most).
    var everyone: GroupTally
    /// Per agent and period, and per agent over the whole run.
    var agentPeriods: [String: [String: ScoreTally]] = [:]
    var agents: [String: ScoreTally] = [:]
    /// Non-calibration audits per reviewer.
    var reviewerAudits: [String: Int] = [:]
    /// Audits per histogram bin (`ReportFigures.binEdges`).
    var bins = [Int](repeating: 0, count: ReportFigures.binCount)
    /// Calibration audits of the whole run, and per period.
    let calibration: CalibrationSession
    var calibrationByPeriod: [String: CalibrationSession] = [:]
    /// Calibration audits taken (inside `filter`).
    public private(set) var calibrationAudits = 0
    private let layouts: [ScorecardLayout]
    private var lastDate: CalendarDate?
    private var lastKey = ""

    /// An empty tally for `scorecards`, counting audits inside `filter` by `period`.
    public init(scorecards: [Scorecard], filter: PeriodFilter = PeriodFilter(), period: ReportPeriod = .month) {
        self.scorecards = scorecards
        self.filter = filter
        self.period = period
        layouts = scorecards.map(ScorecardLayout.init)
        everyone = GroupTally(scorecardCount: scorecards.count)
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
        periods[key, default: PeriodTotals(firstDate: audit.date)].add(score, date: audit.date)
        teamPeriods[team, default: [:]][key, default: ScoreTally()].add(score, date: audit.date)
        agentPeriods[audit.agent, default: [:]][key, default: ScoreTally()].add(score, date: audit.date)
        agents[audit.agent, default: ScoreTally()].add(score, date: audit.date)
        reviewerAudits[audit.reviewer, default: 0] += 1
        if let rounded = score.roundedScore { bins[ReportFigures.bin(of: rounded)] += 1 }
        let layout = layouts[audit.scorecardIndex]
        let result = ScoredResult(score: score, sections: score.sections, criteria: score.criteria)
        teams[team, default: GroupTally(scorecardCount: scorecards.count)].add(audit, result: result, layout: layout, loss: nil)
        everyone.add(audit, result: result, layout: layout, loss: layout.lossContext(of: result))
    }

    /// Non-calibration audits taken.
    public var audits: Int { everyone.overall.audits }

    /// The period key of `date`, remembered for a run of audits of one day.
    private func periodKey(_ date: CalendarDate) -> String {
        if date == lastDate { return lastKey }
        lastDate = date
        lastKey = period.key(of: date)
        return lastKey
    }
}

/// One period's totals and its earliest audit date (which names the period before it).
struct PeriodTotals {
    var score = ScoreTally()
    var firstDate: CalendarDate

    init(firstDate: CalendarDate) {
        self.firstDate = firstDate
    }

    mutating func add(_ result: AuditScore, date: CalendarDate) {
        score.add(result, date: date)
        if date < firstDate { firstDate = date }
    }
}
