import QAKitYAML

/// Everything the scorecard loader can report, with all user-facing wording in one `switch`.
///
/// Values quoted from the file are shown as `'…'`; `found` strings come from
/// `Node.kindDescription` ("'high'", "a list", "nothing").
enum ScorecardProblem: Sendable, Equatable {
    // MARK: Files
    case yaml(YAMLError)
    case emptyFile
    case noScorecardFiles
    /// A second file with the same scorecard id and version; `first` is `file:line`.
    case duplicateScorecardVersion(String, version: Int, first: String)
    /// Two versions of one id in force from the same day; `first` is `file:line`.
    case duplicateEffectiveFrom(String, date: String, version: Int, firstVersion: Int, first: String)
    case invalidEffectiveFrom(found: String)

    // MARK: Keys and value types
    case notMapping(context: String, found: String)
    case unknownKey(String, context: String, suggestion: String?)
    case missingKey(String, context: String)
    case notText(key: String, found: String)
    case emptyText(key: String)
    case invalidIdentifier(key: String, value: String)
    case notBoolean(key: String, found: String)
    case notWholeNumber(key: String, found: String, isQuotedNumber: Bool)
    case notNumber(key: String, found: String, isQuotedNumber: Bool)
    case tooManyDecimals(key: String, written: String, places: Int, limit: Int)
    case outOfRange(key: String, allowed: String, found: String)
    case notOneOf(key: String, allowed: [String], found: String, suggestion: String?)
    case notTextList(name: String, found: String, singleValue: String?)
    case notTextInList(name: String, found: String)
    case emptyList(key: String, noun: String, found: String)
    case notItemList(key: String, shape: String, found: String)
    /// A `kpi_targets` entry with both `min` and `max`, or neither.
    case kpiTargetBound(key: String, both: Bool)

    // MARK: Ids, bands and conditions
    case duplicateId(kind: String, id: String, first: Mark)
    case reservedCriterionId(String)
    case duplicateBandName(String, first: Mark)
    case duplicateBandMinimum(String, first: Mark)
    case notCondition(name: String, found: String)
    case conditionWithoutFields(name: String)
    case conditionWithoutValues(field: String, name: String)

    // MARK: Criterion types
    case keyNotForType(key: String, type: String)
    case scaleBounds(minimum: Int, maximum: Int)
    case notLevels(found: String)
    case levelOutOfRange(written: String, minimum: Int, maximum: Int)
    case levelNotText(level: Int, found: String)
    case levelDescribedTwice(Int)
    case pointsMaximumNotPositive
    case tooFewOptions(count: Int)
    case optionValueIsNA(String)
    case duplicateOptionValue(String, first: Mark)

    // MARK: Keys for real-world forms (docs/scorecards.md)
    /// A field (`text`, `date`, `select`, `multi_select`, `number` without ranges) with a scoring key.
    case scoringKeyOnField(key: String, type: String)
    case failsWithoutCritical(what: String)
    case criticalBelowWithoutCritical
    case penaltyNotForType(type: String)
    case rangeBounds(minimum: String, maximum: String)
    case overlappingRanges(first: Mark)
    case conditionOnLaterItem(key: String, item: String, line: Int, isSection: Bool)
    case conditionValueNotPossible(key: String, value: String, expected: String, suggestion: String?)
    case idEndsInComment(String)
    /// Warning: a criterion-level `na_policy` on a criterion that does not allow N/A.
    case naPolicyWithoutNA

    // MARK: Whole scorecard
    case noScoredCriterion
    case bonusOnlyScored(section: String)

    // MARK: Reviewers file (`qakit serve --reviewers`, docs/serve.md)
    case notReviewerList(found: String)
    case noReviewers
    case notTokenDigest(found: String)
    case duplicateReviewer(String, first: Mark)
    case duplicateToken(first: Mark)

    // MARK: Warnings
    case noGuidance(criterion: String)
    case scaleWithoutLevels(criterion: String)
    case noCoachingTip(criterion: String)
    case criticalInUnweightedSection

    /// Whether the problem still lets the scorecard work (it becomes an error under `--strict`).
    var isWarning: Bool {
        switch self {
        case .noGuidance, .scaleWithoutLevels, .noCoachingTip, .criticalInUnweightedSection, .naPolicyWithoutNA: true
        default: false
        }
    }

