/// How to read a file another tool wrote (docs/imports.md): its format, text encoding, which of
/// its columns hold which qakit field, and how its words and dates translate.
///
/// A profile is loaded from YAML (`ProfileLoader`) or put together from one run's options; an
/// empty profile reads qakit's own layout.
public struct ImportProfile: Sendable {
    /// The formats a profile (or `--input-format`) can name.
    public enum Format: String, Sendable, CaseIterable {
        case csv, tsv, jsonl, json, xlsx, yaml
    }

    /// The profile's name (`profile:`), for messages.
    public var name: String?
    /// The file's format when its extension does not tell; `nil` to go by the extension.
    public var format: Format?
    /// The cell delimiter of csv (default `,`) and tsv (tab).
    public var delimiter: Unicode.Scalar?
    public var encoding: TextEncoding?
    /// json: the dotted path to the array of records (`data.evaluations`); `nil` for a top-level
    /// array, or a single object that is one record.
    public var records: [String]?
    /// qakit field or criterion <- the source column, in the order written.
    public var columns: [ColumnRule] = []
    /// Date formats tried in order (`dates:` or `--date-format`).
    public var dates: [DateFormat] = []
    /// The decimal separator of numbers when it is not `.`.
    public var decimal: Unicode.Scalar?
    /// Answer words as the other tool writes them, per criterion id (or ticket field) and `"*"`.
    public var values: [String: ValueMap] = [:]
    /// One row per answer, pivoted to one audit per `audit` value.
    public var long: LongLayout?
    /// The profile file, `nil` for one run's options.
    public var file: String?

    /// A profile that reads qakit's own layout.
    public init() {}

    /// Whether the profile changes anything about cells (value maps, dates, decimals, N/A columns),
    /// not just column names: then each record's cells go through a `CellTransform`.
    var transformsCells: Bool {
        !dates.isEmpty || decimal != nil || !values.isEmpty || columns.contains { $0.map != nil || $0.notApplicableSource != nil }
    }

    /// The rule that fills `field`, if any.
    func rule(for field: String) -> ColumnRule? {
        columns.first { $0.field == field }
    }

    /// The map of `values` for `field`, then `"*"`.
    func valueMaps(for field: String) -> [ValueMap] {
        [values[field], values["*"]].compactMap { $0 }
    }
}

/// One `columns:` entry: `field: source`, `field: {column: source, map: {...}}` or
/// `field: {column: source, na: NA_COLUMN}`.
public struct ColumnRule: Sendable {
    /// The qakit field, criterion id, or `<id>.comment` filled.
    public var field: String
    /// The source column's name (csv, tsv, xlsx) or dotted path (json, jsonl), as written.
    public var source: String
    /// Every word the column may hold and what it reads as; a word not in it is an error.
    public var map: ValueMap?
    /// A column whose true value means the answer is N/A (Amazon Connect's `NotApplicable`).
    public var notApplicableSource: String?

    public init(field: String, source: String, map: ValueMap? = nil, notApplicableSource: String? = nil) {
        self.field = field
        self.source = source
        self.map = map
        self.notApplicableSource = notApplicableSource
    }
}

/// Words and what they read as, looked up trimmed and ignoring case.
public struct ValueMap: Sendable {
    /// The words as written in the profile, in order, and their meaning.
    public let entries: [(word: String, value: String)]
    private let index: [String: String]

    public init(_ entries: [(word: String, value: String)]) {
        self.entries = entries
        var index: [String: String] = [:]
        for entry in entries where index[Self.key(entry.word)] == nil { index[Self.key(entry.word)] = entry.value }
        self.index = index
    }

    /// What `text` reads as, or `nil` when the map does not know it.
    public func value(of text: some StringProtocol) -> String? {
        index[Self.key(text)]
    }

    /// `'Yes', 'No' and 'N/A'`, for messages.
    var knownWords: String {
        let words = entries.map { "'\($0.word)'" }
        guard words.count > 1 else { return words.first ?? "nothing" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    static func key(_ text: some StringProtocol) -> String {
        AnswerParser.trimmed(String(text)).lowercased()
    }
}

/// `long:`: a file with one row per answer (audit, criterion, value), pivoted to one audit.
public struct LongLayout: Sendable {
    /// The column holding the audit id (read as `audit_id`).
    public var audit: String
    /// The column holding the criterion id.
    public var criterion: String
    /// The column holding the answer.
    public var value: String
    /// A column whose true value means the answer is N/A.
    public var notApplicable: String?
    /// The column holding the reviewer's comment on the answer.
    public var comment: String?
    /// The other tool's criterion ids and ours; empty to read the ids as they are.
    public var criteria: [(source: String, id: String)] = []
    /// Whether the rows of one audit are known to be adjacent: each audit is then handed on when
    /// the next one starts, in constant memory.
    public var isGrouped = false

    public init(audit: String, criterion: String, value: String) {
        self.audit = audit
        self.criterion = criterion
        self.value = value
    }
}

extension ImportProfile.Format {
    /// The format implied by a file's extension: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`,
    /// `.json`, `.xlsx`/`.xlsm`, `.yaml`/`.yml`.
    public static func inferred(from path: String) -> ImportProfile.Format? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "json": return .json
        case "xlsx", "xlsm", "xls": return .xlsx
        default: return AuditFormat.inferred(from: path).map { ImportProfile.Format(rawValue: $0.rawValue)! }
        }
    }
}
