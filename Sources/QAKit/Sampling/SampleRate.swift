/// `--rate R`: the share of each group to sample, kept as the exact fraction its decimal text
/// says, so that ⌈R·n⌉ never suffers a binary rounding (`0.1 × 30` is 3, not 3.0000000000000004
/// rounded up to 4).
public struct SampleRate: Sendable, Hashable, CustomStringConvertible {
    /// The digits of R without its point: R = numerator / denominator, 0 < numerator ≤ denominator.
    public let numerator: UInt64
    /// 10 to the number of decimal places written (1 for `1`, 100 for `0.05`).
    public let denominator: UInt64
    /// The text as given, for messages.
    public let description: String

    /// Parses a plain decimal in (0, 1]: `0.1`, `.25`, `1`, `1.0`; at most 18 decimal places, no
    /// sign, exponent or percent sign. `nil` for anything else, zero or more than 1.
    public init?(_ text: String) {
        var numerator: UInt64 = 0
        var denominator: UInt64 = 1
        var digits = 0
        var seenPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                if seenPoint {
                    guard denominator <= 100_000_000_000_000_000 else { return nil }
                    denominator *= 10
                }
                // Leading digits beyond a value of 1 are refused below; this only stops overflow.
                guard numerator <= 1_000_000_000_000_000_000 else { return nil }
                numerator = numerator * 10 + UInt64(byte - UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard digits > 0, numerator > 0, numerator <= denominator else { return nil }
        self.numerator = numerator
        self.denominator = denominator
        self.description = text
    }

    /// ⌈R·n⌉, in integer arithmetic: how many of a group of `count` interactions to take.
    /// Never more than `count`, and at least one of a non-empty group.
    public func quota(of count: Int) -> Int {
        let product = UInt128(numerator) * UInt128(count)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: UInt128(denominator))
        return Int(quotient) + (remainder == 0 ? 0 : 1)
    }
}
