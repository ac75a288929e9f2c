import QAKitYAML

/// A scorecard rubric, loaded and validated from one YAML file (docs/scorecards.md).
///
/// All weights, credits and thresholds are exact `Rational`s; defaults are applied by the loader,
/// once, and documented in `docs/scorecards.md`.
public struct Scorecard: Sendable {
    /// Unique id among loaded scorecards: `[A-Za-z0-9][A-Za-z0-9_.-]*` (docs/scorecards.md).
    public var id: String
    public var title: String
    /// Positive integer stamped on every result; unique among the loaded versions of `id`.
    public var version: Int
    /// The first audit date this version applies to (docs/versions.md); `nil`: in force from the
    /// beginning. Unique among the loaded versions of `id`.
    public var effectiveFrom: CalendarDate?
    public var description: String?
    /// Audit fields that select this scorecard when an audit names none.
    public var appliesTo: Condition?
    /// 0...100; `nil` means audits have no pass/fail.
    public var passingScore: Rational?
    /// Sorted by `minimum`, highest first.
    public var bands: [Band]
    public var naPolicy: NAPolicy
    public var criticalPolicy: CriticalPolicy
    /// How section results combine into the raw score (docs/scoring.md, rule 5).
    public var scoring: ScoringMode = .sections
    public var calibration: CalibrationSettings
    public var coaching: CoachingSettings
    public var sections: [Section]
    /// The file the scorecard was loaded from, as the user named it.
    public var file: String
    /// Where the scorecard's sections, criteria and their keys are written in `file`; empty for
    /// a scorecard built in memory.
    public var lines = ScorecardLines()

    public init(
        id: String, title: String, version: Int, description: String? = nil, appliesTo: Condition? = nil,
        passingScore: Rational? = nil, bands: [Band] = [], naPolicy: NAPolicy = .exclude,
        criticalPolicy: CriticalPolicy = .zero, calibration: CalibrationSettings = .init(),
        coaching: CoachingSettings = .init(), sections: [Section], file: String = "<memory>", effectiveFrom: CalendarDate? = nil
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.description = description
        self.appliesTo = appliesTo
        self.passingScore = passingScore
        self.bands = bands.sorted { $0.minimum > $1.minimum }
        self.naPolicy = naPolicy
        self.criticalPolicy = criticalPolicy
        self.calibration = calibration
        self.coaching = coaching
        self.sections = sections
        self.file = file
    }

    /// The N/A policy that applies to `criterion`: its own, else the scorecard's.
    public func naPolicy(of criterion: Criterion) -> NAPolicy {
        criterion.naPolicy ?? naPolicy
    }

    /// Whether any key of docs/scorecards.md's "Keys for real-world forms" is used: points
    /// scoring, penalties, thresholds, `fails`, N/A as a fail, per-criterion N/A policies,
    /// numbers, fields, `unless`, section conditions or conditions on answers.
    public var usesFormKeys: Bool {
        if scoring != .sections || naPolicy == .fail { return true }
        for section in sections {
            if section.when != nil || section.unless != nil { return true }
            for criterion in section.criteria where criterion.usesFormKeys { return true }
        }
        return false
    }

    /// Whether applicability needs more than each criterion's own `when` on audit fields: a
    /// section condition, an `unless`, or a condition on an answer.
    public var usesConditionsBeyondFields: Bool {
        sections.contains { section in
            section.when != nil || section.unless != nil
                || section.criteria.contains { $0.unless != nil || ($0.when?.testsAnswers ?? false) }
        }
    }

    /// The ids of the scorecard's fields, which `--by` can group by (docs/aggregates.md).
    public var fieldIDs: [String] {
        sections.flatMap(\.criteria).filter(\.isField).map(\.id)
    }

    /// Every criterion in scorecard order, with the index of its section.
    public var criteria: [(section: Int, criterion: Criterion)] {
        sections.enumerated().flatMap { index, section in section.criteria.map { (index, $0) } }
    }

    /// The criterion with `id`, if any.
    public func criterion(_ id: String) -> Criterion? {
        for section in sections {
            if let criterion = section.criteria.first(where: { $0.id == id }) { return criterion }
        }
        return nil
    }
}

/// Where the parts of a scorecard are written (1-based lines of its file), for messages that
/// point at the rubric, such as the rubric diff of `qakit compare` (docs/compare.md).
public struct ScorecardLines: Sendable {
    /// The scorecard's own keys (`passing_score`, `na_policy`, …).
    public var scorecard = ItemLines()
    /// Per section id.
    public var sections: [String: ItemLines] = [:]
    /// Per criterion id; `keys` also holds `option <value>` and `level <n>` for each option and level.
    public var criteria: [String: ItemLines] = [:]

