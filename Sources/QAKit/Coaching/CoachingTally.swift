/// Collects, in one pass over scored audits, everything coaching needs (`docs/coaching.md`).
///
/// Memory is bounded per agent and per team: running totals per criterion and the five most
/// recent audits that lost points on each criterion. Calibration audits and audits outside the
/// period filter are skipped.
public struct CoachingTally: Sendable {
    /// The run's scorecards, indexed like `Audit.scorecardIndex`.
    public let scorecards: [Scorecard]
    /// The `--from`/`--to` bounds.
    public let filter: PeriodFilter
    /// Per agent name.
    public private(set) var agents: [String: AgentTally] = [:]
    /// The earliest and latest dates of the audits taken.
    public private(set) var earliest: CalendarDate?
    /// The latest date among the audits taken.
    public private(set) var latest: CalendarDate?
    private var sequence = 0
    private let layouts: [ScorecardLayout]

    /// An empty tally for `scorecards`, taking audits inside `filter`.
    public init(scorecards: [Scorecard], filter: PeriodFilter = PeriodFilter()) {
        self.scorecards = scorecards
        self.filter = filter
        layouts = scorecards.map(ScorecardLayout.init)
    }

    /// Takes one scored audit, if it is a non-calibration audit inside the period filter.
    public mutating func add(_ scored: ScoredAudit) {
        let audit = scored.audit
        guard !audit.isCalibration, filter.contains(audit.date) else { return }
        sequence += 1
        if earliest.map({ audit.date < $0 }) ?? true { earliest = audit.date }
        if latest.map({ $0 < audit.date }) ?? true { latest = audit.date }
        let layout = layouts[audit.scorecardIndex]
        // `AuditScore.criteria` may be rebuilt on every read: read it once per audit.
        let result = ScoredResult(score: scored.result, sections: scored.result.sections, criteria: scored.result.criteria)
        let loss = layout.lossContext(of: result)
        // Mutated in place through the dictionary: copying a tally out and back would copy its arrays.
        agents[audit.agent, default: AgentTally(scorecardCount: scorecards.count)]
            .add(audit, result: result, layout: layout, loss: loss, sequence: sequence, disputes: scored.disputes)
    }

    /// The period the run covers: the filter's bounds, else the dates of the audits taken;
    /// `nil` when no audit fell inside it.
    public var period: CoachingPeriod? {
        guard let earliest, let latest else { return nil }
        return CoachingPeriod(from: filter.from ?? earliest, to: filter.to ?? latest)
    }

    /// The agent's most frequent `team` value (ties: the first in alphabetical order), or `nil`
    /// when none of the agent's audits names a team.
    public func team(of agent: AgentTally) -> String? {
        agent.teamCounts.min { ($1.value, $0.key) < ($0.value, $1.key) }?.key
    }

    /// Totals per `team` value (`nil` collects audits without one), built from the agents' totals
    /// per team: each audit is tallied once, for its agent, and teams are sums of those.
    /// Exact sums, so the order the agents are added in cannot change the result.
    public func teams() -> [String?: GroupTally] {
        var teams: [String?: GroupTally] = [:]
        for agent in agents.values {
            for (team, tally) in agent.byTeam {
                if teams[team] == nil { teams[team] = tally } else { teams[team]!.add(tally) }
            }
        }
        return teams
    }
}

/// Running totals for one group of audits on one scorecard.
public struct ScorecardTally: Sendable, Hashable {
    /// Audit-level totals on this scorecard.
    public var score = ScoreTally()
    /// Audits with a raw score: the denominator of `points_lost`.
    public var pointsLostAudits = 0
    /// One per criterion, in `Scorecard.criteria` order.
    public var criteria: [CriterionTally]

    init(criterionCount: Int) {
        criteria = Array(repeating: CriterionTally(), count: criterionCount)
    }

    /// Adds one audit; `loss` is `nil` for teams (whose points lost are never shown) and for
    /// audits without a raw score.
    mutating func add(_ audit: Audit, result: ScoredResult, layout: ScorecardLayout, loss: LossContext?) {
        score.add(result.score, date: audit.date)
        if loss != nil { pointsLostAudits += 1 }
        for index in result.criteria.indices {
            let outcome = result.criteria[index]
            if outcome.scored, let credit = outcome.credit {
                criteria[index].addScored(credit: credit, answer: outcome.answer, optionCount: layout.optionCounts[index],
                                          unit: layout.creditUnits[index])
                if let loss, credit < .one || outcome.penalty != nil {
                    addLoss(index, credit: credit, result: result, layout: layout, loss: loss)
                }
            } else if let loss, outcome.penalty != nil {
                // A penalty on a criterion of weight 0 still costs points (docs/coaching.md).
                criteria[index].addPointsLost(layout.pointsLost(index, in: result, regularWeight: loss.regularWeight))
            }
            if outcome.failedCritical { criteria[index].addCriticalFailure(cost: result.criticalCost) }
        }
    }

