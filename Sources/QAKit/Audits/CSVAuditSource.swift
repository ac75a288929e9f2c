/// Audits in a CSV or TSV file with a header row (docs/audits.md), streamed record by record.
public struct CSVAuditSource: AuditRecordSource {
    public let file: String
    public var allowsFlagWords: Bool { true }
    /// The header's metadata columns, once it has been read.
    public var metadataNames: [String] { layout?.metadataNames ?? [] }
    private let reader: CSVReader
    private let decoder: AuditDecoder
    private var layout: RecordLayout?
    private var pendingWarnings: [Diagnostic] = []
    /// The record `next()` reads into, kept between calls so that its buffers are reused.
    private var scratch = CSVRecord()
    /// How the file is read when another tool wrote it (an import profile, docs/imports.md);
    /// `nil` for qakit's layout.
    private let profile: (any CSVAuditReading)?
    /// The profile's cell rewriting, worked out with the header; `nil` when nothing is rewritten.
    private var transform: (any CSVCellRewriter)?

    /// Opens `path` (`-` for standard input); a missing or unreadable file is an `InputError`.
    /// With a `profile`, its encoding and delimiter (over `delimiter`) read the file, and its
    /// columns rename the header.
    public init(path: String, delimiter: Unicode.Scalar = ",", profile: (any CSVAuditReading)? = nil, decoder: AuditDecoder) throws(InputError) {
        file = path
        self.decoder = decoder
        self.profile = profile
        do {
            let source = try ByteSource(path: path, encoding: profile?.encoding ?? .utf8)
            reader = CSVReader(source: source, delimiter: profile?.delimiter ?? delimiter)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
    }

    public var declaredFieldNames: [String]? {
        layout?.metadataNames.filter { !$0.isEmpty }
    }

    public mutating func next() throws(InputError) -> SourceItem? {
        var record = scratch
        scratch = CSVRecord()
        defer { scratch = record }
        record.removeAll()
        switch try nextItem(into: &record) {
        case nil: return nil
        case .item(let item)?: return item
        case .csvRecord(let layout, let cells)?:
            return .record(values: cells.map(record.string(at:)), layout: layout, line: record.line)
        }
    }

    public mutating func nextItem(into record: inout CSVRecord) throws(InputError) -> RawSourceItem? {
        if !pendingWarnings.isEmpty { return .item(.warning(pendingWarnings.removeFirst())) }
        guard let layout else {
            try readHeader()
            return try nextItem(into: &record)
        }
        let (bytesBase, cellsBase) = (record.bytes.count, record.count)
        let status: CSVReader.RecordStatus?
        do {
            status = try reader.readRecord(into: &record)
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message,
                             isUnreadable: error.position == nil)
        }
        switch status {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .item(.problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column,
                                             sharedCause: Self.encodingCause(message))))
        case .row?:
            let count = record.count - cellsBase
            guard count <= layout.names.count else {
                record.truncate(bytes: bytesBase, cells: cellsBase)
                return .item(.problem(Diagnostic(
                    .error, "record has \(count) cells but the header has \(layout.names.count) columns; check for an unquoted delimiter",
                    file: file, line: record.line)))
            }
            if let transform, let problem = transform.rewrite(&record, cells: cellsBase..<record.count,
                                                              idColumn: layout.column(of: .auditID), file: file, line: record.line) {
                record.truncate(bytes: bytesBase, cells: cellsBase)
                return .item(.problem(problem))
            }
            return .csvRecord(layout, cells: cellsBase..<record.count)
        }
    }

    /// Reads the header row, rejecting a file without one, with a column named twice, or without
    /// a column that every record needs (`HeaderCheck`).
    private mutating func readHeader() throws(InputError) {
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
            if profile?.delimiter == nil { try rejectOtherDelimiters(sources, line: row.line) }
            let names = try profile.map { profile throws(InputError) in
                try profile.rename(sources, file: file, line: row.line)
            } ?? sources
            var seen: [String: Int] = [:]
            for (index, name) in names.enumerated() where !name.isEmpty {
                if let first = seen[name] {
                    throw InputError(file: file, line: row.line, message: "column '\(name)' appears twice in the header (columns \(first + 1) and \(index + 1))", isUnreadable: true)
                }
                seen[name] = index
            }
            let layout = decoder.layout(names: names)
            if let problem = HeaderCheck.problem(with: layout, scorecards: decoder.scorecards, file: file, line: row.line) {
                throw problem
            }
            pendingWarnings = decoder.headerWarnings(for: layout, file: file, line: row.line)
            self.layout = layout
            transform = profile.flatMap { $0.cellRewriter(sources: sources, layout: layout) }
        }
    }

    /// Invalid UTF-8 in a file read as UTF-8 is a wrong encoding, not a broken record: listed
    /// once, with the option that reads it (`--encoding windows-1252`), the rest counted.
    static func encodingCause(_ message: String) -> Diagnostic.SharedCause? {
        guard message.hasPrefix("invalid UTF-8") else { return nil }
        return .init("the file is not UTF-8", listedRecords: 1)
    }

    /// A header read as one column that holds semicolons or tabs is another delimiter's export
    /// (spreadsheets in many locales save CSV with `;`); reading on would reject every record.
    private func rejectOtherDelimiters(_ names: [String], line: Int) throws(InputError) {
        guard names.count == 1, let header = names.first else { return }
        for (symbol, name) in [(";", "semicolons"), ("\t", "tabs")] where header.contains(symbol) {
            let fix = symbol == ";" ? "read it with --delimiter ';' (or export it with commas)" : "give it a .tsv extension or use --input-format tsv"
            throw InputError(file: file, line: line, column: 1,
                             message: "the header is a single column holding \(name); the file looks \(name == "tabs" ? "tab" : "semicolon")-separated: \(fix)",
                             isUnreadable: true)
        }
    }
}

/// How a CSV file that another tool wrote is read into qakit's columns: its encoding and
/// delimiter, the renaming of its header, and the rewriting of its cells. Import profiles
/// (docs/imports.md) implement it, so that this reader does not depend on them.
public protocol CSVAuditReading: Sendable {
    var encoding: TextEncoding? { get }
    var delimiter: Unicode.Scalar? { get }
    /// The header's names (`sources`) as qakit's column names; a column the profile names and the
    /// file lacks is one error for the file.
    func rename(_ sources: [String], file: String, line: Int) throws(InputError) -> [String]
    /// What rewrites the cells of the records under a header; `nil` when no cell changes.
    func cellRewriter(sources: [String], layout: RecordLayout) -> (any CSVCellRewriter)?
}

/// Rewrites one record's cells in place (answer words, decimal commas, dates).
public protocol CSVCellRewriter {
    /// Rewrites `cells` of `record`; the record's error (naming the audit read from `idColumn`
    /// when there is one) when a cell cannot be read.
    func rewrite(_ record: inout CSVRecord, cells: Range<Int>, idColumn: Int?, file: String, line: Int) -> Diagnostic?
}
