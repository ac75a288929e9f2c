/// The figures behind a chart, as a table: what a screen reader reads instead of the picture,
/// and what a reader opens to see the exact numbers.
public struct DataTable: Sendable, Hashable {
    /// One column heading; `isNumeric` right-aligns the column.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var isNumeric: Bool

        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            isNumeric = numeric
        }
    }

    /// What the table shows.
    public var caption: String
    public var columns: [Column]
    /// Cells already formatted by `ChartNumber`, one array per row.
    public var rows: [[String]]

    public init(caption: String, columns: [Column], rows: [[String]]) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
    }

    /// An HTML `<table>`, every cell escaped.
    public var html: String {
        var out = "<table>\n<caption>\(HTMLText.escape(caption))</caption>\n<thead><tr>"
        for column in columns {
            out += "<th scope=\"col\"\(column.isNumeric ? " class=\"n\"" : "")>\(HTMLText.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                let numeric = index < columns.count && columns[index].isNumeric
                out += index == 0 ? "<th scope=\"row\">\(HTMLText.escape(cell))</th>" : "<td\(numeric ? " class=\"n\"" : "")>\(HTMLText.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A Markdown pipe table (`|` in cells escaped).
    public var markdown: String {
        func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|") }
        var out = "| " + columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}

extension String {
    /// Every `target` character replaced by `replacement` (the library does without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
