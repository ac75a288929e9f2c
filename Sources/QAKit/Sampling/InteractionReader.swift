/// Reads one interaction export record by record, in constant memory: a CSV or TSV file with a
/// header row, or JSON Lines (one object per line, whose keys are its columns).
///
/// The current record's cells are looked at in place (`withCell`, `text`) so that a row that is
/// not chosen costs no string per cell; `values()` copies them all for a row that is kept.
final class InteractionReader {
    /// What `next()` found.
    enum Step {
        /// A record; its cells are readable until the next call.
        case record
        /// A record that could not be read, skipped.
        case problem(Diagnostic)
    }

    let file: String
    /// The current record's column names: the CSV header, or the JSON object's keys.
    private(set) var columns: [String] = []
    /// Changes exactly when `columns` does, so callers can cache column lookups.
    private(set) var layoutNumber = 0
    /// The line the current record starts on (1-based).
    private(set) var line = 0

    private enum Backing {
        case csv(CSVReader)
        case jsonl(JSONLinesReader)
    }
    private let backing: Backing
    private var record = CSVRecord()
    private var jsonValues: [String] = []
    /// Layout numbers of the key sequences met so far, at most `maximumLayouts` of them (a file
    /// whose every line has new keys gets fresh numbers instead of a growing table).
    private var layouts: [[String]: Int] = [:]
    private var lastLayoutNumber = 1
    private static let maximumLayouts = 1024
    private let profile: ImportProfile?
    /// The profile's rewriting of CSV cells, worked out with the header.
    private var transform: CellTransform?
    /// The profile's rewriting of JSON values, by field.
    private let keyedTransform: CellTransform?

    /// Opens `input` and reads its header (CSV) or first record (JSON Lines), so that the columns
    /// are known before any record is.
    ///
    /// - Throws: `InputError` (unreadable) for a missing file, UTF-16, an empty CSV file or an
    ///   unreadable or repeated header column.
    init(_ input: InteractionInput) throws(InputError) {
        file = input.path
        profile = input.profile
        keyedTransform = input.profile.map { CellTransform(profile: $0, fields: [], sources: []) { _ in .other } }
        do {
            let source = try ByteSource(path: input.path, encoding: input.profile?.encoding ?? .utf8)
            switch input.format {
            case .csv: backing = .csv(CSVReader(source: source, delimiter: input.profile?.delimiter ?? ","))
            case .tsv: backing = .csv(CSVReader(source: source, delimiter: input.profile?.delimiter ?? "\t"))
            case .jsonl: backing = .jsonl(JSONLinesReader(source: source))
            }
        } catch {
            throw InputError(file: input.path, message: error.message, isUnreadable: true)
        }
        if case .csv(let reader) = backing { try readHeader(reader) }
    }

