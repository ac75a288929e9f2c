/// Why a JSON text was rejected, and where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line; for JSON Lines, the line of the file.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int
    /// What was expected and what was found, e.g. `expected ',' or '}' after object member, found 'x'`.
    public var message: String

    /// Creates an error; the parser makes these, tests compare against them.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Rejected, each with a position and a message saying what was expected: trailing commas,
/// comments, single quotes, unescaped control characters in strings, invalid escapes, lone UTF-16
/// surrogates in `\u` escapes, numbers outside the grammar (`NaN`, `Infinity`, `01`, `1.`, `.5`,
/// `+1`, `0x10`), duplicate object keys (naming the key), nesting deeper than `maximumDepth`,
/// invalid UTF-8 anywhere, and anything after the value but whitespace. A byte-order mark is not
/// JSON and is rejected here; `JSONLinesReader` strips one at the start of a file.
public struct JSONParser: Sendable {
    /// The default nesting limit: audit records need three or four levels.
    public static let defaultMaximumDepth = 64

    /// The most arrays and objects that may be open at once; the value itself counts as level 1.
    /// Parsing recurses once per level, so keep this in the hundreds at most.
    public var maximumDepth: Int

    /// Creates a parser with a nesting limit (at least 1).
    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.maximumDepth = max(1, maximumDepth)
    }

    /// Parses one JSON text. `firstLine` is the line the text starts on, so that positions in a
    /// JSON Lines file name the file's line.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
        do {
            return try scanner.document()
        } catch {
            let (line, column) = Self.position(of: error.offset, in: bytes, firstLine: firstLine)
            throw JSONSyntaxError(line: line, column: column, message: error.message)
        }
    }

    /// Parses one JSON text held in memory and keeps where each of its values starts, so that a
    /// message about a value deep in it can name its line and column (`JSONDocument`).
    public func parseDocument(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONDocument {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> (JSONValue, [Int]) in try parseLocated(buffer) }
        }
        let (root, starts) = try result.get()
        return JSONDocument(root: root, bytes: bytes, starts: starts)
    }

    private func parseLocated(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (JSONValue, [Int]) {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
        scanner.isLocating = true
        do {
            let root = try scanner.document()
            return (root, scanner.starts)
        } catch {
            let (line, column) = Self.position(of: error.offset, in: bytes, firstLine: 1)
            throw JSONSyntaxError(line: line, column: column, message: error.message)
        }
    }

    /// Parses one JSON text held in memory.
    public func parse(_ bytes: [UInt8], firstLine: Int = 1) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(buffer, firstLine: firstLine) }
        }
        return try result.get()
    }

    /// Parses one JSON text given as a string.
    public func parse(_ text: String, firstLine: Int = 1) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), firstLine: firstLine)
    }

    /// Line and scalar column of a byte offset; lines break at LF.
    private static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> (Int, Int) {
        var line = firstLine
        var lineStart = 0
        var index = 0
        while index < min(offset, bytes.count) {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, UTF8Sequence.scalarCount(bytes, from: lineStart, to: offset) + 1)
    }
}

/// A failure at a byte offset, turned into line and column once, by `JSONParser.parse`.
struct JSONFailure: Error {
    var offset: Int
    var message: String
}

