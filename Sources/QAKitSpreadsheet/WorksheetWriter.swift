import Foundation
import QAKit
import ZIPFoundation

/// Writes a `ReviewWorksheet` as an Office Open XML workbook that Excel, LibreOffice Calc and
/// Google Sheets open (docs/spreadsheets.md, "Worksheets for reviewers").
///
/// The parts are built as text and zipped (deflate) in memory; the caller writes the bytes
/// (atomically, through `AtomicFile`), so that a failure leaves nothing behind. Strings are shared (`xl/sharedStrings.xml`), as Excel writes
/// them. The header is bold and frozen; each answer column has a data validation over every
/// row to fill; each header with something to say has a note (`xl/comments1.xml`, with the VML
/// drawing Excel needs to show it). Dropdown lists that cannot be spelled out in a formula live
/// on a hidden sheet, `qakit lists`. The output depends only on the worksheet: every zip entry
/// has the same fixed date.
public enum WorksheetWriter {
    /// The name of the hidden sheet for long dropdown lists; scorecard ids have no space, so it
    /// never clashes with the main sheet.
    static let listSheetName = "qakit lists"

    /// Style indexes of `xl/styles.xml`'s `cellXfs`.
    enum Style: Int {
        case plain = 0, header = 1, text = 2
    }

    /// The workbook's bytes: a zip archive.
    public static func bytes(for worksheet: ReviewWorksheet) throws -> [UInt8] {
        var strings = SharedStringTable()
        let lists = ListSheet(worksheet: worksheet)
        var parts: [(path: String, text: String)] = []
        let sheet = sheetXML(worksheet, lists: lists, strings: &strings)
        let notes = worksheet.columns.enumerated().compactMap { index, column in HeaderNote.text(for: column).map { (index, $0) } }
        parts.append(("[Content_Types].xml", contentTypes(hasListSheet: !lists.isEmpty)))
        parts.append(("_rels/.rels", rootRelationships))
        parts.append(("xl/workbook.xml", workbookXML(sheetName: worksheet.sheetName, hasListSheet: !lists.isEmpty)))
        parts.append(("xl/_rels/workbook.xml.rels", workbookRelationships(hasListSheet: !lists.isEmpty)))
        parts.append(("xl/worksheets/sheet1.xml", sheet))
        parts.append(("xl/worksheets/_rels/sheet1.xml.rels", sheetRelationships))
        parts.append(("xl/comments1.xml", commentsXML(notes)))
        parts.append(("xl/drawings/vmlDrawing1.vml", vmlDrawing(notes)))
        if !lists.isEmpty { parts.append(("xl/worksheets/sheet2.xml", lists.sheetXML(strings: &strings))) }
        parts.append(("xl/styles.xml", stylesXML))
        parts.append(("xl/sharedStrings.xml", strings.xml))
        return try zip(parts)
    }

    // MARK: - The sheet

