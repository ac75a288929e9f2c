/// The output formats of `qakit score`.
public enum ScoreFormat: String, Sendable, CaseIterable {
    case table, csv, json, jsonl
}

/// Writes per-audit results as they arrive, in any `ScoreFormat`.
///
/// The table is written at the end, once every row is known, because its columns fit their
/// content (`TextTable`); the other formats stream.
public final class AuditResultWriter: ScoreRowConsumer {
    public let format: ScoreFormat
    private let sink: TextSink
    /// The widest line the table may have (the terminal's width); `nil` for no limit.
    private let tableWidth: Int?
    private var table = TextTable(columns: AuditResultWriter.tableColumns)
    /// The CSV format's writer.
    private let csv: ScoreCSVWriter
    /// JSON and JSON Lines output waiting to be written.
    private var json = JSONBytes()
    private var count = 0
    /// Ids of which several versions are loaded: the table's scorecard column names the version
    /// for these (`live-chat v1`), and only the id for the others.
    private let versionedIDs: Set<String>

    /// `scorecards` decides the CSV's `section:<id>` columns (every section id, in first-seen
    /// order); `metadataFields` and `style` are the CSV's as `ScoreCSVWriter` takes them.
    /// `tableWidth` limits the table's lines (the terminal's width); without it, columns are as
    /// wide as their content.
    public init(format: ScoreFormat, sink: TextSink, scorecards: [Scorecard], metadataFields: [String] = [], style: CSVStyle = .plain,
                tableWidth: Int? = nil, includesDisputes: Bool = false) {
        self.format = format
        self.sink = sink
        self.tableWidth = tableWidth
        var seen: Set<String> = []
        versionedIDs = Set(scorecards.map(\.id).filter { !seen.insert($0).inserted })
        csv = ScoreCSVWriter(sink: sink, scorecards: scorecards, metadataFields: metadataFields, style: style,
                             includesDisputes: includesDisputes)
    }

    public func begin() throws {
        switch format {
        case .csv: try csv.begin()
        case .table: break
        case .json: try sink.write("[")
        case .jsonl: break
        }
    }

    /// It writes whole audits (their answers and per-criterion results in JSON).
    public var readsAudits: Bool { true }

    public func consume(audit scored: ScoredAudit, key grouping: Grouping?) throws {
        try write(scored)
    }

    /// Not called: a consumer that reads audits gets no row from the byte path.
    public func consume(_ row: ScoreRow) throws {
        try write(row.scored!)
    }

    public func write(_ scored: ScoredAudit) throws {
        switch format {
        case .csv: try ScoreRow.with(scored, grouping: nil, csv.consume)
        case .jsonl:
            scored.appendJSON(to: &json)
            json.bytes.append(0x0A)
        case .json:
            json.bytes += (count == 0 ? "\n  " : ",\n  ").utf8
            scored.appendJSON(to: &json)
        case .table: table.append(Self.tableCells(scored, showsVersion: versionedIDs.contains(scored.scorecard.id)))
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
        if format == .table { try sink.write(table.rendered(maximumWidth: tableWidth)) }
    }

    static let tableColumns = ["AUDIT", "AGENT", "SCORECARD", "DATE"].map { TextTable.Column($0) }
        + [TextTable.Column("SCORE", numeric: true), TextTable.Column("RESULT"), TextTable.Column("BAND")]

    static func tableCells(_ scored: ScoredAudit, showsVersion: Bool) -> [String] {
        let result = scored.result
        let verdict = result.isAutoFailed ? "AUTO" : result.passed.map { $0 ? "pass" : "FAIL" } ?? "-"
        let scorecard = showsVersion ? "\(scored.scorecard.id) v\(scored.scorecard.version)" : scored.scorecard.id
        return [scored.audit.id, scored.audit.agent, scorecard, scored.audit.date.description,
                result.score?.formatted() ?? "-", verdict, result.band ?? "-"]
    }
}

/// Writes `--by` aggregates in any `ScoreFormat`: per group the joined `key`, one column per
/// `--by` key named after it, then the figures (docs/aggregates.md).
public enum AggregateWriter {
    /// `style` decides how CSV cells are written (`--excel`); the other formats ignore it.
    /// `tableWidth` limits the table's lines (the terminal's width); `nil` for no limit.
    public static func write(_ aggregates: [Aggregate], grouping: Grouping, format: ScoreFormat, style: CSVStyle = .plain,
                             to sink: TextSink, tableWidth: Int? = nil) throws {
        try write(aggregates.map { ($0, nil) }, grouping: grouping, format: format, style: style, to: sink, tableWidth: tableWidth)
    }

