/// Every figure of the management report (docs/report.md), exact where the inputs are exact;
/// the JSON, Markdown and HTML writers only format these.
public struct ReportFigures: Sendable {
    /// One period's headline figures.
    public struct PeriodFigures: Sendable, Hashable {
        public var period: String
        public var audits: Int
        public var meanScore: Rational?
        public var passRate: Rational?
        public var autoFails: Int
        /// Krippendorff's alpha of the period's calibration audits (`ReportFigures.alpha(of:)`).
        public var alpha: Double?
        /// The calibration interactions behind `alpha` (0 without calibration).
        public var alphaInteractions: Int
        /// The period's KPIs, when tickets were given.
        public var kpis: KPIFigures?
    }

    /// The latest period, the one right before it (`nil` when it has neither audits nor
    /// calibration audits nor tickets), and the change from one to the other.
    public struct Headline: Sendable, Hashable {
        public var latest: PeriodFigures
        public var previous: PeriodFigures?
        /// latest − previous; `nil` where either side has no figure.
        public var audits: Int? { previous.map { latest.audits - $0.audits } }
        public var meanScore: Rational? { difference(\.meanScore) }
        public var passRate: Rational? { difference(\.passRate) }
        public var autoFails: Int? { previous.map { latest.autoFails - $0.autoFails } }
        public var alpha: Double? {
            guard let now = latest.alpha, let before = previous?.alpha else { return nil }
            return now - before
        }

        /// The change in one KPI.
        public func kpiChange(_ figure: KeyPath<KPIFigures, Rational?>) -> Rational? {
            guard let now = latest.kpis?[keyPath: figure], let before = previous?.kpis?[keyPath: figure] else { return nil }
            return now - before
        }

        private func difference(_ figure: KeyPath<PeriodFigures, Rational?>) -> Rational? {
            guard let now = latest[keyPath: figure], let before = previous?[keyPath: figure] else { return nil }
            return now - before
        }
    }

    /// One team in one period.
    public struct TeamPeriod: Sendable, Hashable {
        public var team: String
        public var period: String
        public var audits: Int
        public var meanScore: Rational?
        public var passRate: Rational?
    }

    /// One histogram bin: scores rounded to two decimals from `from` (inclusive) to `to`
    /// (exclusive, but 100 inclusive for the 90–100 bin); `to` is `nil` for `100+` (above 100).
    public struct Bin: Sendable, Hashable {
        public var from: Int
        public var to: Int?
        public var audits: Int

        /// `0–10`, `90–100`, `100+`.
        public var label: String { to.map { "\(from)–\($0)" } ?? "\(from)+" }
    }

    /// A criterion's mean credit (0…1) over one team's audits that scored it.
    public struct CriterionTeam: Sendable, Hashable {
        public var scorecard: String
        public var scorecardVersion: Int
        /// The scorecard as a reader tells it apart: its id, with `v<version>` when several
        /// versions of the id are in the report (docs/versions.md).
        public var scorecardLabel: String
        public var criterion: String
        public var title: String
        public var team: String
        public var scored: Int
        public var meanCredit: Rational?
    }

    /// A criterion's points lost per audit of its scorecard (as coaching defines it).
    public struct CriterionCost: Sendable, Hashable {
        public var scorecard: String
        public var scorecardVersion: Int
        /// As `CriterionTeam.scorecardLabel`.
        public var scorecardLabel: String
        public var criterion: String
        public var title: String
        public var pointsLost: Rational
    }

    /// One agent in one period.
    public struct AgentPeriod: Sendable, Hashable {
        public var agent: String
        public var period: String
        public var audits: Int
        public var meanScore: Rational?
    }

    /// One reviewer: non-calibration audits, the mean deviation from the calibration analysis
    /// (`nil` when they took part in no calibration unit), and the overturn rate (`nil` without
    /// `--disputes`, or when no dispute of their audits is decided: docs/disputes.md).
    public struct Reviewer: Sendable, Hashable {
        public var reviewer: String
        public var audits: Int
        public var meanDeviation: Double?
        public var overturnRate: Rational?
    }

    /// One agent's mean QA score over the run against their CSAT over the tickets.
    public struct QAPoint: Sendable, Hashable {
        public var agent: String
        public var meanScore: Rational
        public var csat: Rational
    }

    /// Pearson's r over `points` (`nil` below two points or without variation) and n.
    public struct QAVersusCSAT: Sendable, Hashable {
        public var r: Double?
        public var points: [QAPoint]
        public var n: Int { points.count }
    }

