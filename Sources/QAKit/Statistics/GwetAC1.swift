/// Gwet's first-order agreement coefficient AC1 (identity weights): agreement corrected for
/// chance in a way that stays stable when one category dominates, for any number of raters and
/// missing answers.
///
/// With q categories, r_ik the raters who put unit i in category k and r_i = Σ_k r_ik
/// (Gwet, *Handbook of Inter-Rater Reliability*, 4th ed., 2014, ch. 2 and 4):
///
/// - p_a = (1/n₂) Σ_{i: r_i ≥ 2} Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1)), over the n₂ units rated
///   at least twice;
/// - π_k = (1/n₁) Σ_{i: r_i ≥ 1} r_ik / r_i, over the n₁ units rated at least once;
/// - p_e = 1/(q − 1) Σ_k π_k (1 − π_k);
/// - AC1 = (p_a − p_e) / (1 − p_e).
///
/// q is the size of the answer domain, including categories nobody chose: a scale of 1…5 has
/// q = 5 even if only 3 and 4 were used. Since p_e ≤ 1/q, 1 − p_e never vanishes once q ≥ 2.
public struct GwetAC1: Sendable, Hashable {
    /// q: the number of distinct categories in the answer domain.
    public let categoryCount: Int
    /// n₂: units with two or more answers.
    public let pairableUnits: Int
    /// p_a, in 0…1; `nil` when AC1 is undefined.
    public let observedAgreement: Double?
    /// p_e, in 0…1/q; `nil` when AC1 is undefined.
    public let chanceAgreement: Double?

    /// AC1 = (p_a − p_e) / (1 − p_e), at most 1 and negative when raters agree less than chance.
    ///
    /// `nil` when undefined: no unit has two answers, or the domain has fewer than two categories.
    public var value: Double? {
        guard let observed = observedAgreement, let chance = chanceAgreement else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Computes AC1 over `units`, one array per unit holding one entry per rater, `nil` where that
    /// rater gave no answer. Every answer must be one of `categories`; duplicates in `categories`
    /// count once.
    public init<Category: Hashable>(units: [[Category?]], categories: [Category]) {
        var index: [Category: Int] = [:]
        for category in categories where index[category] == nil { index[category] = index.count }
        let q = index.count
        categoryCount = q

        var propensities = [Double](repeating: 0, count: q)
        var counts = [Int](repeating: 0, count: q)
        var used: [Int] = []
        var ratedUnits = 0
        var pairable = 0
        var agreementSum = 0.0
        for unit in units {
            used.removeAll(keepingCapacity: true)
            for case let answer? in unit {
                guard let k = index[answer] else {
                    preconditionFailure("Gwet's AC1: an answer is outside the category domain")
                }
                if counts[k] == 0 { used.append(k) }
                counts[k] += 1
            }
            let ratings = used.reduce(0) { $0 + counts[$1] }
            guard ratings > 0 else { continue }
            ratedUnits += 1
            if ratings >= 2 { pairable += 1 }
            var agreeingPairs = 0
            for k in used {
                propensities[k] += Double(counts[k]) / Double(ratings)
                agreeingPairs += counts[k] * (counts[k] - 1)
                counts[k] = 0
            }
            if ratings >= 2 { agreementSum += Double(agreeingPairs) / Double(ratings * (ratings - 1)) }
        }
        pairableUnits = pairable
        guard q >= 2, pairable > 0 else {
            observedAgreement = nil
            chanceAgreement = nil
            return
        }
        observedAgreement = agreementSum / Double(pairable)
        chanceAgreement = propensities.reduce(0.0) { sum, total in
            let pi = total / Double(ratedUnits)
            return sum + pi * (1 - pi)
        } / Double(q - 1)
    }
}