    /// The common case (every regular section counted, the whole section scored) is an integer
    /// count of lost credit units; anything else is the exact points of `ScorecardLayout.pointsLost`.
    private mutating func addLoss(_ index: Int, credit: Rational, result: ScoredResult, layout: ScorecardLayout, loss: LossContext) {
        let section = layout.sectionOfCriterion[index]
        guard result.sections[section].counted || result.criteria[index].penalty != nil else { return }
        if result.criteria[index].penalty == nil, let earned = CriterionTally.units(of: credit, unit: layout.creditUnits[index]),
           let whole = Int(exactly: layout.creditUnits[index]) {
            if loss.isStandard(section) {
                criteria[index].addStandardLoss(units: whole - earned, factor: layout.standardLossFactors[index])
            } else {
                // (unit − earned) units, each worth 100 × W_section × w / (ΣW_regular × Σw × unit)
                // (docs/coaching.md): the same points as `ScorecardLayout.pointsLost`, summed per pair.
                let scoredWeight = layout.isPointsScoring ? Rational.one : layout.scoredWeight(in: section, of: result)
                criteria[index].addLoss(units: whole - earned, regularWeight: loss.regularWeight, scoredWeight: scoredWeight) {
                    layout.unitLoss(index, regularWeight: loss.regularWeight, scoredWeight: scoredWeight)
                }
            }
        } else {
            criteria[index].addPointsLost(layout.pointsLost(index, in: result, regularWeight: loss.regularWeight))
        }
    }

    mutating func add(_ other: ScorecardTally) {
        score.add(other.score)
        pointsLostAudits += other.pointsLostAudits
        for index in criteria.indices { criteria[index].add(other.criteria[index]) }
    }

    /// `points_lost` of the criterion at `index`: its total over the audits with a raw score.
    public func pointsLost(_ index: Int) -> Rational {
        pointsLostAudits == 0 ? .zero : criteria[index].pointsLostTotal / Rational(pointsLostAudits)
    }
}

/// Totals for a team (or every agent): overall and per scorecard.
public struct GroupTally: Sendable, Hashable {
    /// Audit-level totals over every scorecard.
    public var overall = ScoreTally()
    /// Per scorecard index; `nil` where the group has no audit on it.
    public var scorecards: [ScorecardTally?]

    init(scorecardCount: Int) {
        scorecards = Array(repeating: nil, count: scorecardCount)
    }

    /// Adds one audit; `loss` is `nil` for teams, whose points lost are never shown.
    mutating func add(_ audit: Audit, result: ScoredResult, layout: ScorecardLayout, loss: LossContext?) {
        overall.add(result.score, date: audit.date)
        if scorecards[audit.scorecardIndex] == nil {
            scorecards[audit.scorecardIndex] = ScorecardTally(criterionCount: layout.optionCounts.count)
        }
        scorecards[audit.scorecardIndex]!.add(audit, result: result, layout: layout, loss: loss)
    }

    mutating func add(_ other: GroupTally) {
        overall.add(other.overall)
        for index in scorecards.indices {
            guard let theirs = other.scorecards[index] else { continue }
            if scorecards[index] == nil { scorecards[index] = theirs } else { scorecards[index]!.add(theirs) }
        }
    }
}

/// Totals for one agent: a group of their own audits, their teams, and the evidence per criterion.
public struct AgentTally: Sendable, Hashable {
    /// The agent's totals per `team` value of their audits (`nil`: audits without one).
    public private(set) var byTeam: [String?: GroupTally] = [:]
    private let scorecardCount: Int
    /// Per scorecard index, one log per criterion; empty where the agent has no audit on it.
    public var evidence: [[EvidenceLog]]

    init(scorecardCount: Int) {
        self.scorecardCount = scorecardCount
        evidence = Array(repeating: [], count: scorecardCount)
    }

    /// The agent's own totals, overall and per scorecard.
    public var group: GroupTally {
        if byTeam.count == 1, let only = byTeam.values.first { return only }
        var all = GroupTally(scorecardCount: scorecardCount)
        for tally in byTeam.values { all.add(tally) }
        return all
    }

