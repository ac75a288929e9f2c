import Testing
@testable import QAKit

extension StatisticsTests {
@Suite("Krippendorff's alpha")
struct KrippendorffAlphaTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", § E: four observers,
    /// twelve units, values 1…5, with missing values (`nil`). Unit 12 has one value and is dropped,
    /// leaving 11 units and n = 40 pairable values, as in the paper's coincidence matrix.
    static let paperData: [[Double?]] = [
        [1, 1, nil, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nil, 5, 5, 5], [nil, nil, 1, 1], [nil, 3, nil, nil],
    ]

    @Test("reproduces the paper's printed values", arguments: [
        (MeasurementLevel.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797),
    ])
    func paperValues(level: MeasurementLevel, printed: Double) throws {
        let alpha = KrippendorffAlpha(units: Self.paperData, level: level)
        #expect(alpha.pairableUnits == 11)
        #expect(alpha.pairableValues == 40)
        let value = try #require(alpha.value)
        #expect(abs(value - printed) < 0.0005)
    }

    @Test("matches the krippendorff package to 1e-9", arguments: AgreementFixture.all, MeasurementLevel.allCases)
    func matchesReferencePackage(fixture: AgreementFixture, level: MeasurementLevel) throws {
        let expected = try #require(fixture.alpha[level])
        let value = try #require(KrippendorffAlpha(units: fixture.units, level: level).value)
        #expect(abs(value - expected) < 1e-9)
    }

    /// The closed forms (sums of squares, mid-ranks, pair counts) against the textbook computation
    /// through the full coincidence matrix.
    @Test("agrees with the coincidence-matrix form", arguments: AgreementFixture.all, MeasurementLevel.allCases)
    func matchesCoincidenceMatrixForm(fixture: AgreementFixture, level: MeasurementLevel) throws {
        let expected = try #require(coincidenceMatrixAlpha(fixture.units, level: level))
        let value = try #require(KrippendorffAlpha(units: fixture.units, level: level).value)
        #expect(abs(value - expected) < 1e-12)
    }

    @Test("perfect agreement is 1", arguments: MeasurementLevel.allCases)
    func perfectAgreement(level: MeasurementLevel) {
        let units: [[Double?]] = [[1, 1, 1], [2, 2, nil], [3, nil, 3], [nil, 7, nil]]
        #expect(KrippendorffAlpha(units: units, level: level).value == 1)
    }

    @Test("negative zero is the same value as zero", arguments: MeasurementLevel.allCases)
    func negativeZero(level: MeasurementLevel) {
        #expect(KrippendorffAlpha(units: [[0.0, -0.0], [1, 1], [-0.0, -0.0]], level: level).value == 1)
    }

    @Test("is undefined when every value is the same", arguments: MeasurementLevel.allCases)
    func noVariation(level: MeasurementLevel) {
        // 0.1 has no exact binary form; a mean computed as Σx/n would differ from it by an ulp.
        let units: [[Double?]] = [[0.1, 0.1, 0.1], [0.1, nil, 0.1], [0.3, nil, nil]]
        let alpha = KrippendorffAlpha(units: units, level: level)
        #expect(alpha.expectedDisagreement == 0)
        #expect(alpha.value == nil)
    }

    @Test("is undefined with one value per unit or no data", arguments: MeasurementLevel.allCases)
    func noPairableValues(level: MeasurementLevel) {
        let single = KrippendorffAlpha(units: [[1, nil], [nil, 2], [3], []], level: level)
        #expect(single.pairableUnits == 0)
        #expect(single.observedDisagreement == nil)
        #expect(single.value == nil)
        #expect(KrippendorffAlpha(units: [], level: level).value == nil)
    }

    /// Two raters, units (1,1) (1,2) (2,2) (2,2): n = 8, n₁ = 3, n₂ = 5. The one mismatching unit
    /// gives 2 ordered pairs / (2 − 1), so D_o = 2/8; Σ_{c≠k} n_c n_k = 2·3·5 = 30, so
    /// D_e = 30/(8·7) and α = 1 − (2/8)(56/30) = 8/15. With two categories every level's distance is
    /// one constant for c ≠ k, which cancels, so all four levels give 8/15.
    @Test("two raters, computed by hand", arguments: MeasurementLevel.allCases)
    func twoRaters(level: MeasurementLevel) throws {
        let value = try #require(KrippendorffAlpha(units: [[1, 1], [1, 2], [2, 2], [2, 2]], level: level).value)
        #expect(abs(value - 8.0 / 15.0) < 1e-15)
    }

