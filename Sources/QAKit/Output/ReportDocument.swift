/// Builds a report as plain text or Markdown from the same calls: headings, paragraphs,
/// bullet lists and tables.
///
/// Plain text underlines headings, wraps paragraphs at 100 columns and aligns table columns;
/// Markdown uses `#` headings, `-` lists and pipe tables.
struct ReportDocument {
    let isMarkdown: Bool
    private(set) var text = ""

    init(markdown: Bool) {
        isMarkdown = markdown
    }

    mutating func title(_ line: String) {
        text += isMarkdown ? "# \(line)\n\n" : "\(line)\n\(String(repeating: "=", count: line.count))\n\n"
    }

    mutating func heading(_ line: String) {
        text += isMarkdown ? "## \(line)\n\n" : "\(line)\n\(String(repeating: "-", count: line.count))\n\n"
    }

    mutating func paragraph(_ line: String) {
        text += (isMarkdown ? line : Self.wrapped(line, indent: "")) + "\n\n"
    }

    /// A list; each item may carry indented detail lines below it.
    mutating func bullets(_ items: [(item: String, details: [String])]) {
        for (item, details) in items {
            text += isMarkdown ? "- \(item)\n" : Self.wrapped("- " + item, indent: "  ") + "\n"
            for detail in details {
                text += isMarkdown ? "  - \(detail)\n" : Self.wrapped("    " + detail, indent: "      ") + "\n"
            }
        }
        text += "\n"
    }

    mutating func bullets(_ items: [String]) {
        bullets(items.map { ($0, []) })
    }

    /// A table; columns listed in `numeric` are right-aligned.
    mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
        if isMarkdown {
            text += "| " + header.map(Self.escaped).joined(separator: " | ") + " |\n"
            text += "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
            for row in rows { text += "| " + row.map(Self.escaped).joined(separator: " | ") + " |\n" }
            text += "\n"
            return
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }
            var joined = padded.joined(separator: "  ")
            while joined.hasSuffix(" ") { joined.removeLast() }
            return joined + "\n"
        }
        text += line(header)
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { text += line(row) }
        text += "\n"
    }

    /// `*emphasis*` in Markdown, unchanged in text.
    func emphasis(_ words: String) -> String {
        isMarkdown ? "**\(words)**" : words
    }

    /// `code` in Markdown, unchanged in text.
    func code(_ words: String) -> String {
        isMarkdown ? "`\(words)`" : words
    }

    private static func escaped(_ cell: String) -> String {
        cell.replacingPipes()
    }

    /// Greedy word wrap at 100 columns; continuation lines start with `indent`.
    private static func wrapped(_ line: String, indent: String) -> String {
        let limit = 100
        let lead = String(line.prefix { $0 == " " })
        var result = ""
        var current = lead
        var hasWord = false
        for word in line.dropFirst(lead.count).split(separator: " ") {
            if hasWord, current.count + 1 + word.count > limit {
                result += current + "\n"
                current = indent + word
            } else {
                current += (hasWord ? " " : "") + word
            }
            hasWord = true
        }
        return result + current
    }
}

extension String {
    /// Pipes escaped for a Markdown table cell.
    fileprivate func replacingPipes() -> String {
        var out = ""
        for character in self { out += character == "|" ? "\\|" : String(character) }
        return out
    }
}
