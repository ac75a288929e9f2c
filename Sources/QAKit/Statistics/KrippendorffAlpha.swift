/// Krippendorff's alpha: how much more raters agree than they would by chance, for any number of
/// raters, missing values, and the four levels of measurement.
///
/// α = 1 − D_o / D_e, where, with `o_ck` the coincidence matrix (each unit u with m_u ≥ 2 values
/// contributes every ordered pair of its values with weight 1 / (m_u − 1)), `n_c = Σ_k o_ck` the
/// pairable values' marginals and `n = Σ_c n_c`:
///
/// - observed disagreement D_o = (1/n) Σ_c Σ_k o_ck δ²(c, k)
/// - expected disagreement D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²(c, k)
///
/// and δ² is the level's distance (Krippendorff 2011, §§ D–E):
///
/// - nominal: 0 when c = k, else 1
/// - ordinal: (Σ_{g=c…k} n_g − (n_c + n_k)/2)², over the distinct values in ascending order
/// - interval: (c − k)²
/// - ratio: ((c − k)/(c + k))², 0 when c + k = 0
///
/// The result never goes through a table of size (distinct values)². Interval alpha uses the
/// identities Σ_{i≠j in u} (x_i − x_j)² = 2 m_u Σ_{i in u} (x_i − x̄_u)² for D_o and
/// Σ_c Σ_k n_c n_k (c − k)² = 2n Σ (x − x̄)² for D_e. Ordinal alpha is interval alpha on mid-ranks:
/// with P_c = Σ_{g<c} n_g + n_c/2, the ordinal distance above equals (P_k − P_c)². Nominal alpha
/// counts mismatching pairs per unit and uses Σ_{c≠k} n_c n_k = n² − Σ_c n_c². All three are
/// linear in the number of values after one hashing pass. Ratio alpha sums D_e over pairs of
/// distinct values, so it is quadratic in their number.
///
/// Reference: Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg
/// School for Communication Departmental Papers 43, University of Pennsylvania.
public struct KrippendorffAlpha: Sendable, Hashable {
    /// The level of measurement whose distance function was used.
    public let level: MeasurementLevel
    /// Units with two or more values; units with fewer cannot be paired and are dropped.
    public let pairableUnits: Int
    /// `n`: the number of values in pairable units.
    public let pairableValues: Int
    /// D_o; `nil` when there are no pairable values, or for `ratio` when a value is negative.
    public let observedDisagreement: Double?
    /// D_e; `nil` exactly when `observedDisagreement` is.
    public let expectedDisagreement: Double?

    /// α = 1 − D_o / D_e, in −∞…1; negative when raters disagree more than chance would make them.
    ///
    /// `nil` when alpha is undefined: no pairable values, or no variation among them (D_e = 0).
    /// It is never replaced by 0 or 1.
    public var value: Double? {
        guard let observed = observedDisagreement, let expected = expectedDisagreement,
              expected > 0 else { return nil }
        return 1 - observed / expected
    }

    /// Computes alpha over `units`, one array per unit (an interaction) holding one entry per rater
    /// (a reviewer), `nil` where that rater gave no value.
    ///
    /// For `nominal` and `ordinal` the distinct values are the categories, in ascending order; any
    /// finite numbers will do as labels. Values must be finite. `ratio` needs non-negative values and
    /// is undefined (`nil` disagreements) otherwise.
    public init(units: [[Double?]], level: MeasurementLevel) {
        let data = PairableUnits(units)
        self.level = level
        pairableUnits = data.ends.count
        pairableValues = data.values.count
        let disagreements: (observed: Double, expected: Double)?
        if data.values.isEmpty {
            disagreements = nil
        } else {
            switch level {
            case .nominal: disagreements = Self.nominalDisagreements(data)
            case .ordinal: disagreements = Self.intervalDisagreements(data.replacingValuesWithMidRanks())
            case .interval: disagreements = Self.intervalDisagreements(data)
            case .ratio: disagreements = Self.ratioDisagreements(data)
            }
        }
        observedDisagreement = disagreements?.observed
        expectedDisagreement = disagreements?.expected
    }

    private static func nominalDisagreements(_ data: PairableUnits) -> (observed: Double, expected: Double) {
        var observedSum = 0.0
        data.forEachUnit { unit in
            let pairs = unit.count * (unit.count - 1)
            observedSum += Double(pairs - matchingOrderedPairs(in: unit)) / Double(unit.count - 1)
        }
        let n = Double(data.values.count)
        let sumOfSquaredMarginals = data.valueCounts().values.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (observedSum / n, (n * n - sumOfSquaredMarginals) / (n * (n - 1)))
    }

    private static func intervalDisagreements(_ data: PairableUnits) -> (observed: Double, expected: Double) {
        var observedSum = 0.0
        data.forEachUnit { unit in
            let m = Double(unit.count)
            observedSum += 2 * m * Variance.sumOfSquaredDeviations(unit) / (m - 1)
        }
        let n = Double(data.values.count)
        return (observedSum / n, 2 * Variance.sumOfSquaredDeviations(data.values[...]) / (n - 1))
    }

    private static func ratioDisagreements(_ data: PairableUnits) -> (observed: Double, expected: Double)? {
        guard data.values.allSatisfy({ $0 >= 0 }) else { return nil }
        func distance(_ c: Double, _ k: Double) -> Double {
            c + k == 0 ? 0 : ((c - k) / (c + k)) * ((c - k) / (c + k))
        }
        var observedSum = 0.0
        data.forEachUnit { unit in
            var unitSum = 0.0
            for i in unit.indices {
                for j in unit.indices where j > i { unitSum += 2 * distance(unit[i], unit[j]) }
            }
            observedSum += unitSum / Double(unit.count - 1)
        }
        let marginals = data.valueCounts().sorted { $0.key < $1.key }
        var expectedSum = 0.0
        for (i, c) in marginals.enumerated() {
            for k in marginals[(i + 1)...] {
                expectedSum += 2 * Double(c.value) * Double(k.value) * distance(c.key, k.key)
            }
        }
        let n = Double(data.values.count)
        return (observedSum / n, expectedSum / (n * (n - 1)))
    }
}

/// The values of the units that have at least two, stored one unit after another.
private struct PairableUnits {
    /// Every pairable value, unit after unit.
    private(set) var values: [Double] = []
    /// `ends[u]` is the index just past unit u's last value.
    private(set) var ends: [Int] = []

    init(_ units: [[Double?]]) {
        for unit in units {
            let start = values.count
            for case let value? in unit {
                precondition(value.isFinite, "Krippendorff's alpha needs finite values, found \(value)")
                values.append(value)
            }
            if values.count - start < 2 {
                values.removeLast(values.count - start)
            } else {
                ends.append(values.count)
            }
        }
    }

    func forEachUnit(_ body: (ArraySlice<Double>) -> Void) {
        var start = 0
        for end in ends {
            body(values[start..<end])
            start = end
        }
    }

    /// n_c: how many pairable values equal each distinct value.
    func valueCounts() -> [Double: Int] {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts
    }

    /// The same units with each value c replaced by its mid-rank P_c = Σ_{g<c} n_g + n_c/2.
    func replacingValuesWithMidRanks() -> PairableUnits {
        var midRanks: [Double: Double] = [:]
        var below = 0
        for (value, count) in valueCounts().sorted(by: { $0.key < $1.key }) {
            midRanks[value] = Double(below) + Double(count) / 2
            below += count
        }
        var ranked = self
        ranked.values = values.map { midRanks[$0]! }
        return ranked
    }
}