    public init() {}

    /// Where one mapping starts, and the line of each key written in it.
    public struct ItemLines: Sendable {
        public var line = 0
        public var keys: [String: Int] = [:]

        public init(line: Int = 0, keys: [String: Int] = [:]) {
            self.line = line
            self.keys = keys
        }

        /// The line of the first of `keys` that is written, else where the mapping starts.
        public func line(ofFirst keys: [String]) -> Int {
            keys.lazy.compactMap { self.keys[$0] }.first ?? line
        }
    }
}

/// What an N/A answer does to a criterion.
public enum NAPolicy: String, Sendable, CaseIterable {
    /// N/A drops the criterion out of its section (the default).
    case exclude
    /// N/A earns full credit.
    case pass
    /// N/A earns credit 0 (and so fails a critical criterion).
    case fail
}

/// How section results combine into the raw score (docs/scoring.md, rule 5).
public enum ScoringMode: String, Sendable, CaseIterable {
    /// Weighted mean of section scores (the default).
    case sections
    /// Points earned over points possible, summed across sections (Genesys Cloud, Zendesk QA).
    case points
}

/// What a failed critical criterion does to the score.
public enum CriticalPolicy: String, Sendable, CaseIterable {
    /// A failed section scores 0; an auto-failed audit scores 0 (the default).
    case zero
    /// Failures are recorded; the score is the raw score.
    case flag
}

/// A named performance band; an audit falls in the band with the highest `minimum` ≤ its score.
public struct Band: Sendable, Hashable {
    public var name: String
    /// 0...100.
    public var minimum: Rational

    public init(name: String, minimum: Rational) {
        self.name = name
        self.minimum = minimum
    }
}

/// `calibration:` settings. Defaults: tolerance 5 points, minimum alpha 0.667.
public struct CalibrationSettings: Sendable, Hashable {
    /// How many points apart reviewers may score one interaction and still be aligned.
    public var tolerance: Rational
    /// Krippendorff's alpha below which a criterion is flagged for rewording.
    public var minimumAlpha: Double

    public init(tolerance: Rational = Rational(5), minimumAlpha: Double = 0.667) {
        self.tolerance = tolerance
        self.minimumAlpha = minimumAlpha
    }
}

/// `coaching:` settings. Defaults: 3 focus areas, 3 audits minimum, 10 points gain, 30 days,
/// teams of at least 3 agents.
public struct CoachingSettings: Sendable, Hashable {
    /// At most this many focus areas per agent.
    public var focusAreas: Int
    /// Audits a criterion needs before it is a focus area or a strength, and scored audits a
    /// follow-up figure needs before it is judged.
    public var minimumAudits: Int
    /// Percentage points added to the baseline to set a goal's target.
    public var targetGain: Rational
    /// Goals fall due this many days after the period ends.
    public var reviewAfterDays: Int
    /// A comparison group of fewer agents than this shows no team figures: in a team of two,
    /// the team mean and the agent's own figures give away the colleague's.
    public var minimumTeamSize: Int
    /// `kpi_targets`: the KPIs an agent is held to under `coach --metrics`, in file order; a
    /// target the agent misses becomes a goal (docs/coaching.md).
    public var kpiTargets: [KPITarget]

    /// Settings with the documented defaults for whatever is not given.
    public init(focusAreas: Int = 3, minimumAudits: Int = 3, targetGain: Rational = Rational(10), reviewAfterDays: Int = 30,
                minimumTeamSize: Int = 3, kpiTargets: [KPITarget] = []) {
        self.focusAreas = focusAreas
        self.minimumAudits = minimumAudits
        self.targetGain = targetGain
        self.reviewAfterDays = reviewAfterDays
        self.minimumTeamSize = minimumTeamSize
        self.kpiTargets = kpiTargets
    }
}

/// One `coaching.kpi_targets` entry: `csat: 0.9` (at least), `first_response_median: {max: 60}`.
public struct KPITarget: Sendable, Hashable {
    /// Whether the KPI must reach the value or stay under it.
    public enum Bound: String, Sendable, Hashable {
        /// The KPI must be at least the value (`{min: …}`, or a bare number where higher is better).
        case min
        /// The KPI must be at most the value (`{max: …}`, or a bare number where lower is better).
        case max
    }

    public var measure: KPIMeasure
    public var bound: Bound
    /// In the KPI's own unit: minutes, a share 0…1, or NPS −100…100.
    public var value: Rational

    public init(measure: KPIMeasure, bound: Bound, value: Rational) {
        self.measure = measure
        self.bound = bound
        self.value = value
    }

