/// The output formats of `qakit disputes`.
public enum DisputeReportFormat: String, Sendable, CaseIterable {
    case table, json, markdown, csv
}

/// Writes `qakit disputes` (docs/disputes.md): the same figures as text tables, Markdown tables,
/// one JSON object, or one long CSV table whose `table` column says which list a row belongs to.
/// Scores and deltas have two decimals; overturn rates are percentages with one decimal in the
/// tables and 0…1 in JSON and CSV.
public enum DisputeReportWriter {
    /// The whole report in `format`, ending with a line break.
    public static func render(_ figures: DisputeFigures, format: DisputeReportFormat) -> String {
        switch format {
        case .table: text(figures, markdown: false)
        case .markdown: text(figures, markdown: true)
        case .json: json(figures)
        case .csv: csv(figures)
        }
    }

    private static func score(_ value: Rational?) -> String { value?.formatted() ?? "-" }

    private static func signed(_ value: Rational?) -> String {
        guard let value else { return "-" }
        let text = value.formatted()
        return value.rounded() > .zero ? "+" + text : text == "-0.00" ? "0.00" : text
    }

    private static func percent(_ value: Rational?) -> String {
        value.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? "-"
    }

    private static func rateRow(_ rate: DisputeFigures.Rate) -> [String] {
        [String(rate.disputes), String(rate.decided), String(rate.overturned), percent(rate.overturnRate)]
    }

    /// The lists as captioned tables.
    private static func tables(_ figures: DisputeFigures) -> [DataTable] {
        let counts = ["Disputes", "Decided", "Overturned", "Overturn rate"].map { DataTable.Column($0, numeric: true) }
        var tables = [
            DataTable(caption: "Open disputes as of \(figures.asOf?.description ?? "-"), oldest first",
                      columns: [DataTable.Column("Dispute"), DataTable.Column("Audit"), DataTable.Column("Criterion"),
                                DataTable.Column("Raised on"), DataTable.Column("Age (days)", numeric: true)],
                      rows: figures.open.map { [$0.disputeID, $0.auditID, $0.criterion ?? "(audit)", $0.raisedOn.description, String($0.ageDays)] }),
            DataTable(caption: "By reviewer", columns: [DataTable.Column("Reviewer")] + counts,
                      rows: figures.reviewers.map { [$0.key ?? ""] + rateRow($0) }),
            DataTable(caption: "By criterion", columns: [DataTable.Column("Scorecard"), DataTable.Column("Criterion")] + counts,
                      rows: figures.criteria.map { [$0.scorecard ?? "", $0.key ?? "(audit)"] + rateRow($0) }),
            DataTable(caption: "Score change of each audit's overturns",
                      columns: [DataTable.Column("Audit"), DataTable.Column("Original score", numeric: true),
                                DataTable.Column("Score", numeric: true), DataTable.Column("Change", numeric: true)],
                      rows: figures.audits.map { [$0.auditID, score($0.originalScore), $0.isVoid ? "void" : score($0.score), signed($0.delta)] }),
        ]
        if !figures.voided.isEmpty {
            tables.append(DataTable(caption: "Voided audits (left out of scores)",
                                    columns: [DataTable.Column("Audit"), DataTable.Column("Dispute"), DataTable.Column("Agent"),
                                              DataTable.Column("Reviewer"), DataTable.Column("Original score", numeric: true)],
                                    rows: figures.voided.map { [$0.auditID, $0.disputeID, $0.agent, $0.reviewer, score($0.originalScore)] }))
        }
        return tables
    }

    /// The calibration topics as sentences.
    private static func topics(_ figures: DisputeFigures) -> [String] {
        figures.calibrationTopics.map { rate in
            "\(rate.key ?? ""): \(rate.overturned) of \(rate.decided) decided disputes overturned (\(percent(rate.overturnRate))), "
                + "above 25% with at least \(DisputeFigures.calibrationMinimumDecided) decided: a calibration topic"
        }
    }

    private static func text(_ figures: DisputeFigures, markdown: Bool) -> String {
        var out = markdown ? "# Disputes\n\n" : ""
        for table in tables(figures) {
            if markdown {
                out += "## \(table.caption)\n\n" + (table.rows.isEmpty ? "None.\n" : table.markdown) + "\n"
            } else {
                out += table.caption + "\n"
                if table.rows.isEmpty {
                    out += "  none\n\n"
                    continue
                }
                var text = TextTable(columns: table.columns.map { TextTable.Column($0.title.uppercased(), numeric: $0.isNumeric) })
                table.rows.forEach { text.append($0) }
                out += text.rendered() + "\n"
            }
        }
        let topics = topics(figures)
        out += markdown ? "## Calibration topics\n\n" : "Calibration topics\n"
        if topics.isEmpty {
            out += markdown ? "None: no reviewer has at least 5 decided disputes with more than 25% overturned.\n"
                : "  none: no reviewer has at least 5 decided disputes with more than 25% overturned\n"
        } else {
            out += topics.map { (markdown ? "- " : "  ") + $0 + "\n" }.joined()
        }
        return out
    }

