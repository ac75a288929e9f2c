import QAKitYAML

/// Reads one YAML mapping with a fixed set of keys, reporting every problem to a log.
///
/// Each accessor returns `nil` both when the key is absent and when its value is invalid (after
/// reporting it), so a wrong type never falls back to a default: the caller's default applies
/// only to absent keys, and the scorecard is rejected anyway when anything was reported.
struct NodeReader {
    let mapping: Node.Mapping
    /// How the mapping is named in messages: "section 'opening'", "the scorecard".
    let context: String
    let log: DiagnosticLog

    /// A reader for `node`, or `nil` (after reporting) when `node` is not a mapping.
    ///
    /// Keys outside `allowedKeys` are reported at once, with a did-you-mean hint.
    init?(_ node: Node, context: String, allowedKeys: [String], log: DiagnosticLog) {
        guard let mapping = node.mapping else {
            log.report(.notMapping(context: context, found: node.kindDescription), at: node.mark)
            return nil
        }
        self.mapping = mapping
        self.context = context
        self.log = log
        for pair in mapping.pairs where !allowedKeys.contains(pair.key.string) {
            let suggestion = Suggestion.closest(to: pair.key.string, among: allowedKeys)
            log.report(.unknownKey(pair.key.string, context: context, suggestion: suggestion), at: pair.key.mark)
        }
    }

    /// Whether `key` is present, whatever its value.
    func has(_ key: String) -> Bool { mapping.pair(key) != nil }

    /// The value of `key`, reporting it as missing when it is required and absent.
    func node(_ key: String, required: Bool = false) -> Node? {
        if let value = mapping[key] { return value }
        if required { log.report(.missingKey(key, context: context), at: mapping.mark) }
        return nil
    }

