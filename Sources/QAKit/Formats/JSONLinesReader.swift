#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `JSONLinesReader.next()` yields for one non-blank line.
public enum JSONLinesResult: Sendable, Hashable {
    /// The line's parsed value and its 1-based line number.
    case value(line: Int, JSONValue)
    /// The line was rejected: not valid JSON, or longer than the limit. `column` is in Unicode
    /// scalars (1 for an over-long line). Reading continues with the next line.
    case invalid(line: Int, column: Int, message: String)
}

/// What `JSONLinesReader.next(claiming:)` yields for one non-blank line.
public enum JSONLinesItem {
    /// The claim took the line's bytes: nothing was parsed.
    case claimed(line: Int)
    /// What `next()` gives for the line.
    case result(JSONLinesResult)
}

/// A streaming JSON Lines (NDJSON) reader: one strict RFC 8259 value per line.
///
/// Lines end at LF; a CR before it is JSON whitespace and so is harmless. Lines that are empty or
/// hold only spaces, tabs and CRs are skipped. A UTF-8 byte-order mark at the very start is
/// skipped; UTF-16 input (its byte-order mark, or NULs in every other byte of the first four) is a thrown
/// `FormatError.utf16`. The last line needs no LF.
///
/// One broken line never stops the rest: it yields `.invalid` and reading goes on. A line longer
/// than `maximumLineBytes` (16 MiB by default) is not held in memory: it is skipped up to its LF
/// and reported. Memory therefore stays within one chunk plus one line, however many lines there
/// are.
public final class JSONLinesReader {
    /// The longest line accepted by default, in bytes (LF excluded): 16 MiB.
    public static let defaultMaximumLineBytes = 16 << 20

    /// The path or name of the input, for messages.
    public var path: String { source.path }

    private let source: ByteSource
    private let parser: JSONParser
    private let maximumLineBytes: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var index = 0
    private var end = 0
    private var isAtEnd = false
    private var hasCheckedStart = false
    /// The line being read (1-based).
    private var line = 1
    /// The current line's bytes so far, when it began in an earlier chunk.
    private var pending: [UInt8] = []
    private var isPendingTooLong = false

    /// Reads from `source`.
    ///
    /// - Parameters:
    ///   - maximumLineBytes: the longest line, in bytes without its LF, before it is rejected.
    ///   - maximumDepth: the JSON nesting limit per line (see `JSONParser.maximumDepth`).
    public init(
        source: ByteSource,
        maximumLineBytes: Int = JSONLinesReader.defaultMaximumLineBytes,
        maximumDepth: Int = JSONParser.defaultMaximumDepth
    ) {
        self.source = source
        parser = JSONParser(maximumDepth: maximumDepth)
        self.maximumLineBytes = max(0, maximumLineBytes)
        capacity = source.chunkSize + 4
        buffer = .allocate(capacity: capacity)
    }

    /// Opens `path` (`-` for standard input) and reads it.
    ///
    /// - Throws: `FormatError` when the file cannot be opened.
    public convenience init(
        path: String,
        chunkSize: Int = ByteSource.defaultChunkSize,
        maximumLineBytes: Int = JSONLinesReader.defaultMaximumLineBytes,
        maximumDepth: Int = JSONParser.defaultMaximumDepth
    ) throws(FormatError) {
        self.init(source: try ByteSource(path: path, chunkSize: chunkSize), maximumLineBytes: maximumLineBytes,
                  maximumDepth: maximumDepth)
    }

    deinit { buffer.deallocate() }

    /// The next non-blank line's value or problem, or `nil` at the end of the input.
    ///
    /// - Throws: `FormatError` for I/O errors and UTF-16 input. After a throw the reader must not
    ///   be used again.
    public func next() throws(FormatError) -> JSONLinesResult? {
        while let item = try next(claiming: { _, _ in false }) {
            if case .result(let result) = item { return result }
        }
        return nil
    }

