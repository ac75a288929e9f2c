/// What `score --by` groups audits by: one key, or several (`--by team,month`), each a standard
/// dimension or an audit field. With several keys there is one group per combination of values
/// (docs/aggregates.md).
public struct Grouping: Sendable, Hashable, CustomStringConvertible {
    /// The keys in the order given; never empty.
    public let dimensions: [Aggregator.Dimension]

    /// What joins the values of several keys into an aggregate's `key` (`Team A/2026-08`).
    public static let joiner = "/"

    /// Keys every audit has, whatever its file's columns.
    public static let standardKeys = ["agent", "reviewer", "scorecard", "month", "week", "date", "audit_id", "interaction_id"]

    /// The aggregate fields a key's column would collide with.
    public static let aggregateFields = ["key", "audits", "mean_score", "pass_rate", "auto_fails"]

    /// A grouping by `dimensions`, which must not be empty.
    public init(_ dimensions: [Aggregator.Dimension]) {
        precondition(!dimensions.isEmpty, "a grouping needs a key")
        self.dimensions = dimensions
    }

    /// The keys of `--by` arguments, each holding one key or several separated by commas.
    ///
    /// - Throws: every `GroupingProblem.emptyKey`, `.repeatedKey` and `.reservedKey`, in argument order.
    public init(arguments: [String]) throws(GroupingProblems) {
        var names: [String] = []
        var problems: [GroupingProblem] = []
        for argument in arguments {
            for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
                var trimmed = part.drop { $0 == " " }
                while trimmed.last == " " { trimmed = trimmed.dropLast() }
                let name = String(trimmed)
                if name.isEmpty {
                    problems.append(.emptyKey(argument: argument))
                } else if names.contains(name) {
                    problems.append(.repeatedKey(name))
                } else if Self.aggregateFields.contains(name) {
                    problems.append(.reservedKey(name))
                } else {
                    names.append(name)
                }
            }
        }
        if !problems.isEmpty || names.isEmpty { throw GroupingProblems(problems.isEmpty ? [.emptyKey(argument: "")] : problems) }
        self.init(names.map(Aggregator.Dimension.init))
    }

    /// The keys separated by commas, as `--by` takes them.
    public var description: String {
        dimensions.map(\.description).joined(separator: ",")
    }

    /// Whether there is a single key: then a row's key is the value itself, not a joined encoding.
    var isSingle: Bool { dimensions.count == 1 }

    /// The keys that no audit can have, given the field names of every record read: each with
    /// a did-you-mean drawn from the keys that exist.
    public func unknownKeys(fieldNames: Set<String>) -> [GroupingProblem] {
        let known = fieldNames.union(Self.standardKeys)
        return dimensions.map(\.description).filter { !known.contains($0) }.map {
            .unknownKey($0, suggestion: Suggestion.closest(to: $0, among: known.sorted()))
        }
    }

    /// The row key of a scored audit: the value itself for a single key (`nil` when the audit
    /// lacks the field), else every key's value (`(none)` when missing) in the joined encoding.
    func key(of scored: ScoredAudit) -> [UInt8]? {
        if isSingle {
            let key = dimensions[0].key(of: scored)
            return key == Aggregate.noValue ? nil : Array(key.utf8)
        }
        var bytes: [UInt8] = []
        for dimension in dimensions {
            var value = dimension.key(of: scored)
            value.withUTF8 { Self.appendComponent($0, to: &bytes) }
        }
        return bytes
    }

    /// Every row key of a scored audit: more than one when a key is a `multi_select` field with
    /// several values (every combination, in key order); the first is `key(of:)`.
    func keys(of scored: ScoredAudit) -> [[UInt8]?] {
        let values = dimensions.map { $0.keys(of: scored) }
        if values.allSatisfy({ $0.count == 1 }) { return [key(of: scored)] }
        if isSingle { return values[0].map { $0 == Aggregate.noValue ? nil : Array($0.utf8) } }
        var combinations: [[UInt8]] = [[]]
        for options in values {
            combinations = combinations.flatMap { prefix in
                options.map { value -> [UInt8] in
                    var bytes = prefix
                    var value = value
                    value.withUTF8 { Self.appendComponent($0, to: &bytes) }
                    return bytes
                }
            }
        }
        return combinations
    }

    /// Appends one key's value to a joined key: its length in four bytes, then its bytes; a
    /// missing value is written as `(none)`, so that it groups with the general path's.
    static func appendComponent(_ value: UnsafeBufferPointer<UInt8>?, to bytes: inout [UInt8]) {
        guard let value else {
            var none = Aggregate.noValue
            none.withUTF8 { appendComponent($0, to: &bytes) }
            return
        }
        let count = UInt32(value.count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: count >> UInt32(shift))) }
        bytes.append(contentsOf: value)
    }

    /// The values of a joined key, in key order.
    static func components(of joined: UnsafeBufferPointer<UInt8>) -> [String] {
        var values: [String] = []
        var position = 0
        while position + 4 <= joined.count {
            var count = 0
            for offset in 0..<4 { count |= Int(joined[position + offset]) << (8 * offset) }
            position += 4
            values.append(String(decoding: UnsafeBufferPointer(rebasing: joined[position..<position + count]), as: UTF8.self))
            position += count
        }
        return values
    }
}

/// A mistake in `--by`, found before or after reading the inputs.
public enum GroupingProblem: Sendable, Hashable, CustomStringConvertible {
    /// `--by ''` or `--by team,,month`.
    case emptyKey(argument: String)
    /// A key given twice (`--by team --by team`).
    case repeatedKey(String)
    /// A key named like an aggregate field, whose column would be ambiguous.
    case reservedKey(String)
    /// A key that no record read has, with the closest key that exists.
    case unknownKey(String, suggestion: String?)

    public var description: String {
        switch self {
        case .emptyKey(let argument):
            "--by '\(argument)': a key is empty; name each key once, separated by commas (--by team,month)"
        case .repeatedKey(let key):
            "--by: key '\(key)' is given twice"
        case .reservedKey(let key):
            "--by '\(key)': an aggregate column already has that name (\(Grouping.aggregateFields.joined(separator: ", ")))"
        case .unknownKey(let key, let suggestion):
            "--by '\(key)': no input has a field '\(key)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        }
    }
}

/// Every mistake found in `--by`, one per key.
public struct GroupingProblems: Error, Sendable {
    public let problems: [GroupingProblem]

    public init(_ problems: [GroupingProblem]) {
        self.problems = problems
    }
}