    private static func rateJSON(_ rate: DisputeFigures.Rate, name: String) -> String {
        var members: [(String, String)] = [(name, JSONText.string(rate.key))]
        if name == "criterion" { members.insert(("scorecard", JSONText.string(rate.scorecard)), at: 0) }
        members += [("disputes", String(rate.disputes)), ("decided", String(rate.decided)), ("overturned", String(rate.overturned)),
                    ("overturn_rate", RationalJSON.number(rate.overturnRate))]
        if name == "reviewer" {
            members.append(("calibration_topic", JSONText.bool(rate.isCalibrationTopic)))
        }
        return JSONText.object(members)
    }

    private static func json(_ figures: DisputeFigures) -> String {
        func list(_ items: [String]) -> String {
            items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
        }
        let open = figures.open.map {
            JSONText.object([("dispute_id", JSONText.string($0.disputeID)), ("audit_id", JSONText.string($0.auditID)),
                             ("criterion", JSONText.string($0.criterion)), ("raised_on", JSONText.string($0.raisedOn.description)),
                             ("age_days", String($0.ageDays))])
        }
        let audits = figures.audits.map {
            JSONText.object([("audit_id", JSONText.string($0.auditID)), ("original_score", JSONText.score($0.originalScore)),
                             ("score", JSONText.score($0.score)), ("delta", JSONText.score($0.delta)), ("voided", JSONText.bool($0.isVoid))])
        }
        let voided = figures.voided.map {
            JSONText.object([("audit_id", JSONText.string($0.auditID)), ("dispute_id", JSONText.string($0.disputeID)),
                             ("agent", JSONText.string($0.agent)), ("reviewer", JSONText.string($0.reviewer)),
                             ("original_score", JSONText.score($0.originalScore))])
        }
        return "{\n  \"as_of\": \(JSONText.string(figures.asOf?.description)),\n"
            + "  \"open\": \(list(open)),\n"
            + "  \"reviewers\": \(list(figures.reviewers.map { rateJSON($0, name: "reviewer") })),\n"
            + "  \"criteria\": \(list(figures.criteria.map { rateJSON($0, name: "criterion") })),\n"
            + "  \"audits\": \(list(audits)),\n"
            + "  \"voided\": \(list(voided)),\n"
            + "  \"calibration_topics\": \(JSONText.array(figures.calibrationTopics.map { JSONText.string($0.key) }))\n}\n"
    }

    /// The CSV columns: `table` (open, reviewer, criterion, audit, voided) and the union of the
    /// lists' fields; a row fills the cells of its list.
    public static let csvColumns = ["table", "dispute_id", "audit_id", "reviewer", "scorecard", "criterion", "raised_on", "age_days",
                                    "disputes", "decided", "overturned", "overturn_rate", "original_score", "score", "delta"]

    private static func csv(_ figures: DisputeFigures) -> String {
        var out = CSVText.row(csvColumns)
        func row(_ cells: [String: String]) {
            out += CSVText.row(csvColumns.map { cells[$0] ?? "" })
        }
        for item in figures.open {
            row(["table": "open", "dispute_id": item.disputeID, "audit_id": item.auditID, "criterion": item.criterion ?? "",
                 "raised_on": item.raisedOn.description, "age_days": String(item.ageDays)])
        }
        func counts(_ rate: DisputeFigures.Rate) -> [String: String] {
            ["disputes": String(rate.disputes), "decided": String(rate.decided), "overturned": String(rate.overturned),
             "overturn_rate": rate.overturnRate.map { RationalJSON.number($0) } ?? ""]
        }
        for rate in figures.reviewers { row(counts(rate).merging(["table": "reviewer", "reviewer": rate.key ?? ""]) { $1 }) }
        for rate in figures.criteria {
            row(counts(rate).merging(["table": "criterion", "scorecard": rate.scorecard ?? "", "criterion": rate.key ?? ""]) { $1 })
        }
        for change in figures.audits {
            row(["table": "audit", "audit_id": change.auditID, "original_score": change.originalScore?.formatted() ?? "",
                 "score": change.score?.formatted() ?? "", "delta": change.delta?.formatted() ?? ""])
        }
        for voided in figures.voided {
            row(["table": "voided", "dispute_id": voided.disputeID, "audit_id": voided.auditID, "reviewer": voided.reviewer,
                 "original_score": voided.originalScore?.formatted() ?? ""])
        }
        return out
    }
}
