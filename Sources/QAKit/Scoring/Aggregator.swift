#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Groups scored audits by one or more keys (`--by`) and keeps exact running totals, in constant
/// memory per group.
public final class Aggregator: ScoreRowConsumer {
    /// What to group by: a standard dimension or any audit field.
    public enum Dimension: Sendable, Hashable, CustomStringConvertible {
        case agent, team, reviewer, scorecard, month
        /// The ISO 8601 week of the audit date, `YYYY-Www` (docs/aggregates.md).
        case week
        case field(String)

        public init(_ text: String) {
            switch text {
            case "agent": self = .agent
            case "team": self = .team
            case "reviewer": self = .reviewer
            case "scorecard": self = .scorecard
            case "month": self = .month
            case "week": self = .week
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
            case .week: "week"
            case .field(let name): name
            }
        }

        /// The key of an audit; audits without the field group under `(none)`.
        func key(of scored: ScoredAudit) -> String {
            keys(of: scored)[0]
        }

        /// The keys of an audit: one, except for a `multi_select` field, whose audit counts under
        /// each value it lists (docs/aggregates.md). A field of the audit's scorecard is read from
        /// its answer; `(none)` when unanswered or not applicable.
        func keys(of scored: ScoredAudit) -> [String] {
            if case .field(let name) = self, let values = Self.fieldValues(name, of: scored) {
                return values.isEmpty ? [Aggregate.noValue] : values
            }
            return [singleKey(of: scored)]
        }

        /// The values of the scorecard field `name`, or `nil` when the scorecard has no such field.
        private static func fieldValues(_ name: String, of scored: ScoredAudit) -> [String]? {
            let scorecard = scored.scorecard
            var position = 0
            for section in scorecard.sections {
                for criterion in section.criteria {
                    defer { position += 1 }
                    guard criterion.isField, criterion.id == name else { continue }
                    let outcome = scored.result.criteria
                    guard position < outcome.count, outcome[position].applies,
                          position < scored.audit.answers.count, let answer = scored.audit.answers[position] else { return [] }
                    return answer.values(for: criterion.kind)
                }
            }
            return nil
        }

        private func singleKey(of scored: ScoredAudit) -> String {
            let audit = scored.audit
            return switch self {
            case .scorecard: scored.scorecard.id
            case .team: audit.metadata.value(named: "team") ?? Aggregate.noValue
            case .field(let name): audit.value(of: name) ?? Aggregate.noValue
            case .agent: audit.agent
            case .reviewer: audit.reviewer
            case .month: audit.date.monthKey
            case .week: audit.date.weekKey
            }
        }
    }

    /// The keys audits are grouped by.
    public let grouping: Grouping
    public let includesCalibration: Bool
    private var groups: [Aggregate] = []
    /// Each group's key as bytes, and the group index by key.
    private var keys: [[UInt8]] = []
    private var index = KeyIndex()

    public init(grouping: Grouping, includesCalibration: Bool = false) {
        self.grouping = grouping
        self.includesCalibration = includesCalibration
    }

    /// Adds one scored audit; calibration audits are skipped unless included.
    public func add(_ scored: ScoredAudit) {
        ScoreRow.with(scored, grouping: grouping, consume)
    }

    /// Adds one row, whose key must be taken by this aggregator's grouping; calibration audits
    /// are skipped unless included.
    /// It never reads `ScoreRow.answers`: a `--by` field's values come with the row's keys.
    public var readsAnswers: Bool { false }

    public func consume(_ row: ScoreRow) {
        guard includesCalibration || !row.isCalibration else { return }
        let group = row.key.map(group(for:)) ?? Aggregate.noValue.utf8.withContiguousStorageIfAvailable(group(for:))!
        groups[group].add(row)
        for key in row.moreKeys {
            groups[key.withUnsafeBufferPointer(group(for:))].add(row)
        }
    }

    /// The groups, sorted by their keys' values, first key first.
    public var aggregates: [Aggregate] {
        groups.sorted { $0.values.lexicographicallyPrecedes($1.values) }
    }

    private func group(for key: UnsafeBufferPointer<UInt8>) -> Int {
        index.find(key) { group in
            keys[group].count == key.count && keys[group].withUnsafeBufferPointer { key.count == 0 || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
        } ?? {
            keys.append(Array(key))
            groups.append(Aggregate(values: grouping.isSingle ? [String(decoding: key, as: UTF8.self)] : Grouping.components(of: key)))
            index.insert(key, value: groups.count - 1)
            return groups.count - 1
        }()
    }
}

/// Totals for one group (docs/aggregates.md): `key`, one value per `--by` key, `audits`,
/// `mean_score`, `pass_rate`, `auto_fails`.
public struct Aggregate: Sendable {
    /// The value shown for audits that lack a grouping field.
    public static let noValue = "(none)"

    /// The group's value of each key, in the grouping's order; `(none)` where audits lack the field.
    public var values: [String]
    /// The values joined with `Grouping.joiner`: the `key` field.
    public var key: String { values.joined(separator: Grouping.joiner) }
    public var audits = 0
    /// Audits that had a score; the mean is over these.
    public var scoredAudits = 0
    /// The sum of the audits' exact scores.
    public var scoreTotal: Rational { total.value }
    private var total = ExactSum()
    /// Audits with a pass/fail.
    public var judged = 0
    public var passes = 0
    public var autoFails = 0

    public init(values: [String]) {
        self.values = values
    }

    mutating func add(_ row: ScoreRow) {
        audits += 1
        if let score = row.score {
            scoredAudits += 1
            total.add(numerator: score.numerator, denominator: score.denominator)
        }
        if let passed = row.passed {
            judged += 1
            if passed { passes += 1 }
        }
        if row.isAutoFailed { autoFails += 1 }
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
