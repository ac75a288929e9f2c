/// A grid of shares in 0…1, one row per item and one column per group, coloured from red (0)
/// through yellow to green (1): mean credit per criterion and team.
public struct Heatmap: Chart {
    public var title: String
    public var rowTitle: String
    public var columnTitle: String
    public var rows: [String]
    public var columns: [String]
    /// `values[row][column]`; `nil` where the group has no figure (drawn grey).
    public var values: [[Rational?]]

    public init(title: String, rowTitle: String, columnTitle: String, rows: [String], columns: [String], values: [[Rational?]]) {
        self.title = title
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    static let labelWidth = 250.0
    static let cellHeight = 24.0

    public func svg(id: String) -> String {
        let cellWidth = min(110, (700 - Self.labelWidth) / Double(max(1, columns.count)))
        let top = 44.0
        let height = top + Double(rows.count) * Self.cellHeight + 8
        var canvas = SVGCanvas(width: Self.labelWidth + cellWidth * Double(columns.count) + 10, height: height)
        let x = LinearScale(domain: 0...Double(max(1, columns.count)), start: Self.labelWidth, end: Self.labelWidth + cellWidth * Double(max(1, columns.count)))
        canvas.text(columnTitle, x: (x(0) + x(Double(columns.count))) / 2, y: 14, anchor: "middle", class: "axis-title")
        for (index, column) in columns.enumerated() {
            canvas.text(Self.shortened(column, to: Int(cellWidth / 7)), x: x(Double(index)) + cellWidth / 2, y: top - 8, anchor: "middle", class: "tick")
        }
        for (row, label) in rows.enumerated() {
            let y = top + Double(row) * Self.cellHeight
            canvas.text(BarChart.shortened(label), x: Self.labelWidth - 8, y: y + 16, anchor: "end", class: "tick")
            for column in columns.indices {
                let value = values[row][column]
                let fill = value.map { ChartPalette.heat($0.doubleValue) } ?? "#eceff4"
                canvas.rect(x: x(Double(column)) + 1, y: y + 1, width: cellWidth - 2, height: Self.cellHeight - 2, class: "cell", fill: fill,
                            title: "\(label), \(columns[column]): \(ChartNumber.wholePercent(value))")
                canvas.text(ChartNumber.wholePercent(value), x: x(Double(column)) + cellWidth / 2, y: y + 16, anchor: "middle", class: "cell-value")
            }
        }
        canvas.text(rowTitle, x: Self.labelWidth - 8, y: top - 8, anchor: "end", class: "axis-title")
        return canvas.svg(id: id, title: title)
    }

    static func shortened(_ label: String, to length: Int) -> String {
        label.count <= max(4, length) ? label : String(label.prefix(max(3, length - 1))) + "…"
    }

    public var table: DataTable {
        DataTable(caption: title, columns: [DataTable.Column(rowTitle)] + columns.map { DataTable.Column($0, numeric: true) },
                  rows: rows.indices.map { [rows[$0]] + values[$0].map(ChartNumber.wholePercent) })
    }
}
