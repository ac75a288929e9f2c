/// A running sum of rationals that stays exact without reducing the total at every step.
///
/// Scores and credits of one scorecard share a limited set of denominators, so numerators are
/// summed per denominator (an integer addition) and only combined with `Rational`'s gcd
/// arithmetic when the value is read. This keeps summing a million scores cheap while the result
/// stays exact.
public struct ExactSum: Sendable, Hashable {
    /// Past this many distinct denominators, further terms are folded into `folded` directly.
    private static let termLimit = 4096
    /// Numerator sums keyed by denominator.
    private var terms: [Int128: Int128] = [:]
    private var folded = Rational.zero

    public init() {}

    /// Adds `value × factor`.
    public mutating func add(_ value: Rational, times factor: Int = 1) {
        let numerator = value.numerator * Int128(factor)
        if numerator == 0 { return }
        if terms.count < Self.termLimit || terms[value.denominator] != nil {
            terms[value.denominator, default: 0] += numerator
        } else {
            folded += Rational(numerator, value.denominator)
        }
    }

    /// Adds `numerator / denominator` (denominator positive, not necessarily in lowest terms).
    mutating func add(numerator: Int128, denominator: Int128) {
        if numerator == 0 { return }
        if terms.count < Self.termLimit || terms[denominator] != nil {
            terms[denominator, default: 0] += numerator
        } else {
            folded += Rational(numerator, denominator)
        }
    }

    /// Adds everything another sum holds.
    public mutating func add(_ other: ExactSum) {
        for (denominator, numerator) in other.terms { add(Rational(numerator, denominator)) }
        folded += other.folded
    }

    /// The exact total; terms are combined in denominator order, so the work is deterministic.
    public var value: Rational {
        terms.keys.sorted().reduce(folded) { $0 + Rational(terms[$1]!, $1) }
    }
}
