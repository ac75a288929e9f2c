/// What changed between two versions of a scorecard, in what scores an audit (docs/compare.md,
/// "The rubric diff"): sections and criteria added, removed or changed, and the scorecard's own
/// scoring settings. Titles, guidance, option labels, level wording and coaching text are left
/// out: they change no score.
public struct RubricChange: Sendable, Hashable {
    /// What a change is about.
    public enum Subject: String, Sendable {
        case scorecard, section, criterion
    }

    /// `added`, `removed` or `changed`, as the JSON spells it.
    public enum Kind: String, Sendable {
        case added, removed, changed
    }

    public var subject: Subject
    /// The section or criterion id; the scorecard id for the scorecard's settings.
    public var id: String
    public var change: Kind
    /// One entry per difference, e.g. `weight 1 → 2`, `option 'partial': credit 0.5 → 0.25`;
    /// empty for an addition or a removal.
    public var what: [String]
    /// Where the change is written: the newer version's file for an addition or a change, the
    /// older one's for a removal.
    public var file: String
    /// 1-based line of the first changed key (or of the item itself).
    public var line: Int

    /// The changes from `old` to `new`: the scorecard's settings first, then sections and
    /// criteria in the newer version's order, removals after the items they followed.
    public static func changes(from old: Scorecard, to new: Scorecard) -> [RubricChange] {
        var changes: [RubricChange] = []
        let settings = settingChanges(old, new)
        if !settings.isEmpty {
            changes.append(RubricChange(subject: .scorecard, id: new.id, change: .changed, what: settings.map(\.text), file: new.file,
                                        line: new.lines.scorecard.line(ofFirst: settings.map(\.key))))
        }
        changes += sectionChanges(old, new)
        changes += criterionChanges(old, new)
        return changes
    }

    private typealias Difference = (key: String, text: String)

    private static func settingChanges(_ old: Scorecard, _ new: Scorecard) -> [Difference] {
        var found: [Difference] = []
        func compare(_ key: String, _ before: String, _ after: String) {
            if before != after { found.append((key, "\(key) \(before) → \(after)")) }
        }
        compare("passing_score", old.passingScore?.decimalString() ?? "none", new.passingScore?.decimalString() ?? "none")
        compare("na_policy", old.naPolicy.rawValue, new.naPolicy.rawValue)
        compare("critical_policy", old.criticalPolicy.rawValue, new.criticalPolicy.rawValue)
        compare("bands", bandsText(old.bands), bandsText(new.bands))
        compare("applies_to", conditionText(old.appliesTo), conditionText(new.appliesTo))
        return found
    }

