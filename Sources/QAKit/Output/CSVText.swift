/// How CSV cells are written (docs/output-files.md).
public enum CSVStyle: Sendable {
    /// RFC 4180: a cell is quoted only when it holds a comma, quote or line break.
    case plain
    /// For spreadsheets (`--excel`): the file starts with a UTF-8 byte-order mark, a text cell a
    /// spreadsheet would run as a formula gets a leading `'`, and a cell holding `;` (the list
    /// separator of many locales) is quoted too.
    case spreadsheet

    /// What the file starts with: the UTF-8 byte-order mark for spreadsheets, so that Excel reads
    /// the file as UTF-8 rather than the system code page.
    public var preamble: String {
        switch self {
        case .plain: ""
        case .spreadsheet: "\u{FEFF}"
        }
    }
}

/// Writes CSV cells: the one place that knows quoting and formula neutralising, for text and
/// for the byte path of the per-audit CSV.
public enum CSVText {
    /// One cell as `style` writes it.
    public static func field(_ text: String, style: CSVStyle = .plain) -> String {
        var text = text
        var bytes: [UInt8] = []
        text.withUTF8 { append($0, to: &bytes, style: style) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One CSV line, LF-terminated.
    public static func row(_ fields: [String], style: CSVStyle = .plain) -> String {
        fields.map { field($0, style: style) }.joined(separator: ",") + "\n"
    }

    /// Appends one cell as `style` writes it: with a leading `'` when a spreadsheet would run it
    /// (`isFormula`), and quoted, with quotes doubled, only when it holds a comma, quote, line
    /// break (or, for spreadsheets, `;`). Copies bytes only: the per-audit CSV calls it per cell.
    @inline(__always)
    static func append(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], style: CSVStyle) {
        let isSpreadsheet = style == .spreadsheet
        let neutralises = isSpreadsheet && isFormula(text)
        var needsQuotes = false
        for byte in text where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
            || (isSpreadsheet && byte == UInt8(ascii: ";")) {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            if neutralises { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: text)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if neutralises { bytes.append(UInt8(ascii: "'")) }
        for byte in text {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether a spreadsheet would take the cell for a formula: it starts with `=`, `+`, `-`,
    /// `@`, tab or carriage return (OWASP's list), and is not a decimal number such as `-3.5`.
    static func isFormula(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "-"): return !isDecimalNumber(text)
        default: return false
        }
    }

    /// `-?[0-9]+(\.[0-9]+)?`: a number as qakit writes them (`-3.5`, `85.00`), which a
    /// spreadsheet reads as that number and nothing else.
    static func isDecimalNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = text.first == UInt8(ascii: "-") ? 1 : 0
        func digits() -> Int {
            let start = index
            while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        guard digits() > 0 else { return false }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        return index == text.count
    }
}
