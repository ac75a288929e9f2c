/// Groups scored audits by a key (`--by`) and keeps exact running totals, in constant memory per key.
public struct Aggregator: Sendable {
    /// What to group by: a standard dimension or any audit field.
    public enum Dimension: Sendable, Hashable, CustomStringConvertible {
        case agent, team, reviewer, scorecard, month
        case field(String)

        public init(_ text: String) {
            switch text {
            case "agent": self = .agent
            case "team": self = .team
            case "reviewer": self = .reviewer
            case "scorecard": self = .scorecard
            case "month": self = .month
            default: self = .field(text)
            }
        }

        public var description: String {
            switch self {
            case .agent: "agent"
            case .team: "team"
            case .reviewer: "reviewer"
            case .scorecard: "scorecard"
            case .month: "month"
            case .field(let name): name
            }
        }

        /// The key of an audit; audits without the field group under `(none)`.
        func key(of scored: ScoredAudit) -> String {
            let audit = scored.audit
            return switch self {
            case .scorecard: scored.scorecard.id
            case .team: audit.metadata.value(named: "team") ?? Aggregate.noValue
            case .field(let name): audit.value(of: name) ?? Aggregate.noValue
            case .agent: audit.agent
            case .reviewer: audit.reviewer
            case .month: audit.date.monthKey
            }
        }
    }

    public let dimension: Dimension
    public let includesCalibration: Bool
    private var totals: [String: Aggregate] = [:]

    public init(dimension: Dimension, includesCalibration: Bool = false) {
        self.dimension = dimension
        self.includesCalibration = includesCalibration
    }

    /// Adds one scored audit; calibration audits are skipped unless included.
    public mutating func add(_ scored: ScoredAudit) {
        guard includesCalibration || !scored.audit.isCalibration else { return }
        let key = dimension.key(of: scored)
        totals[key, default: Aggregate(key: key)].add(scored.result)
    }

    /// The groups, sorted by key.
    public var aggregates: [Aggregate] {
        totals.values.sorted { $0.key < $1.key }
    }
}

/// Totals for one group (SPEC.md section 5): `key`, `audits`, `mean_score`, `pass_rate`, `auto_fails`.
public struct Aggregate: Sendable {
    /// The key shown for audits that lack the grouping field.
    public static let noValue = "(none)"

    public var key: String
    public var audits = 0
    /// Audits that had a score; the mean is over these.
    public var scoredAudits = 0
    public var scoreTotal = Rational.zero
    /// Audits with a pass/fail.
    public var judged = 0
    public var passes = 0
    public var autoFails = 0

    public init(key: String) {
        self.key = key
    }

    mutating func add(_ result: AuditScore) {
        audits += 1
        if let score = result.score {
            scoredAudits += 1
            scoreTotal += score
        }
        if let passed = result.passed {
            judged += 1
            if passed { passes += 1 }
        }
        if result.isAutoFailed { autoFails += 1 }
    }

    /// The mean of the audits' exact scores; `nil` when none had a score.
    public var meanScore: Rational? {
        scoredAudits == 0 ? nil : scoreTotal / Rational(scoredAudits)
    }

    /// Passes over audits with a pass/fail, exactly; `nil` when none had one.
    public var passRate: Rational? {
        judged == 0 ? nil : Rational(Int128(passes), Int128(judged))
    }
}