    /// Moves to the next record; `nil` at the end of the input.
    ///
    /// - Throws: `InputError` when the file cannot be read any further.
    func next() throws(InputError) -> Step? {
        do {
            switch backing {
            case .csv(let reader): return try nextCSV(reader)
            case .jsonl(let reader): return try nextJSON(reader)
            }
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message,
                             isUnreadable: error.position == nil)
        }
    }

    /// Calls `body` with the current record's cell of `column` as UTF-8, trimmed of surrounding
    /// spaces and tabs; an empty buffer for a missing column or cell.
    func withCell<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let column else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        switch backing {
        case .csv:
            guard column < record.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return record.bytes.withUnsafeBufferPointer { Self.trimming(UnsafeBufferPointer(rebasing: $0[record.range(of: column)]), body) }
        case .jsonl:
            var text = jsonValues[column]
            return text.withUTF8 { Self.trimming($0, body) }
        }
    }

    /// The current record's cell of `column`, trimmed; empty for a missing column or cell.
    func text(_ column: Int?) -> String {
        withCell(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every cell of the current record as read (not trimmed), one per column.
    func values() -> [String] {
        switch backing {
        case .csv: (0..<columns.count).map { $0 < record.count ? record.string(at: $0) : "" }
        case .jsonl: jsonValues
        }
    }

    private static func trimming<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if start == 0 && end == bytes.count { return body(bytes) }
        return body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    private func readHeader(_ reader: CSVReader) throws(InputError) {
        let first: CSVReadResult?
        do {
            first = try reader.next()
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        switch first {
        case nil:
            throw InputError(file: file, line: 1, column: 1, message: "file is empty; expected a header row naming the columns", isUnreadable: true)
        case .invalid(let line, let column, let message)?:
            throw InputError(file: file, line: line, column: column, message: "header row cannot be read: \(message)", isUnreadable: true)
        case .row(let row)?:
            let sources = row.fields.map(AnswerParser.trimmed)
            let names = try profile?.renamed(header: sources, file: file, line: row.line) ?? sources
            transform = profile.flatMap { CellTransform.forInteractions(profile: $0, sources: sources, fields: names) }
            var seen: [String: Int] = [:]
            for (index, name) in names.enumerated() where !name.isEmpty {
                if let earlier = seen[name] {
                    throw InputError(file: file, line: row.line,
                                     message: "column '\(name)' appears twice in the header (columns \(earlier + 1) and \(index + 1))",
                                     isUnreadable: true)
                }
                seen[name] = index
            }
            columns = names
            layoutNumber = 1
            line = row.line
        }
    }

    private func nextCSV(_ reader: CSVReader) throws(FormatError) -> Step? {
        record.removeAll()
        switch try reader.readRecord(into: &record) {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .row?:
            line = record.line
            guard record.count <= columns.count else {
                return .problem(Diagnostic(
                    .error, "record has \(record.count) cells but the header has \(columns.count) columns; check for an unquoted delimiter",
                    file: file, line: record.line))
            }
            if let transform, let problem = transform.apply(to: &record, cells: 0..<record.count) {
                let id = columns.firstIndex(of: "interaction_id").flatMap { $0 < record.count ? AnswerParser.trimmed(record.string(at: $0)) : nil }
                return .problem(problem.diagnostic(subject: id.flatMap { $0.isEmpty ? nil : "interaction '\($0)'" }, file: file, line: record.line))
            }
            return .record
        }
    }

    private func nextJSON(_ reader: JSONLinesReader) throws(FormatError) -> Step? {
        switch try reader.next() {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "line skipped: \(message)", file: file, line: line, column: column))
        case .value(let line, let value)?:
            self.line = line
            guard case .object(let members) = value else {
                return .problem(Diagnostic(.error, "line skipped: expected a JSON object, found \(value.typeName)", file: file, line: line))
            }
            var names = members.map(\.key)
            var values = members.map { Self.text(of: $0.value) }
            if let profile, let keyedTransform {
                var mapped: [(String, String)] = []
                for rule in profile.columns {
                    var found: JSONValue? = value
                    for key in rule.source.split(separator: ".", omittingEmptySubsequences: false) { found = found?[String(key)] }
                    guard let found else { continue }
                    mapped.append((rule.field, Self.text(of: found)))
                }
                let consumed = Set(profile.columns.compactMap { $0.source.split(separator: ".").first.map(String.init) })
                let fields = mapped + zip(names, values).filter { !consumed.contains($0.0) }
                names = fields.map(\.0)
                values = []
                for (field, text) in fields {
                    let purpose: CellTransform.Purpose = field == "date" ? .date(asDay: false) : .word(field)
                    switch keyedTransform.rewrite(field: field, source: field, purpose: purpose, text: text, isNotApplicable: false) {
                    case .same: values.append(text)
                    case .text(let bytes): values.append(String(decoding: bytes, as: UTF8.self))
                    case .problem(let problem): return .problem(problem.diagnostic(subject: nil, file: file, line: line))
                    }
                }
            }
            if names != columns {
                columns = names
                if let known = layouts[names] {
                    layoutNumber = known
                } else {
                    lastLayoutNumber += 1
                    layoutNumber = lastLayoutNumber
                    if layouts.count < Self.maximumLayouts { layouts[names] = layoutNumber }
                }
            }
            jsonValues = values
            return .record
        }
    }

    /// A JSON value as a cell: strings as they are, numbers as written, `true`/`false`, null as
    /// empty, lists and objects as compact JSON.
    private static func text(of value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text), .string(let text): text
        case .array(let items): JSONText.array(items.map(json))
        case .object(let members): JSONText.object(members.map { ($0.key, json($0.value)) })
        }
    }

    private static func json(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): JSONText.string(text)
        case .null: "null"
        default: text(of: value)
        }
    }
}
