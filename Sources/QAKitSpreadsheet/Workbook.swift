import Foundation
import ZIPFoundation

/// An `.xlsx` package opened for reading: its sheet list, date system, shared strings and which
/// cell styles show dates. Worksheets themselves are streamed by `SheetReader`.
final class Workbook {
    struct Sheet {
        let name: String
        /// The part inside the archive, `xl/worksheets/sheet1.xml`.
        let part: String
    }

    /// The most a worksheet may decompress to (it is streamed, so this bounds time, not
    /// memory): 4 GiB, about three million rows of 20 criteria.
    static let maximumSheetBytes = 4 << 30
    /// The most any other part (shared strings, styles…) may decompress to; these are held in memory.
    static let maximumPartBytes = 256 << 20

    let sheets: [Sheet]
    let dateSystem: DateSystem
    let sharedStrings: [String]
    let styles: CellStyles
    private let archive: Archive

    /// Opens `path`, telling a non-zip, an `.xls` or encrypted workbook, and a zip that is not a
    /// workbook apart.
    init(path: String) throws(SpreadsheetError) {
        try Self.checkSignature(path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .brokenZip(SpreadsheetError.zipProblem(error))
        }
        let workbookPart = "xl/workbook.xml"
        let workbook = try Self.parseWorkbook(try Self.bytes(of: workbookPart, in: archive, required: true)!, part: workbookPart)
        let relationships = try Self.parseRelationships(
            try Self.bytes(of: "xl/_rels/workbook.xml.rels", in: archive, required: true)!, part: "xl/_rels/workbook.xml.rels")
        var sheets: [Sheet] = []
        for (name, id) in workbook.sheets {
            guard let target = relationships.first(where: { $0.id == id })?.target else { throw .missingSheet(name: name) }
            sheets.append(Sheet(name: name, part: Self.resolve(target)))
        }
        guard !sheets.isEmpty else { throw .noSheets }
        self.sheets = sheets
        dateSystem = workbook.is1904 ? .from1904 : .from1900
        func part(ofType type: String, default fallback: String) -> String {
            relationships.first { $0.type.hasSuffix("/" + type) }.map { Self.resolve($0.target) } ?? fallback
        }
        let stringsPart = part(ofType: "sharedStrings", default: "xl/sharedStrings.xml")
        sharedStrings = try Self.bytes(of: stringsPart, in: archive, required: false).map { bytes throws(SpreadsheetError) in
            try SharedStrings.parse(XMLTokenizer(part: stringsPart, bytes: bytes))
        } ?? []
        let stylesPart = part(ofType: "styles", default: "xl/styles.xml")
        styles = try Self.bytes(of: stylesPart, in: archive, required: false).map { bytes throws(SpreadsheetError) in
            try CellStyles(XMLTokenizer(part: stylesPart, bytes: bytes))
        } ?? CellStyles()
        self.archive = archive
    }

    /// The first sheet whose name is one of `names` ignoring case (in sheet order), else the first sheet.
    func sheet(preferring names: [String]) -> Sheet {
        let wanted = Set(names.map { $0.lowercased() })
        return sheets.first { wanted.contains($0.name.lowercased()) } ?? sheets[0]
    }

    /// Streams `sheet`: decompressed on a thread of its own (`EntryStream`) and tokenized as
    /// the bytes arrive, so that the sheet's XML is never held in memory or written to disk.
    func open(_ sheet: Sheet) throws(SpreadsheetError) -> SheetReader {
        guard let entry = archive[sheet.part] else { throw .missingSheet(name: sheet.name) }
        let stream = EntryStream(archive: archive, entry: entry, part: sheet.part, limit: Self.maximumSheetBytes)
        return SheetReader(tokenizer: XMLTokenizer(part: sheet.part, input: stream.read),
                           sharedStrings: sharedStrings, styles: styles, dateSystem: dateSystem)
    }

    // MARK: - Parts

    private static func checkSignature(_ path: String) throws(SpreadsheetError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("no such file, or no permission to read it") }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .legacyOrEncrypted }
        throw .notZip
    }

    /// A part's bytes; `nil` for a missing optional part.
    private static func bytes(of part: String, in archive: Archive, required: Bool) throws(SpreadsheetError) -> [UInt8]? {
        guard let entry = archive[part] else {
            if required { throw .missingPart(part) }
            return nil
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                guard bytes.count + chunk.count <= maximumPartBytes else {
                    throw SpreadsheetError.partTooLarge(part: part, limit: maximumPartBytes)
                }
                bytes.append(contentsOf: chunk)
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw .brokenZip("cannot extract \(part): \(SpreadsheetError.zipProblem(error))")
        }
        return bytes
    }

    /// A relationship target is relative to `xl/` (the workbook's folder) unless it starts with `/`.
    private static func resolve(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    private static func parseWorkbook(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> (sheets: [(String, String)], is1904: Bool) {
        let xml = XMLTokenizer(part: part, bytes: bytes)
        var sheets: [(String, String)] = []
        var is1904 = false
        while let token = try xml.next() {
            guard case .start = token else { continue }
            if xml.isNamed("workbookPr"), let flag = try xml.attribute("date1904") {
                is1904 = flag == "1" || flag == "true"
            } else if xml.isNamed("sheet"), let name = try xml.attribute("name"), let id = try xml.attribute("id", prefixed: true) {
                sheets.append((name, id))
            }
        }
        return (sheets, is1904)
    }

    private static func parseRelationships(_ bytes: [UInt8], part: String) throws(SpreadsheetError) -> [(id: String, type: String, target: String)] {
        let xml = XMLTokenizer(part: part, bytes: bytes)
        var relationships: [(id: String, type: String, target: String)] = []
        while let token = try xml.next() {
            guard case .start = token, xml.isNamed("Relationship"),
                  let id = try xml.attribute("Id"), let target = try xml.attribute("Target") else { continue }
            relationships.append((id, try xml.attribute("Type") ?? "", target))
        }
        return relationships
    }
}
