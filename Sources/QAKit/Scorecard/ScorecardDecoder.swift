import QAKitYAML

/// Turns one file's node tree into a `Scorecard`, reporting every problem to a log.
///
/// The YAML keys and their defaults are spelled here and nowhere else; `docs/scorecards.md`
/// documents the same table.
struct ScorecardDecoder {
    let log: DiagnosticLog
    /// Where sections and criteria are written, filled while decoding.
    let lines = LineLog()
    /// The items decoded so far, for conditions on answers (docs/scorecards.md).
    let conditions = ConditionResolver()

    /// Collects `ScorecardLines` as the decoder goes (a class: the decoders are values that
    /// hand it to each other).
    final class LineLog {
        var lines = ScorecardLines()

        static func item(_ mapping: Node.Mapping) -> ScorecardLines.ItemLines {
            var keys: [String: Int] = [:]
            for pair in mapping.pairs { keys[pair.key.string] = pair.key.mark.line }
            return ScorecardLines.ItemLines(line: mapping.mark.line, keys: keys)
        }
    }

    static let scorecardKeys = [
        "scorecard", "title", "version", "effective_from", "description", "applies_to", "passing_score", "bands",
        "na_policy", "critical_policy", "scoring", "calibration", "coaching", "sections",
    ]
    static let sectionKeys = ["id", "title", "weight", "bonus", "criteria", "when", "unless"]
    static let criterionKeys = [
        "id", "title", "guidance", "type", "weight", "na", "required", "critical", "when", "unless", "coaching",
        "min", "max", "levels", "options", "ranges", "na_policy", "critical_below", "penalty",
    ]
    static let bandKeys = ["name", "min"]
    static let optionKeys = ["value", "label", "credit", "fails", "penalty"]
    static let rangeKeys = ["min", "max", "credit", "fails", "penalty"]
    /// A penalty: 0 < P ≤ 1000 points, at most 4 decimals (docs/scoring.md, rule 8).
    static let penalty = Bounds.between(Rational(1, 10_000), Rational(1000))
    static let calibrationKeys = ["tolerance", "min_alpha"]
    static let coachingSettingsKeys = ["focus_areas", "min_audits", "target_gain", "review_after_days", "min_team_size", "kpi_targets"]
    static let kpiBoundKeys = ["min", "max"]
    static let coachingTipKeys = ["tip", "resources"]
    /// Audit fields that a criterion id would shadow in a CSV header.
    static let reservedCriterionIds: Set = [
        "audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "scorecard_version", "calibration", "comment",
        "answers", "comments",
    ]

    static let percent = Bounds.between(Rational.zero, Rational.hundred)
    /// Weights and point maximums stay below a million so that exact sums cannot overflow.
    static let weight = Bounds.between(Rational.zero, Rational(1_000_000))

    /// Where a scorecard's identity is written, for the checks across files (docs/versions.md).
    struct Marks {
        var id: Mark
        var version: Mark
        var effectiveFrom: Mark?
    }

    /// The scorecard and where its identity is written, or `nil` when the root is unusable.
    func scorecard(from root: Node) -> (scorecard: Scorecard, marks: Marks)? {
        guard let reader = NodeReader(root, context: "the scorecard", allowedKeys: Self.scorecardKeys, log: log) else {
            return nil
        }
        let id = reader.identifier("scorecard")
        let title = reader.string("title", required: true)
        let version = reader.integer("version", required: true, in: .atLeast(1))
        let effectiveFrom = self.effectiveFrom(reader)
        let sections = self.sections(reader)
        var scorecard = Scorecard(
            id: id?.id ?? "", title: title ?? "", version: version ?? 1,
            description: reader.string("description"),
            appliesTo: reader.node("applies_to").flatMap { condition($0, named: "applies_to") },
            passingScore: reader.decimal("passing_score", in: Self.percent),
            bands: bands(reader),
            naPolicy: reader.choice("na_policy", as: NAPolicy.self) ?? .exclude,
            criticalPolicy: reader.choice("critical_policy", as: CriticalPolicy.self) ?? .zero,
            calibration: calibration(reader), coaching: coachingSettings(reader),
            sections: sections, file: log.file, effectiveFrom: effectiveFrom
        )
        scorecard.scoring = reader.choice("scoring", as: ScoringMode.self) ?? .sections
        let idMark = id?.mark ?? root.mark
        lines.lines.scorecard = LineLog.item(reader.mapping)
        scorecard.lines = lines.lines
        conditions.checkLaterItems(scorecard: scorecard, log: log)
        return (scorecard, Marks(id: idMark, version: reader.mapping["version"]?.mark ?? idMark,
                                 effectiveFrom: effectiveFrom == nil ? nil : reader.mapping["effective_from"]?.mark))
    }

