import QAKitYAML

/// Turns `when`/`unless` keys that name an item of the same scorecard into conditions on its
/// answer (docs/scorecards.md, "Conditions on answers"), and reports keys that name an item that
/// is not above the condition. A class: the section and criterion decoders share one.
final class ConditionResolver {
    /// A criterion or field decoded so far, in `Scorecard.criteria` order.
    struct Item {
        var id: String
        var kind: Criterion.Kind
        var allowsNA: Bool
    }

    /// A key that named no item decoded so far: an audit field, unless a later item has its name.
    struct Pending {
        var key: String
        var field: String
        var mark: Mark
        /// How many items were decoded when the condition was read.
        var position: Int
        var isSection: Bool
    }

    var items: [Item] = []
    var pending: [Pending] = []

    /// The position of the item `field` names (ignoring case), after checking that every listed
    /// value is one the item can take; `nil` when no item decoded so far has that name.
    func resolve(_ field: String, values: [String], valueNodes: [Node], key: String, log: DiagnosticLog) -> Int? {
        let name = field.lowercased()
        guard let index = items.firstIndex(where: { $0.id.lowercased() == name }) else { return nil }
        let item = items[index]
        for (offset, value) in values.enumerated() {
            guard let problem = Self.problem(with: value, for: item) else { continue }
            let mark = offset < valueNodes.count ? valueNodes[offset].mark : valueNodes.first?.mark
            if let mark {
                log.report(.conditionValueNotPossible(key: key, value: value, expected: problem.expected, suggestion: problem.suggestion), at: mark)
            }
        }
        return index
    }

    /// Reports each pending key that names an item decoded later (or the item itself).
    func checkLaterItems(scorecard: Scorecard, log: DiagnosticLog) {
        let ids = scorecard.criteria.map(\.criterion.id)
        for entry in pending {
            let name = entry.field.lowercased()
            guard let later = ids.firstIndex(where: { $0.lowercased() == name }) else { continue }
            let line = scorecard.lines.criteria[ids[later]]?.line ?? 0
            log.report(.conditionOnLaterItem(key: entry.key, item: ids[later], line: line, isSection: entry.isSection), at: entry.mark)
        }
    }

    /// Why `value` can never be the normalised answer of `item`, or `nil` when it can.
    private static func problem(with value: String, for item: Item) -> (expected: String, suggestion: String?)? {
        let lowered = value.lowercased()
        if lowered == "na" {
            return item.allowsNA ? nil : ("a value the item can take; it does not allow N/A (na: true)", nil)
        }
        func among(_ words: [String]) -> (expected: String, suggestion: String?)? {
            if words.contains(where: { $0.lowercased() == lowered }) { return nil }
            return ("one of " + words.map { "'\($0)'" }.joined(separator: ", "), Suggestion.closest(to: value, among: words))
        }
        switch item.kind {
        case .yesNo:
            return among(["yes", "no"])
        case .scale(let minimum, let maximum, _):
            if let number = Int(value), (minimum...maximum).contains(number), String(number) == value { return nil }
            return ("a whole number from \(minimum) to \(maximum)", nil)
        case .choice(let options), .select(let options), .multiSelect(let options):
            return among(options.map(\.value))
        case .points(let maximum):
            if let (number, _) = Rational.parseDecimal(value), number >= .zero, number <= maximum,
               number.decimalString(maximumPlaces: 2) == value { return nil }
            return ("a number from 0 to \(maximum.decimalString()) in its shortest form (7.5, not 7.50)", nil)
        case .number(let ranges):
            guard let (number, _) = Rational.parseDecimal(value), number.decimalString(maximumPlaces: Criterion.numberPlaces) == value else {
                return ("a number in its shortest form (7.5, not 7.50)", nil)
            }
            if ranges.isEmpty || ranges.contains(where: { $0.contains(number) }) { return nil }
            return ("a number inside one of the item's ranges", nil)
        case .date:
            return value.utf8.count == 10 && CalendarDate.parse(value) != nil ? nil : ("a date written YYYY-MM-DD", nil)
        case .text:
            return nil
        }
    }
}