    public var period: ReportPeriod
    /// `nil` when the run has no non-calibration audit.
    public var headline: Headline?
    /// Every period with audits, in order.
    public var periods: [String]
    public var teams: [TeamPeriod]
    public var histogram: [Bin]
    public var criteriaByTeam: [CriterionTeam]
    /// Sorted by points lost, most first (ties in scorecard and criterion order).
    public var criteriaCost: [CriterionCost]
    public var agents: [AgentPeriod]
    /// Each agent's audits and mean score over the whole run, sorted by name.
    public var agentTotals: [(agent: String, audits: Int, meanScore: Rational?)]
    public var reviewers: [Reviewer]
    /// `nil` without tickets.
    public var qaVersusCSAT: QAVersusCSAT?
    /// The distinct passing scores of the scorecards with audits, lowest first.
    public var passMarks: [Rational]
    /// The `calibration.min_alpha` of the scorecard whose alpha the headline shows; `nil` without one.
    public var minimumAlpha: Double?
    /// Calibration audits counted.
    public var calibrationAudits: Int

    /// Bins: [0,10) … [80,90), [90,100], and 100+.
    public static let binCount = 11

    /// The bin of a score rounded to two decimals.
    static func bin(of rounded: Rational) -> Int {
        if rounded > .hundred { return 10 }
        if rounded < .zero { return 0 }
        let tenths = rounded.numerator / (rounded.denominator * 10)
        return min(9, Int(tenths))
    }

