/// Pearson's product-moment correlation of paired values.
public enum PearsonCorrelation {
    /// r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² · Σ(y−ȳ)²); `nil` for fewer than two pairs or when either
    /// side does not vary (r is undefined then).
    public static func r(_ pairs: [(x: Double, y: Double)]) -> Double? {
        guard pairs.count >= 2 else { return nil }
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.x } / n
        let meanY = pairs.reduce(0) { $0 + $1.y } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for pair in pairs {
            let dx = pair.x - meanX, dy = pair.y - meanY
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