    /// `effective_from`: a plain `YYYY-MM-DD` naming a real day (no time: a version applies to
    /// whole days).
    private func effectiveFrom(_ reader: NodeReader) -> CalendarDate? {
        guard let node = reader.node("effective_from") else { return nil }
        guard let text = node.scalar?.string, !(node.scalar?.isNull ?? true), text.utf8.count == 10,
              let date = CalendarDate.parse(text) else {
            log.report(.invalidEffectiveFrom(found: node.kindDescription), at: node.mark)
            return nil
        }
        return date
    }

    // MARK: Scorecard-level settings

    private func bands(_ reader: NodeReader) -> [Band] {
        guard let list = reader.node("bands") else { return [] }
        guard let items = list.sequence?.items else {
            log.report(.notItemList(key: "bands", shape: "{name, min}", found: list.kindDescription), at: list.mark)
            return []
        }
        var bands: [Band] = []
        var names: [String: Mark] = [:]
        var minimums: [Rational: Mark] = [:]
        for item in items {
            guard let band = NodeReader(item, context: "a band", allowedKeys: Self.bandKeys, log: log) else { continue }
            guard let name = band.string("name", required: true), let minimum = band.decimal("min", required: true, in: Self.percent) else { continue }
            if let first = names[name] {
                log.report(.duplicateBandName(name, first: first), at: band.mapping["name"]!.mark)
            } else if let first = minimums[minimum] {
                log.report(.duplicateBandMinimum(minimum.decimalString(), first: first), at: band.mapping["min"]!.mark)
            }
            names[name] = names[name] ?? band.mapping["name"]!.mark
            minimums[minimum] = minimums[minimum] ?? band.mapping["min"]!.mark
            bands.append(Band(name: name, minimum: minimum))
        }
        return bands
    }

    private func calibration(_ reader: NodeReader) -> CalibrationSettings {
        let defaults = CalibrationSettings()
        guard let node = reader.node("calibration"),
              let settings = NodeReader(node, context: "'calibration'", allowedKeys: Self.calibrationKeys, log: log) else {
            return defaults
        }
        let alpha = settings.decimal("min_alpha", in: .between(.zero, .one))
        return CalibrationSettings(
            tolerance: settings.decimal("tolerance", in: Self.percent) ?? defaults.tolerance,
            minimumAlpha: alpha?.doubleValue ?? defaults.minimumAlpha
        )
    }

    private func coachingSettings(_ reader: NodeReader) -> CoachingSettings {
        let defaults = CoachingSettings()
        guard let node = reader.node("coaching"),
              let settings = NodeReader(node, context: "'coaching'", allowedKeys: Self.coachingSettingsKeys, log: log) else {
            return defaults
        }
        return CoachingSettings(
            focusAreas: settings.integer("focus_areas", in: .atLeast(1)) ?? defaults.focusAreas,
            minimumAudits: settings.integer("min_audits", in: .atLeast(1)) ?? defaults.minimumAudits,
            targetGain: settings.decimal("target_gain", in: Self.percent) ?? defaults.targetGain,
            reviewAfterDays: settings.integer("review_after_days", in: .atLeast(1)) ?? defaults.reviewAfterDays,
            minimumTeamSize: settings.integer("min_team_size", in: .atLeast(1)) ?? defaults.minimumTeamSize,
            kpiTargets: kpiTargets(settings)
        )
    }

    /// `coaching.kpi_targets`: KPI name → a number, or `{min: n}` / `{max: n}` (docs/coaching.md).
    /// A bare number is a minimum for a KPI where higher is better and a maximum for durations
    /// and the reopen rate.
    private func kpiTargets(_ settings: NodeReader) -> [KPITarget] {
        let names = KPIMeasure.allCases.map(\.rawValue)
        guard let node = settings.node("kpi_targets"),
              let targets = NodeReader(node, context: "'coaching.kpi_targets' (KPIs: \(names.joined(separator: ", ")))", allowedKeys: names, log: log)
        else { return [] }
        return targets.mapping.pairs.compactMap { pair -> KPITarget? in
            guard let measure = KPIMeasure(rawValue: pair.key.string) else { return nil }
            let range: Bounds<Rational> = measure.isDuration ? .atLeast(.zero)
                : measure == .nps ? .between(Rational(-100), .hundred) : .between(.zero, .one)
            let key = "kpi_targets.\(measure.rawValue)"
            guard pair.value.mapping != nil else {
                return NodeReader.decimal(pair.value, named: key, places: 4, in: range, log: log).map {
                    KPITarget(measure: measure, bound: measure.isLowerBetter ? .max : .min, value: $0)
                }
            }
            guard let bound = NodeReader(pair.value, context: "'\(key)'", allowedKeys: Self.kpiBoundKeys, log: log) else { return nil }
            guard bound.has("min") != bound.has("max") else {
                log.report(.kpiTargetBound(key: key, both: bound.has("min")), at: pair.value.mark)
                return nil
            }
            let side: KPITarget.Bound = bound.has("min") ? .min : .max
            return bound.node(side.rawValue).flatMap { NodeReader.decimal($0, named: "\(key).\(side.rawValue)", places: 4, in: range, log: log) }
                .map { KPITarget(measure: measure, bound: side, value: $0) }
        }
    }