    /// How many of the agent's audits carry each `team` value.
    public var teamCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for case (let team?, let tally) in byTeam { counts[team] = tally.overall.audits }
        return counts
    }

    /// A criterion whose answer a dispute overturned is never evidence (docs/disputes.md): the
    /// reviewer's answer no longer stands, and their comment was written for it.
    mutating func add(_ audit: Audit, result: ScoredResult, layout: ScorecardLayout, loss: LossContext?, sequence: Int,
                      disputes: AuditDisputes? = nil) {
        byTeam[audit.metadata.value(named: "team"), default: GroupTally(scorecardCount: scorecardCount)]
            .add(audit, result: result, layout: layout, loss: loss)
        if evidence[audit.scorecardIndex].isEmpty {
            evidence[audit.scorecardIndex] = Array(repeating: EvidenceLog(), count: layout.optionCounts.count)
        }
        for index in result.criteria.indices {
            let outcome = result.criteria[index]
            let lostCredit = (outcome.scored && (outcome.credit.map { $0 < .one } ?? false)) || outcome.penalty != nil
            guard lostCredit || outcome.failedCritical, disputes?.overturnedAnswer(criterion: index) == nil,
                  evidence[audit.scorecardIndex][index].wouldKeep(date: audit.date, sequence: sequence) else { continue }
            let lost = lostCredit ? loss.map { layout.pointsLost(index, in: result, regularWeight: $0.regularWeight) } ?? .zero : .zero
            let own = index < audit.comments.count ? audit.comments[index] : nil
            let critical = outcome.failedCritical ? result.criticalCost : nil
            evidence[audit.scorecardIndex][index].offer(Evidence(
                auditID: audit.id, date: audit.date, interactionID: audit.interactionID,
                answer: outcome.answer, pointsLost: lost, comment: own,
                overallComment: audit.comment, criticalCost: critical, sequence: sequence
            ))
        }
    }
}

/// What the per-audit arithmetic needs to know about a scorecard, worked out once (a class, so
/// that handing it to each audit's update costs one reference, not five array copies).
final class ScorecardLayout: Sendable {
    /// Per criterion: the index of its section, its weight, and its option count (0 unless choice).
    let sectionOfCriterion: [Int]
    let weights: [Rational]
    let optionCounts: [Int]
    let sectionWeights: [Rational]
    let sectionIsBonus: [Bool]
    /// Per criterion, a common denominator of every credit it can earn: 1 for yes/no, max − min
    /// for a scale, the options' least common denominator for a choice, 100 × max's numerator for
    /// points (two decimals over max). N/A under `na_policy: pass` earns 1, which fits any unit.
    let creditUnits: [Int128]
    /// Per section: the indices of its criteria, and their total weight.
    let sectionCriteria: [Range<Int>]
    let sectionCriterionWeights: [Rational]
    /// Σ W over regular sections, for audits in which every regular section counted.
    let totalRegularWeight: Rational
    /// Per criterion, the points one lost credit unit costs in a standard audit:
    /// 100 × W_section / ΣW_regular × w / Σw(section) / unit (0 where the section cannot count).
    let standardLossFactors: [Rational]

    /// `scoring: points`: points lost are 100 × W × w × (1 − credit) / M (docs/coaching.md).
    let isPointsScoring: Bool

    init(_ scorecard: Scorecard) {
        isPointsScoring = scorecard.scoring == .points
        let criteria = scorecard.criteria
        sectionOfCriterion = criteria.map(\.section)
        weights = criteria.map(\.criterion.weight)
        optionCounts = criteria.map { entry in
            if case .choice(let options) = entry.criterion.kind { options.count } else { 0 }
        }
        sectionWeights = scorecard.sections.map(\.weight)
        sectionIsBonus = scorecard.sections.map(\.isBonus)
        var start = 0
        sectionCriteria = scorecard.sections.map { section in
            defer { start += section.criteria.count }
            return start..<(start + section.criteria.count)
        }
        sectionCriterionWeights = scorecard.sections.map { $0.criteria.reduce(Rational.zero) { $0 + $1.weight } }
        totalRegularWeight = scorecard.sections.filter { !$0.isBonus }.reduce(Rational.zero) { $0 + $1.weight }
        creditUnits = criteria.map { entry in
            switch entry.criterion.kind {
            case .yesNo: 1
            case .scale(let minimum, let maximum, _): Int128(max(1, maximum - minimum))
            case .choice(let options): options.reduce(Int128(1)) { ScorecardLayout.lcm($0, $1.credit.denominator) }
            case .points(let maximum): 100 * maximum.numerator
            case .number(let ranges): ranges.reduce(Int128(1)) { ScorecardLayout.lcm($0, $1.credit.denominator) }
            case .text, .date, .select, .multiSelect: 1
            }
        }
        standardLossFactors = criteria.indices.map { [sectionOfCriterion, weights, sectionWeights, sectionCriterionWeights, totalRegularWeight, creditUnits] index in
            let section = sectionOfCriterion[index]
            let denominator = totalRegularWeight * sectionCriterionWeights[section] * Rational(creditUnits[index])
            guard !denominator.isZero else { return .zero }
            return Rational.hundred * sectionWeights[section] * weights[index] / denominator
        }
    }

