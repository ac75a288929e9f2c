import Foundation
import Testing
@testable import QAKit

/// `ScoringPlan.cannotOverflow` lets `ScoringRun.run` score a record away from its `Audit`, where there
/// is no reference path to fall back to: it must never be true for a plan whose `evaluate` can
/// fail. And `ExactSum`, which sums the scores of an aggregate, must be exact on every path.
@Suite("Plan bounds and exact sums")
struct PlanBoundTests {
    typealias Generator = ScoringPlanTests.Generator

    /// Credits at the extremes (every criterion at full credit is the largest sum; zeros fail
    /// criticals) and at random, with random `when` masks and N/A.
    static func credits(for plan: ScoringPlan, using random: inout Generator) -> [Int64] {
        let mode = Int.random(in: 0..<3, using: &random)
        return plan.items.map { item in
            if Int.random(in: 0..<8, using: &random) == 0 { return ScoringPlan.noCredit }
            switch mode {
            case 0: return item.denominator
            case 1: return 0
            default: return Int64.random(in: 0...item.denominator, using: &random)
            }
        }
    }

    @Test("evaluate never overflows on a plan that says it cannot", arguments: 0..<60)
    func boundHolds(seed: UInt64) throws {
        var random = Generator(state: seed &+ 1000)
        let card = ScoringPlanTests.scorecard(using: &random)
        let plan = try #require(ScoringPlan(card))
        guard plan.cannotOverflow else { return }
        let tallies = UnsafeMutableBufferPointer<ScoringPlan.SectionTally>.allocate(capacity: plan.sections.count)
        defer { tallies.deallocate() }
        for _ in 0..<300 {
            let credits = Self.credits(for: plan, using: &random)
            let evaluation = credits.withUnsafeBufferPointer {
                plan.evaluate(credits: $0, applies: UInt64.random(in: 0...UInt64.max, using: &random), sections: tallies)
            }
            #expect(evaluation != nil, "seed \(seed)")
        }
    }

    /// Weights with four decimals in several sections, and a points maximum with two, push the
    /// common denominators past 2^62 / 100: the plan must say so.
    @Test("a plan near the 64-bit limit does not claim the bound")
    func boundRefusesLargePlans() throws {
        let sections = (0..<6).map { index in
            Build.section("s\(index)", weight: "0.0\(index + 1)01",
                          Build.points("p\(index)", max: "9.99", weight: "0.3333"), Build.scale("q\(index)", 1, 7, weight: "0.0007"))
        }
        let card = Scorecard(id: "wide", title: "Wide", version: 1, sections: sections)
        let plan = try #require(ScoringPlan(card))
        #expect(!plan.cannotOverflow)
    }

    @Test("the bundled and benchmark scorecards are within the bound, so their CSV records are scored directly")
    func bundledScorecardsAreWithinTheBound() {
        for path in ["scorecards", "Benchmarks/scorecard-20.yaml"] {
            for card in RowRunTests.scorecards(path) {
                #expect(ScoringPlan(card)?.cannotOverflow == true, "\(card.id)")
            }
        }
    }

    /// Sums of fractions with small, repeated and very large denominators (past the 64-bit
    /// running denominator, so the table and its fold are used too), against `Rational`
    /// addition term by term. (Their common multiple stays within `Rational`'s 128 bits.)
    @Test("ExactSum equals term-by-term rational addition", arguments: 0..<20)
    func exactSum(seed: UInt64) {
        var random = Generator(state: seed &+ 77)
        var sum = ExactSum()
        var other = ExactSum()
        var expected = Rational.zero
        let denominators: [Int128] = [1, 2, 3, 7, 100, 840, 9_699_690, 1 << 40, 1 << 62, (Int128(1) << 64) * 3]
        for step in 0..<2_000 {
            let denominator = denominators.randomElement(using: &random)! * Int128(Int.random(in: 1...3, using: &random))
            let numerator = Int128(Int.random(in: -10_000...1_000_000, using: &random))
            if step % 3 == 0 {
                other.add(numerator: numerator, denominator: denominator)
            } else {
                sum.add(numerator: numerator, denominator: denominator)
            }
            expected += Rational(numerator, denominator)
        }
        sum.add(other)
        #expect(sum.value == expected)
    }
}