    private static func sheetXML(_ worksheet: ReviewWorksheet, lists: ListSheet, strings: inout SharedStringTable) -> String {
        let columnStyles = worksheet.columns.map(style(of:))
        let letters = worksheet.columns.indices.map(SheetReader.letters(of:))
        let lastRow = worksheet.rows.count + 1
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
        <dimension ref="A1:\(letters.last!)\(lastRow)"/>\
        <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
        <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
        <sheetFormatPr defaultRowHeight="15"/><cols>
        """
        for (index, width) in columnWidths(worksheet).enumerated() {
            let style = columnStyles[index] == .plain ? "" : " style=\"\(columnStyles[index].rawValue)\""
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"\(style)/>"
        }
        xml += "</cols><sheetData><row r=\"1\">"
        for (index, column) in worksheet.columns.enumerated() {
            xml += "<c r=\"\(letters[index])1\" s=\"\(Style.header.rawValue)\" t=\"s\"><v>\(strings.index(of: column.name))</v></c>"
        }
        xml += "</row>"
        for (offset, row) in worksheet.rows.enumerated() {
            let number = offset + 2
            xml += "<row r=\"\(number)\">"
            for (index, value) in row.enumerated() where !value.isEmpty {
                let style = columnStyles[index] == .plain ? "" : " s=\"\(columnStyles[index].rawValue)\""
                xml += "<c r=\"\(letters[index])\(number)\"\(style) t=\"s\"><v>\(strings.index(of: value))</v></c>"
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += dataValidations(worksheet, letters: letters, lastRow: max(lastRow, 2), lists: lists)
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "<legacyDrawing r:id=\"rId2\"/></worksheet>"
        return xml
    }

    /// Text format (`@`) for columns of ids, names and comments, so that an id typed as `007`
    /// stays `007` and a comment starting with `=` stays text; answer and date columns keep the
    /// general format, which the number validations need.
    private static func style(of column: ReviewWorksheet.Column) -> Style {
        switch column {
        case .standard(let name): ["audit_id", "interaction_id", "agent", "reviewer", "comment"].contains(name) ? .text : .plain
        case .interaction, .answer: .plain
        case .criterionComment: .text
        }
    }

    /// Wide enough for the header and the longest prefilled value (in characters, plus a
    /// margin for the dropdown arrow), at least 10 and at most 50; comment columns 30 and up.
    private static func columnWidths(_ worksheet: ReviewWorksheet) -> [Int] {
        worksheet.columns.enumerated().map { index, column in
            var longest = column.name.count + 3
            for row in worksheet.rows { longest = max(longest, row[index].count + 2) }
            switch column {
            case .criterionComment, .standard("comment"): longest = max(longest, 30)
            case .answer(let criterion):
                let answers: [String]
                if case .list(let values) = AnswerValidation(criterion) { answers = values } else { answers = [] }
                longest = max(longest, (answers.map(\.count).max() ?? 0) + 4)
            default: break
            }
            return min(max(longest, 10), 50)
        }
    }

    private static func dataValidations(_ worksheet: ReviewWorksheet, letters: [String], lastRow: Int, lists: ListSheet) -> String {
        var items: [String] = []
        for (index, column) in worksheet.columns.enumerated() {
            guard case .answer(let criterion) = column else { continue }
            let validation = AnswerValidation(criterion)
            if validation == .none { continue }
            let cell = "\(letters[index])2"
            let range = "\(cell):\(letters[index])\(lastRow)"
            let (type, formulas): (String, [String])
            switch validation {
            case .list(let values):
                type = "list"
                formulas = [lists.reference(for: criterion.id) ?? "\"\(values.joined(separator: ","))\""]
            case .wholeNumber(let minimum, let maximum):
                type = "whole"
                formulas = [String(minimum), String(maximum)]
            case .decimal(let maximum):
                type = "decimal"
                formulas = ["0", maximum]
            case .decimalOrNA(let minimum, let maximum, let wholeOnly):
                type = "custom"
                let whole = wholeOnly ? ",\(cell)=INT(\(cell))" : ""
                formulas = ["OR(AND(ISNUMBER(\(cell))\(whole),\(cell)>=\(minimum),\(cell)<=\(maximum)),LOWER(\(cell))=\"na\")"]
            case .none:
                continue
            }
            let between = type == "whole" || type == "decimal" ? " operator=\"between\"" : ""
            var item = "<dataValidation type=\"\(type)\"\(between) allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
            item += " errorTitle=\"\(XMLText.escaped(String(criterion.id.prefix(32))))\" error=\"\(XMLText.escaped(validation.errorMessage))\""
            item += " sqref=\"\(range)\">"
            item += formulas.enumerated().map { "<formula\($0.offset + 1)>\(XMLText.escaped($0.element))</formula\($0.offset + 1)>" }.joined()
            items.append(item + "</dataValidation>")
        }
        guard !items.isEmpty else { return "" }
        return "<dataValidations count=\"\(items.count)\">" + items.joined() + "</dataValidations>"
    }

    // MARK: - Notes

    private static func commentsXML(_ notes: [(column: Int, text: String)]) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <comments xmlns="\(mainNamespace)"><authors><author>qakit</author></authors><commentList>
        """
        for (column, text) in notes {
            xml += "<comment ref=\"\(SheetReader.letters(of: column))1\" authorId=\"0\"><text><t xml:space=\"preserve\">\(XMLText.escaped(text))</t></text></comment>"
        }
        return xml + "</commentList></comments>"
    }

    /// The legacy drawing that holds the notes' boxes: Excel shows no note without a shape, and
    /// LibreOffice reads the box's anchor from it. The boxes are hidden until the pointer is on
    /// the header cell; each is three columns wide and as tall as its text needs.
    private static func vmlDrawing(_ notes: [(column: Int, text: String)]) -> String {
        var xml = """
        <xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\
        <o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>\
        <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\
        <v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
        """
        for (number, note) in notes.enumerated() {
            let lines = note.text.split(separator: "\n").reduce(0) { $0 + 1 + $1.count / 40 }
            let bottom = min(1 + lines, 30)
            xml += """
            <v:shape id="_x0000_s\(1025 + number)" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:240pt;height:\(15 * lines + 10)pt;z-index:\(number + 1);visibility:hidden" \
            fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>\
            <v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>\
            <x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>\
            <x:Anchor>\(note.column + 1), 15, 0, 2, \(note.column + 4), 15, \(bottom), 4</x:Anchor>\
            <x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>\(note.column)</x:Column></x:ClientData></v:shape>
            """
        }
        return xml + "</xml>"
    }

