/// Writes JSON text by hand, so field order is fixed and numbers keep their exact decimals.
public enum JSONText {
    /// A JSON string literal, escaping quotes, backslashes and control characters (RFC 8259).
    public static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `string(text)` as UTF-8. Quote, backslash, `\n`, `\r`, `\t`, `\b` and `\f` get
    /// their short escapes; other control characters and U+2028/U+2029 (line breaks to
    /// JavaScript) get `\u` with four lower-case hex digits.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            var plainStart = 0
            while index < utf8.count {
                let byte = utf8[index]
                let escape: StaticString?
                var length = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                case 0x00..<0x20: escape = nil
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                if let escape {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                } else {
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes += Array("\\u00".utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
                index += length
                plainStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
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
