/// An exact fraction, so that no binary floating point decides a rounding or a pass.
///
/// Scores are built from decimal weights (at most four places), decimal credits and small integer
/// scale ranges, so numerators and denominators stay far inside 128 bits; the value is always
/// kept in lowest terms with a positive denominator.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var numerator: Int128
    public private(set) var denominator: Int128

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let hundred = Rational(100)

    /// The fraction `numerator / denominator`; `denominator` must not be zero.
    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "zero denominator")
        if denominator == 1 || numerator == 0 {
            self.numerator = numerator
            self.denominator = numerator == 0 ? 1 : denominator
            return
        }
        let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
        let sign: Int128 = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    public init(_ value: Int) {
        self.init(Int128(value), 1)
    }

    /// Parses a plain decimal such as `12`, `-0.5` or `3.1415`; no exponent, no spaces.
    ///
    /// Returns the value and how many digits follow the point, so callers can enforce
    /// "at most four decimal places". `nil` for anything else, including `1e3`, `NaN`, `.5.`
    /// and numbers with more than 30 digits.
    public static func parseDecimal(_ text: some StringProtocol) -> (value: Rational, places: Int)? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var numerator: Int128 = 0
        var digits = 0
        var places = 0
        var seenPoint = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 30 else { return nil }
                numerator = numerator * 10 + Int128(byte - UInt8(ascii: "0"))
                if seenPoint { places += 1 }
            } else {
                return nil
            }
        }
        guard digits > 0, !(seenPoint && places == 0) else { return nil }
        var denominator: Int128 = 1
        for _ in 0..<places { denominator *= 10 }
        return (Rational(negative ? -numerator : numerator, denominator), places)
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if let sum = smallSum(lhs, rhs) { return sum }
        if lhs.denominator == rhs.denominator {
            return Rational(lhs.numerator + rhs.numerator, lhs.denominator)
        }
        let divisor = Int128(gcd(lhs.denominator.magnitude, rhs.denominator.magnitude))
        let left = rhs.denominator / divisor
        return Rational(lhs.numerator * left + rhs.numerator * (lhs.denominator / divisor), lhs.denominator * left)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + Rational(-rhs.numerator, rhs.denominator)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if let product = smallProduct(lhs, rhs) { return product }
        // Cross-reduce first to keep intermediate products small.
        let a = Int128(gcd(lhs.numerator.magnitude, rhs.denominator.magnitude))
        let b = Int128(gcd(rhs.numerator.magnitude, lhs.denominator.magnitude))
        return Rational((lhs.numerator / a) * (rhs.numerator / b), (lhs.denominator / b) * (rhs.denominator / a))
    }

    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(rhs.numerator != 0, "division by zero")
        return lhs * Rational(rhs.denominator, rhs.numerator)
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        // Both denominators are positive, so cross-multiplying keeps the order; fall back to the
        // difference only when a product would not fit.
        let (left, leftOverflow) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (right, rightOverflow) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        if !leftOverflow && !rightOverflow { return left < right }
        return (lhs - rhs).numerator < 0
    }

    public var isZero: Bool { numerator == 0 }

    /// The value rounded half away from zero to `places` decimals, as an exact rational.
    ///
    /// `84.995` becomes `85.00` exactly; in binary floating point it would be 84.99499… and round down.
    public func rounded(places: Int = 2) -> Rational {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = numerator * scale
        let magnitude = scaled.magnitude
        let denominatorMagnitude = denominator.magnitude
        var quotient = magnitude / denominatorMagnitude
        if (magnitude % denominatorMagnitude) * 2 >= denominatorMagnitude { quotient += 1 }
        let signed = scaled < 0 ? -Int128(quotient) : Int128(quotient)
        return Rational(signed, scale)
    }

    /// The value rounded half away from zero and written with exactly `places` decimals: `85.00`.
    public func formatted(places: Int = 2) -> String {
        if let text = smallFormatted(places: places) { return text }
        let rounded = rounded(places: places)
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = rounded.numerator * (scale / rounded.denominator)
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt128(scale)
        let fraction = magnitude % UInt128(scale)
        let sign = scaled < 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
    }

    /// `formatted` in 64-bit arithmetic, writing the digits straight into the string; `nil` when
    /// the value or `places` is too large for that.
    private func smallFormatted(places: Int) -> String? {
        guard let numerator = Int64(exactly: numerator), let (quotient, _) = smallRounded(places: places) else { return nil }
        let isNegative = numerator < 0 && quotient != 0
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var rest = quotient
        var written = 0
        repeat {
            if written == places && places > 0 { digits.append(UInt8(ascii: ".")) }
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            written += 1
        } while rest != 0 || written <= places
        if isNegative { digits.append(UInt8(ascii: "-")) }
        digits.reverse()
        return String(decoding: digits, as: UTF8.self)
    }

    /// The shortest decimal form that is exact when the value has a finite decimal expansion of
    /// at most `maximumPlaces`, else rounded to `maximumPlaces`: `0.5`, `2`, `0.3333`.
    public func decimalString(maximumPlaces: Int = 4) -> String {
        if let text = smallDecimalString(places: maximumPlaces) { return text }
        var text = formatted(places: maximumPlaces)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// |value| × 10^places rounded half away from zero, and 10^places, in 64-bit arithmetic;
    /// `nil` when they do not fit or `places` is over 8.
    private func smallRounded(places: Int) -> (quotient: UInt64, scale: UInt64)? {
        guard places >= 0, places <= 8, let numerator = Int64(exactly: numerator), let denominator = Int64(exactly: denominator) else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let (scaled, overflow) = numerator.magnitude.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        let divisor = UInt64(denominator)
        var quotient = scaled / divisor
        if (scaled % divisor) * 2 >= divisor { quotient += 1 }
        return (quotient, scale)
    }

    /// `decimalString` in 64-bit arithmetic, trailing zeros dropped as integers rather than
    /// characters; `nil` when the value or `places` is too large for that.
    private func smallDecimalString(places: Int) -> String? {
        guard let (quotient, scale) = smallRounded(places: places) else { return nil }
        var fraction = quotient % scale
        var digits = places
        while digits > 0 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var text = numerator < 0 && quotient != 0 ? "-" : ""
        text += String(quotient / scale)
        guard digits > 0 else { return text }
        let fractionText = String(fraction)
        text += "."
        text += String(repeating: "0", count: digits - fractionText.utf8.count)
        text += fractionText
        return text
    }

    /// The nearest double, for statistics, which are reported as floating point.
    public var doubleValue: Double {
        Double(numerator) / Double(denominator)
    }

    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// The sum when every part fits in 64 bits and nothing overflows there: the common case for
    /// scores, done without 128-bit division. `nil` sends the caller to the general path.
    private static func smallSum(_ lhs: Rational, _ rhs: Rational) -> Rational? {
        guard let a = Int64(exactly: lhs.numerator), let b = Int64(exactly: lhs.denominator),
              let c = Int64(exactly: rhs.numerator), let d = Int64(exactly: rhs.denominator) else { return nil }
        let divisor = Int64(gcd64(UInt64(b), UInt64(d)))
        let (left, o1) = a.multipliedReportingOverflow(by: d / divisor)
        let (right, o2) = c.multipliedReportingOverflow(by: b / divisor)
        let (sum, o3) = left.addingReportingOverflow(right)
        let (denominator, o4) = b.multipliedReportingOverflow(by: d / divisor)
        guard !(o1 || o2 || o3 || o4), sum != Int64.min else { return nil }
        let common = Int64(gcd64(sum.magnitude, UInt64(denominator)))
        return Rational(reduced: Int128(sum / common), Int128(denominator / common))
    }

    /// The product in 64-bit arithmetic when every part fits and nothing overflows; `nil` sends
    /// the caller to the general path. Cross-reducing first leaves the result in lowest terms.
    private static func smallProduct(_ lhs: Rational, _ rhs: Rational) -> Rational? {
        guard let a = Int64(exactly: lhs.numerator), let b = Int64(exactly: lhs.denominator),
              let c = Int64(exactly: rhs.numerator), let d = Int64(exactly: rhs.denominator),
              a != Int64.min, c != Int64.min else { return nil }
        let first = Int64(gcd64(a.magnitude, UInt64(d)))
        let second = Int64(gcd64(c.magnitude, UInt64(b)))
        let (numerator, o1) = (a / first).multipliedReportingOverflow(by: c / second)
        let (denominator, o2) = (b / second).multipliedReportingOverflow(by: d / first)
        guard !(o1 || o2) else { return nil }
        return Rational(reduced: Int128(numerator), Int128(denominator))
    }

    /// A fraction already in lowest terms with a positive denominator.
    init(reduced numerator: Int128, _ denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        if let small = UInt64(exactly: a), let other = UInt64(exactly: b) { return UInt128(gcd64(small, other)) }
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    /// Binary (Stein's) greatest common divisor: shifts and subtractions only. 1 when both are 0,
    /// like `gcd`, so that dividing by it is always safe.
    static func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 {
        if a == 0 { return b == 0 ? 1 : b }
        if b == 0 { return a }
        var (a, b) = (a, b)
        let shift = (a | b).trailingZeroBitCount
        a >>= a.trailingZeroBitCount
        repeat {
            b >>= b.trailingZeroBitCount
            if a > b { swap(&a, &b) }
            b -= a
        } while b != 0
        return a << shift
    }
}
