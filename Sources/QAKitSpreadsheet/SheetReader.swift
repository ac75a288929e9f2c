/// One cell that holds something, as `SheetReader` hands it out.
struct SheetCell {
    enum Content {
        /// What a user sees in the cell, in the form audit files use (see docs/spreadsheets.md).
        case text(String)
        /// A cell that cannot stand for a value: an error such as `#N/A`, or a broken reference.
        case problem(String)
    }

    /// 0-based column (A is 0).
    var column: Int
    var content: Content
}

/// Streams the rows of one worksheet, turning each cell into text by its type and style.
final class SheetReader {
    private let xml: XMLTokenizer
    private let sharedStrings: [String]
    private let styles: CellStyles
    private let dateSystem: DateSystem
    /// The previous `<row>`'s number, for rows written without `r`.
    private var lastRow = 0

    /// The part being read, for messages.
    var part: String { xml.part }

    init(tokenizer: XMLTokenizer, sharedStrings: [String], styles: CellStyles, dateSystem: DateSystem) {
        xml = tokenizer
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
    }

    /// The cell types of `t="…"`; a cell without `t` is a number.
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    /// Reads the next `<row>` into `cells` (cells with a value only, in column order) and returns
    /// its 1-based number; `nil` after the last row. A row may come back with no cells.
    func nextRow(into cells: inout [SheetCell]) throws(SpreadsheetError) -> Int? {
        cells.removeAll(keepingCapacity: true)
        var rowNumber = 0
        var nextColumn = 0
        var cell: (column: Int, type: CellType, style: Int)?
        var hasValue = false
        var isCollecting = false
        var isInInlineString = false
        var phoneticDepth = 0
        // The current cell's value bytes (`<v>`, or the `<t>` runs of `<is>`); a local rather
        // than a property, which would cost an exclusivity check per access.
        var value: [UInt8] = []
        value.reserveCapacity(64)
        while let token = try xml.next() {
            switch token {
            case .start(let isSelfClosing):
                if xml.isNamed("c") {
                    let column = xml.withAttribute("r") { $0.flatMap(Self.column(of:)) } ?? nextColumn
                    nextColumn = column + 1
                    value.removeAll(keepingCapacity: true)
                    hasValue = false
                    cell = isSelfClosing ? nil : (column, xml.withAttribute("t", Self.type(of:)), xml.withAttribute("s") { $0.flatMap(Self.integer) } ?? 0)
                } else if cell != nil, xml.isNamed("v") {
                    hasValue = true
                    isCollecting = !isSelfClosing
                } else if cell != nil, xml.isNamed("is") {
                    hasValue = true
                    isInInlineString = !isSelfClosing
                } else if isInInlineString, xml.isNamed("rPh"), !isSelfClosing {
                    phoneticDepth += 1
                } else if isInInlineString, phoneticDepth == 0, xml.isNamed("t") {
                    isCollecting = !isSelfClosing
                } else if xml.isNamed("row") {
                    rowNumber = xml.withAttribute("r") { $0.flatMap(Self.integer) } ?? lastRow + 1
                    lastRow = rowNumber
                    if isSelfClosing { return rowNumber }
                }
            case .end:
                if xml.isNamed("v") || xml.isNamed("t") {
                    isCollecting = false
                } else if xml.isNamed("c") {
                    if let cell, hasValue { cells.append(SheetCell(column: cell.column, content: content(of: value, type: cell.type, style: cell.style))) }
                    cell = nil
                } else if xml.isNamed("is") {
                    isInInlineString = false
                } else if xml.isNamed("rPh") {
                    phoneticDepth -= 1
                } else if xml.isNamed("row") {
                    return rowNumber
                } else if xml.isNamed("sheetData") {
                    return nil
                }
            case .text:
                if isCollecting { try xml.appendText(to: &value) }
            }
        }
        return nil
    }

    /// The longest cell value, as for a CSV cell.
    static let maximumCellBytes = 1 << 20

    private func content(of value: [UInt8], type: CellType, style: Int) -> SheetCell.Content {
        guard value.count <= Self.maximumCellBytes else { return .problem("cell longer than \(Self.maximumCellBytes) bytes") }
        return value.withUnsafeBufferPointer { raw in
            switch type {
            case .sharedString:
                guard let index = Self.integer(raw), index < sharedStrings.count else {
                    return .problem("the cell refers to shared string '\(String(decoding: raw, as: UTF8.self))', which the workbook does not have")
                }
                return .text(sharedStrings[index])
            case .inlineString, .formulaString:
                return .text(String(decoding: raw, as: UTF8.self))
            case .boolean:
                switch raw.count == 1 ? raw[0] : 0 {
                case UInt8(ascii: "1"): return .text("true")
                case UInt8(ascii: "0"): return .text("false")
                default: return .problem("boolean cell holds '\(String(decoding: raw, as: UTF8.self))', not 0 or 1")
                }
            case .error:
                return .problem("the cell holds the error '\(String(decoding: raw, as: UTF8.self))'")
            case .isoDate:
                // `t="d"`: an ISO 8601 date or date-time; the day, as for serial dates.
                let text = String(decoding: raw, as: UTF8.self)
                return .text(text.count > 10 && text.dropFirst(10).first == "T" ? String(text.prefix(10)) : text)
            case .number:
                if raw.isEmpty { return .text("") }
                if styles.isDate(style: style), let serial = Double(String(decoding: raw, as: UTF8.self)),
                   let date = dateSystem.text(serial: serial) {
                    return .text(date)
                }
                guard let text = SpreadsheetNumber.text(raw) else {
                    return .problem("numeric cell holds '\(String(decoding: raw, as: UTF8.self))', which is not a number")
                }
                return .text(text)
            }
        }
    }

    private static func type(of raw: UnsafeBufferPointer<UInt8>?) -> CellType {
        // Told apart by length and first letter, without making a string for every cell.
        guard let raw, let first = raw.first else { return .number }
        switch (raw.count, first) {
        case (1, UInt8(ascii: "s")): return .sharedString
        case (9, UInt8(ascii: "i")) where raw.elementsEqual("inlineStr".utf8): return .inlineString
        case (3, UInt8(ascii: "s")) where raw.elementsEqual("str".utf8): return .formulaString
        case (1, UInt8(ascii: "b")): return .boolean
        case (1, UInt8(ascii: "e")): return .error
        case (1, UInt8(ascii: "d")): return .isoDate
        default: return .number
        }
    }

    /// The 0-based column of a reference such as `F7` (`AA` is 26), or `nil` without letters.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// The column letters of a 0-based column: 0 is `A`, 26 is `AA`.
    static func letters(of column: Int) -> String {
        var number = column + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.insert(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder)), at: 0)
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !raw.isEmpty, raw.count <= 18 else { return nil }
        var value = 0
        for byte in raw {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
