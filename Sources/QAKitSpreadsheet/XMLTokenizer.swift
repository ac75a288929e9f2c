#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull tokenizer for the XML that Office Open XML packages hold: elements, attributes, text
/// and the five predefined entities plus numeric character references.
///
/// It never builds a tree: `next()` hands out one token at a time from a window of the input,
/// so a 100 MB worksheet is read in constant memory. Names and values are byte spans into that
/// window, valid until the following `next()`. Namespace prefixes are dropped (`x:c` reads as
/// `c`): OOXML parts use one namespace per local name. Processing instructions, comments and
/// the document type declaration are skipped; CDATA sections, which OOXML writers do not emit,
/// are an error rather than silently misread.
final class XMLTokenizer {
    enum Token: Equatable {
        /// An element's start tag; `isSelfClosing` for `<c/>`, which has no end token.
        case start(isSelfClosing: Bool)
        case end
        /// Character data between tags, entities not yet decoded (`appendText`).
        case text
    }

    /// Where the bytes come from: fills the buffer, returns how many bytes it wrote (0 at the end).
    typealias Input = (UnsafeMutableRawBufferPointer) throws(SpreadsheetError) -> Int

    private let input: Input
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The unread bytes are `storage[position..<limit]`.
    private var position = 0
    private var limit = 0
    private var isExhausted = false
    /// The part being read, for error messages (`xl/worksheets/sheet1.xml`).
    let part: String
    /// Bytes dropped from the window so far, to report offsets in the whole part.
    private var discarded = 0

    /// The current token's local name (start and end tags), as offsets into the window.
    private var nameStart = 0, nameEnd = 0
    /// The current start tag's attributes: local name and raw value spans.
    private var attributes: [(nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int)] = []
    /// The current text token's span.
    private var textStart = 0, textEnd = 0

    /// The longest tag or run of text: the window grows to hold one, and no further.
    static let maximumTokenBytes = 64 << 20

    init(part: String, chunkSize: Int = 1 << 20, input: @escaping Input) {
        self.part = part
        self.input = input
        capacity = chunkSize
        storage = .allocate(capacity: chunkSize)
    }

