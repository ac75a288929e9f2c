/// One CSV record: its cells in order and the line it starts on.
public struct CSVRow: Sendable, Hashable {
    /// 1-based line of the record's first byte; a record may continue over several lines when a
    /// quoted cell holds line breaks.
    public var line: Int
    /// The cells, unquoted and with doubled quotes collapsed; empty cells are `""`.
    public var fields: [String]

    /// Creates a row; readers make these, tests compare against them.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// What `CSVReader.next()` yields for one record.
public enum CSVReadResult: Sendable, Hashable {
    /// A well-formed record.
    case row(CSVRow)
    /// A record that was skipped because of the problem at `line`:`column` (1-based, column in
    /// Unicode scalars); reading continues with the next record.
    case invalid(line: Int, column: Int, message: String)
}

/// Cells as UTF-8 bytes, filled by `CSVReader.readRecord(into:)`: one record, or several read one
/// after another (each call appends one), reused so that reading allocates nothing per record.
public struct CSVRecord: Sendable {
    /// The cells' bytes, unquoted and with doubled quotes collapsed, in order (with delimiters
    /// between them when the record was copied whole).
    public internal(set) var bytes: [UInt8] = []
    /// Where each cell starts and ends in `bytes`.
    public internal(set) var starts: [Int] = []
    public internal(set) var ends: [Int] = []
    /// 1-based line of the first byte of the record read last.
    public internal(set) var line = 0

    /// An empty record.
    public init() {}

    /// The number of cells.
    public var count: Int { ends.count }

    /// The byte range of cell `index` in `bytes`.
    public func range(of index: Int) -> Range<Int> {
        starts[index]..<ends[index]
    }

    /// Cell `index` as a string.
    public func string(at index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: index)]), as: UTF8.self) }
    }

    /// Empties the record, keeping its buffers.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Drops everything after the first `bytes` bytes and `cells` cells.
    mutating func truncate(bytes byteCount: Int, cells: Int) {
        bytes.removeSubrange(byteCount...)
        starts.removeSubrange(cells...)
        ends.removeSubrange(cells...)
    }
}

/// A streaming RFC 4180 reader for CSV (or TSV, with a tab delimiter) that works on bytes.
///
/// Memory stays constant in the number of records: input is read in chunks (`ByteSource`) and
/// only the current record is held. Accepted input:
/// - Records end with CRLF, LF or a lone CR (classic Mac files), mixed freely; each counts as one
///   line break. The last record needs no line break.
/// - A UTF-8 byte-order mark at the start is skipped. UTF-16 input (a UTF-16 byte-order mark, or
///   NULs in every other byte of the first four) is a thrown `FormatError.utf16`.
/// - Quoted cells may hold delimiters, doubled quotes (`""` for `"`) and line breaks.
/// - A completely empty line (no byte before its line break) is not a record: it is skipped, so
///   blank lines between or after records do no harm. A line holding only `""` is a record with
///   one empty cell, and `,` alone is a record with two empty cells.
/// - A delimiter at the end of a line means an empty last cell.
///
/// Recoverable problems make the reader skip the rest of the record and yield `.invalid`: invalid
/// UTF-8 (position of the first byte of the bad sequence), a NUL byte, a quote inside an unquoted
/// cell or text after a closing quote (the rest of that physical line is skipped, since the quoting
/// can no longer be trusted), a cell longer than `maximumFieldBytes` (position of the cell's
/// start), more than `maximumFields` cells (position of the first cell too many), or cells adding
/// up to more than `maximumRecordBytes` (position of the cell that crosses the limit), so that a
/// record's memory is bounded by the last limit, not by cells × cell size. Only the first
/// problem of a record is reported.
///
/// Thrown (fatal) problems: I/O errors, a UTF-16 file, and a quoted cell still open at the end of
/// the input (reported where its quote opened).
public final class CSVReader {
    /// The longest cell accepted by default, in bytes: 1 MiB.
    public static let defaultMaximumFieldBytes = 1 << 20
    /// The most cells a record may have by default.
    public static let defaultMaximumFields = 10_000
    /// The most bytes all cells of a record may hold together by default: 16 MiB, as a JSON line.
    public static let defaultMaximumRecordBytes = 16 << 20

    /// The path or name of the input, for messages.
    public var path: String { source.path }

