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
    /// Each column's dotted path, when a profile names one (docs/imports.md).
    private let paths: [[String]?]
    private let profile: ImportProfile?
    private let transform: CellTransform?

    init(path: String, profile: ImportProfile? = nil) throws(InputError) {
        file = path
        self.profile = profile
        paths = TicketColumn.allCases.map { column in
            profile?.rule(for: column.name).map { $0.source.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        }
        transform = profile.map { CellTransform(profile: $0, fields: [], sources: []) { _ in .other } }
        do {
            reader = JSONLinesReader(source: try ByteSource(path: path, encoding: profile?.encoding ?? .utf8))
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
            let found: [(column: TicketColumn, value: JSONValue)] = profile == nil
                ? members.compactMap { member in TicketColumn(name: member.key).map { ($0, member.value) } }
                : TicketColumn.allCases.compactMap { column in
                    let path = paths[column.rawValue] ?? [column.name]
                    var found: JSONValue? = value
                    for key in path { found = found?[key] }
                    return found.map { (column, $0) }
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
                        let id: String? = if case .string(let id)? = value[paths[0]?.first ?? "ticket_id"] { id } else { nil }
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