/// The recursive-descent scanner behind `JSONParser`.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    var depth = 0
    /// Reused between strings that need unescaping.
    var scratch: [UInt8] = []
    /// Where the last string's content lies in the input when it had no escapes (its UTF-8 then
    /// equals the source bytes); `nil` after an escaped string.
    var unescapedSpan: Range<Int>?
    /// Whether to note the offset of every value in `starts` (`JSONParser.parseDocument`).
    var isLocating = false
    /// The byte offset of every value, in document order (a container before its contents).
    var starts: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func document() throws(JSONFailure) -> JSONValue {
        let value = try value()
        skipWhitespace()
        if index < bytes.count {
            throw failure("expected end of input after the JSON value, found \(found())")
        }
        return value
    }

    private mutating func value() throws(JSONFailure) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw failure("expected a JSON value, found end of input") }
        if isLocating { starts.append(index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t") where matches("true"): index += 4; return .bool(true)
        case UInt8(ascii: "f") where matches("false"): index += 5; return .bool(false)
        case UInt8(ascii: "n") where matches("null"): index += 4; return .null
        default: throw failure("expected a JSON value, found \(found())")
        }
    }

    private mutating func object() throws(JSONFailure) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONValue.Member] = []
        var fingerprints: [UInt64] = []
        var keys: Set<String> = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count && bytes[index] == UInt8(ascii: "\"") else {
                throw failure(members.isEmpty ? "expected '\"' to start an object key or '}', found \(found())"
                                              : "expected '\"' to start the next object key, found \(found())")
            }
            let keyOffset = index
            let key = try string()
            if isDuplicate(key, among: members, fingerprints: &fingerprints, keys: &keys) {
                throw JSONFailure(offset: keyOffset, message: "duplicate key '\(key)' in object")
            }
            skipWhitespace()
            guard index < bytes.count && bytes[index] == UInt8(ascii: ":") else {
                throw failure("expected ':' after object key, found \(found())")
            }
            index += 1
            members.append(JSONValue.Member(key: key, value: try value()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected ',' or '}' after object member, found end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            } else {
                throw failure("expected ',' or '}' after object member, found \(found())")
            }
        }
    }

    /// Whether `key` is already among `members`. Small objects (audit records) compare 64-bit
    /// fingerprints first and strings only on a match; objects past 64 members switch to a set so
    /// that a huge object stays linear.
    private func isDuplicate(_ key: String, among members: [JSONValue.Member], fingerprints: inout [UInt64],
                             keys: inout Set<String>) -> Bool {
        if members.count > 64 {
            if keys.isEmpty { keys = Set(members.map(\.key)) }
            return !keys.insert(key).inserted
        }
        // FNV-1a over the key's UTF-8: straight from the input when the key had no escapes.
        var fingerprint: UInt64 = 0xCBF2_9CE4_8422_2325
        if let span = unescapedSpan {
            for byte in UnsafeBufferPointer(rebasing: bytes[span]) { fingerprint = (fingerprint ^ UInt64(byte)) &* 0x100_0000_01B3 }
        } else {
            for byte in key.utf8 { fingerprint = (fingerprint ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        for (position, other) in fingerprints.enumerated() where other == fingerprint && members[position].key == key {
            return true
        }
        fingerprints.append(fingerprint)
        return false
    }

    private mutating func array() throws(JSONFailure) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected ',' or ']' after array element, found end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements)
            } else {
                throw failure("expected ',' or ']' after array element, found \(found())")
            }
        }
    }

    private mutating func enterContainer() throws(JSONFailure) {
        depth += 1
        if depth > maximumDepth { throw failure("nesting deeper than \(maximumDepth) levels") }
    }

    /// A string starting at the opening quote at `index`; ends after the closing quote.
    private mutating func string() throws(JSONFailure) -> String {
        let opening = index
        index += 1
        let start = index
        var isEscaped = false
        scratch.removeAll(keepingCapacity: true)
        var spanStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(rebasing: bytes[spanStart..<index])
                index += 1
                if !isEscaped {
                    unescapedSpan = spanStart..<index - 1
                    return String(decoding: span, as: UTF8.self)
                }
                unescapedSpan = nil
                scratch.append(contentsOf: span)
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[spanStart..<index]))
                isEscaped = true
                try escape()
                spanStart = index
            } else if byte < 0x20 {
                throw failure("unescaped control character \(Self.codePoint(UInt32(byte))) in string; write it as an escape such as '\\n' or '\\u001F'")
            } else if byte < 0x80 {
                index += 1
            } else {
                let length = UTF8Sequence.length(lead: byte)
                guard length > 0, index + length <= bytes.count,
                      isWellFormed(at: index, length: length) else {
                    throw failure("invalid UTF-8 byte \(UTF8Sequence.hex(byte))")
                }
                index += length
            }
        }
        throw JSONFailure(offset: opening, message: "unterminated string: expected '\"' before end of input")
    }

    /// One escape starting at the backslash at `index`, appended to `scratch`.
    /// The byte a one-letter escape stands for (`n` in `\n` → LF), per RFC 8259; `nil` for
    /// any other letter (`u` included). Shared with `JSONFlatRecord`.
    static func simpleEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    private mutating func escape() throws(JSONFailure) {
        let backslash = index
        index += 1
        guard index < bytes.count else { throw failure("expected an escape character after '\\', found end of input") }
        if let simple = Self.simpleEscape(bytes[index]) {
            scratch.append(simple)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else {
            let byte = bytes[index]
            guard byte >= 0x20 && byte < 0x7F else {
                throw failure("expected an escape character after '\\', found \(found())")
            }
            index = backslash
            throw failure("invalid escape '\\\(UnicodeScalar(byte))' in string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")
        }
        index += 1
        let unit = try hexQuad()
        var scalarValue = unit
        if (0xDC00...0xDFFF).contains(unit) {
            throw JSONFailure(offset: backslash, message: "lone surrogate '\\u\(Self.hex4(unit))' in string: a low surrogate must follow a high one (\\uD800…\\uDBFF)")
        }
        if (0xD800...0xDBFF).contains(unit) {
            let low: UInt32?
            if index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                let next = try hexQuad()
                low = (0xDC00...0xDFFF).contains(next) ? next : nil
                if low == nil { index = saved }
            } else {
                low = nil
            }
            guard let low else {
                throw JSONFailure(offset: backslash, message: "lone surrogate '\\u\(Self.hex4(unit))' in string: a high surrogate must be followed by a low one (\\uDC00…\\uDFFF)")
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        }
        // Every value left is a valid scalar: surrogates were handled above.
        for byte in String(Character(Unicode.Scalar(scalarValue) ?? "\u{FFFD}")).utf8 { scratch.append(byte) }
    }

    private mutating func hexQuad() throws(JSONFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure("expected 4 hexadecimal digits after '\\u', found end of input") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected 4 hexadecimal digits after '\\u', found \(found())")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A number per RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONFailure) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw failure("expected a digit after '-', found \(found())")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count && isDigit(bytes[index]) {
                throw failure("invalid number: a leading zero may not be followed by digits")
            }
        } else {
            skipDigits()
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure("expected a digit after '.' in number, found \(found())")
            }
            skipDigits()
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure("expected a digit in the number's exponent, found \(found())")
            }
            skipDigits()
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        return true
    }

    private func isWellFormed(at offset: Int, length: Int) -> Bool {
        guard let base = bytes.baseAddress, offset + length <= bytes.count else { return false }
        return UTF8Sequence.isWellFormed(base + offset, length: length)
    }

    private func failure(_ message: String) -> JSONFailure { JSONFailure(offset: index, message: message) }

    /// What stands at `index`, for messages: `'x'`, a whole word such as
    /// `'NaN'`, `end of input`, a control character's code point, or an invalid byte.
    private func found() -> String {
        let at = index
        guard at < bytes.count else { return "end of input" }
        let byte = bytes[at]
        let text: String
        if Self.isWordByte(byte) {
            var end = at
            while end < bytes.count && end - at < 16 && Self.isWordByte(bytes[end]) { end += 1 }
            text = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<end]), as: UTF8.self)
        } else if byte < 0x20 || byte == 0x7F {
            return "control character \(Self.codePoint(UInt32(byte)))"
        } else if byte < 0x80 {
            text = String(UnicodeScalar(byte))
        } else {
            let length = UTF8Sequence.length(lead: byte)
            guard length > 0, at + length <= bytes.count, isWellFormed(at: at, length: length) else {
                return "invalid UTF-8 byte \(UTF8Sequence.hex(byte))"
            }
            text = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + length]), as: UTF8.self)
            // Invisible characters (a stray byte-order mark, a no-break space) are named by code point.
            if let scalar = text.unicodeScalars.first, Self.isInvisible(scalar) {
                return "character \(Self.codePoint(scalar.value))"
            }
        }
        return "'\(text)'"
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse,
             .nonspacingMark, .enclosingMark:
            true
        default:
            false
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        let width = value > 0xFFFF ? (value > 0xFFFFF ? 6 : 5) : 4
        return String((0..<width).map { digits[Int(value >> (4 * UInt32(width - 1 - $0)) & 0xF)] })
    }

    private static func codePoint(_ value: UInt32) -> String { "U+\(hex4(value))" }
}

