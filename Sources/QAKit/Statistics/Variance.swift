/// Spread of scores: the sample variance of one set, and the pooled variance within many groups.
///
/// Both are computed in two passes around a shifted mean (the first value of a group is
/// subtracted before summing), so that a group of equal values has exactly zero spread and large
/// scores lose no precision to cancellation.
public enum Variance {
    /// The sample variance s² = Σ (x − x̄)² / (n − 1).
    ///
    /// `nil` for fewer than two values, where it is undefined.
    public static func sample(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        return Self.sumOfSquaredDeviations(values[...]) / Double(values.count - 1)
    }

    /// The pooled within-group variance Σ_i Σ_r (x_ir − x̄_i)² / Σ_i (n_i − 1).
    ///
    /// Each group (an interaction's reviewer scores) is centred on its own mean, so differences
    /// between groups do not count; a group of one value adds nothing to either sum. `nil` when the
    /// denominator is 0, that is when no group has two values.
    public static func pooledWithinGroups(_ groups: [[Double]]) -> Double? {
        var squares = 0.0
        var degreesOfFreedom = 0
        for group in groups where !group.isEmpty {
            squares += Self.sumOfSquaredDeviations(group[...])
            degreesOfFreedom += group.count - 1
        }
        return degreesOfFreedom == 0 ? nil : squares / Double(degreesOfFreedom)
    }

    /// Σ (x − x̄)², two-pass and shifted by the first value, so that equal values give exactly 0.
    static func sumOfSquaredDeviations(_ values: ArraySlice<Double>) -> Double {
        guard let shift = values.first else { return 0 }
        let mean = values.reduce(0.0) { $0 + ($1 - shift) } / Double(values.count)
        return values.reduce(0.0) { sum, value in
            let deviation = value - shift - mean
            return sum + deviation * deviation
        }
    }
}
