/// Tickets from a CSV or TSV file with a header row naming the canonical columns.
///
/// Columns are found by name, in any order; unknown columns are ignored, a record with fewer
/// cells than the header has blanks for the rest, and one with more cells is reported (its cells
/// can no longer be matched to columns). A missing required column or a canonical column named
/// twice makes the file unreadable.
struct CSVTicketSource: TicketSource {
    let file: String
    private let reader: CSVReader
    /// The cell index of each `TicketColumn`, by raw value.
    private let columns: [Int?]
    private let headerCount: Int
    /// The profile's rewriting of cells, when it has any (docs/imports.md).
    private let transform: CellTransform?

    init(path: String, delimiter: Unicode.Scalar, profile: ImportProfile? = nil) throws(InputError) {
        file = path
        do {
            reader = CSVReader(source: try ByteSource(path: path, encoding: profile?.encoding ?? .utf8), delimiter: profile?.delimiter ?? delimiter)
        } catch {
            throw InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        var header = CSVRecord()
        let status: CSVReader.RecordStatus?
        do {
            status = try reader.readRecord(into: &header)
        } catch {
            throw InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        switch status {
        case nil:
            throw InputError(file: path, message: "empty file; expected a header naming \(Self.requiredList)", isUnreadable: true)
        case .invalid(let line, let column, let message)?:
            throw InputError(file: path, line: line, column: column, message: "header: \(message)", isUnreadable: true)
        case .row?:
            break
        }
        let sources = (0..<header.count).map { AnswerParser.trimmed(header.string(at: $0)) }
        let names = try profile?.renamed(header: sources, file: path, line: header.line) ?? sources
        var columns = [Int?](repeating: nil, count: TicketColumn.allCases.count)
        for index in 0..<header.count {
            guard let column = TicketColumn(name: names[index]) else { continue }
            if columns[column.rawValue] != nil {
                throw InputError(file: path, line: header.line, message: "column '\(column.name)' appears twice in the header", isUnreadable: true)
            }
            columns[column.rawValue] = index
        }
        let missing = TicketColumn.required.filter { columns[$0.rawValue] == nil }
        if !missing.isEmpty {
            let names = missing.map { "'\($0.name)'" }.joined(separator: ", ")
            throw InputError(file: path, line: header.line,
                             message: "missing required column\(missing.count == 1 ? "" : "s") \(names); a ticket file needs \(Self.requiredList)",
                             isUnreadable: true)
        }
        self.columns = columns
        headerCount = header.count
        transform = profile.flatMap { CellTransform.forTickets(profile: $0, sources: sources, fields: names) }
    }

    private static let requiredList = TicketColumn.required.map(\.name).joined(separator: ", ")

    var declaresColumns: Bool { true }

    func has(_ column: TicketColumn) -> Bool {
        columns[column.rawValue] != nil
    }

    mutating func next(into cells: inout TicketCells) throws(InputError) -> TicketReadResult? {
        cells.record.removeAll()
        if !cells.typeProblems.isEmpty { cells.typeProblems.removeAll() }
        let status: CSVReader.RecordStatus?
        do {
            status = try reader.readRecord(into: &cells.record)
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: false)
        }
        switch status {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .row?:
            cells.line = cells.record.line
            let count = cells.record.count
            if count > headerCount {
                return .problem(Diagnostic(.error, "record skipped: it has \(count) cells but the header has \(headerCount)", file: file, line: cells.line))
            }
            if let transform, let problem = transform.apply(to: &cells.record, cells: 0..<count) {
                let id = columns[TicketColumn.ticketID.rawValue].flatMap { $0 < count ? AnswerParser.trimmed(cells.record.string(at: $0)) : nil } ?? ""
                return .problem(problem.diagnostic(subject: id.isEmpty ? nil : "ticket '\(id)'", file: file, line: cells.line))
            }
            let record = cells.record
            cells.ranges.withUnsafeMutableBufferPointer { ranges in
                for (raw, index) in columns.enumerated() {
                    ranges[raw] = if let index, index < count { record.range(of: index) } else { 0..<0 }
                }
            }
            return .ticket
        }
    }
}
