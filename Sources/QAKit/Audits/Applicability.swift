extension Scorecard {
    /// Whether each criterion applies to an audit, in `criteria` order (docs/scorecards.md,
    /// "Conditions"): its section's and its own `when` match, and neither `unless` does. A
    /// condition on an answer only names items above it, so one pass in order settles all.
    public func applicability(answers: [Answer?], field: (String) -> String?) -> [Bool] {
        var applies: [Bool] = []
        applies.reserveCapacity(answers.count)
        for section in sections {
            let sectionApplies = allows(when: section.when, unless: section.unless, answers: answers, applies: applies, field: field)
            for criterion in section.criteria {
                applies.append(sectionApplies && allows(when: criterion.when, unless: criterion.unless, answers: answers,
                                                        applies: applies, field: field))
            }
        }
        return applies
    }

    /// Whether the next criterion, in `section`, applies, given the answers and applicability of
    /// the items before it (`applies.count` of them).
    func applies(_ criterion: Criterion, in section: Section, answers: [Answer?], applies: [Bool], field: (String) -> String?) -> Bool {
        allows(when: section.when, unless: section.unless, answers: answers, applies: applies, field: field)
            && allows(when: criterion.when, unless: criterion.unless, answers: answers, applies: applies, field: field)
    }

    private func allows(when: Condition?, unless: Condition?, answers: [Answer?], applies: [Bool], field: (String) -> String?) -> Bool {
        if when == nil && unless == nil { return true }
        func values(_ item: Int) -> [String]? {
            guard item < applies.count, applies[item], item < answers.count, let answer = answers[item],
                  let criterion = criterion(at: item) else { return nil }
            return answer.values(for: criterion.kind)
        }
        if let when {
            let matches = when.testsAnswers ? when.matches(field, answers: values) : when.matchesWithoutAllocating(field)
            if !matches { return false }
        }
        if let unless, unless.matches(field, answers: values) { return false }
        return true
    }

    /// The criterion at `position` in `criteria` order.
    func criterion(at position: Int) -> Criterion? {
        var rest = position
        for section in sections {
            if rest < section.criteria.count { return section.criteria[rest] }
            rest -= section.criteria.count
        }
        return nil
    }
}
