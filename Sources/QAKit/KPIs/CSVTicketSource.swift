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

    init(path: String, delimiter: Unicode.Scalar) throws(InputError) {
        file = path
        do {
            reader = try CSVReader(path: path, delimiter: delimiter)
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
        var columns = [Int?](repeating: nil, count: TicketColumn.allCases.count)
        for index in 0..<header.count {
            guard let column = TicketColumn(name: header.string(at: index)) else { continue }
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
