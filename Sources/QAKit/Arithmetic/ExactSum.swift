/// A running sum of rationals that stays exact without reducing the total at every step.
///
/// Scores and credits of one scorecard share a handful of denominators, so terms are kept per
/// denominator and only combined (with `Rational`'s gcd arithmetic) when the value is read. This
/// keeps summing a million scores cheap while the result stays exact.
public struct ExactSum: Sendable, Hashable {
    private struct Term: Sendable, Hashable {
        var denominator: Int128
        var numerator: Int128
    }

    /// Past this many distinct denominators, further terms are folded into `folded` directly.
    private static let termLimit = 24
    private var terms: [Term] = []
    private var folded = Rational.zero

    public init() {}

    /// Adds `value × factor`.
    public mutating func add(_ value: Rational, times factor: Int = 1) {
        let numerator = value.numerator * Int128(factor)
        if numerator == 0 { return }
        for index in terms.indices where terms[index].denominator == value.denominator {
            terms[index].numerator += numerator
            return
        }
        if terms.count < Self.termLimit {
            terms.append(Term(denominator: value.denominator, numerator: numerator))
        } else {
            folded += Rational(numerator, value.denominator)
        }
    }

    /// Adds everything another sum holds.
    public mutating func add(_ other: ExactSum) {
        for term in other.terms { add(Rational(term.numerator, term.denominator)) }
        folded += other.folded
    }

    /// The exact total.
    public var value: Rational {
        terms.reduce(folded) { $0 + Rational($1.numerator, $1.denominator) }
    }
}