    /// The figures of `tally`; `kpisByPeriod` (tickets grouped by `--period`) and `kpisByAgent`
    /// (by agent) when tickets were given.
    public init(tally: ReportTally, kpisByPeriod: [KPIFigures]? = nil, kpisByAgent: [KPIFigures]? = nil) {
        period = tally.period
        calibrationAudits = tally.calibrationAudits
        var periodTotals: [String: ReportScoreTally] = [:]
        for byPeriod in tally.teamPeriods.values {
            for (key, totals) in byPeriod { periodTotals[key, default: ReportScoreTally()].add(totals) }
        }
        periods = periodTotals.keys.sorted()
        var everyone = GroupTally(scorecardCount: tally.scorecards.count)
        // Merged once: `ReportTally.teams` sums two tallies at each read.
        let teamTallies = tally.teams
        for team in teamTallies.values { everyone.add(team) }
        let kpis = kpisByPeriod.map { Dictionary($0.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }) }
        let alphas = tally.calibrationByPeriod.compactMapValues { Self.alpha(of: $0.analyse()) }
        minimumAlpha = nil
        if let latestKey = periods.last, let firstDay = tally.period.firstDay(of: latestKey) {
            let previousKey = tally.period.previousKey(before: firstDay)
            func figures(_ key: String) -> PeriodFigures? {
                let totals = periodTotals[key]
                guard totals != nil || alphas[key] != nil || kpis?[key] != nil else { return nil }
                return PeriodFigures(period: key, audits: totals?.audits ?? 0, meanScore: totals?.meanScore, passRate: totals?.passRate,
                                     autoFails: totals?.autoFails ?? 0, alpha: alphas[key]?.alpha ?? nil, alphaInteractions: alphas[key]?.interactions ?? 0,
                                     kpis: kpisByPeriod == nil ? nil : kpis?[key] ?? Self.emptyKPIs(key))
            }
            headline = Headline(latest: figures(latestKey)!, previous: figures(previousKey))
            minimumAlpha = alphas[latestKey]?.minimum
        } else {
            headline = nil
        }
        teams = tally.teamPeriods.keys.sorted().flatMap { team in
            tally.teamPeriods[team]!.keys.sorted().map { key in
                let totals = tally.teamPeriods[team]![key]!
                return TeamPeriod(team: team, period: key, audits: totals.audits, meanScore: totals.meanScore, passRate: totals.passRate)
            }
        }
        histogram = (0..<Self.binCount).map { index in
            Bin(from: index * 10, to: index == 10 ? nil : index * 10 + 10, audits: tally.bins[index])
        }
        var byTeam: [CriterionTeam] = []
        var cost: [(order: Int, item: CriterionCost)] = []
        var order = 0
        let versionCounts = Dictionary(tally.scorecards.map { ($0.id, 1) }, uniquingKeysWith: +)
        for (index, scorecard) in tally.scorecards.enumerated() {
            let label = versionCounts[scorecard.id, default: 1] > 1 ? "\(scorecard.id) v\(scorecard.version)" : scorecard.id
            for (criterionIndex, entry) in scorecard.criteria.enumerated() {
                for team in teamTallies.keys.sorted() {
                    guard let card = teamTallies[team]!.scorecards[index] else { continue }
                    let criterion = card.criteria[criterionIndex]
                    byTeam.append(CriterionTeam(scorecard: scorecard.id, scorecardVersion: scorecard.version, scorecardLabel: label, criterion: entry.criterion.id, title: entry.criterion.title, team: team,
                                                scored: criterion.scored,
                                                meanCredit: criterion.scored == 0 ? nil : criterion.creditTotal / Rational(criterion.scored)))
                }
                if let card = everyone.scorecards[index] {
                    cost.append((order, CriterionCost(scorecard: scorecard.id, scorecardVersion: scorecard.version, scorecardLabel: label, criterion: entry.criterion.id, title: entry.criterion.title,
                                                      pointsLost: card.pointsLost(criterionIndex))))
                }
                order += 1
            }
        }
        criteriaByTeam = byTeam
        criteriaCost = cost.sorted { $0.item.pointsLost > $1.item.pointsLost || ($0.item.pointsLost == $1.item.pointsLost && $0.order < $1.order) }
            .map(\.item)
        agents = tally.agentPeriods.keys.sorted().flatMap { agent in
            tally.agentPeriods[agent]!.keys.sorted().map { key in
                let totals = tally.agentPeriods[agent]![key]!
                return AgentPeriod(agent: agent, period: key, audits: totals.audits, meanScore: totals.meanScore)
            }
        }
        var agentSums: [String: ReportScoreTally] = [:]
        for (agent, byPeriod) in tally.agentPeriods {
            for totals in byPeriod.values { agentSums[agent, default: ReportScoreTally()].add(totals) }
        }
        agentTotals = agentSums.keys.sorted().map { ($0, agentSums[$0]!.audits, agentSums[$0]!.meanScore) }
        let deviations = Self.meanDeviations(tally.calibration.analyse())
        reviewers = Set(tally.reviewerAudits.keys).union(deviations.keys).sorted().map { name in
            Reviewer(reviewer: name, audits: tally.reviewerAudits[name] ?? 0, meanDeviation: deviations[name],
                     overturnRate: tally.overturnRates?[name])
        }
        if let kpisByAgent {
            var points: [QAPoint] = []
            for figures in kpisByAgent {
                guard let csat = figures.csat, let mean = agentSums[figures.key]?.meanScore else { continue }
                points.append(QAPoint(agent: figures.key, meanScore: mean, csat: csat))
            }
            points.sort { $0.agent < $1.agent }
            qaVersusCSAT = QAVersusCSAT(r: PearsonCorrelation.r(points.map { ($0.meanScore.doubleValue, $0.csat.doubleValue) }), points: points)
        } else {
            qaVersusCSAT = nil
        }
        passMarks = Array(Set(tally.scorecards.indices.filter { everyone.scorecards[$0] != nil }
            .compactMap { tally.scorecards[$0].passingScore })).sorted()
    }

    /// The alpha the headline shows: that of the scorecard with the most calibration
    /// interactions (the first in scorecard order on a tie), with its minimum alpha.
    static func alpha(of outcome: CalibrationOutcome) -> (alpha: Double?, minimum: Double, interactions: Int)? {
        var best: CalibrationReport?
        for report in outcome.reports where best == nil || report.overall.interactions > best!.overall.interactions {
            best = report
        }
        return best.map { ($0.overall.alpha, $0.minimumAlpha, $0.overall.interactions) }
    }

    /// Each reviewer's mean deviation over every scorecard's calibration, weighted by the
    /// interactions behind each scorecard's figure.
    static func meanDeviations(_ outcome: CalibrationOutcome) -> [String: Double] {
        var sums: [String: (total: Double, weight: Int)] = [:]
        for report in outcome.reports {
            for reviewer in report.reviewers {
                guard let deviation = reviewer.meanDeviation, reviewer.interactions > 0 else { continue }
                sums[reviewer.reviewer, default: (0, 0)].total += deviation * Double(reviewer.interactions)
                sums[reviewer.reviewer, default: (0, 0)].weight += reviewer.interactions
            }
        }
        return sums.mapValues { $0.total / Double($0.weight) }
    }

    /// A period with audits but no ticket: zero tickets, every KPI null.
    static func emptyKPIs(_ key: String) -> KPIFigures {
        KPIFigures(key: key, tickets: 0, firstResponseMedian: nil, firstResponseP90: nil, resolutionMedian: nil, resolutionP90: nil,
                   oneTouchRate: nil, reopenRate: nil, csat: nil, csatResponses: 0, nps: nil, npsResponses: 0, slaMetRate: nil)
    }

    /// The agents the HTML table shows: all of them up to `ReportFigures.agentLimit`; beyond
    /// it, the `agentShown` highest and lowest by mean score over the run (ties by name).
    public var shownAgents: (top: [String], bottom: [String], hidden: Int) {
        let ranked = agentTotals.filter { $0.meanScore != nil }
            .sorted { ($0.meanScore!, $1.agent) > ($1.meanScore!, $0.agent) }.map(\.agent)
        let unscored = agentTotals.filter { $0.meanScore == nil }.map(\.agent)
        guard agentTotals.count > Self.agentLimit, ranked.count > 2 * Self.agentShown else { return (ranked + unscored, [], 0) }
        return (Array(ranked.prefix(Self.agentShown)), Array(ranked.suffix(Self.agentShown)),
                agentTotals.count - 2 * Self.agentShown)
    }

    /// More agents than this, and the HTML shows only the top and bottom `agentShown`.
    public static let agentLimit = 60
    public static let agentShown = 25
}
