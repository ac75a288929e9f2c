import Testing
@testable import QAKit

extension StatisticsTests {
@Suite("Percent agreement")
struct PercentAgreementTests {
    /// Units (a,a,b): of 3 pairs 1 agrees → 1/3; (a,a) → 1; (b,–,c) → 0; (a) has no pair and is
    /// left out. Mean = (1/3 + 1 + 0)/3 = 4/9.
    @Test("averages the share of agreeing pairs over pairable units")
    func handComputed() throws {
        let units: [[String?]] = [["a", "a", "b"], ["a", "a"], ["b", nil, "c"], ["a"]]
        let agreement = PercentAgreement(units: units)
        #expect(agreement.pairableUnits == 3)
        #expect(abs(try #require(agreement.value) - 4.0 / 9.0) < 1e-15)
    }

    /// 20 answers, 10 "x" and 10 "y" (counted through the dictionary path): agreeing ordered pairs
    /// 2 · 10 · 9 = 180 of 20 · 19 = 380, so 9/19.
    @Test("a unit with many raters")
    func manyRaters() throws {
        let unit: [String?] = Array(repeating: "x", count: 10) + Array(repeating: "y", count: 10)
        let value = try #require(PercentAgreement(units: [unit]).value)
        #expect(abs(value - 9.0 / 19.0) < 1e-15)
    }

    @Test("is undefined without a pairable unit")
    func undefined() {
        #expect(PercentAgreement(units: [["a", nil], [nil, "b"]] as [[String?]]).value == nil)
        #expect(PercentAgreement(units: [[Int?]]()).value == nil)
    }

    @Test("equals AC1's observed agreement", arguments: AgreementFixture.all.filter { $0.categories != nil })
    func matchesObservedAgreement(fixture: AgreementFixture) throws {
        let categories = try #require(fixture.categories)
        let expected = try #require(GwetAC1(units: fixture.units, categories: categories).observedAgreement)
        let value = try #require(PercentAgreement(units: fixture.units).value)
        #expect(abs(value - expected) < 1e-15)
    }
}
}
