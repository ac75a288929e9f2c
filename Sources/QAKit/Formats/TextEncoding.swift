/// The text encodings a file may be read in (docs/imports.md, `encoding`): everything is turned
/// into UTF-8 as it is read, so the readers only ever see UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    /// Windows' Western European code page, as the WHATWG Encoding Standard defines it (every
    /// byte decodes; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are the C1 controls of the same number).
    case windows1252 = "windows-1252"
    /// ISO 8859-1: every byte is the Unicode scalar of the same number.
    case latin1 = "latin-1"
    /// UTF-16; the byte-order mark decides the byte order, little-endian without one.
    case utf16 = "utf-16"

    /// The encoding named `text`, ignoring case, with common aliases (`cp1252`, `iso-8859-1`, `utf8`).
    public init?(named text: String) {
        switch text.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1": self = .latin1
        case "utf-16", "utf16": self = .utf16
        default: return nil
        }
    }
}

/// Turns bytes of a `TextEncoding` into UTF-8, chunk by chunk (a UTF-16 code unit or surrogate
/// pair split between chunks is carried over).
///
/// A UTF-16 code unit that cannot be decoded (a lone surrogate) becomes the byte 0xFF, which no
/// UTF-8 text holds, so that the reader reports it at its line and column as it reports any
/// invalid byte.
struct Transcoder {
    let encoding: TextEncoding
    private var pending: [UInt8] = []
    private var isStarted = false
    private var isBigEndian = false

    init(_ encoding: TextEncoding) {
        self.encoding = encoding
    }

    /// How many source bytes to read at most so that their UTF-8 fits `capacity` bytes.
    static func sourceBytes(for capacity: Int, _ encoding: TextEncoding) -> Int {
        switch encoding {
        case .utf8: capacity
        case .windows1252: capacity / 3
        case .latin1: capacity / 2
        case .utf16: (capacity / 3) & ~1
        }
    }

    /// Appends the UTF-8 of `input` (the next bytes of the file) to `output` from `count` on;
    /// returns the new count.
    mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        @inline(__always) func put(_ scalar: UInt32) {
            switch scalar {
            case 0..<0x80:
                output[count] = UInt8(scalar); count += 1
            case 0x80..<0x800:
                output[count] = UInt8(0xC0 | scalar >> 6); output[count + 1] = UInt8(0x80 | scalar & 0x3F); count += 2
            case 0x800..<0x10000:
                output[count] = UInt8(0xE0 | scalar >> 12); output[count + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                output[count + 2] = UInt8(0x80 | scalar & 0x3F); count += 3
            default:
                output[count] = UInt8(0xF0 | scalar >> 18); output[count + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                output[count + 2] = UInt8(0x80 | scalar >> 6 & 0x3F); output[count + 3] = UInt8(0x80 | scalar & 0x3F); count += 4
            }
        }
        switch encoding {
        case .utf8:
            for byte in input { output[count] = byte; count += 1 }
        case .latin1, .windows1252:
            // Eight ASCII bytes at a time are copied as they are (one load, one test, one store):
            // exports are mostly ASCII. A byte above 0x7F is looked up (Windows-1252) or taken
            // as its own code point (Latin-1).
            guard let source = input.baseAddress, let target = output.baseAddress else { return 0 }
            let isLatin1 = encoding == .latin1
            let end = input.count
            var index = 0
            while index < end {
                if index + 8 <= end {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(target + count).storeBytes(of: word, as: UInt64.self)
                        count += 8
                        index += 8
                        continue
                    }
                }
                let byte = source[index]
                if byte < 0x80 {
                    target[count] = byte
                    count += 1
                } else {
                    put(isLatin1 ? UInt32(byte) : Self.windows1252[Int(byte)])
                }
                index += 1
            }
        case .utf16:
            var bytes = pending + Array(input)
            var index = 0
            if !isStarted, bytes.count >= 2 {
                isStarted = true
                if bytes[0] == 0xFE && bytes[1] == 0xFF { isBigEndian = true; index = 2 } else if bytes[0] == 0xFF && bytes[1] == 0xFE { index = 2 }
            }
            func unit(_ at: Int) -> UInt32 {
                isBigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
            }
            while index + 1 < bytes.count {
                let first = unit(index)
                if first >= 0xD800 && first < 0xDC00 {
                    guard index + 3 < bytes.count else { break }
                    let second = unit(index + 2)
                    if second >= 0xDC00 && second < 0xE000 {
                        put(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                        index += 4
                        continue
                    }
                    output[count] = 0xFF; count += 1
                } else if first >= 0xDC00 && first < 0xE000 {
                    output[count] = 0xFF; count += 1
                } else {
                    put(first)
                }
                index += 2
            }
            pending = input.isEmpty ? [] : Array(bytes[index...])
            if input.isEmpty, !bytes[index...].isEmpty { output[count] = 0xFF; count += 1 }
            bytes = []
        }
        return count
    }

    /// Windows-1252 per the WHATWG index: 0x80–0x9F differ from Latin-1, the rest do not.
    private static let windows1252: [UInt32] = {
        var table = (0..<256).map { UInt32($0) }
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        for (offset, scalar) in high.enumerated() { table[0x80 + offset] = scalar }
        return table
    }()
}
