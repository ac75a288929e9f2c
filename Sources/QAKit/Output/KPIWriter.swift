/// How `qakit kpis` prints its figures.
public enum KPIFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// Writes `KPIFigures` as a table for people, CSV, or JSON (docs/kpis.md, "Output").
///
/// JSON keeps every figure unrounded (see `RationalJSON`). The table and CSV round half away
/// from zero, exactly: durations to 1 decimal (table) or 2 (CSV) minutes; rates to a percentage
/// with 1 decimal (table) or a share with 4 decimals (CSV); NPS to 1 decimal (table) or 2 (CSV).
/// A figure with no data is `null` in JSON, blank in CSV and `-` in the table.
public enum KPIWriter {
    /// The JSON and CSV field names, in output order.
    public static let fieldNames = [
        "key", "tickets", "first_response_median", "first_response_p90", "resolution_median", "resolution_p90",
        "one_touch_rate", "reopen_rate", "csat", "csat_responses", "nps", "nps_responses", "sla_met_rate",
    ]

    /// Writes `groups` in `format`; `keyTitle` heads the table's first column (`AGENT`, `WEEK`, …).
    /// `style` is the CSV's (`--excel`); `tableWidth` limits the table's lines (the terminal's
    /// width), columns otherwise as wide as their content (docs/aggregates.md).
    public static func write(_ groups: [KPIFigures], format: KPIFormat, keyTitle: String, style: CSVStyle = .plain,
                             tableWidth: Int? = nil, to sink: TextSink) throws {
        switch format {
        case .table:
            var table = TextTable(columns: [TextTable.Column(keyTitle.uppercased())]
                + ["TICKETS", "FRT MED", "FRT P90", "RES MED", "RES P90", "ONE-TOUCH", "REOPEN", "CSAT", "CSAT N", "NPS", "NPS N", "SLA MET"]
                .map { TextTable.Column($0, numeric: true) })
            for group in groups { table.append(tableCells(group)) }
            try sink.write(table.rendered(maximumWidth: tableWidth))
        case .csv:
            try sink.write(style.preamble + CSVText.row(fieldNames, style: style))
            for group in groups { try sink.write(CSVText.row(csvCells(group), style: style)) }
        case .json:
            try sink.write("[" + groups.map { "\n  " + json($0) }.joined(separator: ",") + (groups.isEmpty ? "]\n" : "\n]\n"))
        }
    }

    /// One group as a JSON object, figures unrounded.
    public static func json(_ group: KPIFigures) -> String {
        let values = [
            JSONText.string(group.key), String(group.tickets),
            RationalJSON.number(group.firstResponseMedian), RationalJSON.number(group.firstResponseP90),
            RationalJSON.number(group.resolutionMedian), RationalJSON.number(group.resolutionP90),
            RationalJSON.number(group.oneTouchRate), RationalJSON.number(group.reopenRate),
            RationalJSON.number(group.csat), String(group.csatResponses),
            RationalJSON.number(group.nps), String(group.npsResponses), RationalJSON.number(group.slaMetRate),
        ]
        return JSONText.object(Array(zip(fieldNames, values)))
    }

    private static func tableCells(_ group: KPIFigures) -> [String] {
        func minutes(_ value: Rational?) -> String { value?.formatted(places: 1) ?? "-" }
        func percent(_ value: Rational?) -> String { value.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? "-" }
        return [
            group.key, String(group.tickets),
            minutes(group.firstResponseMedian), minutes(group.firstResponseP90),
            minutes(group.resolutionMedian), minutes(group.resolutionP90),
            percent(group.oneTouchRate), percent(group.reopenRate), percent(group.csat), String(group.csatResponses),
            group.nps?.formatted(places: 1) ?? "-", String(group.npsResponses), percent(group.slaMetRate),
        ]
    }

    private static func csvCells(_ group: KPIFigures) -> [String] {
        func fixed(_ value: Rational?, _ places: Int) -> String { value?.formatted(places: places) ?? "" }
        return [
            group.key, String(group.tickets),
            fixed(group.firstResponseMedian, 2), fixed(group.firstResponseP90, 2),
            fixed(group.resolutionMedian, 2), fixed(group.resolutionP90, 2),
            fixed(group.oneTouchRate, 4), fixed(group.reopenRate, 4), fixed(group.csat, 4), String(group.csatResponses),
            fixed(group.nps, 2), String(group.npsResponses), fixed(group.slaMetRate, 4),
        ]
    }
}
