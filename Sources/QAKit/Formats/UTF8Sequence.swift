/// Byte-level UTF-8 checks shared by the readers, following the Unicode well-formed table
/// (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Sequence {
    /// How many bytes a sequence starting with `lead` has (2…4), or 0 when `lead` cannot start a
    /// multi-byte sequence (a continuation byte, C0, C1, F5…FF). Only called for bytes ≥ 0x80.
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    /// Whether the `length` bytes at `bytes` (lead byte first) form one well-formed sequence.
    @inline(__always)
    static func isWellFormed(_ bytes: UnsafePointer<UInt8>, length: Int) -> Bool {
        let lead = bytes[0]
        let second = bytes[1]
        let secondRange: ClosedRange<UInt8> = switch lead {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
        guard secondRange.contains(second) else { return false }
        for index in 2..<max(2, length) where bytes[index] & 0xC0 != 0x80 {
            return false
        }
        return true
    }

    /// The Unicode scalar count of `bytes[from..<to]`, for columns: every byte that is not a
    /// continuation byte starts a scalar (or is a lone invalid byte, counted as one).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        var count = 0
        var index = max(0, from)
        let stop = min(to, bytes.count)
        while index < stop {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// A byte as `0xC3`, for messages about undecodable input.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}
