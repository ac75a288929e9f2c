/// Which cell styles (`s="…"`, an index into `cellXfs` of `xl/styles.xml`) show numbers as dates.
struct CellStyles {
    /// Per `cellXfs` index: whether its number format is a date format.
    private var isDateStyle: [Bool] = []

    init() {}

    init(_ xml: XMLTokenizer) throws(SpreadsheetError) {
        var customDateFormats: Set<Int> = []
        var customFormats: Set<Int> = []
        var formatIDs: [Int] = []
        var isInCellFormats = false
        while let token = try xml.next() {
            switch token {
            case .start(let isSelfClosing):
                if xml.isNamed("numFmt"), let id = try xml.attribute("numFmtId").flatMap({ Int($0) }) {
                    customFormats.insert(id)
                    if Self.isDateFormat(code: try xml.attribute("formatCode") ?? "") { customDateFormats.insert(id) }
                } else if xml.isNamed("cellXfs") {
                    isInCellFormats = !isSelfClosing
                } else if xml.isNamed("xf"), isInCellFormats {
                    formatIDs.append(try xml.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                }
            case .end:
                if xml.isNamed("cellXfs") { isInCellFormats = false }
            case .text:
                break
            }
        }
        isDateStyle = formatIDs.map { id in
            customFormats.contains(id) ? customDateFormats.contains(id) : Self.builtInDateFormats.contains(id)
        }
    }

    /// Whether a number in style `index` shows as a date (no style, or an unknown one, does not).
    func isDate(style index: Int) -> Bool {
        index >= 0 && index < isDateStyle.count && isDateStyle[index]
    }

    /// ECMA-376 part 1, 18.8.30: 14–17 and 22 are dates (22 with a time), 18–21 and 45–47 times.
    /// Times are included as the format list of docs/spreadsheets.md says: a time-only cell
    /// then reads as a day near 1899-12-30, which the `date` field shows rather than hides.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47)

    /// Whether a custom format code shows a date: it has `d`, `m` or `y` outside quoted text
    /// (`"…"`), brackets (`[Red]`, `[$-409]`), and escaped (`\x`) or fill/pad (`*x`, `_x`) characters.
    static func isDateFormat(code: String) -> Bool {
        var isQuoted = false
        var isBracketed = false
        var skipsNext = false
        for character in code.lowercased() {
            if skipsNext {
                skipsNext = false
                continue
            }
            switch character {
            case "\"" where !isBracketed: isQuoted.toggle()
            case _ where isQuoted: continue
            case "[": isBracketed = true
            case "]": isBracketed = false
            case _ where isBracketed: continue
            case "\\", "*", "_": skipsNext = true
            case "d", "m", "y": return true
            default: continue
            }
        }
        return false
    }
}
