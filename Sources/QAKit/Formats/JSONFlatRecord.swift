#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast reading of the shape nearly every JSON Lines audit has (docs/audits.md, "JSON
/// Lines"): one object whose members are scalars (string, number, `true`, `false`, `null`),
/// except the members `isNested` names, which may each hold an object of scalars (`answers`,
/// `comments`).
///
/// Each scalar's text is appended to a `CSVRecord` as one cell, in document order, exactly as
/// `JSONParser` and `JSONLinesAuditSource.value` give it: strings unescaped, numbers as written,
/// `true` and `false` as words, `null` as an empty cell. Each member's name, with whether it is
/// nested and whether it held an object, is appended to `signature`, so that a record can reuse
/// the layout of an earlier record of the same members.
///
/// Anything else gives `false` and leaves the record as it was, for the general parser to read
/// and, where it is wrong, to report: arrays, deeper objects, escaped member names, `\u0000` and
/// surrogate escapes, control characters, invalid UTF-8 and every malformed line. `true` is given
/// only for a line the general parser reads as the same object, as far as these cells go
/// (duplicate member names are not looked for: a caller compares `signature` with one the
/// general parser accepted).
enum JSONFlatRecord {
    static func scan(_ line: UnsafeBufferPointer<UInt8>, isNested: (UnsafeBufferPointer<UInt8>) -> Bool,
                     into record: inout CSVRecord, signature: inout [UInt8]) -> Bool {
        guard let base = line.baseAddress else { return false }
        let (byteCount, cellCount, signatureCount) = (record.bytes.count, record.count, signature.count)
        // The cells and the signature are written straight into room made for them first: a
        // line's unescaped cells are never longer than the line, nor is its signature (each
        // member's name with two markers, where the line has two quotes and a colon). Appending
        // a few bytes at a time through `Array.append(contentsOf:)` cost a fifth of the scan.
        record.bytes.append(contentsOf: repeatElement(0, count: line.count))
        signature.append(contentsOf: repeatElement(0, count: line.count))
        // Moved out for the scan, so that no two accesses to `record` overlap.
        var starts: [Int] = [], ends: [Int] = []
        swap(&starts, &record.starts)
        swap(&ends, &record.ends)
        var isRead = false
        var (written, signed) = (byteCount, signatureCount)
        record.bytes.withUnsafeMutableBufferPointer { out in
            signature.withUnsafeMutableBufferPointer { marks in
                var scanner = Scanner(bytes: base, count: line.count, out: out.baseAddress!, written: byteCount,
                                      marks: marks.baseAddress!, signed: signatureCount)
                if scanner.object(isTop: true, isNested: isNested, starts: &starts, ends: &ends) {
                    scanner.skipSpace()
                    isRead = scanner.index == scanner.count
                }
                (written, signed) = (scanner.written, scanner.signed)
            }
        }
        swap(&starts, &record.starts)
        swap(&ends, &record.ends)
        if isRead {
            record.bytes.removeSubrange(written...)
            signature.removeSubrange(signed...)
            return true
        }
        record.truncate(bytes: byteCount, cells: cellCount)
        signature.removeSubrange(signatureCount...)
        return false
    }

    /// Markers in `signature`.
    static let topMember: UInt8 = 1, nestedMember: UInt8 = 2, scalarValue: UInt8 = 3, objectValue: UInt8 = 4

    private struct Scanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var index = 0
        /// Where the cells' bytes go, and how many of its bytes are written.
        let out: UnsafeMutablePointer<UInt8>
        var written: Int
        /// Where the signature goes, and its length so far.
        let marks: UnsafeMutablePointer<UInt8>
        var signed: Int

        init(bytes: UnsafePointer<UInt8>, count: Int, out: UnsafeMutablePointer<UInt8>, written: Int,
             marks: UnsafeMutablePointer<UInt8>, signed: Int) {
            self.bytes = bytes
            self.count = count
            self.out = out
            self.written = written
            self.marks = marks
            self.signed = signed
        }