/// A JSON text parsed whole, with where each of its values starts: a value is named by its
/// number in document order (`root` is 0; a container comes before its contents), and
/// `position(ofNode:)` gives its line and column, for messages (docs/imports.md).
public final class JSONDocument {
    public let root: JSONValue
    private let bytes: [UInt8]
    private let starts: [Int]
    /// The offset of each line's first byte.
    private let lineStarts: [Int]
    /// The last position worked out, to count on from it when the next is further on its line
    /// (records come in file order, and a minified file is one line).
    private var last = (offset: 0, line: 1, column: 1)

    init(root: JSONValue, bytes: [UInt8], starts: [Int]) {
        self.root = root
        self.bytes = bytes
        self.starts = starts
        var lineStarts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
        self.lineStarts = lineStarts
    }

    /// How many values `value` holds, itself included.
    public static func size(_ value: JSONValue) -> Int {
        switch value {
        case .object(let members): members.reduce(1) { $0 + size($1.value) }
        case .array(let items): items.reduce(1) { $0 + size($1) }
        default: 1
        }
    }

    /// The number of `value`'s member `key` (or element number `key` of an array), `value` being
    /// node `node`.
    public static func child(_ key: String, of value: JSONValue, node: Int) -> (value: JSONValue, node: Int)? {
        var next = node + 1
        switch value {
        case .object(let members):
            for member in members {
                if member.key == key { return (member.value, next) }
                next += size(member.value)
            }
            return nil
        case .array(let items):
            guard let wanted = Int(key), wanted >= 0, wanted < items.count else { return nil }
            for item in items[..<wanted] { next += size(item) }
            return (items[wanted], next)
        default:
            return nil
        }
    }

    /// The 1-based line and column (in Unicode scalars) where node `node` starts.
    public func position(ofNode node: Int) -> (line: Int, column: Int) {
        guard node >= 0, node < starts.count else { return (1, 1) }
        let offset = starts[node]
        if offset < last.offset || (last.line < lineStarts.count && offset >= lineStarts[last.line]) {
            // Not further on the last position's line: find the line, count from its start.
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            last = (lineStarts[low], low + 1, 1)
        }
        let counted = bytes.withUnsafeBufferPointer { UTF8Sequence.scalarCount($0, from: last.offset, to: offset) }
        last = (offset, last.line, last.column + counted)
        return (last.line, last.column)
    }
}
