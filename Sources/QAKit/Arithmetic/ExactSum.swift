/// A running sum of rationals that stays exact without reducing the total at every step.
///
/// Scores and credits of one scorecard share a limited set of denominators, so numerators are
/// summed per denominator (an integer addition) and only combined with `Rational`'s gcd
/// arithmetic when the value is read. This keeps summing a million scores cheap while the result
/// stays exact.
public struct ExactSum: Sendable, Hashable {
    /// Past this many distinct denominators, further terms are folded into `folded` directly.
    private static let termLimit = 4096
    /// Numerator sums keyed by denominator, in an open-addressing table (denominator 0 marks an
    /// empty slot): one multiply-and-shift per term instead of a dictionary's hashing.
    private var denominators: [Int128] = []
    private var numerators: [Int128] = []
    private var count = 0
    private var folded = Rational.zero
    /// Terms over one running common denominator (0 while there is none): once it is a multiple
    /// of every denominator that occurs, which happens after a few terms, adding a term is one
    /// 64-bit division and one multiplication, and touches no table.
    private var common: UInt64 = 0
    private var commonNumerator: Int128 = 0

    public init() {}

    /// Adds `value × factor`.
    public mutating func add(_ value: Rational, times factor: Int = 1) {
        add(numerator: value.numerator * Int128(factor), denominator: value.denominator)
    }

    /// Adds `numerator / denominator` (denominator positive, not necessarily in lowest terms).
    mutating func add(numerator: Int128, denominator: Int128) {
        if numerator == 0 { return }
        if let small = UInt64(exactly: denominator), addToCommon(numerator: numerator, denominator: small) { return }
        if denominators.isEmpty {
            denominators = Array(repeating: 0, count: 16)
            numerators = Array(repeating: 0, count: 16)
        }
        let mask = denominators.count - 1
        var slot = Self.slot(of: denominator, mask: mask)
        while denominators[slot] != 0 {
            if denominators[slot] == denominator {
                numerators[slot] += numerator
                return
            }
            slot = (slot + 1) & mask
        }
        guard count < Self.termLimit else {
            folded += Rational(numerator, denominator)
            return
        }
        denominators[slot] = denominator
        numerators[slot] = numerator
        count += 1
        if count * 2 > denominators.count { grow() }
    }

    /// Adds the term over `common`, widening it to a common multiple if need be; `false` when
    /// that would grow too large.
    private mutating func addToCommon(numerator: Int128, denominator: UInt64) -> Bool {
        if common == 0 {
            (common, commonNumerator) = (denominator, numerator)
            return true
        }
        if common % denominator == 0 {
            let (term, overflow) = numerator.multipliedReportingOverflow(by: Int128(common / denominator))
            guard !overflow else { return false }
            let (sum, o2) = commonNumerator.addingReportingOverflow(term)
            guard !o2 else { return false }
            commonNumerator = sum
            return true
        }
        let (multiple, overflow) = (common / Rational.gcd64(common, denominator)).multipliedReportingOverflow(by: denominator)
        guard !overflow, multiple < 1 << 62 else { return false }
        let (scaled, o1) = commonNumerator.multipliedReportingOverflow(by: Int128(multiple / common))
        let (term, o2) = numerator.multipliedReportingOverflow(by: Int128(multiple / denominator))
        let (sum, o3) = scaled.addingReportingOverflow(term)
        guard !(o1 || o2 || o3) else { return false }
        (common, commonNumerator) = (multiple, sum)
        return true
    }

    private static func slot(of denominator: Int128, mask: Int) -> Int {
        let mixed = (UInt64(truncatingIfNeeded: denominator) ^ UInt64(truncatingIfNeeded: denominator >> 64)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    private mutating func grow() {
        let (oldDenominators, oldNumerators) = (denominators, numerators)
        denominators = Array(repeating: 0, count: oldDenominators.count * 2)
        numerators = Array(repeating: 0, count: oldDenominators.count * 2)
        let mask = denominators.count - 1
        for (denominator, numerator) in zip(oldDenominators, oldNumerators) where denominator != 0 {
            var slot = Self.slot(of: denominator, mask: mask)
            while denominators[slot] != 0 { slot = (slot + 1) & mask }
            denominators[slot] = denominator
            numerators[slot] = numerator
        }
    }

    /// The terms, sorted by denominator.
    private var terms: [(denominator: Int128, numerator: Int128)] {
        zip(denominators, numerators).filter { $0.0 != 0 }.map { (denominator: $0.0, numerator: $0.1) }.sorted { $0.denominator < $1.denominator }
    }

    /// Adds everything another sum holds.
    public mutating func add(_ other: ExactSum) {
        for term in other.terms { add(numerator: term.numerator, denominator: term.denominator) }
        if other.common != 0 { add(numerator: other.commonNumerator, denominator: Int128(other.common)) }
        folded += other.folded
    }

    /// The exact total; terms are combined in denominator order, so the work is deterministic.
    public var value: Rational {
        let start = common == 0 ? folded : folded + Rational(commonNumerator, Int128(common))
        return terms.reduce(start) { $0 + Rational($1.numerator, $1.denominator) }
    }

    public static func == (lhs: ExactSum, rhs: ExactSum) -> Bool {
        lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