    /// Reads from bytes already in memory (the small parts: workbook, relationships, styles).
    convenience init(part: String, bytes: [UInt8]) {
        var offset = 0
        self.init(part: part, chunkSize: max(bytes.count, 1)) { buffer in
            let count = min(buffer.count, bytes.count - offset)
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }

    deinit { storage.deallocate() }

    /// The next token, or `nil` at the end of the input.
    func next() throws(SpreadsheetError) -> Token? {
        while true {
            if position == limit {
                guard try refill() else { return nil }
            }
            if storage[position] != UInt8(ascii: "<") {
                guard let end = try find(UInt8(ascii: "<"), from: position, allowingEnd: true) else { continue }
                (textStart, textEnd) = (position, end)
                position = end
                return .text
            }
            guard let token = try tag() else { continue }
            return token
        }
    }

    /// Whether the current tag's local name is `name` (ASCII).
    func isNamed(_ name: StaticString) -> Bool {
        span(nameStart, nameEnd, equals: name)
    }

    /// The raw bytes of the named attribute of the current start tag (entities undecoded), or
    /// `nil` when it is absent. `prefixed` asks for a prefixed name such as `r:id`.
    func withAttribute<Result>(_ name: StaticString, prefixed: Bool = false,
                               _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        for attribute in attributes where span(attribute.nameStart, attribute.nameEnd, equals: name) {
            let isPrefixed = attribute.nameStart > 0 && storage[attribute.nameStart - 1] == UInt8(ascii: ":")
            guard isPrefixed == prefixed else { continue }
            return body(UnsafeBufferPointer(start: storage + attribute.valueStart, count: attribute.valueEnd - attribute.valueStart))
        }
        return body(nil)
    }

    /// The named attribute's value with entities decoded, or `nil` when absent.
    func attribute(_ name: StaticString, prefixed: Bool = false) throws(SpreadsheetError) -> String? {
        let raw: [UInt8]? = withAttribute(name, prefixed: prefixed) { $0.map(Array.init) }
        guard let raw else { return nil }
        var decoded: [UInt8] = []
        try Self.decodeEntities(raw[...], into: &decoded, part: part)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Appends the current text token to `bytes`, entities decoded.
    func appendText(to bytes: inout [UInt8]) throws(SpreadsheetError) {
        let span = UnsafeBufferPointer(start: storage + textStart, count: textEnd - textStart)
        if memchr(span.baseAddress!, Int32(UInt8(ascii: "&")), span.count) == nil {
            bytes.append(contentsOf: span)
        } else {
            try Self.decodeEntities(span[...], into: &bytes, part: part)
        }
    }

    // MARK: - Reading tags

    /// Reads the tag at `position`; `nil` when it was skipped (comment, declaration) or more input was needed.
    private func tag() throws(SpreadsheetError) -> Token? {
        guard position + 1 < limit || isExhausted else {
            _ = try refill()
            return nil
        }
        guard position + 1 < limit else { throw malformed("the input ends inside a tag") }
        switch storage[position + 1] {
        case UInt8(ascii: "?"):
            return try skip(until: "?>")
        case UInt8(ascii: "!"):
            if try startsWith("<![CDATA[") { throw malformed("CDATA sections are not supported") }
            return try startsWith("<!--") ? skip(until: "-->") : skip(until: ">")
        case UInt8(ascii: "/"):
            guard let close = try find(UInt8(ascii: ">"), from: position, allowingEnd: false) else { return nil }
            var index = position + 2
            (nameStart, nameEnd) = Self.localName(in: storage, from: &index, to: close)
            position = close + 1
            return .end
        default:
            return try startTag()
        }
    }

    private func startTag() throws(SpreadsheetError) -> Token? {
        guard let close = try findTagEnd() else { return nil }
        // The window and the attribute list are read into locals: each access to a stored
        // property of a class is an exclusivity check, and this loop runs for every cell.
        let bytes = storage
        var index = position + 1
        (nameStart, nameEnd) = Self.localName(in: bytes, from: &index, to: close)
        guard nameEnd > nameStart else { throw malformed("a tag without a name") }
        var list: [(nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int)] = []
        swap(&list, &attributes)
        defer { swap(&list, &attributes) }
        list.removeAll(keepingCapacity: true)
        var isSelfClosing = false
        while true {
            while index < close, Self.isSpace(bytes[index]) { index += 1 }
            if index >= close { break }
            if bytes[index] == UInt8(ascii: "/") {
                isSelfClosing = true
                index += 1
                continue
            }
            let (start, end) = Self.localName(in: bytes, from: &index, to: close)
            while index < close, Self.isSpace(bytes[index]) { index += 1 }
            guard end > start, index < close, bytes[index] == UInt8(ascii: "=") else { throw malformed("an attribute without '=\"value\"'") }
            index += 1
            while index < close, Self.isSpace(bytes[index]) { index += 1 }
            guard index < close, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw malformed("an attribute value without quotes")
            }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < close, bytes[index] != quote { index += 1 }
            list.append((start, end, valueStart, index))
            index += 1
        }
        position = close + 1
        return .start(isSelfClosing: isSelfClosing)
    }

    /// The offset of the `>` ending the start tag at `position`, skipping quoted values; `nil`
    /// when the window had to be refilled first.
    private func findTagEnd() throws(SpreadsheetError) -> Int? {
        let (bytes, limit) = (storage, limit)
        var index = position + 1
        var quote: UInt8 = 0
        while index < limit {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: ">") {
                return index
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            }
            index += 1
        }
        guard try refill() else { throw malformed("the input ends inside a tag") }
        return nil
    }