    private let source: ByteSource
    private let delimiter: UInt8
    private let maximumFieldBytes: Int
    private let maximumFields: Int
    private let maximumRecordBytes: Int
    /// Bytes that end a fast scan outside quotes (1) or inside quotes (2); bit flags per byte value.
    private let specials: UnsafeMutablePointer<UInt8>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Where `readPlainRecord` notes the record's cell starts (the first `maximumFields` slots)
    /// and ends (the rest) before appending them to the record at once; allocated on first use.
    private var boundaries: UnsafeMutablePointer<Int>?
    private var cursor = Cursor()
    /// The record `next()` reads into and makes strings of.
    private var reusable = CSVRecord()

    /// Where reading stands between records.
    private struct Cursor {
        /// Next unread index in the buffer, and the end of the valid bytes.
        var index = 0
        var end = 0
        /// Absolute offset in the input of `buffer[0]`.
        var base = 0
        var isAtEnd = false
        var hasCheckedStart = false
        /// The 1-based line of `buffer[index]`, and where that line starts (absolute offset).
        var line = 1
        var lineStart = 0
        /// Continuation bytes met on the current line so far, to turn byte offsets into scalar columns.
        var continuations = 0
        /// Absolute offset of the last CR, so that the LF of a CRLF pair is not a second line break.
        var lastCarriageReturn = -2

        /// Steps over the CR or LF at `index`: a new line, unless it is the LF of a CRLF pair.
        @inline(__always) mutating func takeLineBreak(isCarriageReturn: Bool) {
            let offset = base + index
            if isCarriageReturn {
                line += 1
                lastCarriageReturn = offset
            } else if lastCarriageReturn != offset - 1 {
                line += 1
            }
            lineStart = offset + 1
            continuations = 0
            index += 1
        }
    }

    private enum State {
        case fieldStart, unquoted, quoted, afterQuote
    }

    private enum Skipping {
        case no, respectingQuotes, toLineEnd
    }

    /// Reads from `source`.
    ///
    /// - Parameters:
    ///   - delimiter: `,` for CSV, `\t` for TSV; any ASCII character except `"`, CR, LF and NUL
    ///     (others are a programming error and stop the program).
    ///   - maximumFieldBytes: the longest cell, in UTF-8 bytes, before the record is rejected.
    ///   - maximumFields: the most cells in one record before it is rejected.
    ///   - maximumRecordBytes: the most bytes of all cells of one record before it is rejected.
    public init(
        source: ByteSource,
        delimiter: Unicode.Scalar = ",",
        maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
        maximumFields: Int = CSVReader.defaultMaximumFields,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes
    ) {
        precondition(delimiter.isASCII && !"\"\r\n\0".unicodeScalars.contains(delimiter),
                     "a CSV delimiter must be ASCII and not a quote, line break or NUL")
        self.source = source
        self.delimiter = UInt8(delimiter.value)
        self.maximumFieldBytes = max(0, maximumFieldBytes)
        self.maximumFields = max(1, maximumFields)
        self.maximumRecordBytes = max(0, maximumRecordBytes)
        specials = .allocate(capacity: 256)
        specials.initialize(repeating: 0, count: 256)
        for byte in [UInt8(ascii: "\""), 0x0A, 0x0D, 0x00] { specials[Int(byte)] = 3 }
        for byte in 0x80...0xFF { specials[byte] = 3 }
        specials[Int(self.delimiter)] = 1
        capacity = source.chunkSize + 8
        buffer = .allocate(capacity: capacity)
    }

    /// Opens `path` (`-` for standard input) and reads it.
    ///
    /// - Throws: `FormatError` when the file cannot be opened.
    public convenience init(
        path: String,
        delimiter: Unicode.Scalar = ",",
        chunkSize: Int = ByteSource.defaultChunkSize,
        maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
        maximumFields: Int = CSVReader.defaultMaximumFields,
        maximumRecordBytes: Int = CSVReader.defaultMaximumRecordBytes
    ) throws(FormatError) {
        self.init(source: try ByteSource(path: path, chunkSize: chunkSize), delimiter: delimiter,
                  maximumFieldBytes: maximumFieldBytes, maximumFields: maximumFields, maximumRecordBytes: maximumRecordBytes)
    }

    deinit {
        specials.deallocate()
        boundaries?.deallocate()
        buffer.deallocate()
    }

