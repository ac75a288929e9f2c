import QAKit

/// Audits in one sheet of an `.xlsx` workbook, read row by row as a CSV file is: the first row
/// that holds anything is the header, each later row a record, decoded by the same
/// `AuditDecoder`. docs/spreadsheets.md describes the sheet choice and how cells become text.
///
/// Problems are located at the cell, `audits.xlsx:Sheet1!F7`, rather than at a line: the
/// source checks each record with a decoder of its own before handing it on, so that it can
/// point a rejection at the column of its field. A record it accepts is decoded once more by
/// the run's decoder, which alone knows the audit ids of the run's other files.
public struct WorkbookAuditSource: AuditRecordSource {
    /// The path as the user gave it.
    public let file: String
    /// `calibration` may be yes/no/1/0 as in CSV (a boolean cell reads as true/false anyway).
    public var allowsFlagWords: Bool { true }
    /// The header's metadata columns, for the per-audit CSV.
    public var metadataNames: [String] { layout.metadataNames }
    /// The header's fields, so that `--by` refuses a key no column has before scoring.
    public var declaredFieldNames: [String]? { layout.metadataNames.filter { !$0.isEmpty } }
    /// The chosen sheet's name.
    public let sheetName: String
    /// Names cells for diagnostics: `audits.xlsx:Sheet1!F7`.
    private let reference: SheetReference
    private let reader: SheetReader
    private let layout: RecordLayout
    private let checker: AuditDecoder
    private var pending: [SourceItem] = []
    private var cells: [SheetCell] = []
    /// Whether each column holds something a reviewer fills in: `audit_id`, `reviewer`, an
    /// answer, a criterion's comment or `comment`. A row with none of them is not filled in yet.
    private let isFilledByReviewer: [Bool]
    /// The rows skipped as not filled in: how many, and the first and last.
    private var unfilledRows: (count: Int, first: Int, last: Int)?
    private var hasReportedUnfilledRows = false
    /// The profile's rewriting of cells (docs/imports.md), when it has any.
    private let transform: CellTransform?

