/// Text made safe for the XML parts of a workbook.
enum XMLText {
    /// `text` with `&`, `<`, `>` and `"` escaped, for element content and attribute values
    /// alike. Control characters other than tab, line feed and carriage return cannot appear in
    /// XML 1.0 at all, even escaped; each becomes U+FFFD (docs/spreadsheets.md).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
