/// Tickets from a JSON Lines file (one object per line) or a JSON file (an array of objects, the
/// array at the profile's `records` path, or a single object; docs/imports.md), keyed by the
/// canonical column names or read through a profile's dotted paths.
///
/// A value may be a string, a number (its source text is kept, so `12.50` stays exact), a boolean
/// or `null` (blank); an object or array where a value belongs is reported for that field. Other
/// keys are ignored. Since there is no header, a missing `ticket_id`, `agent` or `created_at` is
/// an error of that ticket rather than of the file.
struct JSONLinesTicketSource: TicketSource {
    let file: String
    private let reader: JSONLinesReader?
    /// A JSON file's records, reversed, with their numbers (messages give a record's position).
    private var pending: [(Int, JSONRecord)] = []
    /// The columns met so far in any line, by raw value.
    private var seen = [Bool](repeating: false, count: TicketColumn.allCases.count)
    /// Each column's dotted path, when a profile names one (docs/imports.md).
    private let paths: [[String]?]
    private let profile: ImportProfile?
    private let transform: CellTransform?

    init(path: String, isLines: Bool = true, profile: ImportProfile? = nil) throws(InputError) {
        file = path
        self.profile = profile
        paths = TicketColumn.allCases.map { column in
            profile?.rule(for: column.name).map { $0.source.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        }
        transform = profile.map { CellTransform(profile: $0, fields: [], sources: []) { _ in .other } }
        let source: ByteSource
        do {
            source = try ByteSource(path: path, encoding: profile?.encoding ?? .utf8)
        } catch {
            throw InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        if isLines {
            reader = JSONLinesReader(source: source)
        } else {
            reader = nil
            pending = try JSONRecord.records(of: source, file: path, profile: profile ?? ImportProfile()).filter { !$0.holdsNoRecords }.map { ($0.line, $0) }.reversed()
        }
    }

    var declaresColumns: Bool { false }

    func has(_ column: TicketColumn) -> Bool {
        seen[column.rawValue]
    }

    mutating func next(into cells: inout TicketCells) throws(InputError) -> TicketReadResult? {
        cells.reset()
        let result: JSONLinesResult?
        var record = JSONRecord(value: .null)
        do {
            if let reader {
                result = try reader.next()
                if case .value(_, let value)? = result { record.value = value }
            } else if let (number, next) = pending.popLast() {
                record = next
                result = .value(line: number, next.value)
            } else {
                result = nil
            }
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
                                           file: file, line: line, column: reader == nil ? record.column : 1))
            }
            let found: [(column: TicketColumn, value: JSONValue)] = profile == nil
                ? members.compactMap { member in TicketColumn(name: member.key).map { ($0, member.value) } }
                : TicketColumn.allCases.compactMap { column in
                    record.resolve(paths[column.rawValue] ?? [column.name]).map { (column, $0) }
                }
            for (column, member) in found {
                seen[column.rawValue] = true
                var text: String
                switch member {
                case .null: continue
                case .string(let string): text = string
                case .number(let number): text = number
                case .bool(let flag): text = flag ? "true" : "false"
                case .array, .object:
                    cells.typeProblems.append((column, "expected a string or number, found \(member.typeName == "array" ? "an array" : "an object")"))
                    continue
                }
                if let transform {
                    switch transform.rewrite(field: column.name, source: profile?.rule(for: column.name)?.source ?? column.name,
                                             purpose: column.purpose, text: text, isNotApplicable: false) {
                    case .same: break
                    case .text(let bytes): text = String(decoding: bytes, as: UTF8.self)
                    case .problem(let message):
                        let id: String? = switch record.resolve(paths[TicketColumn.ticketID.rawValue] ?? ["ticket_id"]) {
                        case .string(let id)?, .number(let id)?: id
                        default: nil
                        }
                        return .problem(message.diagnostic(subject: id.map { "ticket '\($0)'" }, file: file, line: line))
                    }
                }
                let start = cells.record.bytes.count
                cells.record.bytes.append(contentsOf: text.utf8)
                cells.ranges[column.rawValue] = start..<cells.record.bytes.count
            }
            return .ticket
        }
    }
}