    /// Units (1,2) (2,1) (1,2) (2,1): every pair disagrees, D_o = 8/8 = 1; n₁ = n₂ = 4, so
    /// D_e = 2·4·4/(8·7) = 4/7 and α = 1 − 7/4 = −0.75, returned as is.
    @Test("systematic disagreement is negative", arguments: MeasurementLevel.allCases)
    func systematicDisagreement(level: MeasurementLevel) throws {
        let value = try #require(KrippendorffAlpha(units: [[1, 2], [2, 1], [1, 2], [2, 1]], level: level).value)
        #expect(abs(value - -0.75) < 1e-15)
    }

    @Test("nominal alpha ignores the labels' values; ordinal alpha only their order")
    func categoryLabels() throws {
        let relabel: [Double: Double] = [1: 40, 2: -3.5, 3: 7, 4: 0.25, 5: 1000]
        let reorder: [Double: Double] = [1: -10, 2: 0, 3: 0.5, 4: 2, 5: 1e6]
        func mapped(_ table: [Double: Double]) -> [[Double?]] {
            Self.paperData.map { unit in unit.map { $0.map { table[$0]! } } }
        }
        let nominal = try #require(KrippendorffAlpha(units: mapped(relabel), level: .nominal).value)
        let ordinal = try #require(KrippendorffAlpha(units: mapped(reorder), level: .ordinal).value)
        #expect(abs(nominal - 0.743421052631579) < 1e-12)
        #expect(abs(ordinal - 0.8153875037548814) < 1e-12)
    }

    @Test("ratio alpha is undefined for negative values")
    func ratioNeedsNonNegativeValues() {
        let alpha = KrippendorffAlpha(units: [[1, 2], [-1, 3]], level: .ratio)
        #expect(alpha.value == nil)
        #expect(KrippendorffAlpha(units: [[1, 2], [-1, 3]], level: .interval).value != nil)
    }

    @Test("ratio distance between two zeros is 0")
    func ratioZeros() throws {
        // Units (0,0) (0,4): n₀ = 3, n₄ = 1; δ²(0,4) = ((0 − 4)/(0 + 4))² = 1. D_o = 2/4,
        // D_e = 2·3·1/(4·3) = 1/2, α = 0.
        let value = try #require(KrippendorffAlpha(units: [[0, 0], [0, 4]], level: .ratio).value)
        #expect(value == 0)
    }
}
}

/// Textbook alpha (Krippendorff 2011, § D): build the coincidence matrix over all distinct values,
/// then D_o and D_e from δ² of every pair of values. Quadratic in the distinct values; tests only.
private func coincidenceMatrixAlpha(_ units: [[Double?]], level: MeasurementLevel) -> Double? {
    let pairable = units.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
    let values = Array(Set(pairable.joined())).sorted()
    let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
    var coincidences = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: values.count)
    for unit in pairable {
        for i in unit.indices {
            for j in unit.indices where j != i {
                coincidences[index[unit[i]]!][index[unit[j]]!] += 1 / Double(unit.count - 1)
            }
        }
    }
    let marginals = coincidences.map { $0.reduce(0, +) }
    let n = marginals.reduce(0, +)
    func squaredDistance(_ c: Int, _ k: Int) -> Double {
        switch level {
        case .nominal:
            return c == k ? 0 : 1
        case .ordinal:
            let between = marginals[min(c, k)...max(c, k)].reduce(0, +) - (marginals[c] + marginals[k]) / 2
            return between * between
        case .interval:
            return (values[c] - values[k]) * (values[c] - values[k])
        case .ratio:
            let sum = values[c] + values[k]
            return sum == 0 ? 0 : ((values[c] - values[k]) / sum) * ((values[c] - values[k]) / sum)
        }
    }
    var observed = 0.0
    var expected = 0.0
    for c in values.indices {
        for k in values.indices {
            observed += coincidences[c][k] * squaredDistance(c, k)
            expected += marginals[c] * marginals[k] * squaredDistance(c, k)
        }
    }
    guard n > 0, expected > 0 else { return nil }
    return 1 - (observed / n) / (expected / (n * (n - 1)))
}