    /// A `when` or `unless` of a section or criterion: keys naming an item decoded so far become
    /// conditions on its answer, checked against what it can take; the others stay audit fields
    /// until `ConditionResolver.checkLaterItems` checks they name no later item.
    func itemCondition(_ node: Node, named name: String, isSection: Bool) -> Condition? {
        guard var condition = condition(node, named: name) else { return nil }
        let pairs = node.mapping?.pairs ?? []
        for index in condition.clauses.indices {
            guard let pair = pairs.first(where: { $0.key.string == condition.clauses[index].field }) else { continue }
            if let item = conditions.resolve(pair.key.string, values: condition.clauses[index].values, valueNodes: pair.value.sequence?.items ?? [],
                                              key: "\(name).\(pair.key.string)", log: log) {
                condition.clauses[index].item = item
            } else {
                conditions.pending.append(.init(key: "\(name).\(pair.key.string)", field: pair.key.string, mark: pair.key.mark,
                                                position: conditions.items.count, isSection: isSection))
            }
        }
        return condition
    }

    /// A `when` or `applies_to` mapping: audit field → list of accepted values.
    func condition(_ node: Node, named name: String) -> Condition? {
        guard let mapping = node.mapping else {
            log.report(.notCondition(name: name, found: node.kindDescription), at: node.mark)
            return nil
        }
        guard !mapping.pairs.isEmpty else {
            log.report(.conditionWithoutFields(name: name), at: node.mark)
            return nil
        }
        var clauses: [Condition.Clause] = []
        for pair in mapping.pairs {
            guard let values = NodeReader.stringList(pair.value, named: "'\(pair.key.string)' in '\(name)'", log: log) else { continue }
            guard !values.isEmpty else {
                log.report(.conditionWithoutValues(field: pair.key.string, name: name), at: pair.value.mark)
                continue
            }
            clauses.append(Condition.Clause(field: pair.key.string, values: values))
        }
        return Condition(clauses: clauses)
    }

    // MARK: Sections

    private func sections(_ reader: NodeReader) -> [Section] {
        guard let list = reader.node("sections", required: true) else { return [] }
        guard let items = list.sequence?.items, !items.isEmpty else {
            log.report(.emptyList(key: "sections", noun: "section", found: list.kindDescription), at: list.mark)
            return []
        }
        var sectionIds: [String: Mark] = [:]
        var criterionIds: [String: Mark] = [:]
        return items.compactMap { item in
            section(item, sectionIds: &sectionIds, criterionIds: &criterionIds)
        }
    }

    private func section(_ node: Node, sectionIds: inout [String: Mark], criterionIds: inout [String: Mark]) -> Section? {
        let name = node.mapping?["id"]?.scalar.map { "section '\($0.string)'" } ?? "a section"
        guard let reader = NodeReader(node, context: name, allowedKeys: Self.sectionKeys, log: log) else { return nil }
        let id = reader.identifier("id")
        if let id {
            Self.checkUnique(id, kind: "section", seen: &sectionIds, log: log)
            lines.lines.sections[id.id] = LineLog.item(reader.mapping)
        }
        let title = reader.string("title", required: true)
        let weight = reader.decimal("weight", in: Self.weight) ?? .one
        let when = reader.node("when").flatMap { itemCondition($0, named: "when", isSection: true) }
        let unless = reader.node("unless").flatMap { itemCondition($0, named: "unless", isSection: true) }
        let criteria = self.criteria(reader, sectionWeight: weight, criterionIds: &criterionIds)
        return Section(id: id?.id ?? "", title: title ?? "", weight: weight, isBonus: reader.bool("bonus") ?? false, criteria: criteria,
                       when: when, unless: unless)
    }

    private func criteria(_ reader: NodeReader, sectionWeight: Rational, criterionIds: inout [String: Mark]) -> [Criterion] {
        guard let list = reader.node("criteria", required: true) else { return [] }
        guard let items = list.sequence?.items, !items.isEmpty else {
            log.report(.emptyList(key: "criteria", noun: "criterion", found: list.kindDescription), at: list.mark)
            return []
        }
        let decoder = CriterionDecoder(scorecard: self, sectionWeight: sectionWeight)
        return items.compactMap { decoder.criterion($0, ids: &criterionIds) }
    }

    /// Reports `id` when an earlier one of the same kind had it, ignoring case.
    static func checkUnique(_ id: (id: String, mark: Mark), kind: String, seen: inout [String: Mark], log: DiagnosticLog) {
        let key = id.id.lowercased()
        if let first = seen[key] {
            log.report(.duplicateId(kind: kind, id: id.id, first: first), at: id.mark)
        } else {
            seen[key] = id.mark
        }
    }
}
