/// Writes CSV fields per RFC 4180: quoted only when they hold a delimiter, quote or line break.
public enum CSVText {
    public static func field(_ text: String) -> String {
        guard needsQuotes(text) else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "\""
    }

    static func needsQuotes(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }

    /// Appends `text` as one field (as `field` writes it) to `line`.
    static func append(_ text: String, to line: inout String) {
        if needsQuotes(text) { line += field(text) } else { line += text }
    }

    /// One CSV line, LF-terminated.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
