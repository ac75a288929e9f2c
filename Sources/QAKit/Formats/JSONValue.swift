/// A JSON value as RFC 8259 defines it, keeping what a checker needs to report faithfully.
///
/// Objects keep their members in source order (duplicate keys are rejected by the parser), and
/// numbers keep their exact source text, so that `0.1`, `1e2` or a 30-digit id are never rounded
/// through binary floating point; the consumer decides how to read them.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number's source text, already checked against the RFC 8259 grammar (for example `-0`,
    /// `12.50`, `1E+3`).
    case number(String)
    /// A string with its escapes decoded; it may contain any scalar, NUL included (from `\u0000`).
    case string(String)
    /// Elements in source order.
    case array([JSONValue])
    /// Members in source order; keys are unique.
    case object([Member])

    /// One `"key": value` pair of an object.
    public struct Member: Sendable, Hashable {
        /// The decoded key.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// Creates a member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the member named `key` when this is an object; `nil` for a missing key or a
    /// value that is not an object. A linear search: audit records have few members.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The JSON type name (`object`, `array`, `string`, `number`, `boolean`, `null`), for
    /// messages such as "expected a string, found a number".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue {
    /// Whether the value is a string, number or boolean (not null, a list or an object).
    var isScalarText: Bool { scalarText != nil }

    /// A string, number or boolean as text, as audits read them; `nil` otherwise.
    var scalarText: String? {
        switch self {
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text), .string(let text): text
        case .null, .array, .object: nil
        }
    }
}