        @inline(__always) mutating func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }

        @inline(__always) mutating func put(from start: Int, count length: Int) {
            (out + written).update(from: bytes + start, count: length)
            written += length
        }

        @inline(__always) mutating func mark(_ byte: UInt8) {
            marks[signed] = byte
            signed += 1
        }

        @inline(__always) var byte: UInt8? { index < count ? bytes[index] : nil }

        @inline(__always) mutating func skipSpace() {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        mutating func object(isTop: Bool, isNested: (UnsafeBufferPointer<UInt8>) -> Bool, starts: inout [Int], ends: inout [Int]) -> Bool {
            skipSpace()
            guard byte == UInt8(ascii: "{") else { return false }
            index += 1
            skipSpace()
            if byte == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                guard let key = name() else { return false }
                skipSpace()
                guard byte == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                mark(isTop ? JSONFlatRecord.topMember : JSONFlatRecord.nestedMember)
                (marks + signed).update(from: key.baseAddress!, count: key.count)
                signed += key.count
                if byte == UInt8(ascii: "{") {
                    guard isTop, isNested(key) else { return false }
                    mark(JSONFlatRecord.objectValue)
                    guard object(isTop: false, isNested: isNested, starts: &starts, ends: &ends) else { return false }
                } else {
                    mark(JSONFlatRecord.scalarValue)
                    guard scalar(starts: &starts, ends: &ends) else { return false }
                }
                skipSpace()
                switch byte {
                case UInt8(ascii: ","):
                    index += 1
                    skipSpace()
                case UInt8(ascii: "}"):
                    index += 1
                    return true
                default:
                    return false
                }
            }
        }

        /// A member name without escapes, as the bytes between its quotes.
        mutating func name() -> UnsafeBufferPointer<UInt8>? {
            guard byte == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    return UnsafeBufferPointer(start: bytes + start, count: index - start)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                if byte < 0x80 {
                    index += 1
                } else {
                    guard skipMultiByte() else { return nil }
                }
            }
            return nil
        }

        @inline(__always) mutating func skipMultiByte() -> Bool {
            let length = UTF8Sequence.length(lead: bytes[index])
            guard length > 0, index + length <= count, UTF8Sequence.isWellFormed(bytes + index, length: length) else { return false }
            index += length
            return true
        }

        /// One scalar value, written as a cell.
        mutating func scalar(starts: inout [Int], ends: inout [Int]) -> Bool {
            let start = written
            guard let first = byte else { return false }
            switch first {
            case UInt8(ascii: "\""):
                guard string() else { return false }
            case UInt8(ascii: "t"):
                let at = index
                guard word("true") else { return false }
                put(from: at, count: 4)
            case UInt8(ascii: "f"):
                let at = index
                guard word("false") else { return false }
                put(from: at, count: 5)
            case UInt8(ascii: "n"):
                guard word("null") else { return false }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let numberStart = index
                guard number() else { return false }
                put(from: numberStart, count: index - numberStart)
            default:
                return false
            }
            starts.append(start)
            ends.append(written)
            return true
        }

        mutating func word(_ text: StaticString) -> Bool {
            let length = text.utf8CodeUnitCount
            guard index + length <= count, memcmp(bytes + index, text.utf8Start, length) == 0 else { return false }
            index += length
            return true
        }

        /// A number per RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() -> Bool {
            func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
            if byte == UInt8(ascii: "-") { index += 1 }
            guard isDigit(byte) else { return false }
            if byte == UInt8(ascii: "0") {
                index += 1
                if isDigit(byte) { return false }
            } else {
                while isDigit(byte) { index += 1 }
            }
            if byte == UInt8(ascii: ".") {
                index += 1
                guard isDigit(byte) else { return false }
                while isDigit(byte) { index += 1 }
            }
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { index += 1 }
                guard isDigit(byte) else { return false }
                while isDigit(byte) { index += 1 }
            }
            return true
        }

        /// A string's unescaped bytes, written to `out`.
        mutating func string() -> Bool {
            index += 1
            var runStart = index
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    put(from: runStart, count: index - runStart)
                    index += 1
                    return true
                }
                if byte == UInt8(ascii: "\\") {
                    put(from: runStart, count: index - runStart)
                    index += 1
                    guard index < count else { return false }
                    let simple = JSONScanner.simpleEscape(bytes[index])
                    if let simple {
                        put(simple)
                        index += 1
                    } else {
                        guard bytes[index] == UInt8(ascii: "u"), index + 4 < count, let code = hex4(at: index + 1),
                              code != 0, !(0xD800...0xDFFF).contains(code), let scalar = Unicode.Scalar(code) else { return false }
                        // At most 3 bytes of UTF-8 for the 6 of `\uXXXX`.
                        for unit in UTF8.encode(scalar)! { put(unit) }
                        index += 5
                    }
                    runStart = index
                    continue
                }
                if byte < 0x20 { return false }
                if byte < 0x80 {
                    index += 1
                } else {
                    guard skipMultiByte() else { return false }
                }
            }
            return false
        }

        func hex4(at start: Int) -> UInt32? {
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[start + offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
    }
}
