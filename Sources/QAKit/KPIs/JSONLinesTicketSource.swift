/// Tickets from a JSON Lines file: one object per line, keyed by the canonical column names.
///
/// A value may be a string, a number (its source text is kept, so `12.50` stays exact), a boolean
/// or `null` (blank); an object or array where a value belongs is reported for that field. Other
/// keys are ignored. Since there is no header, a missing `ticket_id`, `agent` or `created_at` is
/// an error of that ticket rather than of the file.
struct JSONLinesTicketSource: TicketSource {
    let file: String
    private let reader: JSONLinesReader
    /// The columns met so far in any line, by raw value.
    private var seen = [Bool](repeating: false, count: TicketColumn.allCases.count)

    init(path: String) throws(InputError) {
        file = path
        do {
            reader = try JSONLinesReader(path: path)
        } catch {
            throw InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
    }

    var declaresColumns: Bool { false }

    func has(_ column: TicketColumn) -> Bool {
        seen[column.rawValue]
    }

    mutating func next(into cells: inout TicketCells) throws(InputError) -> TicketReadResult? {
        cells.reset()
        let result: JSONLinesResult?
        do {
            result = try reader.next()
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: error.position != nil)
        }
        switch result {
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .value(let line, let value)?:
            cells.line = line
            guard case .object(let members) = value else {
                return .problem(Diagnostic(.error, "record skipped: expected a ticket object, found \(value.typeName == "array" ? "an array" : "a \(value.typeName)")",
                                           file: file, line: line))
            }
            for member in members {
                guard let column = TicketColumn(name: member.key) else { continue }
                seen[column.rawValue] = true
                let text: String
                switch member.value {
                case .null: continue
                case .string(let string): text = string
                case .number(let number): text = number
                case .bool(let flag): text = flag ? "true" : "false"
                case .array, .object:
                    cells.typeProblems.append((column, "expected a string or number, found \(member.value.typeName == "array" ? "an array" : "an object")"))
                    continue
                }
                let start = cells.record.bytes.count
                cells.record.bytes.append(contentsOf: text.utf8)
                cells.ranges[column.rawValue] = start..<cells.record.bytes.count
            }
            return .ticket
        }
    }
}
