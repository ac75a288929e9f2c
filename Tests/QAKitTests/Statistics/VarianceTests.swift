import Testing
@testable import QAKit

extension StatisticsTests {
@Suite("Variance")
struct VarianceTests {
    /// 2, 4, 4, 4, 5, 5, 7, 9: mean 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32;
    /// s² = 32/7.
    @Test("sample variance divides by n − 1")
    func sample() throws {
        let variance = try #require(Variance.sample([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(abs(variance - 32.0 / 7.0) < 1e-15)
    }

    /// 10⁹ + 1, 10⁹ + 2, 10⁹ + 3: deviations −1, 0, 1, s² = 2/2 = 1 exactly. Σx² − (Σx)²/n would
    /// lose the answer: Σx² ≈ 3·10¹⁸ is far beyond 2⁵³.
    @Test("large offsets lose no precision")
    func largeOffsets() {
        #expect(Variance.sample([1e9 + 1, 1e9 + 2, 1e9 + 3]) == 1)
    }

    @Test("equal values have exactly zero variance")
    func equalValues() {
        #expect(Variance.sample([0.1, 0.1, 0.1]) == 0)
        #expect(Variance.pooledWithinGroups([[0.7, 0.7], [0.1, 0.1, 0.1]]) == 0)
    }

    @Test("sample variance is undefined for fewer than two values")
    func sampleUndefined() {
        #expect(Variance.sample([]) == nil)
        #expect(Variance.sample([42]) == nil)
    }

    /// Groups (80, 90): mean 85, squares 25 + 25 = 50, 1 degree of freedom; (70, 70, 100): mean 80,
    /// squares 100 + 100 + 400 = 600, 2 degrees; (50): nothing. Pooled = (50 + 600)/(1 + 2) = 650/3.
    /// The group means differ widely, which pooled within-group variance must ignore.
    @Test("pooled variance sums squares within groups over their degrees of freedom")
    func pooled() throws {
        let pooled = try #require(Variance.pooledWithinGroups([[80, 90], [70, 70, 100], [50]]))
        #expect(abs(pooled - 650.0 / 3.0) < 1e-12)
    }

    @Test("pooled variance is undefined without a group of two")
    func pooledUndefined() {
        #expect(Variance.pooledWithinGroups([[1], [2], []]) == nil)
        #expect(Variance.pooledWithinGroups([]) == nil)
    }
}
}
