import QAKitYAML

/// Reads one criterion, its type-specific keys, and the warnings a rubric author should see.
struct CriterionDecoder {
    let scorecard: ScorecardDecoder
    /// The weight of the enclosing section, for the "critical in a weight-0 section" warning.
    let sectionWeight: Rational

    private var log: DiagnosticLog { scorecard.log }

    /// The keys each type accepts beyond the common ones.
    private static let typeKeys: [String: [String]] = [
        "yes_no": ["penalty"], "scale": ["min", "max", "levels"], "choice": ["options"], "points": ["max"],
        "number": ["ranges"], "text": [], "date": [], "select": ["options"], "multi_select": ["options"],
    ]
    private static let typeNames = ["yes_no", "scale", "choice", "points", "number", "text", "date", "select", "multi_select"]
    /// Keys only scored criteria take (docs/scorecards.md, "Fields").
    private static let scoringKeys = ["weight", "critical", "penalty", "na_policy", "critical_below"]

    func criterion(_ node: Node, ids: inout [String: Mark]) -> Criterion? {
        let name = node.mapping?["id"]?.scalar.map { "criterion '\($0.string)'" } ?? "a criterion"
        guard let reader = NodeReader(node, context: name, allowedKeys: ScorecardDecoder.criterionKeys, log: log) else {
            return nil
        }
        let id = reader.identifier("id")
        if let id {
            checkId(id, ids: &ids)
            scorecard.lines.lines.criteria[id.id] = itemLines(reader.mapping)
        }
        let title = reader.string("title", required: true)
        let kind = self.kind(reader)
        let isField = kind?.isField ?? false
        if isField, let type = kind?.name {
            for key in Self.scoringKeys {
                guard let pair = reader.mapping.pair(key) else { continue }
                if key == "weight", let weight = reader.decimal("weight", in: ScorecardDecoder.weight), weight.isZero { continue }
                log.report(.scoringKeyOnField(key: key, type: type), at: pair.key.mark)
            }
        }
        let critical = isField ? .none : reader.choice("critical", as: CriticalScope.self) ?? .none
        let allowsNA = reader.bool("na") ?? false
        let naPolicy = isField ? nil : reader.choice("na_policy", as: NAPolicy.self)
        if naPolicy != nil, !allowsNA, let pair = reader.mapping.pair("na_policy") {
            log.report(.naPolicyWithoutNA, at: pair.key.mark)
        }
        let criticalBelow = isField ? nil : reader.decimal("critical_below", in: .between(Rational(1, 10_000), .one))
        if criticalBelow != nil, critical == .none, let pair = reader.mapping.pair("critical_below") {
            log.report(.criticalBelowWithoutCritical, at: pair.key.mark)
        }
        var penalty: Rational?
        if case .yesNo = kind {
            penalty = reader.decimal("penalty", in: ScorecardDecoder.penalty)
        }
        if let kind, critical == .none { checkFails(kind, reader: reader) }
        let when = reader.node("when").flatMap { scorecard.itemCondition($0, named: "when", isSection: false) }
        let unless = reader.node("unless").flatMap { scorecard.itemCondition($0, named: "unless", isSection: false) }
        let criterion = Criterion(
            id: id?.id ?? "", title: title ?? "", guidance: reader.string("guidance"), kind: kind ?? .yesNo,
            weight: isField ? .zero : reader.decimal("weight", in: ScorecardDecoder.weight) ?? .one,
            allowsNA: allowsNA, isRequired: reader.bool("required") ?? !isField,
            critical: critical, when: when, coaching: coachingTip(reader),
            unless: unless, naPolicy: naPolicy, criticalBelow: criticalBelow, penalty: penalty
        )
        scorecard.conditions.items.append(.init(id: criterion.id, kind: criterion.kind, allowsNA: allowsNA))
        warn(about: criterion, reader: reader, named: name)
        return criterion
    }

    /// `fails: true` on an option or range of a criterion that is not critical.
    private func checkFails(_ kind: Criterion.Kind, reader: NodeReader) {
        let list = kind.options != nil ? "options" : "ranges"
        for item in reader.mapping[list]?.sequence?.items ?? [] {
            guard let pair = item.mapping?.pair("fails"), pair.value.scalar?.bool == true else { continue }
            log.report(.failsWithoutCritical(what: list == "options" ? "an option" : "a range"), at: pair.key.mark)
        }
    }

    /// The criterion's key lines, with `option <value>` and `level <n>` for its options and levels.
    private func itemLines(_ mapping: Node.Mapping) -> ScorecardLines.ItemLines {
        var item = ScorecardDecoder.LineLog.item(mapping)
        for option in mapping["options"]?.sequence?.items ?? [] {
            if let value = option.mapping?["value"]?.scalar?.string { item.keys["option \(value)"] = option.mark.line }
        }
        for pair in mapping["levels"]?.mapping?.pairs ?? [] { item.keys["level \(pair.key.string)"] = pair.key.mark.line }
        return item
    }