    // MARK: - Package parts

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static func contentTypes(hasListSheet: Bool) -> String {
        let sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        var xml = declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(sheet)\"/>"
        if hasListSheet { xml += "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"\(sheet)\"/>" }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        xml += "<Override PartName=\"/xl/comments1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>"
        return xml + "</Types>"
    }

    private static let rootRelationships = declaration + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    private static func workbookXML(sheetName: String, hasListSheet: Bool) -> String {
        var xml = declaration + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        xml += "<sheet name=\"\(XMLText.escaped(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/>"
        if hasListSheet { xml += "<sheet name=\"\(listSheetName)\" sheetId=\"2\" state=\"hidden\" r:id=\"rId4\"/>" }
        return xml + "</sheets></workbook>"
    }

    private static func workbookRelationships(hasListSheet: Bool) -> String {
        var xml = declaration + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        xml += "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        xml += "<Relationship Id=\"rId2\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId3\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        if hasListSheet { xml += "<Relationship Id=\"rId4\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet2.xml\"/>" }
        return xml + "</Relationships>"
    }

    private static let sheetRelationships = declaration + "<Relationships xmlns=\"\(packageRelationshipNamespace)\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/comments\" Target=\"../comments1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(relationshipNamespace)/vmlDrawing\" Target=\"../drawings/vmlDrawing1.vml\"/></Relationships>"

    /// Calibri 11 and its bold; `Style`'s three cell formats: general, bold header, text (`@`, 49).
    private static let stylesXML = declaration + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    /// The parts as a deflated zip archive, `[Content_Types].xml` first, every entry dated
    /// 2000-01-01 so that the same worksheet gives the same bytes.
    private static func zip(_ parts: [(path: String, text: String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Date(timeIntervalSince1970: 946_684_800)
        for part in parts {
            let bytes = Data(part.text.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}

/// The strings of `xl/sharedStrings.xml`, each once, numbered in order of first use.
struct SharedStringTable {
    private var numbers: [String: Int] = [:]
    private var strings: [String] = []
    private var uses = 0

    mutating func index(of text: String) -> Int {
        uses += 1
        if let number = numbers[text] { return number }
        numbers[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    var xml: String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<sst xmlns=\"\(WorksheetWriter.mainNamespace)\" count=\"\(uses)\" uniqueCount=\"\(strings.count)\">"
        for text in strings {
            let preserve = text.first == " " || text.last == " " || text.contains("\n") || text.contains("\t") ? " xml:space=\"preserve\"" : ""
            xml += "<si><t\(preserve)>\(XMLText.escaped(text))</t></si>"
        }
        return xml + "</sst>"
    }
}

/// The hidden `qakit lists` sheet: a column per dropdown whose answers cannot be spelled out
/// in the validation's formula (an option value with a comma or a quote, or more than 255
/// characters of them), referenced as `'qakit lists'!$A$1:$A$4`.
struct ListSheet {
    private var columns: [(criterion: String, values: [String])] = []

    init(worksheet: ReviewWorksheet) {
        for case .answer(let criterion) in worksheet.columns {
            if case .list(let values) = AnswerValidation(criterion), !AnswerValidation.fitsInFormula(values) {
                columns.append((criterion.id, values))
            }
        }
    }

    var isEmpty: Bool { columns.isEmpty }

    func reference(for criterion: String) -> String? {
        guard let index = columns.firstIndex(where: { $0.criterion == criterion }) else { return nil }
        let letters = SheetReader.letters(of: index)
        return "'\(WorksheetWriter.listSheetName)'!$\(letters)$1:$\(letters)$\(columns[index].values.count)"
    }

    func sheetXML(strings: inout SharedStringTable) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<worksheet xmlns=\"\(WorksheetWriter.mainNamespace)\"><sheetData>"
        for row in 0..<(columns.map(\.values.count).max() ?? 0) {
            xml += "<row r=\"\(row + 1)\">"
            for (index, column) in columns.enumerated() where row < column.values.count {
                xml += "<c r=\"\(SheetReader.letters(of: index))\(row + 1)\" t=\"s\"><v>\(strings.index(of: column.values[row]))</v></c>"
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}
