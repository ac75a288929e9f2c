/// A JSON-shaped value with ordered object members: what `coach --format json` writes and what a
/// `--template` renders over, built once so that the two can never disagree.
public enum StructuredValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Written with `JSONText.number`: full double precision, integers without a point.
    case number(Double)
    case string(String)
    case array([StructuredValue])
    /// Members in the order they are written.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: StructuredValue

        public init(_ key: String, _ value: StructuredValue) {
            self.key = key
            self.value = value
        }
    }

    /// An exact figure as a double, or `null`.
    public static func number(_ value: Rational?) -> StructuredValue {
        value.map { .number($0.doubleValue) } ?? .null
    }

    /// A string, or `null`.
    public static func string(_ value: String?) -> StructuredValue {
        value.map { .string($0) } ?? .null
    }

    /// The value of member `key`, when this is an object that has one.
    public subscript(key: String) -> StructuredValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// Compact JSON text when `indent` is `nil`, else pretty-printed with `indent` spaces per level.
    public func json(indent: Int? = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += JSONText.bool(value)
        case .number(let value): out += JSONText.number(value)
        case .string(let value): out += JSONText.string(value)
        case .array(let items):
            writeList(items.map { item in { (out: inout String) in item.write(into: &out, indent: indent, level: level + 1) } },
                      open: "[", close: "]", into: &out, indent: indent, level: level)
        case .object(let members):
            writeList(members.map { member in { (out: inout String) in
                out += JSONText.string(member.key) + ": "
                member.value.write(into: &out, indent: indent, level: level + 1)
            } }, open: "{", close: "}", into: &out, indent: indent, level: level)
        }
    }

    private func writeList(_ items: [(inout String) -> Void], open: String, close: String,
                           into out: inout String, indent: Int?, level: Int) {
        guard !items.isEmpty else { out += open + close; return }
        out += open
        for (index, item) in items.enumerated() {
            if index > 0 { out += indent == nil ? ", " : "," }
            if let indent { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
            item(&out)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
        out += close
    }
}
