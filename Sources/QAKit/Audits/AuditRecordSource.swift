#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One item read from an audit file: a record to validate, or a problem at a location.
public enum SourceItem {
    /// `values[i]` belongs to `layout`'s column `i` (empty = unanswered); `line` is where the record starts.
    case record(values: [String], layout: RecordLayout, line: Int)
    /// Something worth a warning that rejects no record (a column that looks misspelt).
    case warning(Diagnostic)
    /// A record that could not be read at all (broken quoting, invalid UTF-8, malformed JSON…).
    case problem(Diagnostic)
}

/// A reader of one audit file that yields records one at a time, so memory stays flat.
public protocol AuditRecordSource {
    /// The path as the user gave it (`-` for standard input).
    var file: String { get }
    /// Whether `calibration` may be written yes/no/1/0 (CSV) rather than only true/false.
    var allowsFlagWords: Bool { get }
    /// The metadata field names known before the records are read on (`team`, `channel`, …): a
    /// CSV header's, or the first record's in JSON Lines and YAML. Empty before anything is read.
    var metadataNames: [String] { get }
    /// The next item, or `nil` at the end; throws when the file cannot be read any further.
    mutating func next() throws(InputError) -> SourceItem?
    /// As `next()`, except that a CSV source appends a record's cells as bytes to `record` and
    /// yields `.csvRecord` instead of making a string per cell. Other sources yield `next()`'s items.
    mutating func nextItem(into record: inout CSVRecord) throws(InputError) -> RawSourceItem?
    /// The metadata field names every record of the file has, when the file says so before its
    /// records (a CSV header, once read); `nil` when only the records tell (JSON Lines, YAML).
    var declaredFieldNames: [String]? { get }
}

extension AuditRecordSource {
    public var declaredFieldNames: [String]? { nil }
    /// None: a source that learns its fields only record by record.
    public var metadataNames: [String] { [] }

    public mutating func nextItem(into record: inout CSVRecord) throws(InputError) -> RawSourceItem? {
        try next().map(RawSourceItem.item)
    }
}

/// What `AuditRecordSource.nextItem(into:)` yields.
public enum RawSourceItem {
    /// What `next()` would have yielded.
    case item(SourceItem)
    /// A CSV record whose cells are `cells` of the record passed in (its `line` is the
    /// record's), its columns described by `layout` (it has no more cells than the layout has columns).
    case csvRecord(RecordLayout, cells: Range<Int>)
}

/// A file that cannot be read at all, or any further.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// Whether nothing at all could be read (missing file, wrong encoding): exit code 2.
    public var isUnreadable: Bool

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, isUnreadable: Bool) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.isUnreadable = isUnreadable
    }

    public var diagnostic: Diagnostic {
        Diagnostic(.error, message, file: file, line: line, column: column)
    }

    public var description: String { diagnostic.description }
}

/// A value in a keyed record (JSON Lines object or YAML mapping), reduced to what audits use.
public enum KeyedValue {
    /// A string, number or boolean as text; `nil` for null.
    case scalar(String?)
    case object([(key: String, value: KeyedValue)])
    /// A list of strings, numbers or booleans: a `multi_select` answer (docs/audits.md).
    case texts([String])
    /// Any other list.
    case list
}

/// Turns keyed records into layouts and values, caching layouts by key sequence (JSON Lines
/// exports usually repeat the same keys in the same order).
struct KeyedRecordBuilder {
    let decoder: AuditDecoder
    let file: String
    private var cache: [[String]: RecordLayout] = [:]
    private var last: (names: [String], layout: RecordLayout)?
    /// The previous record's field count, to size the next one's arrays at once.
    private var lastWidth = 16

    /// The most fields (answers and comments included) a record may have, as CSV cells: beyond
    /// it no real export goes, and every extra field costs a did-you-mean search.
    static let maximumFields = CSVReader.defaultMaximumFields

    init(decoder: AuditDecoder, file: String) {
        self.decoder = decoder
        self.file = file
    }

