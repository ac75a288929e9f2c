#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Audits in a JSON Lines file: one object per line with `answers` and `comments` objects,
/// streamed line by line. Numbers keep their source text, so `7.5` is read exactly.
public struct JSONLinesAuditSource: AuditRecordSource {
    public let file: String
    public var allowsFlagWords: Bool { false }
    private let reader: JSONLinesReader
    private var builder: KeyedRecordBuilder
    /// Whether a line has been read, to tell an empty file from the end of one.
    private var isStarted = false
    /// Items read ahead to decide whether this is an audit file at all, in reverse order.
    private var readAhead: [SourceItem] = []
    private var isDecided = false
    /// The layouts of the member sequences (`JSONFlatRecord` signatures) of records the general
    /// parser read and accepted, so that a later record of the same members is read as cells.
    private var layouts: [MemberSequence: RecordLayout] = [:]
    /// The most member sequences remembered: beyond them, new ones are read by the parser.
    static let maximumLayouts = 1_024
    private var signature = MemberSequence()

    /// A `JSONFlatRecord` signature, hashed and compared as one block of bytes (hashing it byte
    /// by byte cost a sixth of reading a file).
    struct MemberSequence: Hashable {
        var bytes: [UInt8] = []

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.bytes.count == rhs.bytes.count && lhs.bytes.withUnsafeBytes { a in
                rhs.bytes.withUnsafeBytes { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
            }
        }
    }

    /// How many lines may be read ahead to find an object with any field an audit needs: a file
    /// whose first 1,000 objects have none is not an audit file, whatever follows.
    static let decidingRecords = 1_000
    /// How many bytes of values the lines read ahead may hold (as much as one line may): past
    /// it, reading goes on without deciding, so memory stays bounded on huge non-audit lines.
    static let decidingBytes = JSONLinesReader.defaultMaximumLineBytes

    /// Opens `path` (`-` for standard input); a missing or unreadable file is an `InputError`.
    public init(path: String, decoder: AuditDecoder) throws(InputError) {
        file = path
        builder = KeyedRecordBuilder(decoder: decoder, file: path)
        do {
            reader = try JSONLinesReader(path: path)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
    }

    /// The next item; the first call reads ahead until an object has a required field, so that
    /// a file of other objects (a ticket export) is one error, `not an audit file`, not one
    /// rejected record per line.
    public mutating func next() throws(InputError) -> SourceItem? {
        if !isDecided { try decide() }
        if let item = readAhead.popLast() { return item }
        return try read()
    }

    private mutating func decide() throws(InputError) {
        isDecided = true
        var items: [SourceItem] = []
        /// The lines of the objects read so far, none of which has a required field.
        var others: [Int] = []
        var bytes = 0
        while items.count < Self.decidingRecords, let item = try read() {
            items.append(item)
            guard case .record(let values, let layout, let line) = item else { continue }
            bytes += values.reduce(0) { $0 + $1.utf8.count }
            if HeaderCheck.hasRequiredField(layout) || bytes > Self.decidingBytes {
                readAhead = items.reversed()
                return
            }
            others.append(line)
        }
        if let first = others.first {
            throw HeaderCheck.notAuditFile(file: file, line: first, records: others.count, isAll: items.count < Self.decidingRecords)
        }
        readAhead = items.reversed()
    }

    /// As `next()`, but a line of the common shape (`JSONFlatRecord`) whose members are those of
    /// an earlier record the parser accepted is read straight into `record`'s cells, with that
    /// record's layout, for `ScoringRun.run`'s byte path (docs/scoring.md). Every other line
    /// is parsed as `next()` parses it; the cells give the same strings its values would.
    public mutating func nextItem(into record: inout CSVRecord) throws(InputError) -> RawSourceItem? {
        if !isDecided { try decide() }
        if let item = readAhead.popLast() { return .item(item) }
        defer { isStarted = true }
        let (byteBase, cellBase) = (record.bytes.count, record.count)
        var signature = self.signature
        let layouts = self.layouts
        var claimed: RecordLayout?
        var isFlat = false
        let read: JSONLinesItem?
        do {
            read = try reader.next(claiming: { bytes, line in
                signature.bytes.removeAll(keepingCapacity: true)
                isFlat = JSONFlatRecord.scan(bytes, isNested: Self.isNested, into: &record, signature: &signature.bytes)
                guard isFlat else { return false }
                guard let layout = layouts[signature], record.count - cellBase == layout.names.count else {
                    record.truncate(bytes: byteBase, cells: cellBase)
                    return false
                }
                record.line = line
                claimed = layout
                return true
            })
        } catch {
            self.signature = signature
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        defer { self.signature = signature }
        switch read {
        case .claimed?:
            return .csvRecord(claimed!, cells: cellBase..<record.count)
        case .result(let result)?:
            let sourceItem = try item(from: result)
            if isFlat, case .record(_, let layout, _)? = sourceItem, self.layouts.count < Self.maximumLayouts {
                self.layouts[signature] = layout
            }
            return sourceItem.map(RawSourceItem.item)
        case nil:
            return try item(from: nil).map(RawSourceItem.item)
        }
    }

    /// The two members whose objects `JSONFlatRecord` reads: `answers` and `comments`.
    private static func isNested(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        (key.count == 7 && memcmp(key.baseAddress!, "answers", 7) == 0) || (key.count == 8 && memcmp(key.baseAddress!, "comments", 8) == 0)
    }

    private mutating func read() throws(InputError) -> SourceItem? {
        defer { isStarted = true }
        let result: JSONLinesResult?
        do {
            result = try reader.next()
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        return try item(from: result)
    }

    /// What a line's parse gives; `nil` at the end.
    private mutating func item(from result: JSONLinesResult?) throws(InputError) -> SourceItem? {
        switch result {
        case nil where !isStarted:
            // Zero bytes or only blank lines: almost always a failed export, never "no audits".
            throw InputError(file: file, line: 1, column: 1, message: "file is empty; expected one audit object per line",
                             isUnreadable: true)
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .value(let line, .object(let members))?:
            return builder.item(from: members.map { ($0.key, Self.value($0.value)) }, line: line)
        case .value(let line, let value)?:
            return .problem(Diagnostic(.error, "record skipped: expected an audit object, found \(value.typeName == "array" ? "an array" : "a \(value.typeName)")",
                                       file: file, line: line, column: 1))
        }
    }

    static func value(_ json: JSONValue) -> KeyedValue {
        switch json {
        case .null: .scalar(nil)
        case .bool(let flag): .scalar(flag ? "true" : "false")
        case .number(let text): .scalar(text)
        case .string(let text): .scalar(text)
        case .array(let items):
            items.allSatisfy(\.isScalarText) ? .texts(items.compactMap(\.scalarText)) : .list
        case .object(let members): .object(members.map { ($0.key, value($0.value)) })
        }
    }
}
