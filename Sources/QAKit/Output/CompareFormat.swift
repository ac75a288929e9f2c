/// The output formats of `qakit compare` (docs/compare.md).
public enum CompareFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}

/// Which of the comparison's parts a CSV holds, one kind of row per file (`--rows`).
public enum CompareRows: String, Sendable, CaseIterable {
    case audits, groups, diff, unscorable
}

/// Writes a `ComparisonResult` in any `CompareFormat`.
public enum CompareWriter {
    /// `rows` picks the CSV's part; `style` its cell rules (`--excel`); `tableWidth` limits the
    /// table's lines. Both are ignored by the formats they do not concern.
    public static func write(_ result: ComparisonResult, format: CompareFormat, rows: CompareRows = .audits, style: CSVStyle = .plain,
                             to sink: TextSink, tableWidth: Int? = nil) throws {
        switch format {
        case .table: try sink.write(CompareText.render(result, tableWidth: tableWidth))
        case .csv: try CompareCSV.write(result, rows: rows, style: style, to: sink)
        case .json: try CompareJSON.write(result, to: sink)
        case .markdown: try sink.write(CompareMarkdown.render(result))
        }
    }
}

extension ComparisonResult {
    /// `v1`, `v2`: how tables and the memo name the versions.
    var fromLabel: String { "v\(from.version)" }
    var toLabel: String { "v\(to.version)" }
}

/// The figures as every format writes them.
enum CompareFigures {
    /// `85.00`; empty for none (`missing` chooses the placeholder).
    static func score(_ value: Rational?, missing: String = "") -> String { value?.formatted() ?? missing }

    /// `+2.50`, `-1.25`, `0.00`.
    static func signed(_ value: Rational?, missing: String = "") -> String {
        guard let value else { return missing }
        let text = value.formatted()
        return value > .zero ? "+" + text : text
    }

    /// `75.0%`.
    static func percent(_ rate: Rational?, missing: String = "-") -> String {
        rate.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? missing
    }

    /// `pass`, `fail`, or `-` without a pass mark.
    static func verdict(_ passed: Bool?) -> String { passed.map { $0 ? "pass" : "fail" } ?? "-" }

    /// `scorecards/live-chat.yaml:91`.
    static func location(_ change: RubricChange) -> String { "\(change.file):\(change.line)" }

    /// The differences, for a table cell; `-` for an addition or a removal.
    static func what(_ change: RubricChange) -> String {
        change.what.isEmpty ? "-" : change.what.joined(separator: "; ")
    }
}
