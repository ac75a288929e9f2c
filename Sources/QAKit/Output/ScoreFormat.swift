/// The output formats of `qakit score`.
public enum ScoreFormat: String, Sendable, CaseIterable {
    case table, csv, json, jsonl
}

/// Writes per-audit results as they arrive, in any `ScoreFormat`.
///
/// The table fits an 80-column terminal: long ids and names are shortened with `…`.
public final class AuditResultWriter {
    public let format: ScoreFormat
    private let sink: TextSink
    /// The CSV format's writer.
    private let csv: ScoreCSVWriter
    /// JSON and JSON Lines output waiting to be written.
    private var json = JSONBytes()
    private var count = 0

    /// `scorecards` decides the CSV's `section:<id>` columns (every section id, in first-seen
    /// order); `metadataFields` and `style` are the CSV's as `ScoreCSVWriter` takes them.
    public init(format: ScoreFormat, sink: TextSink, scorecards: [Scorecard], metadataFields: [String] = [], style: CSVStyle = .plain) {
        self.format = format
        self.sink = sink
        csv = ScoreCSVWriter(sink: sink, scorecards: scorecards, metadataFields: metadataFields, style: style)
    }

    public func begin() throws {
        switch format {
        case .csv: try csv.begin()
        case .table: try sink.write(TableText.row(Self.tableHeader, widths: Self.tableWidths) + TableText.rule(Self.tableWidths))
        case .json: try sink.write("[")
        case .jsonl: break
        }
    }

    public func write(_ scored: ScoredAudit) throws {
        switch format {
        case .csv: try ScoreRow.with(scored, dimension: nil, csv.consume)
        case .jsonl:
            scored.appendJSON(to: &json)
            json.bytes.append(0x0A)
        case .json:
            json.bytes += (count == 0 ? "\n  " : ",\n  ").utf8
            scored.appendJSON(to: &json)
        case .table: try sink.write(TableText.row(Self.tableCells(scored), widths: Self.tableWidths))
        }
        count += 1
        if json.bytes.count >= 1 << 16 { try flushJSON() }
    }

    /// Writes out the JSON built so far.
    private func flushJSON() throws {
        try json.bytes.withUnsafeBufferPointer { try sink.write(utf8: $0) }
        json.removeAll()
    }

    public func end() throws {
        try flushJSON()
        if format == .json { try sink.write(count == 0 ? "]\n" : "\n]\n") }
        if format == .csv { try csv.end() }
    }

    static let tableHeader = ["AUDIT", "AGENT", "SCORECARD", "DATE", "SCORE", "RESULT", "BAND"]
    /// 12 + 16 + 14 + 10 + 7 + 6 + 8 plus six spaces = 79 columns.
    static let tableWidths = [12, 16, 14, 10, -7, 6, 8]

    static func tableCells(_ scored: ScoredAudit) -> [String] {
        let result = scored.result
        let verdict = result.isAutoFailed ? "AUTO" : result.passed.map { $0 ? "pass" : "FAIL" } ?? "-"
        return [scored.audit.id, scored.audit.agent, scored.scorecard.id, scored.audit.date.description,
                result.score?.formatted() ?? "-", verdict, result.band ?? "-"]
    }
}

/// Writes `--by` aggregates in any `ScoreFormat`.
public enum AggregateWriter {
    /// `style` decides how CSV cells are written (`--excel`); the other formats ignore it.
    public static func write(_ aggregates: [Aggregate], dimension: Aggregator.Dimension, format: ScoreFormat, style: CSVStyle = .plain,
                             to sink: TextSink) throws {
        switch format {
        case .table:
            let widths = [34, -7, -10, -10, -10]
            try sink.write(TableText.row([dimension.description.uppercased(), "AUDITS", "MEAN", "PASS RATE", "AUTO-FAILS"], widths: widths))
            try sink.write(TableText.rule(widths))
            for aggregate in aggregates {
                try sink.write(TableText.row([
                    aggregate.key, String(aggregate.audits), aggregate.meanScore?.formatted() ?? "-",
                    aggregate.passRate.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? "-", String(aggregate.autoFails),
                ], widths: widths))
            }
        case .csv:
            try sink.write(style.preamble + CSVText.row(["key", "audits", "mean_score", "pass_rate", "auto_fails"], style: style))
            for aggregate in aggregates {
                try sink.write(CSVText.row([aggregate.key, String(aggregate.audits), aggregate.meanScore?.formatted() ?? "",
                                            aggregate.passRate?.decimalString() ?? "", String(aggregate.autoFails)], style: style))
            }
        case .json:
            try sink.write("[" + aggregates.map { "\n  " + json($0) }.joined(separator: ",") + (aggregates.isEmpty ? "]\n" : "\n]\n"))
        case .jsonl:
            for aggregate in aggregates { try sink.write(json(aggregate) + "\n") }
        }
    }

    /// `pass_rate` is exact to four decimals (0.8125), `mean_score` two (85.00).
    static func json(_ aggregate: Aggregate) -> String {
        JSONText.object([
            ("key", JSONText.string(aggregate.key)),
            ("audits", String(aggregate.audits)),
            ("mean_score", JSONText.score(aggregate.meanScore)),
            ("pass_rate", aggregate.passRate?.decimalString() ?? "null"),
            ("auto_fails", String(aggregate.autoFails)),
        ])
    }
}

/// Fixed-width text tables; a negative width right-aligns (numbers).
public enum TableText {
    public static func row(_ cells: [String], widths: [Int]) -> String {
        var line = ""
        for (index, (cell, width)) in zip(cells, widths).enumerated() {
            let size = abs(width)
            let fitted = fit(cell, size)
            let padding = String(repeating: " ", count: size - fitted.count)
            line += width < 0 ? padding + fitted : fitted + (index == cells.count - 1 ? "" : padding)
            if index < cells.count - 1 { line += " " }
        }
        return line + "\n"
    }

    public static func rule(_ widths: [Int]) -> String {
        widths.map { String(repeating: "-", count: abs($0)) }.joined(separator: " ") + "\n"
    }

    /// Shortens text to `width` characters, ending with `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