    private func checkId(_ id: (id: String, mark: Mark), ids: inout [String: Mark]) {
        if ScorecardDecoder.reservedCriterionIds.contains(id.id.lowercased()) {
            log.report(.reservedCriterionId(id.id), at: id.mark)
        } else if id.id.lowercased().hasSuffix(".comment") {
            log.report(.idEndsInComment(id.id), at: id.mark)
        }
        ScorecardDecoder.checkUnique(id, kind: "criterion", seen: &ids, log: log)
    }

    // MARK: Types

    private func kind(_ reader: NodeReader) -> Criterion.Kind? {
        guard let type = reader.string("type", required: true), let mark = reader.mapping["type"]?.mark else { return nil }
        guard let extra = Self.typeKeys[type] else {
            let suggestion = Suggestion.closest(to: type, among: Self.typeNames)
            log.report(.notOneOf(key: "type", allowed: Self.typeNames, found: "'\(type)'", suggestion: suggestion), at: mark)
            return nil
        }
        for key in ["min", "max", "levels", "options", "ranges"] where !extra.contains(key) {
            if let pair = reader.mapping.pair(key) {
                log.report(.keyNotForType(key: key, type: type), at: pair.key.mark)
            }
        }
        // On a field the key is reported with the other scoring keys (`criterion(_:ids:)`).
        let isFieldType = ["text", "date", "select", "multi_select"].contains(type) || (type == "number" && !reader.has("ranges"))
        if !extra.contains("penalty"), !isFieldType, let pair = reader.mapping.pair("penalty") {
            log.report(.penaltyNotForType(type: type), at: pair.key.mark)
        }
        switch type {
        case "scale": return scale(reader)
        case "choice": return choice(reader).map(Criterion.Kind.choice)
        case "select": return choice(reader, isField: true).map(Criterion.Kind.select)
        case "multi_select": return choice(reader, isField: true, minimum: 1).map(Criterion.Kind.multiSelect)
        case "points": return points(reader)
        case "number": return number(reader)
        case "text": return .text
        case "date": return .date
        default: return .yesNo
        }
    }

    /// `number`: without `ranges` a field; with them, each `{min, max, credit}` range, none overlapping.
    private func number(_ reader: NodeReader) -> Criterion.Kind? {
        guard let list = reader.node("ranges") else { return .number(ranges: []) }
        guard let items = list.sequence?.items, !items.isEmpty else {
            log.report(.notItemList(key: "ranges", shape: "{min, max, credit}", found: list.kindDescription), at: list.mark)
            return nil
        }
        var ranges: [(range: NumberRange, mark: Mark)] = []
        let bound = Bounds.between(Rational(-1_000_000_000), Rational(1_000_000_000))
        for item in items {
            guard let range = NodeReader(item, context: "a range", allowedKeys: ScorecardDecoder.rangeKeys, log: log) else { continue }
            guard let minimum = range.decimal("min", required: true, in: bound), let maximum = range.decimal("max", required: true, in: bound),
                  let credit = range.decimal("credit", required: true, in: .between(.zero, .one)) else { continue }
            guard minimum <= maximum else {
                log.report(.rangeBounds(minimum: minimum.decimalString(), maximum: maximum.decimalString()), at: range.mapping["max"]!.mark)
                continue
            }
            let entry = NumberRange(minimum: minimum, maximum: maximum, credit: credit, fails: range.bool("fails") ?? false,
                                    penalty: range.decimal("penalty", in: ScorecardDecoder.penalty))
            if let overlap = ranges.first(where: { $0.range.minimum <= maximum && minimum <= $0.range.maximum }) {
                log.report(.overlappingRanges(first: overlap.mark), at: item.mark)
            }
            ranges.append((entry, item.mark))
        }
        return ranges.count == items.count ? .number(ranges: ranges.map(\.range)) : nil
    }

    private func scale(_ reader: NodeReader) -> Criterion.Kind? {
        let bounds = Bounds.between(-1_000_000, 1_000_000)
        guard let minimum = reader.integer("min", required: true, in: bounds),
              let maximum = reader.integer("max", required: true, in: bounds) else { return nil }
        guard minimum < maximum else {
            log.report(.scaleBounds(minimum: minimum, maximum: maximum), at: reader.mapping["max"]!.mark)
            return nil
        }
        return .scale(minimum: minimum, maximum: maximum, levels: levels(reader, in: minimum...maximum))
    }