    /// Whether `figure` meets the target (at the bound itself it does).
    public func isMet(by figure: Rational) -> Bool {
        bound == .min ? figure >= value : figure <= value
    }
}

/// A group of criteria with a weight of its own.
public struct Section: Sendable {
    public var id: String
    public var title: String
    /// ≥ 0; 0 means tracked but not scored.
    public var weight: Rational
    /// Bonus sections add on top of the regular ones; the score may then exceed 100.
    public var isBonus: Bool
    public var criteria: [Criterion]
    /// Conditions on audit fields or on answers of earlier sections; every criterion of the
    /// section applies only when they allow it (docs/scorecards.md, "Conditions").
    public var when: Condition?
    public var unless: Condition?

    public init(id: String, title: String, weight: Rational = .one, isBonus: Bool = false, criteria: [Criterion],
                when: Condition? = nil, unless: Condition? = nil) {
        self.id = id
        self.title = title
        self.weight = weight
        self.isBonus = isBonus
        self.criteria = criteria
        self.when = when
        self.unless = unless
    }
}

/// One question of a scorecard.
///
/// A class, not a struct: scoring reads criteria millions of times, and copying a struct with a
/// dozen strings costs a reference-count update per string each time.
public final class Criterion: Sendable {
    public let id: String
    public let title: String
    public let guidance: String?
    public let kind: Kind
    /// ≥ 0; 0 means tracked but not scored.
    public let weight: Rational
    /// Whether N/A is an allowed answer.
    public let allowsNA: Bool
    /// Whether an applicable criterion must be answered.
    public let isRequired: Bool
    public let critical: CriticalScope
    /// The audits the criterion applies to; `nil` means all.
    public let when: Condition?
    /// The audits the criterion does not apply to when every key matches; `nil` means none.
    public let unless: Condition?
    public let coaching: CoachingTip?
    /// The criterion's own N/A policy; `nil`: the scorecard's.
    public let naPolicy: NAPolicy?
    /// A critical criterion fails when its credit is below this, in (0, 1]; `nil`: when it is 0.
    public let criticalBelow: Rational?
    /// `yes_no` only: points deducted when answered no (docs/scoring.md, rule 8).
    public let penalty: Rational?

    public init(
        id: String, title: String, guidance: String? = nil, kind: Kind, weight: Rational = .one,
        allowsNA: Bool = false, isRequired: Bool = true, critical: CriticalScope = .none,
        when: Condition? = nil, coaching: CoachingTip? = nil, unless: Condition? = nil, naPolicy: NAPolicy? = nil,
        criticalBelow: Rational? = nil, penalty: Rational? = nil
    ) {
        self.id = id
        self.title = title
        self.guidance = guidance
        self.kind = kind
        self.weight = weight
        self.allowsNA = allowsNA
        self.isRequired = isRequired
        self.critical = critical
        self.when = when
        self.coaching = coaching
        self.unless = unless
        self.naPolicy = naPolicy
        self.criticalBelow = criticalBelow
        self.penalty = penalty
    }

    /// Decimal places a `number` answer may have (docs/audits.md).
    public static let numberPlaces = 6

    /// Whether the criterion is a field: recorded, never scored (docs/scorecards.md, "Fields").
    public var isField: Bool { kind.isField }

    /// Whether it uses a key of docs/scorecards.md's "Keys for real-world forms".
    var usesFormKeys: Bool {
        if unless != nil || naPolicy != nil || criticalBelow != nil || penalty != nil || isField { return true }
        if let when, when.clauses.contains(where: { $0.item != nil }) { return true }
        switch kind {
        case .choice(let options): return options.contains { $0.fails || $0.penalty != nil }
        case .number: return true
        default: return false
        }
    }

    /// The answer types and what each earns.
    public enum Kind: Sendable {
        /// yes = credit 1, no = credit 0.
        case yesNo
        /// An integer in `minimum...maximum`; credit (v − min)/(max − min). `levels` describe some values.
        case scale(minimum: Int, maximum: Int, levels: [Int: String])
        /// One of the options; credit is the option's.
        case choice([ChoiceOption])
        /// A number in 0...maximum with at most two decimals; credit v/max.
        case points(maximum: Rational)
        /// A decimal; with `ranges` it earns the credit of the range that holds it, without them
        /// it is a field.
        case number(ranges: [NumberRange])
        /// Fields: recorded answers that never score.
        case text
        case date
        case select([ChoiceOption])
        case multiSelect([ChoiceOption])