    /// A non-empty text value; numbers written plain are accepted as text (`title: 2024`).
    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key, required: required) else { return nil }
        guard let scalar = value.scalar, !scalar.isNull else {
            log.report(.notText(key: key, found: value.kindDescription), at: value.mark)
            return nil
        }
        guard !scalar.string.allSatisfy(\.isWhitespace) else {
            log.report(.emptyText(key: key), at: value.mark)
            return nil
        }
        return scalar.string
    }

    /// An id matching `[A-Za-z0-9][A-Za-z0-9_.-]*`, at most 64 characters.
    func identifier(_ key: String, required: Bool = true) -> (id: String, mark: Mark)? {
        guard let text = string(key, required: required), let mark = mapping[key]?.mark else { return nil }
        guard Identifier.isValid(text) else {
            log.report(.invalidIdentifier(key: key, value: text), at: mark)
            return nil
        }
        return (text, mark)
    }

    /// `true` or `false`; YAML 1.1 spellings such as `yes` are reported, never converted.
    func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        if let bool = value.scalar?.bool { return bool }
        log.report(.notBoolean(key: key, found: value.kindDescription), at: value.mark)
        return nil
    }

    /// An integer in `range`.
    func integer(_ key: String, required: Bool = false, in range: Bounds<Int>) -> Int? {
        guard let value = node(key, required: required) else { return nil }
        guard let int = value.scalar?.int else {
            log.report(.notWholeNumber(key: key, found: value.kindDescription, isQuotedNumber: Self.isQuotedNumber(value)), at: value.mark)
            return nil
        }
        guard range.contains(int) else {
            log.report(.outOfRange(key: key, allowed: range.phrase, found: String(int)), at: value.mark)
            return nil
        }
        return int
    }

    /// A decimal with at most `places` decimal places, within `range` when one is given.
    func decimal(_ key: String, required: Bool = false, places: Int = 4, in range: Bounds<Rational>?) -> Rational? {
        guard let value = node(key, required: required) else { return nil }
        return Self.decimal(value, named: key, places: places, in: range, log: log)
    }

    /// A decimal read from any node, for values that are not under a key of this reader.
    static func decimal(_ value: Node, named name: String, places: Int, in range: Bounds<Rational>?, log: DiagnosticLog) -> Rational? {
        guard let scalar = value.scalar, scalar.isPlain || scalar.tag == "int" || scalar.tag == "float",
              let (number, written) = Rational.parseDecimal(scalar.string) else {
            log.report(.notNumber(key: name, found: value.kindDescription, isQuotedNumber: isQuotedNumber(value)), at: value.mark)
            return nil
        }
        guard written <= places else {
            log.report(.tooManyDecimals(key: name, written: scalar.string, places: written, limit: places), at: value.mark)
            return nil
        }
        if let range, !range.contains(number) {
            log.report(.outOfRange(key: name, allowed: range.phrase, found: scalar.string), at: value.mark)
            return nil
        }
        return number
    }

    /// One of an enumeration's raw values, with a did-you-mean hint for a near miss.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, required: Bool = false, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let value = node(key, required: required) else { return nil }
        let names = Value.allCases.map(\.rawValue)
        guard let scalar = value.scalar, let result = Value(rawValue: scalar.string) else {
            let suggestion = value.scalar.flatMap { Suggestion.closest(to: $0.string, among: names) }
            log.report(.notOneOf(key: key, allowed: names, found: value.kindDescription, suggestion: suggestion), at: value.mark)
            return nil
        }
        return result
    }

    /// A list of non-empty texts; a single text is reported with a hint to wrap it in brackets.
    func stringList(_ key: String) -> [String]? {
        guard let value = node(key) else { return nil }
        return Self.stringList(value, named: "'\(key)'", log: log)
    }

    /// A list of non-empty texts read from any node.
    static func stringList(_ value: Node, named name: String, log: DiagnosticLog) -> [String]? {
        guard let sequence = value.sequence else {
            let single = value.scalar.flatMap { $0.isNull ? nil : $0.string }
            log.report(.notTextList(name: name, found: value.kindDescription, singleValue: single), at: value.mark)
            return nil
        }
        var strings: [String] = []
        for item in sequence.items {
            guard let scalar = item.scalar, !scalar.isNull, !scalar.string.isEmpty else {
                log.report(.notTextInList(name: name, found: item.kindDescription), at: item.mark)
                return nil
            }
            strings.append(scalar.string)
        }
        return strings
    }

    /// Whether `value` is a number in quotes, which makes it text.
    private static func isQuotedNumber(_ value: Node) -> Bool {
        guard let scalar = value.scalar, !scalar.isPlain else { return false }
        return Rational.parseDecimal(scalar.string) != nil
    }

}

/// The values a number may take: at least `lower`, and at most `upper` when there is one.
struct Bounds<Value: Comparable & Sendable>: Sendable {
    var lower: Value
    var upper: Value?

    static func atLeast(_ lower: Value) -> Bounds { Bounds(lower: lower, upper: nil) }
    static func between(_ lower: Value, _ upper: Value) -> Bounds { Bounds(lower: lower, upper: upper) }

    func contains(_ value: Value) -> Bool {
        value >= lower && upper.map { value <= $0 } ?? true
    }
}

extension Bounds where Value == Int {
    /// "at least 1", "between 0 and 100".
    var phrase: String { upper.map { "between \(lower) and \($0)" } ?? "at least \(lower)" }
}

extension Bounds where Value == Rational {
    /// "at least 0", "between 0 and 1", in decimals.
    var phrase: String {
        let low = lower.decimalString()
        return upper.map { "between \(low) and \($0.decimalString())" } ?? "at least \(low)"
    }
}

/// The spelling rule shared by scorecard, section and criterion ids.
enum Identifier {
    /// Whether `text` matches `[A-Za-z0-9][A-Za-z0-9_.-]*` and has at most 64 characters
    /// (docs/scorecards.md, "Ids").
    static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isAlphanumeric(first), text.unicodeScalars.count <= 64 else { return false }
        return text.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" || $0 == "." }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
