/// What only an import profile can get wrong (docs/imports.md); the wording of every message is
/// here. Problems profiles share with scorecards (unknown keys, wrong types) are `ScorecardProblem`s.
public enum ProfileProblem: Error, Sendable, Equatable {
    case delimiterNotOneCharacter(found: String)
    case delimiterNotAllowed(found: String)
    case decimalNotCommaOrPoint(found: String)
    case dateFormat(String, DateFormatProblem)
    case recordsOutsideJSON(format: String)
    case notColumnEntry(field: String, found: String)
    case notWordMap(name: String, found: String)
    case emptyWordMap(name: String)
    case wordNotText(name: String, found: String)
    case emptyPath(key: String)

    public var message: String {
        switch self {
        case .delimiterNotOneCharacter(let found):
            "'delimiter' must be one character such as \";\" or \"\\t\", found \(found)"
        case .delimiterNotAllowed(let found):
            "'delimiter' cannot be \(found): a quote, line break or non-ASCII character cannot separate cells"
        case .decimalNotCommaOrPoint(let found):
            "'decimal' must be \",\" or \".\", found \(found)"
        case .dateFormat(let format, let problem):
            "date format '\(format)': \(problem.message)"
        case .recordsOutsideJSON(let format):
            "'records' is read only in json files, and this profile reads \(format)"
        case .notColumnEntry(let field, let found):
            "column '\(field)' must be a source column name or {column: NAME, map: {...}} or {column: NAME, na: NA_COLUMN}, found \(found)"
        case .notWordMap(let name, let found):
            "\(name) must be a mapping of words to what they read as, found \(found)"
        case .emptyWordMap(let name):
            "\(name) must map at least one word"
        case .wordNotText(let name, let found):
            "\(name) must map words to single words, found \(found)"
        case .emptyPath(let key):
            "'\(key)' has an empty part; write a dotted path such as data.evaluations"
        }
    }
}