    static func lcm(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }

    /// What the points-lost arithmetic needs about one audit; `nil` when it has no raw score.
    func lossContext(of result: ScoredResult) -> LossContext? {
        if isPointsScoring {
            // M: the points possible of the audit; no standard shortcut.
            var possible = Rational.zero
            for (section, range) in sectionCriteria.enumerated() where !sectionIsBonus[section] {
                possible += sectionWeights[section] * range.reduce(Rational.zero) { result.criteria[$1].scored ? $0 + weights[$1] : $0 }
            }
            return possible.isZero ? nil : LossContext(regularWeight: possible, fullSections: 0)
        }
        var allRegularCounted = true
        for index in result.sections.indices where !sectionIsBonus[index] && !result.sections[index].counted {
            allRegularCounted = false
        }
        let regularWeight = allRegularCounted ? totalRegularWeight : countedRegularWeight(result)
        guard !regularWeight.isZero else { return nil }
        var fullSections: UInt64 = 0
        if allRegularCounted, result.sections.count <= 64 {
            for (section, range) in sectionCriteria.enumerated() where range.allSatisfy({ result.criteria[$0].scored }) {
                fullSections |= 1 << UInt64(section)
            }
        }
        return LossContext(regularWeight: regularWeight, fullSections: fullSections)
    }

    /// The points of score the criterion at `index` cost in one audit, critical rules ignored:
    /// 100 × W_section / ΣW_regular × w / Σw(section's scored criteria) × (1 − credit), where
    /// ΣW_regular sums the weights of the audit's counted regular sections. 0 where the criterion
    /// was not scored or its section did not count.
    ///
    /// Under `scoring: points` it is 100 × W_section × w × (1 − credit) / M instead (M, the
    /// audit's points possible, is passed as `regularWeight`). A penalty adds its points: P under
    /// `scoring: sections`, 100 × P / M under `scoring: points` (docs/coaching.md).
    func pointsLost(_ index: Int, in result: ScoredResult, regularWeight: Rational) -> Rational {
        let outcome = result.criteria[index]
        let section = sectionOfCriterion[index]
        var lost = Rational.zero
        if let penalty = outcome.penalty {
            lost = isPointsScoring ? Rational.hundred * penalty / regularWeight : penalty
        }
        guard outcome.scored, let credit = outcome.credit, credit < .one else { return lost }
        if isPointsScoring {
            return lost + Rational.hundred * sectionWeights[section] * weights[index] * (.one - credit) / regularWeight
        }
        guard result.sections[section].counted else { return lost }
        return lost + Rational.hundred * sectionWeights[section] * weights[index] * (.one - credit)
            / (regularWeight * scoredWeight(in: section, of: result))
    }

    /// The points one lost credit unit of the criterion at `index` costs in an audit whose
    /// ΣW_regular (M under `scoring: points`) is `regularWeight` and whose section's scored
    /// criteria weigh `scoredWeight` (1 under `scoring: points`): `pointsLost` of a credit one
    /// unit short of full.
    func unitLoss(_ index: Int, regularWeight: Rational, scoredWeight: Rational) -> Rational {
        let section = sectionOfCriterion[index]
        return Rational.hundred * sectionWeights[section] * weights[index] / (regularWeight * scoredWeight * Rational(creditUnits[index]))
    }

    private func countedRegularWeight(_ result: ScoredResult) -> Rational {
        var total = Rational.zero
        for (index, section) in result.sections.enumerated() where section.counted && !sectionIsBonus[index] {
            total += sectionWeights[index]
        }
        return total
    }

    /// Σ w over the section's scored criteria; the precomputed total when all were scored.
    func scoredWeight(in section: Int, of result: ScoredResult) -> Rational {
        let range = sectionCriteria[section]
        if range.allSatisfy({ result.criteria[$0].scored }) { return sectionCriterionWeights[section] }
        return range.reduce(Rational.zero) { result.criteria[$1].scored ? $0 + weights[$1] : $0 }
    }
}

/// ΣW_regular of one audit, and the sections in which the standard points-lost factor applies
/// (every regular section counted and every criterion of the section scored).
struct LossContext: Sendable {
    let regularWeight: Rational
    let fullSections: UInt64

    func isStandard(_ section: Int) -> Bool {
        section < 64 && fullSections & (1 << UInt64(section)) != 0
    }
}

/// One audit's result with its sections and criteria read out once.
struct ScoredResult {
    let score: AuditScore
    let sections: [SectionResult]
    let criteria: [CriterionResult]

    /// Raw score − score: the points the critical rules took away (0 without a score).
    var criticalCost: Rational {
        guard let raw = score.rawScore, let final = score.score else { return .zero }
        return raw - final
    }
}