    /// Opens the workbook at `path`, picks the sheet named after one of `decoder`'s scorecards
    /// (ignoring case; else the first sheet) and reads its header row.
    ///
    /// - Throws: `InputError` with `isUnreadable` set when the file is not a readable workbook
    ///   or its header cannot be used.
    /// With a `profile`, its `columns` rename the header and its words, dates and decimals are
    /// rewritten cell by cell (docs/imports.md).
    public init(path: String, profile: ImportProfile? = nil, decoder: AuditDecoder) throws(InputError) {
        file = path
        let sheet: Workbook.Sheet
        do {
            let workbook = try Workbook(path: path)
            sheet = workbook.sheet(preferring: decoder.scorecards.map(\.id))
            reader = try workbook.open(sheet)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        sheetName = sheet.name
        checker = decoder.sharingScorecards()
        var cells: [SheetCell] = []
        var row: Int?
        do {
            repeat {
                row = try reader.nextRow(into: &cells)
            } while row != nil && !Self.holdsAnything(cells)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        let reference = SheetReference(file: path, sheet: sheet.name)
        guard let row else {
            throw InputError(file: reference.sheet, message: "the sheet is empty; expected a header row naming the columns", isUnreadable: true)
        }
        // Cells normally come in column order, but nothing in the format promises it.
        var names = [String](repeating: "", count: (cells.map(\.column).max() ?? -1) + 1)
        var seen: [String: Int] = [:]
        for cell in cells {
            guard case .text(let text) = cell.content else {
                if case .problem(let message) = cell.content {
                    throw InputError(file: reference.cell(column: cell.column, row: row), message: "header cell: \(message)", isUnreadable: true)
                }
                continue
            }
            let name = Self.trimmed(text)
            if let first = seen[name], !name.isEmpty {
                throw InputError(file: reference.cell(column: cell.column, row: row),
                                 message: "column '\(name)' appears twice in the header (columns \(SheetReader.letters(of: first)) and \(SheetReader.letters(of: cell.column)))",
                                 isUnreadable: true)
            }
            seen[name] = cell.column
            names[cell.column] = name
        }
        if let profile {
            do {
                let renamed = try profile.renamed(header: names, file: reference.row(row), line: row)
                layout = decoder.layout(names: renamed)
            } catch {
                throw InputError(file: reference.row(row), message: error.message, isUnreadable: true)
            }
        } else {
            layout = decoder.layout(names: names)
        }
        let layout = self.layout
        transform = profile.flatMap { CellTransform.forAudits(profile: $0, sources: names, layout: layout) }
        isFilledByReviewer = layout.roles.map { role in
            switch role {
            case .standard(let field): [.auditID, .reviewer, .comment].contains(field)
            case .answer, .criterionComment: true
            case .metadata: false
            }
        }
        if var problem = decoder.headerProblem(for: layout, file: path, line: row) {
            (problem.file, problem.line) = (reference.row(row), nil)
            throw problem
        }
        let warnings = decoder.headerWarnings(for: layout, file: path, line: row)
        let columns = layout.misspeltColumns(criterionIDs: decoder.criterionIDs)
        pending = zip(warnings, columns).map { warning, misspelt in
            var warning = warning
            (warning.file, warning.line) = (reference.cell(column: misspelt.column, row: row), nil)
            return .warning(warning)
        }
        self.reference = reference
    }

    /// Whether `path` names a workbook by its extension: `.xlsx` and `.xlsm`, and `.xls`, so
    /// that an old binary workbook gets the advice to save it as `.xlsx`.
    public static func isWorkbook(path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return ["xlsx", "xlsm", "xls"].contains(path[path.index(after: dot)...].lowercased())
    }

    /// The next record, header warning or located problem; `nil` after the last row.
    public mutating func next() throws(InputError) -> SourceItem? {
        if !pending.isEmpty { return pending.removeFirst() }
        while true {
            let row: Int?
            do {
                row = try reader.nextRow(into: &cells)
            } catch {
                throw InputError(file: reference.sheet, message: error.message, isUnreadable: false)
            }
            guard let row else { return unfilledRowsWarning() }
            guard Self.holdsAnything(cells) else { continue }
            guard isFilledIn() else {
                unfilledRows = (1 + (unfilledRows?.count ?? 0), unfilledRows?.first ?? row, row)
                continue
            }
            return record(row: row)
        }
    }

    /// Whether the current row holds a value (or a cell error) in a column the reviewer fills in.
    /// A row of only prefilled columns (`interaction_id`, `agent`, `scorecard`…, as `qakit
    /// worksheet` writes them) is an interaction nobody has audited yet, not a broken audit.
    private func isFilledIn() -> Bool {
        cells.contains { cell in
            guard cell.column >= isFilledByReviewer.count || isFilledByReviewer[cell.column] else { return false }
            if case .text(let text) = cell.content { return !Self.trimmed(text).isEmpty }
            return true
        }
    }

    /// One warning, after the last row, for the rows skipped as not filled in; `nil` if none
    /// were (or once it has been given).
    private mutating func unfilledRowsWarning() -> SourceItem? {
        guard let unfilledRows, !hasReportedUnfilledRows else { return nil }
        hasReportedUnfilledRows = true
        let rows = unfilledRows.count == 1 ? "row \(unfilledRows.first) is" : "\(unfilledRows.count) rows (\(unfilledRows.first) to \(unfilledRows.last)) are"
        return .warning(Diagnostic(.warning, "\(rows) not filled in (no audit_id, reviewer, answer or comment), so not scored", file: reference.sheet))
    }

    /// The row as a record, or its problems located at their cells.
    ///
    /// A rejected record is one `.problem` (counted once by the run); its further problems
    /// follow as `.warning` items that keep their error severity, so none is lost.
    private mutating func record(row: Int) -> SourceItem {
        var values = [String](repeating: "", count: layout.names.count)
        var cellProblems: [(column: Int, message: String)] = []
        for cell in cells {
            switch cell.content {
            case .text(let text) where cell.column < values.count:
                values[cell.column] = text
            case .text(let text):
                if !Self.trimmed(text).isEmpty {
                    cellProblems.append((cell.column, "value '\(text)' is in a column with no name in the header; name the column or remove the value"))
                }
            case .problem(let message):
                cellProblems.append((cell.column, message))
            }
        }
        let auditID = layout.names.firstIndex(of: "audit_id").map { Self.trimmed(values[$0]) } ?? ""
        let subject = auditID.isEmpty ? "record without audit_id" : "audit '\(auditID)'"
        var diagnostics: [Diagnostic]
        if cellProblems.isEmpty, let transform, let problem = transform.apply(to: &values) {
            var diagnostic = problem.diagnostic(subject: subject, file: file, line: row)
            (diagnostic.file, diagnostic.line) = (reference.row(row), nil)
            return .problem(diagnostic)
        }
        if !cellProblems.isEmpty {
            diagnostics = cellProblems.map { column, message in
                let field = column < layout.names.count && !layout.names[column].isEmpty ? layout.names[column] : "column \(SheetReader.letters(of: column))"
                return Diagnostic(.error, "\(subject), field '\(field)': \(message)", file: reference.cell(column: column, row: row))
            }
        } else {
            switch checker.decode(values: values, layout: layout, file: file, line: row, allowFlagWords: allowsFlagWords) {
            case .audit:
                return .record(values: values, layout: layout, line: row)
            case .rejected(let rejections):
                diagnostics = rejections.map { relocated($0, subject: subject, row: row) }
            }
        }
        pending += diagnostics.dropFirst().map(SourceItem.warning)
        return .problem(diagnostics[0])
    }

    /// `diagnostic` (located at a line) located at its field's cell, or at the row when the
    /// field has no column.
    private func relocated(_ diagnostic: Diagnostic, subject: String, row: Int) -> Diagnostic {
        var located = diagnostic
        located.line = nil
        located.column = nil
        located.file = reference.row(row)
        let prefix = subject + ", field '"
        guard diagnostic.message.hasPrefix(prefix) else { return located }
        let rest = diagnostic.message.dropFirst(prefix.count)
        guard let end = rest.range(of: "': ") else { return located }
        let field = String(rest[..<end.lowerBound])
        if let column = layout.names.firstIndex(of: field) {
            located.file = reference.cell(column: column, row: row)
        } else if field.hasPrefix("column "), let number = Int(field.dropFirst("column ".count)), number >= 1 {
            located.file = reference.cell(column: number - 1, row: row)
        }
        return located
    }

    private static func holdsAnything(_ cells: [SheetCell]) -> Bool {
        cells.contains { cell in
            if case .text(let text) = cell.content { return !text.isEmpty }
            return true
        }
    }

    /// Spaces and tabs trimmed, as audit fields are read.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}

/// How diagnostics name a place in the workbook: `audits.xlsx:Sheet1!F7`, the sheet name quoted
/// as Excel quotes it when it is not a plain word (`'Q3 audits'!F7`).
struct SheetReference {
    /// `audits.xlsx:Sheet1`.
    let sheet: String
    private let prefix: String

    init(file: String, sheet name: String) {
        let isPlain = !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        let quoted = isPlain ? name : "'" + name.map { $0 == "'" ? "''" : String($0) }.joined() + "'"
        sheet = file + ":" + quoted
        prefix = sheet + "!"
    }

    func cell(column: Int, row: Int) -> String {
        prefix + SheetReader.letters(of: column) + String(row)
    }

    /// A whole row, in Excel's notation: `Sheet1!7:7`.
    func row(_ row: Int) -> String {
        prefix + "\(row):\(row)"
    }
}