        /// The spelling used in YAML and reports: `yes_no`, `scale`, `choice`, `points`, …
        public var name: String {
            switch self {
            case .yesNo: "yes_no"
            case .scale: "scale"
            case .choice: "choice"
            case .points: "points"
            case .number: "number"
            case .text: "text"
            case .date: "date"
            case .select: "select"
            case .multiSelect: "multi_select"
            }
        }

        /// Whether answers of this kind never score.
        public var isField: Bool {
            switch self {
            case .yesNo, .scale, .choice, .points: false
            case .number(let ranges): ranges.isEmpty
            case .text, .date, .select, .multiSelect: true
            }
        }

        /// The options of a `choice`, `select` or `multi_select`.
        public var options: [ChoiceOption]? {
            switch self {
            case .choice(let options), .select(let options), .multiSelect(let options): options
            default: nil
            }
        }
    }
}

/// An option of a `choice` criterion.
public struct ChoiceOption: Sendable, Hashable {
    /// What reviewers write, matched case-insensitively.
    public var value: String
    public var label: String
    /// 0...1 (0 for the options of a field).
    public var credit: Rational
    /// Chosen, it fails its (critical) criterion whatever its credit.
    public var fails: Bool
    /// Chosen, it deducts this many points (docs/scoring.md, rule 8).
    public var penalty: Rational?

    public init(value: String, label: String, credit: Rational, fails: Bool = false, penalty: Rational? = nil) {
        self.value = value
        self.label = label
        self.credit = credit
        self.fails = fails
        self.penalty = penalty
    }
}

/// A range of a `number` criterion: `minimum ≤ v ≤ maximum` earns `credit`.
public struct NumberRange: Sendable, Hashable {
    public var minimum: Rational
    public var maximum: Rational
    /// 0...1.
    public var credit: Rational
    /// A number in this range fails its (critical) criterion whatever its credit.
    public var fails: Bool
    /// A number in this range deducts this many points (docs/scoring.md, rule 8).
    public var penalty: Rational?

    public init(minimum: Rational, maximum: Rational, credit: Rational, fails: Bool = false, penalty: Rational? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.credit = credit
        self.fails = fails
        self.penalty = penalty
    }

    public func contains(_ value: Rational) -> Bool { minimum <= value && value <= maximum }
}

/// Which part of the score a failed critical criterion fails.
public enum CriticalScope: String, Sendable, CaseIterable {
    case none, section, scorecard
}

/// `coaching:` on a criterion: the tip shown in coaching notes and where to learn more.
public struct CoachingTip: Sendable, Hashable {
    public var tip: String?
    public var resources: [String]

    public init(tip: String?, resources: [String] = []) {
        self.tip = tip
        self.resources = resources
    }
}

/// A filter over audit fields or earlier answers (`when`, `unless`, `applies_to`): every listed
/// key must hold one of its values. Values compare case-insensitively, so `Email` matches `email`.
public struct Condition: Sendable, Hashable {
    public struct Clause: Sendable, Hashable {
        public var field: String
        public var values: [String]
        /// When the key names a criterion or field of the same scorecard: its position in
        /// `Scorecard.criteria` order, and the clause tests that item's answer
        /// (docs/scorecards.md, "Conditions on answers"); `nil`: an audit field.
        public var item: Int?

        public init(field: String, values: [String], item: Int? = nil) {
            self.field = field
            self.values = values
            self.item = item
        }
    }

    public var clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }

    /// Whether an audit whose fields `value(for:)` returns matches; a missing field never matches.
    /// Answer clauses never match here: see `matches(_:answers:)`.
    public func matches(_ value: (String) -> String?) -> Bool {
        clauses.allSatisfy { clause in
            guard clause.item == nil, let actual = value(clause.field) else { return false }
            return clause.values.contains { $0.caseInsensitiveCompare(actual) }
        }
    }

    /// Whether the condition matches, with answer clauses tested on `answers(item)`: the item's
    /// normalised answer values, `nil` when it is unanswered or does not apply (never a match).
    public func matches(_ value: (String) -> String?, answers: (Int) -> [String]?) -> Bool {
        clauses.allSatisfy { clause in
            if let item = clause.item {
                guard let actual = answers(item) else { return false }
                return actual.contains { answer in clause.values.contains { $0.caseInsensitiveCompare(answer) } }
            }
            guard let actual = value(clause.field) else { return false }
            return clause.values.contains { $0.caseInsensitiveCompare(actual) }
        }
    }

    /// Whether some clause tests an answer.
    public var testsAnswers: Bool { clauses.contains { $0.item != nil } }
}

extension String {
    /// Case-insensitive equality for short ASCII-ish identifiers and answers, without Foundation.
    func caseInsensitiveCompare(_ other: String) -> Bool {
        self == other || lowercased() == other.lowercased()
    }
}
