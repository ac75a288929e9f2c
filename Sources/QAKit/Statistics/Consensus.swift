/// Leave-one-out consensus: what the *other* raters of a unit said, the reference a reviewer is
/// compared with when no benchmark reviewer scored the unit (docs/calibration.md, "The reference each reviewer is compared with").
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
        let tally = OtherAnswersTally(answers)
        return answers.indices.map { own in
            let highest = tally.highestCount(excluding: own)
            var modes = Set<Answer>()
            for other in answers.indices where other != own && tally.count(of: other, excluding: own) == highest {
                modes.insert(answers[other])
            }
            return modes
        }
    }

    /// For each answer, whether it is one of the most common answers among the other answers of
    /// the unit (ties count as matches), in the same order; `nil` when the unit has fewer than two
    /// answers.
    ///
    /// The same judgement as membership in `leaveOneOutModes(_:)`, without building sets: this is
    /// the form a criterion match rate over many interactions wants.
    public static func leaveOneOutMatches<Answer: Equatable>(_ answers: [Answer]) -> [Bool?] {
        guard answers.count >= 2 else { return answers.map { _ in nil } }
        let tally = OtherAnswersTally(answers)
        return answers.indices.map { own in
            tally.occurrences[own] - 1 == tally.highestCount(excluding: own)
        }
    }
}

/// How often each answer of a unit occurs, so that the counts among "the others" of any one rater
/// follow without a dictionary: units have a handful of raters, and comparing all pairs is cheaper
/// than hashing.
private struct OtherAnswersTally<Answer: Equatable> {
    let answers: [Answer]
    /// `occurrences[i]`: how many answers equal `answers[i]`, itself included.
    let occurrences: [Int]

    init(_ answers: [Answer]) {
        self.answers = answers
        occurrences = answers.map { answer in answers.reduce(0) { $1 == answer ? $0 + 1 : $0 } }
    }

    /// How many of the answers other than `excluded` equal `answers[index]`.
    func count(of index: Int, excluding excluded: Int) -> Int {
        answers[index] == answers[excluded] ? occurrences[index] - 1 : occurrences[index]
    }

    /// The count of the most common answer among all but `excluded`.
    func highestCount(excluding excluded: Int) -> Int {
        var highest = 0
        for index in answers.indices where index != excluded {
            highest = max(highest, count(of: index, excluding: excluded))
        }
        return highest
    }
}
