import QAKitYAML

/// Reads one criterion, its type-specific keys, and the warnings a rubric author should see.
struct CriterionDecoder {
    let scorecard: ScorecardDecoder
    /// The weight of the enclosing section, for the "critical in a weight-0 section" warning.
    let sectionWeight: Rational

    private var log: DiagnosticLog { scorecard.log }

    /// The keys each type accepts beyond the common ones.
    private static let typeKeys: [String: [String]] = [
        "yes_no": [], "scale": ["min", "max", "levels"], "choice": ["options"], "points": ["max"],
    ]
    private static let typeNames = ["yes_no", "scale", "choice", "points"]

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
        let critical = reader.choice("critical", as: CriticalScope.self) ?? .none
        let criterion = Criterion(
            id: id?.id ?? "", title: title ?? "", guidance: reader.string("guidance"), kind: kind ?? .yesNo,
            weight: reader.decimal("weight", in: ScorecardDecoder.weight) ?? .one,
            allowsNA: reader.bool("na") ?? false, isRequired: reader.bool("required") ?? true,
            critical: critical, when: reader.node("when").flatMap { scorecard.condition($0, named: "when") },
            coaching: coachingTip(reader)
        )
        warn(about: criterion, reader: reader, named: name)
        return criterion
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
        if ScorecardDecoder.reservedCriterionIds.contains(id.id) {
            log.report(.reservedCriterionId(id.id), at: id.mark)
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
        for key in ["min", "max", "levels", "options"] where !extra.contains(key) {
            if let pair = reader.mapping.pair(key) {
                log.report(.keyNotForType(key: key, type: type), at: pair.key.mark)
            }
        }
        switch type {
        case "scale": return scale(reader)
        case "choice": return choice(reader)
        case "points": return points(reader)
        default: return .yesNo
        }
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

    private func choice(_ reader: NodeReader) -> Criterion.Kind? {
        guard let list = reader.node("options", required: true) else { return nil }
        guard let items = list.sequence?.items else {
            log.report(.notItemList(key: "options", shape: "{value, label, credit}", found: list.kindDescription), at: list.mark)
            return nil
        }
        guard items.count >= 2 else {
            log.report(.tooFewOptions(count: items.count), at: list.mark)
            return nil
        }
        var seen: [String: Mark] = [:]
        let options = items.compactMap { option($0, seen: &seen) }
        return options.count == items.count ? .choice(options) : nil
    }

    private func option(_ node: Node, seen: inout [String: Mark]) -> ChoiceOption? {
        guard let reader = NodeReader(node, context: "an option", allowedKeys: ScorecardDecoder.optionKeys, log: log),
              let value = reader.string("value", required: true), let mark = reader.mapping["value"]?.mark else { return nil }
        let key = value.lowercased()
        if key == "na" || key == "n/a" {
            log.report(.optionValueIsNA(value), at: mark)
        } else if let first = seen[key] {
            log.report(.duplicateOptionValue(value, first: first), at: mark)
        }
        seen[key] = seen[key] ?? mark
        guard let credit = reader.decimal("credit", required: true, in: .between(.zero, .one)) else { return nil }
        return ChoiceOption(value: value, label: reader.string("label") ?? value, credit: credit)
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
        if criterion.guidance == nil, !reader.has("guidance") {
            log.report(.noGuidance(criterion: name), at: mark)
        }
        if case .scale(_, _, let levels) = criterion.kind, levels.isEmpty, !reader.has("levels") {
            log.report(.scaleWithoutLevels(criterion: name), at: mark)
        }
        if criterion.coaching?.tip == nil, reader.mapping["coaching"]?.mapping?["tip"] == nil {
            log.report(.noCoachingTip(criterion: name), at: mark)
        }
        if criterion.critical == .section, sectionWeight.isZero, let value = reader.mapping["critical"] {
            log.report(.criticalInUnweightedSection, at: value.mark)
        }
    }
}