    /// The name starting at `index` (up to a space, `/`, `=` or `>`), without its prefix.
    private static func localName(in bytes: UnsafeMutablePointer<UInt8>, from index: inout Int, to close: Int) -> (Int, Int) {
        var start = index
        while index < close {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: ":") { start = index + 1 }
            index += 1
        }
        return (start, index)
    }

    private func skip(until terminator: StaticString) throws(SpreadsheetError) -> Token? {
        let needle = UnsafeBufferPointer(start: terminator.utf8Start, count: terminator.utf8CodeUnitCount)
        var index = position + 2
        while index + needle.count <= limit {
            if memcmp(storage + index, needle.baseAddress!, needle.count) == 0 {
                position = index + needle.count
                return nil
            }
            index += 1
        }
        guard try refill() else { throw malformed("the input ends inside a comment or declaration") }
        return nil
    }

    private func startsWith(_ prefix: StaticString) throws(SpreadsheetError) -> Bool {
        while limit - position < prefix.utf8CodeUnitCount, try refill() {}
        guard limit - position >= prefix.utf8CodeUnitCount else { return false }
        return memcmp(storage + position, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    /// The offset of the next `byte` at or after `start`. Without one in the window: the end of
    /// the input when `allowingEnd` and nothing more comes, else `nil` after refilling.
    private func find(_ byte: UInt8, from start: Int, allowingEnd: Bool) throws(SpreadsheetError) -> Int? {
        if let found = memchr(storage + start, Int32(byte), limit - start) {
            return storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        if try refill() { return nil }
        if allowingEnd { return limit }
        throw malformed("the input ends inside a tag")
    }

    /// Moves the unread bytes to the front and reads more after them, growing the window when
    /// one token fills it. `false` when the input is exhausted.
    private func refill() throws(SpreadsheetError) -> Bool {
        if isExhausted { return false }
        if position > 0 {
            memmove(storage, storage + position, limit - position)
            discarded += position
            limit -= position
            position = 0
        }
        if limit == capacity {
            guard capacity < Self.maximumTokenBytes else {
                throw malformed("a tag or run of text longer than \(Self.maximumTokenBytes) bytes")
            }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            larger.update(from: storage, count: limit)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        let count = try input(UnsafeMutableRawBufferPointer(start: storage + limit, count: capacity - limit))
        if count == 0 { isExhausted = true }
        limit += count
        return count > 0
    }

    /// Compared byte by byte: names are a few bytes long, shorter than a call to `memcmp` costs.
    @inline(__always)
    private func span(_ start: Int, _ end: Int, equals name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard end - start == count else { return false }
        let (bytes, expected) = (storage + start, name.utf8Start)
        for offset in 0..<count where bytes[offset] != expected[offset] { return false }
        return true
    }

    private func malformed(_ detail: String) -> SpreadsheetError {
        .malformedXML(part: part, offset: discarded + position, detail: detail)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    // MARK: - Entities

    /// Appends `raw` to `bytes` with `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;` decoded.
    static func decodeEntities<Bytes: Collection<UInt8>>(_ raw: Bytes, into bytes: inout [UInt8], part: String) throws(SpreadsheetError)
    where Bytes.Index == Int {
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&") else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")), semicolon - index <= 10 else {
                throw .malformedXML(part: part, offset: nil, detail: "an '&' that starts no entity")
            }
            let name = raw[(index + 1)..<semicolon]
            switch String(decoding: name, as: UTF8.self) {
            case "amp": bytes.append(UInt8(ascii: "&"))
            case "lt": bytes.append(UInt8(ascii: "<"))
            case "gt": bytes.append(UInt8(ascii: ">"))
            case "quot": bytes.append(UInt8(ascii: "\""))
            case "apos": bytes.append(UInt8(ascii: "'"))
            case let reference where reference.hasPrefix("#"):
                let digits = reference.dropFirst()
                let isHex = digits.hasPrefix("x") || digits.hasPrefix("X")
                guard let value = UInt32(isHex ? String(digits.dropFirst()) : String(digits), radix: isHex ? 16 : 10),
                      let scalar = Unicode.Scalar(value) else {
                    throw .malformedXML(part: part, offset: nil, detail: "character reference '&\(reference);' names no character")
                }
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            case let other:
                throw .malformedXML(part: part, offset: nil, detail: "unknown entity '&\(other);'")
            }
            index = semicolon + 1
        }
    }
}