    mutating func item(from entries: [(key: String, value: KeyedValue)], line: Int) -> SourceItem {
        var names: [String] = []
        var values: [String] = []
        names.reserveCapacity(lastWidth)
        values.reserveCapacity(lastWidth)
        defer { lastWidth = names.count }
        var problems: [String] = []
        /// NUL (`\u0000` in JSON, `\0` in YAML) is refused as CSV refuses the raw byte: no
        /// report or export should carry it.
        func checkNUL(_ name: @autoclosure () -> String, _ text: String?) {
            if text.map(Self.containsNUL) == true || Self.containsNUL(name()) {
                problems.append("field '\(name())': NUL character (U+0000) is not allowed")
            }
        }
        for (key, value) in entries {
            switch (key, value) {
            case ("answers", .object(let answers)), ("comments", .object(let answers)):
                let suffix = key == "answers" ? "" : ".comment"
                for (id, answer) in answers {
                    if key == "answers", case .texts(let items) = answer, decoder.multiSelectIDs.contains(id) {
                        // Option values hold no ';' (docs/scorecards.md), so joining loses nothing.
                        names.append(id)
                        values.append(items.joined(separator: ";"))
                        continue
                    }
                    guard case .scalar(let text) = answer else {
                        problems.append("field '\(key).\(id)': expected a single value, found \(answer.kindName)")
                        continue
                    }
                    checkNUL("\(key).\(id)", text)
                    names.append(suffix.isEmpty ? id : id + suffix)
                    values.append(text ?? "")
                }
            case ("answers", _), ("comments", _):
                problems.append("field '\(key)': expected an object of criterion ids, found \(value.kindName)")
            case (_, .scalar(let text)):
                checkNUL(key, text)
                names.append(key)
                values.append(text ?? "")
            case _ where decoder.readFields.contains(key):
                problems.append("field '\(key)': expected a string, number or boolean, found \(value.kindName)")
            default:
                // Help desks export `tags: [...]` and `custom_fields: {...}`; qakit reads
                // neither, so they are no reason to reject the audit (docs/audits.md).
                continue
            }
        }
        if names.count > Self.maximumFields {
            problems = ["more than \(Self.maximumFields) fields in one record"]
        }
        if !problems.isEmpty {
            let id = zip(names, values).first { $0.0 == "audit_id" && !$0.1.isEmpty }?.1
            let subject = id.map { "audit '\($0)', " } ?? ""
            var diagnostic = Diagnostic(.error, subject + problems.joined(separator: "; "), file: file, line: line)
            diagnostic.record = Diagnostic.RecordField(auditID: id, field: "answers", problem: problems.joined(separator: "; "))
            return .problem(diagnostic)
        }
        return .record(values: values, layout: layout(for: names, entries: entries), line: line)
    }

    /// Whether `text` holds U+0000, searched with `memchr` over its bytes.
    private static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
    }

    private mutating func layout(for names: [String], entries: [(key: String, value: KeyedValue)]) -> RecordLayout {
        // Exports nearly always repeat one key sequence: comparing with the last one is cheaper
        // than hashing every name.
        if let last, last.names == names { return last.layout }
        if let cached = cache[names] {
            last = (names, cached)
            return cached
        }
        var roles: [RecordLayout.Role?] = []
        for (key, value) in entries {
            guard case .object(let members) = value, key == "answers" || key == "comments" else {
                // A list or an object anywhere else was ignored: it has no column.
                if case .scalar = value { roles.append(nil) }
                continue
            }
            for (id, _) in members {
                roles.append(key == "answers" ? .answer(id) : .criterionComment(id))
            }
        }
        let layout = decoder.layout(names: names, explicitRoles: roles)
        if cache.count < 1024 { cache[names] = layout }
        last = (names, layout)
        return layout
    }
}

extension KeyedValue {
    var kindName: String {
        switch self {
        case .scalar: "a value"
        case .object: "an object"
        case .list, .texts: "a list"
        }
    }
}