    /// The next record, a skipped record's problem, or `nil` at the end of the input.
    ///
    /// - Throws: `FormatError` for I/O errors, a UTF-16 file, or a quoted cell still open at the
    ///   end of the input. After a throw the reader must not be used again.
    public func next() throws(FormatError) -> CSVReadResult? {
        var record = reusable
        reusable = CSVRecord()
        defer { reusable = record }
        record.removeAll()
        switch try readRecord(into: &record) {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .invalid(line: line, column: column, message: message)
        case .row?:
            let fields = (0..<record.count).map { record.string(at: $0) }
            return .row(CSVRow(line: record.line, fields: fields))
        }
    }

    /// What `readRecord(into:)` found.
    public enum RecordStatus: Sendable, Hashable {
        /// The record's cells are in the record passed in.
        case row
        /// As `CSVReadResult.invalid`: the record was skipped; the record passed in holds nothing useful.
        case invalid(line: Int, column: Int, message: String)
    }

    /// Reads the next record and appends its cells to `record`, as `next()` does but without
    /// making a string per cell; `nil` at the end of the input. After `.invalid`, `record` holds
    /// what it held before.
    ///
    /// - Throws: as `next()`.
    public func readRecord(into record: inout CSVRecord) throws(FormatError) -> RecordStatus? {
        var c = cursor
        defer { cursor = c }
        if !c.hasCheckedStart { try checkStart(&c) }
        let bytesBase = record.bytes.count
        let cellsBase = record.starts.count
        if allowsWholeRecords, readPlainRecord(&c, into: &record) { return .row }

        var state = State.fieldStart
        var skipping = Skipping.no
        var problem: (line: Int, column: Int, message: String)?
        var isRecordStarted = false
        var recordLine = c.line
        /// Where the current cell starts in `record.bytes`; bytes before a refill or a doubled
        /// quote are already there, the rest is the pending span of the buffer.
        var cellStart = bytesBase
        var spanStart = 0
        var spanEnd = 0
        var fieldLine = 0
        var fieldColumn = 0
        let delimiter = self.delimiter
        let specials = self.specials
        let buffer = self.buffer

        @inline(__always) func column(_ c: Cursor, _ index: Int) -> Int {
            c.base + index - c.lineStart - c.continuations + 1
        }
        while true {
            if c.index == c.end {
                // Keep what the current cell has so far, then read on.
                let holdsContent = skipping == .no && (state == .unquoted || state == .quoted || state == .afterQuote)
                if holdsContent {
                    let stop = state == .afterQuote ? spanEnd : c.index
                    record.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer + spanStart, count: stop - spanStart))
                    if record.bytes.count - cellStart > maximumFieldBytes {
                        report(line: fieldLine, column: fieldColumn, "cell longer than \(maximumFieldBytes) bytes",
                               skipping: .respectingQuotes)
                    }
                }
                if !c.isAtEnd { try refill(&c) }
                // What was pending is in `record.bytes` now; the cell goes on from the current index.
                spanStart = c.index
                spanEnd = c.index
                if c.index == c.end && c.isAtEnd {
                    switch state {
                    case .fieldStart where !isRecordStarted:
                        return nil
                    case .quoted:
                        throw .unterminatedQuotedField(path: source.path, line: fieldLine, column: fieldColumn)
                    default:
                        break
                    }
                    finishField()
                    return finishRecord()
                }
                continue
            }

