import Testing
@testable import QAKit

extension StatisticsTests {
@Suite("Gwet's AC1")
struct GwetAC1Tests {
    /// The Krippendorff (2011) data over categories 1…5. p_a by hand: of the 11 units rated at
    /// least twice, units 2 and 8 (three of four raters agree: 3·2/(4·3) = 1/2) and unit 6 (no two
    /// agree: 0) fall short of 1, so p_a = (8 + 1/2 + 1/2 + 0)/11 = 9/11. irrCAC 0.4.4 prints
    /// pa 0.81818, pe 0.19032, AC1 0.77544; the full-precision AC1 is in `AgreementFixture.all`.
    @Test("reproduces irrCAC on the Krippendorff (2011) data")
    func paperData() throws {
        let ac1 = GwetAC1(units: KrippendorffAlphaTests.paperData, categories: [1, 2, 3, 4, 5])
        #expect(ac1.categoryCount == 5)
        #expect(ac1.pairableUnits == 11)
        let observed = try #require(ac1.observedAgreement)
        let chance = try #require(ac1.chanceAgreement)
        let value = try #require(ac1.value)
        #expect(abs(observed - 9.0 / 11.0) < 1e-15)
        #expect(abs(chance - 0.19032) < 0.000005)
        #expect(abs(value - 0.77544) < 0.000005)
    }

    @Test("matches irrCAC to 1e-9", arguments: AgreementFixture.all.filter { $0.categories != nil })
    func matchesReferencePackage(fixture: AgreementFixture) throws {
        let categories = try #require(fixture.categories)
        let expected = try #require(fixture.ac1)
        let value = try #require(GwetAC1(units: fixture.units, categories: categories).value)
        #expect(abs(value - expected) < 1e-9)
    }

    /// Units (a,a) (a,b): p_a = (1 + 0)/2 = 1/2; π_a = (1 + 1/2)/2 = 3/4, π_b = 1/4, π_c = 0, so
    /// Σ π(1 − π) = 3/16 + 3/16 = 3/8. Over {a, b, c}: p_e = (3/8)/2 = 3/16 and
    /// AC1 = (1/2 − 3/16)/(13/16) = 5/13. Over {a, b}: p_e = 3/8 and AC1 = (1/8)/(5/8) = 1/5.
    @Test("counts a category nobody used")
    func unusedCategory() throws {
        let units: [[String?]] = [["a", "a"], ["a", "b"]]
        let withUnused = try #require(GwetAC1(units: units, categories: ["a", "b", "c"]).value)
        let usedOnly = try #require(GwetAC1(units: units, categories: ["a", "b"]).value)
        #expect(abs(withUnused - 5.0 / 13.0) < 1e-15)
        #expect(abs(usedOnly - 1.0 / 5.0) < 1e-15)
    }

    /// Units (a,a) (a,b) (b,–) (–,–): p_a = (1 + 0)/2 over the two units rated twice; π averages
    /// over the three rated units: π_a = (1 + 1/2 + 0)/3 = 1/2 = π_b, so p_e = 1/2 and AC1 = 0. The
    /// unit rated once moves π (without it AC1 would be 1/5); the unrated unit changes nothing.
    @Test("units rated once count towards the category shares only")
    func singleRatings() throws {
        let units: [[String?]] = [["a", "a"], ["a", "b"], ["b", nil], [nil, nil]]
        let ac1 = GwetAC1(units: units, categories: ["a", "b"])
        #expect(ac1.pairableUnits == 2)
        #expect(try #require(ac1.value) == 0)
    }

    @Test("perfect agreement is 1")
    func perfectAgreement() {
        let units: [[String?]] = [["yes", "yes"], ["no", "no", "no"], ["yes", nil, "yes"]]
        #expect(GwetAC1(units: units, categories: ["yes", "no"]).value == 1)
    }

    @Test("is undefined without a unit rated twice or with one category")
    func undefined() {
        let single: [[String?]] = [["yes", nil], [nil, "no"]]
        #expect(GwetAC1(units: single, categories: ["yes", "no"]).value == nil)
        #expect(GwetAC1(units: [[String?]](), categories: ["yes", "no"]).value == nil)
        let oneCategory: [[String?]] = [["yes", "yes"], ["yes", "yes"]]
        let ac1 = GwetAC1(units: oneCategory, categories: ["yes", "yes"])
        #expect(ac1.categoryCount == 1)
        #expect(ac1.value == nil)
    }

    /// Units (a,b) (b,a): p_a = 0; π_a = π_b = 1/2, p_e = 1/2, AC1 = (0 − 1/2)/(1/2) = −1.
    @Test("systematic disagreement is negative")
    func systematicDisagreement() {
        let units: [[String?]] = [["a", "b"], ["b", "a"]]
        #expect(GwetAC1(units: units, categories: ["a", "b"]).value == -1)
    }
}
}