    /// The message, without position.
    var message: String {
        switch self {
        case .yaml(let error):
            error.message
        case .emptyFile:
            "the file is empty; a scorecard needs at least 'scorecard', 'title', 'version' and 'sections'"
        case .noScorecardFiles:
            "no .yaml or .yml files in directory"
        case .duplicateScorecardVersion(let id, let version, let first):
            "duplicate version \(version) of scorecard '\(id)' (already defined at \(first)); give this version another number"
        case .duplicateEffectiveFrom(let id, let date, let version, let firstVersion, let first):
            "version \(version) of scorecard '\(id)' has the same effective_from \(date) as version \(firstVersion) (\(first)); "
                + "each version of a scorecard needs its own date"
        case .invalidEffectiveFrom(let found):
            "'effective_from' must be a date written YYYY-MM-DD, found \(found)"
        case .notMapping(let context, let found):
            "\(context) must be a mapping of keys, found \(found)"
        case .notReviewerList(let found):
            "'reviewers' must be a list of {name, token_sha256} entries, found \(found)"
        case .noReviewers:
            "'reviewers' is empty; with --reviewers at least one reviewer must be able to sign in"
        case .notTokenDigest(let found):
            "'token_sha256' must be 64 lowercase hex digits (the SHA-256 of the token, e.g. from `printf %s TOKEN | sha256sum`), found '\(found)'"
        case .duplicateReviewer(let name, let first):
            "reviewer '\(name)' is listed twice (first at line \(first.line)); give each reviewer one entry"
        case .duplicateToken(let first):
            "this token_sha256 is already used by the reviewer at line \(first.line); every reviewer needs a token of their own"
        case .unknownKey(let key, let context, let suggestion):
            "unknown key '\(key)' in \(context)\(Self.hint(suggestion))"
        case .missingKey(let key, let context):
            "\(context) is missing required key '\(key)'"
        case .notText(let key, let found):
            "'\(key)' must be text, found \(found)"
        case .emptyText(let key):
            "'\(key)' must not be empty"
        case .invalidIdentifier(let key, let value):
            "\(key) '\(value)' must match [A-Za-z0-9][A-Za-z0-9_.-]*: letters, digits, '_', '-' and '.', starting with a letter or digit, at most 64 characters"
        case .notBoolean(let key, let found):
            "'\(key)' must be true or false, found \(found); booleans are written true/false"
        case .notWholeNumber(let key, let found, let isQuotedNumber):
            "'\(key)' must be a whole number, found \(found)\(Self.quoteHint(isQuotedNumber))"
        case .notNumber(let key, let found, let isQuotedNumber):
            "'\(key)' must be a number, found \(found)\(Self.quoteHint(isQuotedNumber))"
        case .tooManyDecimals(let key, let written, let places, let limit):
            "'\(key)' has \(places) decimal places ('\(written)'); at most \(limit) are allowed"
        case .outOfRange(let key, let allowed, let found):
            "'\(key)' must be \(allowed), found \(found)"
        case .notOneOf(let key, let allowed, let found, let suggestion):
            "'\(key)' must be one of \(allowed.joined(separator: ", ")), found \(found)\(Self.hint(suggestion))"
        case .notTextList(let name, let found, let singleValue):
            "\(name) must be a list of texts, found \(found)\(singleValue.map { "; write [\($0)]" } ?? "")"
        case .notTextInList(let name, let found):
            "\(name) must be a list of texts, found \(found) in it"
        case .emptyList(let key, let noun, let found):
            "'\(key)' must be a list of at least one \(noun), found \(found)"
        case .notItemList(let key, let shape, let found):
            "'\(key)' must be a list of \(shape), found \(found)"
        case .kpiTargetBound(let key, let both):
            "'\(key)' must be a number or a mapping with one of 'min' or 'max'"
                + (both ? ", found both" : ", found neither") + " (e.g. {max: 60})"
        case .duplicateId(let kind, let id, let first):
            "duplicate \(kind) id '\(id)' (first defined at \(first))"
        case .reservedCriterionId(let id):
            "criterion id '\(id)' is reserved for an audit field; choose another id"
        case .duplicateBandName(let name, let first):
            "duplicate band name '\(name)' (first given at \(first))"
        case .duplicateBandMinimum(let minimum, let first):
            "two bands start at \(minimum) (first at \(first)); give each band its own 'min'"
        case .notCondition(let name, let found):
            "'\(name)' must be a mapping of audit fields to lists of values, found \(found)"
        case .conditionWithoutFields(let name):
            "'\(name)' must name at least one audit field"
        case .conditionWithoutValues(let field, let name):
            "'\(field)' in '\(name)' must list at least one value"
        case .keyNotForType(let key, let type):
            "'\(key)' does not apply to a \(type) criterion"
        case .scaleBounds(let minimum, let maximum):
            "a scale needs 'min' < 'max', found min \(minimum) and max \(maximum)"
        case .notLevels(let found):
            "'levels' must map scale values to descriptions, found \(found)"
        case .levelOutOfRange(let written, let minimum, let maximum):
            "level '\(written)' must be a whole number from \(minimum) to \(maximum)"
        case .levelNotText(let level, let found):
            "level \(level) must be described in text, found \(found)"
        case .levelDescribedTwice(let level):
            "level \(level) is described twice"
        case .pointsMaximumNotPositive:
            "'max' of a points criterion must be greater than 0"
        case .tooFewOptions(let count):
            "a choice needs at least two options, found \(count)"
        case .optionValueIsNA(let value):
            "option value '\(value)' is how reviewers write N/A; use 'na: true' instead"
        case .duplicateOptionValue(let value, let first):
            "duplicate option value '\(value)' (first given at \(first)); values compare ignoring case"
        case .scoringKeyOnField(let key, let type):
            "'\(key)' does not apply to a \(type) field: fields are recorded, never scored"
        case .failsWithoutCritical(let what):
            "\(what) has 'fails: true' but its criterion is not critical; add 'critical: scorecard' or 'critical: section'"
        case .criticalBelowWithoutCritical:
            "'critical_below' needs 'critical: scorecard' or 'critical: section' on the criterion; without it, it can change nothing"
        case .penaltyNotForType(let type):
            "'penalty' on a \(type) criterion: put it on a yes_no criterion, or on the options or ranges that carry it"
        case .rangeBounds(let minimum, let maximum):
            "a range needs 'min' <= 'max', found min \(minimum) and max \(maximum)"
        case .overlappingRanges(let first):
            "this range overlaps the range at \(first); a number must fall in one range at most"
        case .conditionOnLaterItem(let key, let item, let line, let isSection):
            isSection
                ? "'\(key)' names '\(item)' (line \(line)), which is not in an earlier section; a section's condition may only name items of earlier sections"
                : "'\(key)' names '\(item)' (line \(line)), which is not above this criterion; a condition may only name items above it, so the form can be filled top to bottom"
        case .conditionValueNotPossible(let key, let value, let expected, let suggestion):
            "'\(key)' can never be '\(value)'; expected \(expected)\(Self.hint(suggestion))"
        case .idEndsInComment(let id):
            "id '\(id)' ends in '.comment', which names a comment column; choose another id"
        case .naPolicyWithoutNA:
            "'na_policy' on a criterion without 'na: true' can change nothing"
        case .noScoredCriterion:
            "no scored criterion: at least one criterion with weight > 0 must sit in a regular section with weight > 0"
        case .bonusOnlyScored(let section):
            "bonus section '\(section)' is the only scored section; a score needs a regular section with weight > 0"
        case .noGuidance(let criterion):
            "\(criterion) has no 'guidance'; reviewers agree more often when the rubric says what to look for"
        case .scaleWithoutLevels(let criterion):
            "\(criterion) is a scale without 'levels'; describe at least the lowest and highest level"
        case .noCoachingTip(let criterion):
            "\(criterion) has no 'coaching.tip'; coaching notes will have no advice for it"
        case .criticalInUnweightedSection:
            "'critical: section' in a section of weight 0 can change nothing"
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    private static func quoteHint(_ isQuotedNumber: Bool) -> String {
        isQuotedNumber ? " (quoted text); remove the quotes" : ""
    }
}
