@testable import QAKit

/// Small builders so that each hand-computed case reads like its arithmetic.
enum Build {
    static func r(_ text: String) -> Rational { Rational.parseDecimal(text)!.value }

    static func yesNo(_ id: String, weight: String = "1", critical: CriticalScope = .none, na: Bool = false,
                      required: Bool = true, when: [String: [String]]? = nil) -> Criterion {
        Criterion(id: id, title: id, kind: .yesNo, weight: r(weight), allowsNA: na, isRequired: required,
                  critical: critical, when: when.map(condition))
    }

    static func scale(_ id: String, _ minimum: Int, _ maximum: Int, weight: String = "1", critical: CriticalScope = .none) -> Criterion {
        Criterion(id: id, title: id, kind: .scale(minimum: minimum, maximum: maximum, levels: [:]), weight: r(weight), critical: critical)
    }

    static func choice(_ id: String, credits: [String], weight: String = "1", critical: CriticalScope = .none) -> Criterion {
        let options = credits.enumerated().map { ChoiceOption(value: "o\($0.offset)", label: "Option \($0.offset)", credit: r($0.element)) }
        return Criterion(id: id, title: id, kind: .choice(options), weight: r(weight), critical: critical)
    }

    static func points(_ id: String, max: String, weight: String = "1") -> Criterion {
        Criterion(id: id, title: id, kind: .points(maximum: r(max)), weight: r(weight))
    }

    static func section(_ id: String, weight: String = "1", bonus: Bool = false, _ criteria: Criterion...) -> Section {
        Section(id: id, title: id, weight: r(weight), isBonus: bonus, criteria: criteria)
    }

    static func card(_ sections: Section..., passing: String? = nil, bands: [(String, String)] = [],
                     na: NAPolicy = .exclude, critical: CriticalPolicy = .zero) -> Scorecard {
        Scorecard(id: "test", title: "Test", version: 1, passingScore: passing.map(r),
                  bands: bands.map { Band(name: $0.0, minimum: r($0.1)) }, naPolicy: na, criticalPolicy: critical,
                  sections: sections)
    }

    static func condition(_ clauses: [String: [String]]) -> Condition {
        Condition(clauses: clauses.sorted { $0.key < $1.key }.map { Condition.Clause(field: $0.key, values: $0.value) })
    }

    static func audit(_ answers: [Answer?], fields: [String: String] = [:]) -> Audit {
        Audit(id: "a1", interactionID: "i1", agent: "Agent", reviewer: "Reviewer",
              date: CalendarDate(year: 2026, month: 8, day: 3)!, fields: fields, answers: answers)
    }
}
