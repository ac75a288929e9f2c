/// Leave-one-out consensus: what the *other* raters of a unit said, the reference a reviewer is
/// compared with when no benchmark reviewer scored the unit (SPEC § 6).
public enum Consensus {
    /// For each value, the mean of all the other values of the unit, in the same order.
    ///
    /// Every entry is `nil` when the unit has fewer than two values, since no one else rated it.
    /// The others are summed directly rather than derived from the total, so with two raters each
    /// one's reference is exactly the other's value; the cost is quadratic in the number of
    /// raters, which is small.
    public static func leaveOneOutMeans(_ values: [Double]) -> [Double?] {
        guard values.count >= 2 else { return values.map { _ in nil } }
        return values.indices.map { excluded in
            var sum = 0.0
            for index in values.indices where index != excluded { sum += values[index] }
            return sum / Double(values.count - 1)
        }
    }

    /// For each answer, the most common answer among all the other answers of the unit, in the
    /// same order.
    ///
    /// An entry holds every answer tied for most common, so a caller can count any of them as a
    /// match. Every entry is `nil` when the unit has fewer than two answers.
    public static func leaveOneOutModes<Answer: Hashable>(_ answers: [Answer]) -> [Set<Answer>?] {
        guard answers.count >= 2 else { return answers.map { _ in nil } }
        var counts: [Answer: Int] = [:]
        for answer in answers { counts[answer, default: 0] += 1 }
        return answers.map { own in
            var others = counts
            others[own]! -= 1
            let highest = others.values.max() ?? 0
            return Set(others.filter { $0.value == highest }.keys)
        }
    }
}