    private func levels(_ reader: NodeReader, in range: ClosedRange<Int>) -> [Int: String] {
        guard let node = reader.node("levels") else { return [:] }
        guard let mapping = node.mapping else {
            log.report(.notLevels(found: node.kindDescription), at: node.mark)
            return [:]
        }
        var levels: [Int: String] = [:]
        for pair in mapping.pairs {
            guard let level = pair.key.int, range.contains(level) else {
                log.report(.levelOutOfRange(written: pair.key.string, minimum: range.lowerBound, maximum: range.upperBound), at: pair.key.mark)
                continue
            }
            guard let text = pair.value.scalar, !text.isNull else {
                log.report(.levelNotText(level: level, found: pair.value.kindDescription), at: pair.value.mark)
                continue
            }
            if levels[level] != nil {
                log.report(.levelDescribedTwice(level), at: pair.key.mark)
            }
            levels[level] = text.string
        }
        return levels
    }

    private func points(_ reader: NodeReader) -> Criterion.Kind? {
        guard let maximum = reader.decimal("max", required: true, places: 2, in: ScorecardDecoder.weight) else { return nil }
        guard maximum > .zero else {
            log.report(.pointsMaximumNotPositive, at: reader.mapping["max"]!.mark)
            return nil
        }
        return .points(maximum: maximum)
    }

    /// The options of a `choice` (at least two, with credits) or of a `select` or
    /// `multi_select` field (no credit, `fails` or `penalty`).
    private func choice(_ reader: NodeReader, isField: Bool = false, minimum: Int = 2) -> [ChoiceOption]? {
        guard let list = reader.node("options", required: true) else { return nil }
        guard let items = list.sequence?.items else {
            log.report(.notItemList(key: "options", shape: isField ? "{value, label}" : "{value, label, credit}", found: list.kindDescription), at: list.mark)
            return nil
        }
        guard items.count >= minimum else {
            log.report(.tooFewOptions(count: items.count), at: list.mark)
            return nil
        }
        var seen: [String: Mark] = [:]
        let options = items.compactMap { option($0, seen: &seen, isField: isField, type: reader.mapping["type"]?.scalar?.string ?? "") }
        return options.count == items.count ? options : nil
    }

    private func option(_ node: Node, seen: inout [String: Mark], isField: Bool, type: String) -> ChoiceOption? {
        guard let reader = NodeReader(node, context: "an option", allowedKeys: ScorecardDecoder.optionKeys, log: log),
              let value = reader.string("value", required: true), let mark = reader.mapping["value"]?.mark else { return nil }
        let key = value.lowercased()
        if key == "na" || key == "n/a" {
            log.report(.optionValueIsNA(value), at: mark)
        } else if let first = seen[key] {
            log.report(.duplicateOptionValue(value, first: first), at: mark)
        } else if type == "multi_select", value.contains(";") {
            log.report(.notOneOf(key: "value", allowed: ["a value without ';'"], found: "'\(value)'", suggestion: nil), at: mark)
        }
        seen[key] = seen[key] ?? mark
        let label = reader.string("label") ?? value
        if isField {
            for field in ["credit", "fails", "penalty"] {
                if let pair = reader.mapping.pair(field) { log.report(.scoringKeyOnField(key: field, type: type), at: pair.key.mark) }
            }
            return ChoiceOption(value: value, label: label, credit: .zero)
        }
        guard let credit = reader.decimal("credit", required: true, in: .between(.zero, .one)) else { return nil }
        return ChoiceOption(value: value, label: label, credit: credit, fails: reader.bool("fails") ?? false,
                            penalty: reader.decimal("penalty", in: ScorecardDecoder.penalty))
    }

    // MARK: Coaching and warnings

    private func coachingTip(_ reader: NodeReader) -> CoachingTip? {
        guard let node = reader.node("coaching"),
              let coaching = NodeReader(node, context: "'coaching' of a criterion", allowedKeys: ScorecardDecoder.coachingTipKeys, log: log) else {
            return nil
        }
        return CoachingTip(tip: coaching.string("tip"), resources: coaching.stringList("resources") ?? [])
    }

    private func warn(about criterion: Criterion, reader: NodeReader, named name: String) {
        let mark = reader.mapping.mark
        if !criterion.isField, criterion.guidance == nil, !reader.has("guidance") {
            log.report(.noGuidance(criterion: name), at: mark)
        }
        if case .scale(_, _, let levels) = criterion.kind, levels.isEmpty, !reader.has("levels") {
            log.report(.scaleWithoutLevels(criterion: name), at: mark)
        }
        if !criterion.isField, criterion.coaching?.tip == nil, reader.mapping["coaching"]?.mapping?["tip"] == nil {
            log.report(.noCoachingTip(criterion: name), at: mark)
        }
        if criterion.critical == .section, sectionWeight.isZero, let value = reader.mapping["critical"] {
            log.report(.criticalInUnweightedSection, at: value.mark)
        }
    }
}