            let byte = buffer[c.index]
            switch state {
            case .fieldStart:
                let isLineBreak = byte == 0x0A || byte == 0x0D
                if isLineBreak && !isRecordStarted {
                    c.takeLineBreak(isCarriageReturn: byte == 0x0D)
                    continue
                }
                if !isRecordStarted {
                    isRecordStarted = true
                    recordLine = c.line
                }
                fieldLine = c.line
                fieldColumn = column(c, c.index)
                cellStart = record.bytes.count
                spanStart = c.index
                if isLineBreak {
                    // A delimiter ended the line: the last cell is empty.
                    finishField()
                    c.takeLineBreak(isCarriageReturn: byte == 0x0D)
                    return finishRecord()
                } else if byte == delimiter {
                    finishField()
                    c.index += 1
                } else if byte == UInt8(ascii: "\"") && skipping != .toLineEnd {
                    state = .quoted
                    c.index += 1
                    spanStart = c.index
                } else {
                    state = .unquoted
                }

            case .unquoted:
                var index = c.index
                let end = c.end
                while index < end && specials[Int(buffer[index])] == 0 { index += 1 }
                c.index = index
                guard index < end else { continue }
                let special = buffer[index]
                if special == delimiter {
                    finishField()
                    c.index += 1
                    state = .fieldStart
                } else if special == 0x0A || special == 0x0D {
                    finishField()
                    c.takeLineBreak(isCarriageReturn: special == 0x0D)
                    return finishRecord()
                } else if special == UInt8(ascii: "\"") {
                    report(line: c.line, column: column(c, index),
                           "quote '\"' inside an unquoted cell; quote the whole cell and double the quotes inside it",
                           skipping: .toLineEnd, index: index)
                    c.index += 1
                } else {
                    try otherByte(&c)
                }

            case .quoted:
                var index = c.index
                let end = c.end
                while index < end && specials[Int(buffer[index])] & 2 == 0 { index += 1 }
                c.index = index
                guard index < end else { continue }
                let special = buffer[index]
                if special == UInt8(ascii: "\"") {
                    state = .afterQuote
                    spanEnd = index
                    c.index += 1
                } else if special == 0x0A || special == 0x0D {
                    c.takeLineBreak(isCarriageReturn: special == 0x0D)
                } else {
                    try otherByte(&c)
                }

            case .afterQuote:
                if byte == UInt8(ascii: "\"") {
                    if skipping == .no {
                        record.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer + spanStart, count: spanEnd - spanStart))
                        record.bytes.append(UInt8(ascii: "\""))
                    }
                    c.index += 1
                    spanStart = c.index
                    state = .quoted
                } else if byte == delimiter {
                    finishField()
                    c.index += 1
                    state = .fieldStart
                } else if byte == 0x0A || byte == 0x0D {
                    finishField()
                    c.takeLineBreak(isCarriageReturn: byte == 0x0D)
                    return finishRecord()
                } else {
                    report(line: c.line, column: column(c, c.index),
                           "text after the closing quote of a cell; a quoted cell must end at a delimiter or line end",
                           skipping: .toLineEnd, index: c.index)
                    state = .unquoted
                }
            }
        }

        /// Handles a NUL or non-ASCII byte at `c.index`, outside or inside quotes.
        func otherByte(_ c: inout Cursor) throws(FormatError) {
            let byte = buffer[c.index]
            if byte == 0 {
                report(line: c.line, column: column(c, c.index), "NUL byte (0x00) in a cell", skipping: .respectingQuotes,
                       index: c.index)
                c.index += 1
                return
            }
            let length = UTF8Sequence.length(lead: byte)
            if length > 0 && c.index + length > c.end && !c.isAtEnd {
                // The sequence continues in the next chunk: keep the cell so far, then read more.
                if skipping == .no && state != .fieldStart {
                    record.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer + spanStart, count: c.index - spanStart))
                }
                try refill(&c)
                spanStart = c.index
                return
            }
            if length > 0 && c.index + length <= c.end && UTF8Sequence.isWellFormed(buffer + c.index, length: length) {
                c.continuations += length - 1
                c.index += length
                return
            }
            report(line: c.line, column: column(c, c.index),
                   "invalid UTF-8 byte \(UTF8Sequence.hex(byte)); save the file as UTF-8, or read it with --encoding windows-1252", skipping: .respectingQuotes,
                   index: c.index)
            c.index += 1
        }

        /// Records the record's first problem. A cell already over the limit before the byte at
        /// `index` is reported as too long instead, so that the outcome does not depend on where
        /// chunks happen to end.
        func report(line: Int, column: Int, _ message: String, skipping mode: Skipping, index: Int? = nil) {
            guard skipping == .no else {
                // A later stray quote still means the quoting of this line cannot be trusted,
                // whichever problem came first (or the chunk size would decide).
                if mode == .toLineEnd { skipping = .toLineEnd }
                return
            }
            problem = (line, column, message)
            if let index, state != .fieldStart {
                let pending = (state == .afterQuote ? spanEnd : index) - spanStart
                if record.bytes.count - cellStart + pending > maximumFieldBytes {
                    problem = (fieldLine, fieldColumn, "cell longer than \(maximumFieldBytes) bytes")
                }
            }
            skipping = mode
            record.truncate(bytes: bytesBase, cells: cellsBase)
            cellStart = bytesBase
        }

        /// Ends the current cell at `c.index` (at the closing quote after a quoted cell) and keeps it.
        func finishField() {
            let stop = state == .afterQuote ? spanEnd : c.index
            state = .fieldStart
            guard skipping == .no else { return }
            let span = UnsafeBufferPointer(start: buffer + spanStart, count: max(0, stop - spanStart))
            if record.bytes.count - cellStart + span.count > maximumFieldBytes {
                report(line: fieldLine, column: fieldColumn, "cell longer than \(maximumFieldBytes) bytes",
                       skipping: .respectingQuotes)
                return
            }
            // After the length check: a long cell is reported as long whether or not the chunk
            // ended inside it (a refill reports it before the cell is complete).
            if record.ends.count - cellsBase == maximumFields {
                report(line: fieldLine, column: fieldColumn, "more than \(maximumFields) cells in one record",
                       skipping: .respectingQuotes)
                return
            }
            if record.bytes.count - bytesBase + span.count > maximumRecordBytes {
                report(line: fieldLine, column: fieldColumn, "record longer than \(maximumRecordBytes) bytes",
                       skipping: .respectingQuotes)
                return
            }
            record.bytes.append(contentsOf: span)
            record.starts.append(cellStart)
            record.ends.append(record.bytes.count)
            // A cell ended by the end of the input starts here without passing `.fieldStart`.
            cellStart = record.bytes.count
        }

        /// The record's status, or its first problem.
        func finishRecord() -> RecordStatus {
            if let problem { return .invalid(line: problem.line, column: problem.column, message: problem.message) }
            record.line = recordLine
            return .row
        }
    }

    /// Whether `readPlainRecord` may be tried: a record that fits the buffer is then within
    /// every size limit, so it needs no checks but the cell count.
    private var allowsWholeRecords: Bool {
        maximumFieldBytes >= capacity && maximumRecordBytes >= capacity && maximumFields <= 1 << 16
    }

    /// Reads the record at the cursor in one pass when it is plain: wholly in the buffer, no NUL,
    /// valid UTF-8, quotes only around whole cells that hold no line break, ended by a line
    /// break. It copies the record's bytes at once and notes where its cells are, the
    /// delimiters and quotes left around them; a cell with doubled quotes is copied again after
    /// the record, collapsed. Anything else returns `false` with the cursor at the record's
    /// first byte, for the general state machine (line breaks before the record are consumed
    /// either way, exactly as that machine would).
    private func readPlainRecord(_ c: inout Cursor, into record: inout CSVRecord) -> Bool {
        let buffer = self.buffer
        let specials = self.specials
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        let end = c.end
        // Blank lines and the LF of a CRLF pair before the record.
        while c.index < end && (buffer[c.index] == 0x0A || buffer[c.index] == 0x0D) {
            c.takeLineBreak(isCarriageReturn: buffer[c.index] == 0x0D)
        }
        let start = c.index
        var index = start
        var cellStart = start
        var cellEnd = -1
        var cells = 0
        let cellsBase = record.starts.count
        // Where the record's bytes will go in `record.bytes`, less `start`.
        let shift = record.bytes.count - start
        let boundaries = self.boundaries ?? {
            let boundaries = UnsafeMutablePointer<Int>.allocate(capacity: 2 * maximumFields)
            self.boundaries = boundaries
            return boundaries
        }()
        /// Quoted cells with doubled quotes: their cell number and content range in the buffer.
        var escaped: [(cell: Int, content: Range<Int>)] = []

        /// The UTF-8 sequence at `index`, if it is whole and well formed: its length.
        @inline(__always) func sequenceLength(_ index: Int) -> Int? {
            let length = UTF8Sequence.length(lead: buffer[index])
            guard length > 0, index + length <= end, UTF8Sequence.isWellFormed(buffer + index, length: length) else { return nil }
            return length
        }

        scan: while index < end {
            index = Self.skipOrdinaryBytes(buffer, from: index, to: end, delimiter: delimiter)
            guard index < end else { break scan }
            let byte = buffer[index]
            if specials[Int(byte)] == 0 {
                index += 1
                continue
            }
            if byte == delimiter || byte == 0x0A || byte == 0x0D {
                boundaries[cells] = (cellEnd < 0 ? cellStart : cellStart + 1) + shift
                boundaries[maximumFields + cells] = (cellEnd < 0 ? index : cellEnd) + shift
                cellEnd = -1
                cells += 1
                if byte == delimiter {
                    guard cells < maximumFields else { break scan }
                    index += 1
                    cellStart = index
                    continue
                }
                record.starts.append(contentsOf: UnsafeBufferPointer(start: boundaries, count: cells))
                record.ends.append(contentsOf: UnsafeBufferPointer(start: boundaries + maximumFields, count: cells))
                record.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: index - start))
                for (cell, content) in escaped {
                    record.starts[cellsBase + cell] = record.bytes.count
                    var position = content.lowerBound
                    while position < content.upperBound {
                        record.bytes.append(buffer[position])
                        position += buffer[position] == quote ? 2 : 1
                    }
                    record.ends[cellsBase + cell] = record.bytes.count
                }
                record.line = c.line
                c.index = index
                c.takeLineBreak(isCarriageReturn: byte == 0x0D)
                return true
            }
            if byte >= 0x80 {
                guard let length = sequenceLength(index) else { break scan }
                index += length
                continue
            }
            guard byte == quote, index == cellStart else { break scan }
            // A quoted cell: find its closing quote, which a delimiter or line break must follow.
            var position = index + 1
            var hasDoubledQuotes = false
            while true {
                // Inside quotes the delimiter is ordinary: look for the quote in its place.
                position = Self.skipOrdinaryBytes(buffer, from: position, to: end, delimiter: quote)
                guard position < end else { break scan }
                let inner = buffer[position]
                if specials[Int(inner)] & 2 == 0 {
                    position += 1
                } else if inner == quote {
                    guard position + 1 < end else { break scan }
                    if buffer[position + 1] != quote { break }
                    hasDoubledQuotes = true
                    position += 2
                } else if inner >= 0x80 {
                    guard let length = sequenceLength(position) else { break scan }
                    position += length
                } else {
                    break scan
                }
            }
            let after = buffer[position + 1]
            guard after == delimiter || after == 0x0A || after == 0x0D else { break scan }
            if hasDoubledQuotes { escaped.append((cells, index + 1..<position)) }
            cellEnd = position
            index = position + 1
        }
        return false
    }

    /// The first index from `index` whose byte is `delimiter`, a quote, CR, LF, NUL or non-ASCII,
    /// looking at eight bytes at a time while eight remain; at most `end - 8` past that point
    /// when none is found (the caller reads the last bytes one by one).
    @inline(__always) private static func skipOrdinaryBytes(_ buffer: UnsafeMutablePointer<UInt8>, from index: Int, to end: Int,
                                                            delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each zero byte of `value`; only the lowest is exact (a borrow may also
        /// flag a byte after a zero byte), and only the lowest is used.
        @inline(__always) func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        var index = index
        while index + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(buffer + index).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ (ones &* UInt64(delimiter))) | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x0A))
                | zeroBytes(word ^ (ones &* 0x0D)) | zeroBytes(word) | (word & highs)
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        return index
    }

    /// Skips a UTF-8 byte-order mark; rejects UTF-16 input, with or without its mark.
    private func checkStart(_ c: inout Cursor) throws(FormatError) {
        c.hasCheckedStart = true
        while c.end - c.index < 4 && !c.isAtEnd { try refill(&c) }
        let available = c.end - c.index
        let first = available > 0 ? buffer[c.index] : 0
        let second = available > 1 ? buffer[c.index + 1] : 0
        if (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF) || isUTF16WithoutMark(buffer + c.index, available: available) {
            throw .utf16(path: source.path)
        }
        if available >= 3 && first == 0xEF && second == 0xBB && buffer[c.index + 2] == 0xBF {
            c.index += 3
            c.lineStart = c.base + c.index
        }
    }

    /// Moves the unread bytes to the front of the buffer and reads the next chunk after them.
    private func refill(_ c: inout Cursor) throws(FormatError) {
        let kept = c.end - c.index
        if c.index > 0 && kept > 0 { buffer.update(from: buffer + c.index, count: kept) }
        c.base += c.index
        c.index = 0
        c.end = kept
        let count = try source.read(into: UnsafeMutableBufferPointer(start: buffer + kept, count: capacity - kept))
        if count == 0 { c.isAtEnd = true }
        c.end += count
    }
}

/// Whether the first `available` bytes look like UTF-16 without a byte-order mark: two code units
/// that are each a NUL next to a non-NUL byte, as ASCII text in UTF-16 is. UTF-8 text never
/// starts so (a lone NUL in a first cell is reported as a NUL byte instead).
func isUTF16WithoutMark(_ bytes: UnsafePointer<UInt8>, available: Int) -> Bool {
    guard available >= 4 else { return false }
    let littleEndian = bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0
    let bigEndian = bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0
    return littleEndian || bigEndian
}
