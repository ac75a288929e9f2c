#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numeric cells as Excel shows them in the General format: at most 15 significant digits,
/// whole numbers without `.0`, never in exponent notation.
///
/// Excel keeps numbers as binary doubles and writes their shortest round-trip form, so a typed
/// 8.35 is stored as `8.3499999999999996`; rounded to 15 significant digits it is 8.35 again.
enum SpreadsheetNumber {
    /// The cell's value as text, or `nil` when `raw` is not a number.
    static func text(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        if let plain = plainText(raw) { return plain }
        guard let value = Double(String(decoding: raw, as: UTF8.self)), value.isFinite else { return nil }
        return text(value)
    }

    /// `value` rounded to 15 significant digits, in plain decimal notation.
    static func text(_ value: Double) -> String {
        if value == 0 { return "0" }
        // "%.14e" rounds the exact binary value correctly: one digit, a point, 14 digits.
        var buffer = [CChar](repeating: 0, count: 40)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([value]) { vsnprintf(pointer.baseAddress!, pointer.count, "%.14e", $0) }
        }
        let formatted = String(decoding: buffer[0..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let isNegative = formatted.hasPrefix("-")
        let body = isNegative ? formatted.dropFirst() : formatted[...]
        guard let e = body.firstIndex(of: "e"), let exponent = Int(body[body.index(after: e)...]) else { return formatted }
        var digits = Array(body[..<e].filter { $0 != "." })
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        // The point goes after digit `exponent + 1`.
        let pointAt = exponent + 1
        var result: String
        if pointAt <= 0 {
            result = "0." + String(repeating: "0", count: -pointAt) + String(digits)
        } else if pointAt >= digits.count {
            result = String(digits) + String(repeating: "0", count: pointAt - digits.count)
        } else {
            result = String(digits[..<pointAt]) + "." + String(digits[pointAt...])
        }
        if isNegative { result = "-" + result }
        return result
    }

    /// The fast path for what nearly every cell holds: `-?digits(.digits)?` with at most 15
    /// significant digits, which is exact as written; trailing fraction zeros and leading
    /// integer zeros are dropped. `nil` for anything else.
    private static func plainText(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        let isNegative = raw.first == UInt8(ascii: "-")
        if isNegative { index = 1 }
        var integerStart = index
        var point = -1
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: ".") {
                guard point < 0 else { return nil }
                point = index
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                return nil
            }
            index += 1
        }
        let integerEnd = point < 0 ? raw.count : point
        guard integerEnd > integerStart else { return nil }
        var fractionEnd = raw.count
        if point >= 0 {
            guard fractionEnd > point + 1 else { return nil }
            while fractionEnd > point + 1, raw[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
        }
        while integerStart < integerEnd - 1, raw[integerStart] == UInt8(ascii: "0") { integerStart += 1 }
        let hasFraction = point >= 0 && fractionEnd > point + 1
        // Significant digits: from the first non-zero digit to the last kept one.
        var first = integerStart
        while first < (hasFraction ? fractionEnd : integerEnd), raw[first] == UInt8(ascii: "0") || raw[first] == UInt8(ascii: ".") { first += 1 }
        let last = hasFraction ? fractionEnd : integerEnd
        let significant = (first..<last).count - (point >= first && point < last ? 1 : 0)
        guard significant <= 15 else { return nil }
        if first == last { return "0" }
        let digits = String(decoding: UnsafeBufferPointer(rebasing: raw[integerStart..<(hasFraction ? fractionEnd : integerEnd)]), as: UTF8.self)
        return isNegative ? "-" + digits : digits
    }
}
