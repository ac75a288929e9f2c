/// Writes JSON text by hand, so field order is fixed and numbers keep their exact decimals.
public enum JSONText {
    /// A JSON string literal, escaping quotes, backslashes and control characters (RFC 8259).
    public static func string(_ text: String) -> String {
        // Most text needs no escape: no quote, backslash, control character, U+2028 or U+2029
        // (UTF-8 E2 80 A8/A9, the only sequences with a lead byte E2 that matter here).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            var out = "\""
            out.reserveCapacity(text.utf8.count + 2)
            out += text
            out += "\""
            return out
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A string literal or `null`.
    public static func string(_ text: String?) -> String {
        text.map { string($0) } ?? "null"
    }

    /// `true`, `false` or `null`.
    public static func bool(_ value: Bool?) -> String {
        value.map { $0 ? "true" : "false" } ?? "null"
    }

    /// A score with exactly two decimals (`85.00`), or `null`.
    public static func score(_ value: Rational?) -> String {
        value?.formatted() ?? "null"
    }

    /// An unrounded figure at full double precision, or `null` (also for non-finite values).
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `{"a": 1, …}` from ordered, already-encoded members.
    public static func object(_ members: [(String, String)]) -> String {
        var out = "{"
        out.reserveCapacity(members.reduce(2) { $0 + $1.0.utf8.count + $1.1.utf8.count + 6 })
        for (index, member) in members.enumerated() {
            if index > 0 { out += ", " }
            out += string(member.0)
            out += ": "
            out += member.1
        }
        out += "}"
        return out
    }

    /// `[a, b]` from already-encoded items.
    public static func array(_ items: [String]) -> String {
        var out = "["
        out.reserveCapacity(items.reduce(2) { $0 + $1.utf8.count + 2 })
        for (index, item) in items.enumerated() {
            if index > 0 { out += ", " }
            out += item
        }
        out += "]"
        return out
    }
}
