import ZIPFoundation

/// Why a workbook cannot be read at all. Every user-facing sentence is in `message`.
enum SpreadsheetError: Error, Equatable {
    /// The file could not be opened or read.
    case unreadable(String)
    /// Neither a zip nor an OLE2 file.
    case notZip
    /// An OLE2 compound file: a `.xls` of Excel 97–2003, or a password-protected `.xlsx`.
    case legacyOrEncrypted
    /// A zip whose entries ZIPFoundation cannot list or extract.
    case brokenZip(String)
    /// A zip without the workbook part: not a spreadsheet (an `.ods`, a `.docx`…).
    case missingPart(String)
    case malformedXML(part: String, offset: Int?, detail: String)
    case noSheets
    /// The sheet's relationship is missing or points to no part.
    case missingSheet(name: String)
    /// A part that decompresses to more than its limit (a zip bomb, or a workbook too big to read).
    case partTooLarge(part: String, limit: Int)

    /// A ZIPFoundation error in words (its case names are not for users).
    static func zipProblem(_ error: any Error) -> String {
        switch error {
        case Archive.ArchiveError.missingEndOfCentralDirectoryRecord, Archive.ArchiveError.unreadableArchive:
            "it has no zip directory at its end (the file is cut short, or not a zip archive)"
        case Archive.ArchiveError.invalidCRC32:
            "a checksum does not match (the file is corrupt)"
        case Archive.ArchiveError.invalidCompressionMethod:
            "it uses a compression method other than deflate"
        default:
            "\(error)"
        }
    }

    var message: String {
        switch self {
        case .unreadable(let reason):
            "cannot read the workbook: \(reason)"
        case .notZip:
            "not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)"
        case .legacyOrEncrypted:
            "this is an Excel 97-2003 .xls file or a password-protected workbook, which qakit cannot read; "
                + "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) without a password"
        case .brokenZip(let reason):
            "the .xlsx zip archive is damaged: \(reason)"
        case .missingPart(let part):
            "not an .xlsx workbook: the archive has no \(part)"
        case .malformedXML(let part, let offset, let detail):
            "malformed XML in \(part)\(offset.map { " at byte \($0)" } ?? ""): \(detail)"
        case .noSheets:
            "the workbook has no worksheets"
        case .missingSheet(let name):
            "the workbook lists sheet '\(name)' but the archive does not hold it"
        case .partTooLarge(let part, let limit):
            "\(part) decompresses to more than \(limit) bytes, the limit for this part"
        }
    }
}
