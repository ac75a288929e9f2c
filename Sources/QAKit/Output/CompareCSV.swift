/// `compare --format csv`: one part of the comparison per file, chosen by `--rows`
/// (docs/compare.md, "CSV").
enum CompareCSV {
    static func write(_ result: ComparisonResult, rows: CompareRows, style: CSVStyle, to sink: TextSink) throws {
        var text = style.preamble
        func row(_ fields: [String]) { text += CSVText.row(fields, style: style) }
        func flush() throws {
            try sink.write(text)
            text = ""
        }
        switch rows {
        case .audits:
            row(["audit_id", "agent", "score_from", "score_to", "delta", "passed_from", "passed_to"])
            for (index, audit) in result.audits.enumerated() {
                row([audit.auditID, audit.agent, CompareFigures.score(audit.scoreFrom), CompareFigures.score(audit.scoreTo),
                     CompareFigures.score(audit.delta), flag(audit.passedFrom), flag(audit.passedTo)])
                if index % 4096 == 4095 { try flush() }
            }
        case .groups:
            let names = result.grouping.dimensions.map(\.description)
            row(["key"] + names + ["audits", "mean_from", "mean_to", "delta", "pass_rate_from", "pass_rate_to", "flips"])
            for group in result.groups {
                row([group.key] + group.values + [String(group.audits), CompareFigures.score(group.meanFrom), CompareFigures.score(group.meanTo),
                     CompareFigures.score(group.delta), group.passRateFrom?.decimalString() ?? "", group.passRateTo?.decimalString() ?? "",
                     String(group.flips)])
            }
        case .diff:
            row(["id", "subject", "change", "what", "file", "line"])
            for change in result.changes {
                row([change.id, change.subject.rawValue, change.change.rawValue, change.what.joined(separator: "; "), change.file, String(change.line)])
            }
        case .unscorable:
            row(["audit_id", "version", "reason", "file", "line"])
            for audit in result.unscorable {
                row([audit.auditID ?? "", String(audit.version), audit.reason, audit.file, String(audit.line)])
            }
        }
        try flush()
    }

    /// `true`, `false`, or empty without a pass mark, as `score --format csv` writes `passed`.
    private static func flag(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }
}
