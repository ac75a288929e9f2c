/// Every interaction of one export, in file order, for `qakit worksheet` (docs/spreadsheets.md):
/// unlike a sample, nothing is chosen, so the rows are kept as the file has them.
///
/// The columns are the header of a CSV or TSV file, or for JSON Lines every key in order of
/// first appearance; `rows[i][j]` is row `i`'s cell of `columns[j]`, empty where a JSON record
/// lacks the key.
public struct InteractionTable: Sendable {
    /// The column names, each once.
    public var columns: [String]
    /// One entry per interaction kept, with a cell per column.
    public var rows: [[String]]
    /// Records skipped: unreadable, or with an empty `interaction_id` or `agent`.
    public var rejections: [Diagnostic]

    /// Reads `input` through.
    ///
    /// - Throws: `InputError` (unreadable) for a file that cannot be read, and for a header (or
    ///   first JSON record) without `interaction_id` or `agent`: one error for the file, naming
    ///   each missing column with a did-you-mean.
    public static func read(_ input: InteractionInput) throws(InputError) -> InteractionTable {
        let reader = try InteractionReader(input)
        var table = InteractionTable(columns: [], rows: [], rejections: [])
        var positions: [String: Int] = [:]
        var layout: [Int] = []
        var layoutNumber = 0
        var idColumn: Int?
        var agentColumn: Int?
        if reader.layoutNumber != 0 { try requireColumns(reader) }
        while let step = try reader.next() {
            guard case .record = step else {
                if case .problem(let diagnostic) = step { table.rejections.append(diagnostic) }
                continue
            }
            if reader.layoutNumber != layoutNumber {
                if layoutNumber == 0 { try requireColumns(reader) }
                layoutNumber = reader.layoutNumber
                layout = reader.columns.map { name in
                    if let known = positions[name] { return known }
                    positions[name] = table.columns.count
                    table.columns.append(name)
                    return table.columns.count - 1
                }
                idColumn = reader.columns.firstIndex(of: "interaction_id")
                agentColumn = reader.columns.firstIndex(of: "agent")
            }
            let id = reader.text(idColumn)
            let agent = reader.text(agentColumn)
            guard !id.isEmpty, !agent.isEmpty else {
                let what = id.isEmpty ? "missing or empty 'interaction_id'" : "interaction '\(id)': missing or empty 'agent'"
                table.rejections.append(Diagnostic(.error, "\(what); the record is skipped", file: reader.file, line: reader.line))
                continue
            }
            var row = [String](repeating: "", count: table.columns.count)
            for (index, value) in reader.values().enumerated() where index < layout.count { row[layout[index]] = value }
            table.rows.append(row)
        }
        for index in table.rows.indices where table.rows[index].count < table.columns.count {
            table.rows[index] += [String](repeating: "", count: table.columns.count - table.rows[index].count)
        }
        return table
    }

    private static func requireColumns(_ reader: InteractionReader) throws(InputError) {
        let missing = ["interaction_id", "agent"].filter { !reader.columns.contains($0) }
        guard !missing.isEmpty else { return }
        let described = missing.map { ColumnPlan.describe(missing: $0, among: reader.columns) }
        let noun = missing.count == 1 ? "column" : "columns"
        throw InputError(file: reader.file, line: reader.line, message: "missing required \(noun) \(described.joined(separator: ", "))",
                         isUnreadable: true)
    }
}
