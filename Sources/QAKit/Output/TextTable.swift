/// A plain-text table whose columns are as wide as their widest cell (docs/aggregates.md).
///
/// Columns are separated by one space; numeric columns are right-aligned. Given a maximum
/// line width (the terminal's), the widest text columns are narrowed one character at a time
/// until a line fits, and cells cut by that end in `…`; numeric columns and headings are never
/// cut. Widths count characters, not terminal cells.
public struct TextTable: Sendable {
    /// One column: its heading and whether it holds numbers.
    public struct Column: Sendable {
        public var heading: String
        public var isNumeric: Bool

        public init(_ heading: String, numeric: Bool = false) {
            self.heading = heading
            isNumeric = numeric
        }
    }

    public let columns: [Column]
    /// The rows added so far, one cell per column.
    public private(set) var rows: [[String]] = []

    public init(columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; it must have one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "a table row needs one cell per column")
        rows.append(row)
    }

    /// Each column's width: its widest cell or heading, narrowed to fit `maximumWidth` if given.
    public func widths(maximumWidth: Int? = nil) -> [Int] {
        var widths = columns.map(\.heading.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        guard let maximumWidth else { return widths }
        let floor = columns.map { $0.isNumeric ? Int.max : max($0.heading.count, 2) }
        while widths.reduce(columns.count - 1, +) > maximumWidth {
            guard let widest = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return widths
    }

    /// The heading line, a rule, and every row.
    public func rendered(maximumWidth: Int? = nil) -> String {
        let widths = widths(maximumWidth: maximumWidth)
        var text = line(columns.map(\.heading), widths: widths)
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: " ") + "\n"
        for row in rows { text += line(row, widths: widths) }
        return text
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            let fitted = cell.count <= width ? cell : String(cell.prefix(width - 1)) + "…"
            let padding = String(repeating: " ", count: width - fitted.count)
            if index > 0 { line += " " }
            line += columns[index].isNumeric ? padding + fitted : fitted + (index == cells.count - 1 ? "" : padding)
        }
        return line + "\n"
    }
}
