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

    /// The table's headings of the figures, in output order (after the key columns).
    static let tableTitles = ["TICKETS", "FRT MED", "FRT P90", "RES MED", "RES P90", "ONE-TOUCH", "REOPEN", "CSAT", "CSAT N", "NPS", "NPS N", "SLA MET"]

    /// Writes `groups` in `format`; `keyTitle` heads the table's first column (`AGENT`, `WEEK`, …).
    /// With several keys (`keyNames`, `--by agent,month`), the table has one column per key
    /// instead, and CSV and JSON add one field per key after `key`, as `score --by` does
    /// (docs/kpis.md). `style` is the CSV's (`--excel`); `tableWidth` limits the table's lines
    /// (the terminal's width), columns otherwise as wide as their content (docs/aggregates.md).
    public static func write(_ groups: [KPIFigures], format: KPIFormat, keyTitle: String, keyNames: [String] = [], style: CSVStyle = .plain,
                             tableWidth: Int? = nil, to sink: TextSink) throws {
        let names = keyNames.count > 1 ? keyNames : []
        switch format {
        case .table:
            let titles = names.isEmpty ? [keyTitle.uppercased()] : names.map { $0.uppercased() }
            var table = TextTable(columns: titles.map { TextTable.Column($0) } + tableTitles.map { TextTable.Column($0, numeric: true) })
            for group in groups { table.append((names.isEmpty ? [group.key] : group.values) + figureTableCells(group)) }
            try sink.write(table.rendered(maximumWidth: tableWidth))
        case .csv:
            try sink.write(style.preamble + CSVText.row([fieldNames[0]] + names + fieldNames.dropFirst(), style: style))
            for group in groups {
                try sink.write(CSVText.row([group.key] + (names.isEmpty ? [] : group.values) + figureCSVCells(group), style: style))
            }
        case .json:
            try sink.write("[" + groups.map { "\n  " + json($0, keyNames: names) }.joined(separator: ",") + (groups.isEmpty ? "]\n" : "\n]\n"))
        }
    }

    /// One group as a JSON object, figures unrounded.
    public static func json(_ group: KPIFigures) -> String {
        json(group, keyNames: [])
    }

    /// As `json(_:)`; with several `keyNames`, one member per key after `key`.
    public static func json(_ group: KPIFigures, keyNames: [String]) -> String {
        let keys = keyNames.count > 1 ? zip(keyNames, group.values).map { ($0, JSONText.string($1)) } : []
        return JSONText.object([(fieldNames[0], JSONText.string(group.key))] + keys + jsonMembers(group))
    }

    /// The figures of a group as JSON members, unrounded, without its key; `nil` for a group
    /// with no ticket (every member `null`, `tickets` 0).
    static func jsonMembers(_ group: KPIFigures?) -> [(String, String)] {
        guard let group else {
            return fieldNames.dropFirst().map { ($0, $0 == "tickets" || $0.hasSuffix("_responses") ? "0" : "null") }
        }
        let values = [
            String(group.tickets),
            RationalJSON.number(group.firstResponseMedian), RationalJSON.number(group.firstResponseP90),
            RationalJSON.number(group.resolutionMedian), RationalJSON.number(group.resolutionP90),
            RationalJSON.number(group.oneTouchRate), RationalJSON.number(group.reopenRate),
            RationalJSON.number(group.csat), String(group.csatResponses),
            RationalJSON.number(group.nps), String(group.npsResponses), RationalJSON.number(group.slaMetRate),
        ]
        return Array(zip(fieldNames.dropFirst(), values))
    }

    /// The table cells of a group's figures, without its key; a group with no ticket (`nil`)
    /// shows 0 tickets and `-` elsewhere.
    static func figureTableCells(_ group: KPIFigures?) -> [String] {
        guard let group else { return fieldNames.dropFirst().map { $0 == "tickets" || $0.hasSuffix("_responses") ? "0" : "-" } }
        func minutes(_ value: Rational?) -> String { value?.formatted(places: 1) ?? "-" }
        func percent(_ value: Rational?) -> String { value.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? "-" }
        return [
            String(group.tickets),
            minutes(group.firstResponseMedian), minutes(group.firstResponseP90),
            minutes(group.resolutionMedian), minutes(group.resolutionP90),
            percent(group.oneTouchRate), percent(group.reopenRate), percent(group.csat), String(group.csatResponses),
            group.nps?.formatted(places: 1) ?? "-", String(group.npsResponses), percent(group.slaMetRate),
        ]
    }

    /// The CSV cells of a group's figures, without its key; blank for no data (0 for counts).
    static func figureCSVCells(_ group: KPIFigures?) -> [String] {
        guard let group else { return fieldNames.dropFirst().map { $0 == "tickets" || $0.hasSuffix("_responses") ? "0" : "" } }
        func fixed(_ value: Rational?, _ places: Int) -> String { value?.formatted(places: places) ?? "" }
        return [
            String(group.tickets),
            fixed(group.firstResponseMedian, 2), fixed(group.firstResponseP90, 2),
            fixed(group.resolutionMedian, 2), fixed(group.resolutionP90, 2),
            fixed(group.oneTouchRate, 4), fixed(group.reopenRate, 4), fixed(group.csat, 4), String(group.csatResponses),
            fixed(group.nps, 2), String(group.npsResponses), fixed(group.slaMetRate, 4),
        ]
    }
}
