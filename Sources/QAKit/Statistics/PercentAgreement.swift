/// Pairwise percent agreement: in each unit, the share of rater pairs that gave the same answer,
/// averaged over the units that have at least two answers.
///
/// For a unit with m ≥ 2 answers, r_k of them equal to answer k, the share is
/// Σ_k r_k (r_k − 1) / (m (m − 1)); units with fewer than two answers have no pair and are left
/// out of the average. This is the observed agreement `p_a` of Gwet's AC1 with identity weights
/// (Gwet, *Handbook of Inter-Rater Reliability*, 4th ed., ch. 2), not corrected for chance.
public struct PercentAgreement: Sendable, Hashable {
    /// Units with two or more answers, the ones the average runs over.
    public let pairableUnits: Int
    /// The mean share of agreeing pairs, in 0…1; `nil` when no unit has two answers.
    public let value: Double?

    /// Computes the agreement over `units`, one array per unit holding one entry per rater, `nil`
    /// where that rater gave no answer.
    public init<Answer: Hashable>(units: [[Answer?]]) {
        var pairable = 0
        var shareSum = 0.0
        for unit in units {
            let answers = unit.lazy.compactMap { $0 }
            let count = answers.count
            guard count >= 2 else { continue }
            pairable += 1
            shareSum += Double(matchingOrderedPairs(in: answers)) / Double(count * (count - 1))
        }
        pairableUnits = pairable
        value = pairable == 0 ? nil : shareSum / Double(pairable)
    }
}

/// Ordered pairs (i ≠ j) of equal answers in one unit: Σ_k r_k (r_k − 1).
///
/// Compares pairs directly for the handful of raters a unit usually has, without allocating, and
/// counts through a dictionary for larger units.
func matchingOrderedPairs<Answer: Hashable>(in answers: some Collection<Answer>) -> Int {
    if answers.count <= 16 {
        var matches = 0
        var first = answers.startIndex
        while first != answers.endIndex {
            let answer = answers[first]
            var second = answers.index(after: first)
            while second != answers.endIndex {
                if answers[second] == answer { matches += 2 }
                second = answers.index(after: second)
            }
            first = answers.index(after: first)
        }
        return matches
    }
    var counts: [Answer: Int] = [:]
    for answer in answers { counts[answer, default: 0] += 1 }
    return counts.values.reduce(0) { $0 + $1 * ($1 - 1) }
}