    private static func sectionChanges(_ old: Scorecard, _ new: Scorecard) -> [RubricChange] {
        let before = Dictionary(old.sections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let afterIDs = Set(new.sections.map(\.id))
        var changes: [RubricChange] = []
        for section in new.sections {
            let lines = new.lines.sections[section.id] ?? .init()
            guard let earlier = before[section.id] else {
                changes.append(RubricChange(subject: .section, id: section.id, change: .added, what: [], file: new.file, line: lines.line))
                continue
            }
            var found: [Difference] = []
            if earlier.weight != section.weight { found.append(("weight", "weight \(number(earlier.weight)) → \(number(section.weight))")) }
            if earlier.isBonus != section.isBonus { found.append(("bonus", "bonus \(earlier.isBonus) → \(section.isBonus)")) }
            if !found.isEmpty {
                changes.append(RubricChange(subject: .section, id: section.id, change: .changed, what: found.map(\.text), file: new.file,
                                            line: lines.line(ofFirst: found.map(\.key))))
            }
        }
        for section in old.sections where !afterIDs.contains(section.id) {
            changes.append(RubricChange(subject: .section, id: section.id, change: .removed, what: [], file: old.file,
                                        line: old.lines.sections[section.id]?.line ?? 0))
        }
        return changes
    }

    private static func criterionChanges(_ old: Scorecard, _ new: Scorecard) -> [RubricChange] {
        var before: [String: (section: String, criterion: Criterion)] = [:]
        for entry in old.criteria where before[entry.criterion.id] == nil {
            before[entry.criterion.id] = (old.sections[entry.section].id, entry.criterion)
        }
        let afterIDs = Set(new.criteria.map(\.criterion.id))
        var changes: [RubricChange] = []
        for (sectionIndex, criterion) in new.criteria {
            let lines = new.lines.criteria[criterion.id] ?? .init()
            guard let earlier = before[criterion.id] else {
                changes.append(RubricChange(subject: .criterion, id: criterion.id, change: .added, what: [], file: new.file, line: lines.line))
                continue
            }
            var found = differences(earlier.criterion, criterion)
            let section = new.sections[sectionIndex].id
            if earlier.section != section { found.insert(("id", "section '\(earlier.section)' → '\(section)'"), at: 0) }
            if !found.isEmpty {
                changes.append(RubricChange(subject: .criterion, id: criterion.id, change: .changed, what: found.map(\.text), file: new.file,
                                            line: lines.line(ofFirst: found.map(\.key))))
            }
        }
        for (_, criterion) in old.criteria where !afterIDs.contains(criterion.id) {
            changes.append(RubricChange(subject: .criterion, id: criterion.id, change: .removed, what: [], file: old.file,
                                        line: old.lines.criteria[criterion.id]?.line ?? 0))
        }
        return changes
    }

    /// The scoring differences of one criterion, each with the key whose line locates it.
    private static func differences(_ old: Criterion, _ new: Criterion) -> [Difference] {
        var found: [Difference] = []
        func compare(_ key: String, _ before: String, _ after: String) {
            if before != after { found.append((key, "\(key) \(before) → \(after)")) }
        }
        compare("type", old.kind.name, new.kind.name)
        compare("weight", number(old.weight), number(new.weight))
        compare("critical", old.critical.rawValue, new.critical.rawValue)
        compare("na", String(old.allowsNA), String(new.allowsNA))
        compare("required", String(old.isRequired), String(new.isRequired))
        compare("when", conditionText(old.when), conditionText(new.when))
        switch (old.kind, new.kind) {
        case (.scale(let lowBefore, let highBefore, let levelsBefore), .scale(let low, let high, let levels)):
            compare("min", String(lowBefore), String(low))
            compare("max", String(highBefore), String(high))
            let before = Set(levelsBefore.keys), after = Set(levels.keys)
            for level in after.subtracting(before).sorted() { found.append(("level \(level)", "level \(level) described")) }
            for level in before.subtracting(after).sorted() { found.append(("levels", "level \(level) no longer described")) }
        case (.points(let before), .points(let after)):
            compare("max", number(before), number(after))
        case (.choice(let before), .choice(let after)):
            found += optionDifferences(before, after)
        default:
            break
        }
        return found
    }

    private static func optionDifferences(_ old: [ChoiceOption], _ new: [ChoiceOption]) -> [Difference] {
        var found: [Difference] = []
        let before = Dictionary(old.map { ($0.value.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.map { $0.value.lowercased() })
        for option in new {
            let key = "option \(option.value)"
            guard let earlier = before[option.value.lowercased()] else {
                found.append((key, "option '\(option.value)' added (credit \(number(option.credit)))"))
                continue
            }
            if earlier.credit != option.credit {
                found.append((key, "option '\(option.value)': credit \(number(earlier.credit)) → \(number(option.credit))"))
            }
        }
        for option in old where !after.contains(option.value.lowercased()) {
            found.append(("options", "option '\(option.value)' removed"))
        }
        return found
    }

    /// A weight or credit as written in YAML: `2`, `0.25`.
    private static func number(_ value: Rational) -> String { value.decimalString(maximumPlaces: 6) }

    private static func bandsText(_ bands: [Band]) -> String {
        bands.isEmpty ? "none" : bands.map { "\($0.name) \(number($0.minimum))" }.joined(separator: ", ")
    }

    private static func conditionText(_ condition: Condition?) -> String {
        guard let condition else { return "none" }
        return "{" + condition.clauses.map { "\($0.field): [\($0.values.joined(separator: ", "))]" }.joined(separator: ", ") + "}"
    }
}
