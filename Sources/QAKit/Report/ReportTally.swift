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
    /// Per team, criterion totals with points lost; the whole run is their sum.
    var teams: [String: GroupTally] = [:]
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
    private let layouts: [ScorecardLayout]
    private var lastDate: CalendarDate?
    private var lastKey = ""

    /// An empty tally for `scorecards`, counting audits inside `filter` by `period`.
    public init(scorecards: [Scorecard], filter: PeriodFilter = PeriodFilter(), period: ReportPeriod = .month) {
        self.scorecards = scorecards
        self.filter = filter
        self.period = period
        layouts = scorecards.map(ScorecardLayout.init)
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
        let layout = layouts[audit.scorecardIndex]
        let result = ScoredResult(score: score, sections: score.sections, criteria: score.criteria)
        teams[team, default: GroupTally(scorecardCount: scorecards.count)].add(audit, result: result, layout: layout,
                                                                            loss: layout.lossContext(of: result))
    }

    /// Non-calibration audits taken.
    public private(set) var audits = 0

    /// The period key of `date`, remembered for a run of audits of one day.
    private func periodKey(_ date: CalendarDate) -> String {
        if date == lastDate { return lastKey }
        lastDate = date
        lastKey = period.key(of: date)
        return lastKey
    }
}
