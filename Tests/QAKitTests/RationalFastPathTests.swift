import Testing
@testable import QAKit

/// The 64-bit fast paths of `Rational` against the definitions, computed through the reducing
/// initialiser alone: (a/b)·(c/d) = ac/bd, a/b + c/d = (ad + cb)/bd, and order by cross products.
@Suite("Rational fast paths")
struct RationalFastPathTests {
    static let values: [Int128] = [0, 1, -1, 2, -3, 7, 10, 100, -100, 12_345, 999_983, -65_536, 1 << 31, 3_000_000_007, -(1 << 40), 1 << 62]

    @Test("products, sums and comparisons agree with the definitions")
    func agreeWithDefinitions() {
        let denominators = Self.values.filter { $0 > 0 }
        for a in Self.values {
            for b in denominators {
                for (c, d) in zip(Self.values.reversed(), denominators + denominators) {
                    let left = Rational(a, b)
                    let right = Rational(c, d)
                    #expect(left * right == Rational(a * c, b * d), "\(a)/\(b) · \(c)/\(d)")
                    #expect(left + right == Rational(a * d + c * b, b * d), "\(a)/\(b) + \(c)/\(d)")
                    #expect((left < right) == (a * d < c * b), "\(a)/\(b) < \(c)/\(d)")
                }
            }
        }
    }

    @Test("results stay in lowest terms, with zero as 0/1")
    func lowestTerms() {
        #expect((Rational(0) * Rational(3, 4)).denominator == 1)
        #expect((Rational(3, 4) * Rational(0)).denominator == 1)
        #expect((Rational(1, 4) + Rational(-1, 4)).denominator == 1)
        #expect(Rational(6, 4) * Rational(2, 9) == Rational(1, 3))
        #expect((Rational(6, 4) * Rational(2, 9)).denominator == 3)
    }

    /// The definition of `decimalString`: `formatted(places:)`, then trailing zeros and a bare
    /// point dropped, and `-0` written `0`.
    static func decimalByDefinition(_ value: Rational, places: Int) -> String {
        var text = value.formatted(places: places)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    @Test("decimal strings agree with the definition", arguments: [0, 1, 2, 4, 8])
    func decimalStrings(places: Int) {
        let denominators = Self.values.filter { $0 > 0 } + [3, 6, 8, 16, 40, 3_000, 10_000, 20_000]
        for numerator in Self.values + [5, -5, 49_995, 15, -15, 4_999, 5_001, 123_456_789] {
            for denominator in denominators {
                let value = Rational(numerator, denominator)
                #expect(value.decimalString(maximumPlaces: places) == Self.decimalByDefinition(value, places: places),
                        "\(numerator)/\(denominator) to \(places)")
            }
        }
        #expect(Rational(1, 2).decimalString() == "0.5")
        #expect(Rational(-1, 200_000).decimalString() == "0")
        #expect(Rational(-1, 20_000).decimalString() == "-0.0001")
        #expect(Rational(19_999, 20_000).decimalString() == "1")
    }
}