    /// As `next()`, but each non-blank line that is not too long is first offered, as bytes
    /// with its line number, to `claim`: when it returns `true` it has read the line, which is
    /// then not parsed (`.claimed`). A reader of the common shape of a line uses it to skip the
    /// general parse (`JSONFlatRecord`), and leaves every other line to the parser.
    public func next(claiming claim: (UnsafeBufferPointer<UInt8>, Int) -> Bool) throws(FormatError) -> JSONLinesItem? {
        if !hasCheckedStart { try checkStart() }
        while true {
            if index == end {
                if !isAtEnd { try refill() }
                if index == end {
                    guard isAtEnd else { continue }
                    // A last line without LF.
                    guard !pending.isEmpty || isPendingTooLong else { return nil }
                    return finishPendingLine(claim)
                }
            }
            let newline = findNewline()
            let stop = newline ?? end
            if isPendingTooLong || pending.count + (stop - index) > maximumLineBytes {
                isPendingTooLong = true
                pending.removeAll(keepingCapacity: false)
            } else if newline == nil || !pending.isEmpty {
                pending.append(contentsOf: UnsafeBufferPointer(start: buffer + index, count: stop - index))
            }
            guard let newline else {
                index = end
                continue
            }
            let lineNumber = line
            let direct = UnsafeBufferPointer(start: buffer + index, count: newline - index)
            index = newline + 1
            line += 1
            if isPendingTooLong {
                isPendingTooLong = false
                return .result(tooLong(lineNumber))
            }
            let item: JSONLinesItem?
            if pending.isEmpty {
                item = take(direct, line: lineNumber, claim)
            } else {
                item = pending.withUnsafeBufferPointer { take($0, line: lineNumber, claim) }
                pending.removeAll(keepingCapacity: true)
            }
            if let item { return item }
        }
    }

    /// The last line, when the input does not end with LF.
    private func finishPendingLine(_ claim: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> JSONLinesItem? {
        let lineNumber = line
        line += 1
        if isPendingTooLong {
            isPendingTooLong = false
            return .result(tooLong(lineNumber))
        }
        let item = pending.withUnsafeBufferPointer { take($0, line: lineNumber, claim) }
        pending.removeAll(keepingCapacity: true)
        return item
    }

    /// The line offered to `claim`, else parsed; `nil` for a blank line.
    private func take(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, _ claim: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> JSONLinesItem? {
        if claim(bytes, line) { return .claimed(line: line) }
        return parseLine(bytes, line: line).map(JSONLinesItem.result)
    }

    private func tooLong(_ line: Int) -> JSONLinesResult {
        .invalid(line: line, column: 1, message: "line longer than \(maximumLineBytes) bytes")
    }

    /// Parses one line; `nil` for a blank one.
    private func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> JSONLinesResult? {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        do {
            return .value(line: line, try parser.parse(bytes, firstLine: line))
        } catch {
            return .invalid(line: error.line, column: error.column, message: error.message)
        }
    }

    private func findNewline() -> Int? {
        guard index < end, let found = memchr(buffer + index, 0x0A, end - index) else { return nil }
        return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Reads at least four bytes (or all there is) to look for a byte-order mark or UTF-16 text.
    private func checkStart() throws(FormatError) {
        hasCheckedStart = true
        while end < 4 && !isAtEnd {
            let count = try source.read(into: UnsafeMutableBufferPointer(start: buffer + end, count: capacity - end))
            if count == 0 { isAtEnd = true }
            end += count
        }
        if end >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)
            || isUTF16WithoutMark(buffer, available: end)) {
            throw .utf16(path: source.path)
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { index = 3 }
    }

    /// Replaces the consumed buffer with the next chunk.
    private func refill() throws(FormatError) {
        index = 0
        end = 0
        let count = try source.read(into: UnsafeMutableBufferPointer(start: buffer, count: capacity))
        if count == 0 { isAtEnd = true }
        end = count
    }
}