    /// The aggregates joined to KPIs (`--metrics`, docs/metrics.md): after each row's figures,
    /// `match` (`both`, `audits_only`, `tickets_only`) and the KPI fields of `qakit kpis`.
    public static func write(_ join: KPIJoin, grouping: Grouping, format: ScoreFormat, style: CSVStyle = .plain,
                             to sink: TextSink, tableWidth: Int? = nil) throws {
        try write(join.rows.map { ($0.aggregate, $0) }, grouping: grouping, format: format, style: style, to: sink, tableWidth: tableWidth)
    }

    private static func write(_ rows: [(aggregate: Aggregate, join: KPIJoin.Row?)], grouping: Grouping, format: ScoreFormat, style: CSVStyle,
                              to sink: TextSink, tableWidth: Int?) throws {
        let names = grouping.dimensions.map(\.description)
        let joined = rows.contains { $0.join != nil }
        switch format {
        case .table:
            var table = TextTable(columns: names.map { TextTable.Column($0.uppercased()) }
                + ["AUDITS", "MEAN", "PASS RATE", "AUTO-FAILS"].map { TextTable.Column($0, numeric: true) }
                + (joined ? KPIWriter.tableTitles.map { TextTable.Column($0, numeric: true) } : []))
            for (aggregate, join) in rows {
                table.append(aggregate.values + [
                    String(aggregate.audits), aggregate.meanScore?.formatted() ?? "-",
                    aggregate.passRate.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? "-", String(aggregate.autoFails),
                ] + (join.map { KPIWriter.figureTableCells($0.kpis) } ?? []))
            }
            try sink.write(table.rendered(maximumWidth: tableWidth))
        case .csv:
            try sink.write(style.preamble + CSVText.row(["key"] + names + ["audits", "mean_score", "pass_rate", "auto_fails"]
                + (joined ? ["match"] + KPIWriter.fieldNames.dropFirst() : []), style: style))
            for (aggregate, join) in rows {
                try sink.write(CSVText.row([aggregate.key] + aggregate.values + [
                    String(aggregate.audits), aggregate.meanScore?.formatted() ?? "",
                    aggregate.passRate?.decimalString() ?? "", String(aggregate.autoFails),
                ] + (join.map { [$0.match.rawValue] + KPIWriter.figureCSVCells($0.kpis) } ?? []), style: style))
            }
        case .json:
            try sink.write("[" + rows.map { "\n  " + json($0.aggregate, join: $0.join, names: names) }.joined(separator: ",")
                + (rows.isEmpty ? "]\n" : "\n]\n"))
        case .jsonl:
            for (aggregate, join) in rows { try sink.write(json(aggregate, join: join, names: names) + "\n") }
        }
    }

    /// `pass_rate` is exact to four decimals (0.8125), `mean_score` two (85.00); KPIs unrounded.
    static func json(_ aggregate: Aggregate, join: KPIJoin.Row? = nil, names: [String]) -> String {
        JSONText.object([("key", JSONText.string(aggregate.key))] + zip(names, aggregate.values).map { ($0, JSONText.string($1)) } + [
            ("audits", String(aggregate.audits)),
            ("mean_score", JSONText.score(aggregate.meanScore)),
            ("pass_rate", aggregate.passRate?.decimalString() ?? "null"),
            ("auto_fails", String(aggregate.autoFails)),
        ] + (join.map { [("match", JSONText.string($0.match.rawValue))] + KPIWriter.jsonMembers($0.kpis) } ?? []))
    }
}
