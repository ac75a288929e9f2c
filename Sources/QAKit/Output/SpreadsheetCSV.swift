/// CSV cells that a spreadsheet opens safely (docs/output.md, "CSV for spreadsheets"): a cell
/// that a spreadsheet would run as a formula gets a leading `'`, as OWASP recommends
/// (https://owasp.org/www-community/attacks/CSV_Injection); a decimal number is left as it is.
public enum SpreadsheetCSV {
    /// The UTF-8 byte-order mark, so that Excel reads the file as UTF-8.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `text` as one RFC 4180 field, neutralised: a leading `=`, `+`, `-`, `@`, tab or carriage
    /// return gets a `'` in front unless the whole cell is a decimal number (`-3.5` stays).
    public static func cell(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        append(text, to: &bytes)
        return bytes
    }

    /// Appends `cell(text)` to `bytes`.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if let first = utf8.first, isFormulaStart(first), !isDecimalNumber(utf8) { bytes.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
        } else {
            bytes.append(contentsOf: utf8)
        }
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
    }

    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    /// `-?digits(.digits)?`: the numbers qakit itself writes, which must stay numbers.
    static func isDecimalNumber(_ utf8: String.UTF8View) -> Bool {
        var index = utf8.startIndex
        if index != utf8.endIndex, utf8[index] == UInt8(ascii: "-") { index = utf8.index(after: index) }
        var digits = 0
        var seenPoint = false
        var digitsAfterPoint = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if seenPoint { digitsAfterPoint += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return false
            }
            index = utf8.index(after: index)
        }
        return digits > 0 && (!seenPoint || digitsAfterPoint > 0)
    }
}
