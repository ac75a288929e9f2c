/// `compare --format table`: the rubric diff, the groups, the audits whose verdict changes and
/// the unscorable ones, for a terminal (docs/compare.md, "Table"). Every audit is in the CSV and
/// the JSON; the table lists at most `listedAudits` of each kind.
enum CompareText {
    static let listedAudits = 20

    static func render(_ result: ComparisonResult, tableWidth: Int?) -> String {
        let (from, to) = (result.fromLabel, result.toLabel)
        let overall = result.overall
        var text = "Scorecard \(result.to.id): version \(result.from.version) → version \(result.to.version)\n"
        text += "\(overall.audits) audit\(overall.audits == 1 ? "" : "s") scored by both, \(overall.flips) change pass/fail"
        text += " (\(overall.flipsToFail) pass → fail, \(overall.flipsToPass) fail → pass); mean \(CompareFigures.score(overall.meanFrom, missing: "-"))"
        text += " → \(CompareFigures.score(overall.meanTo, missing: "-")) (\(CompareFigures.signed(overall.delta, missing: "-")))"
        text += "; \(result.unscorable.count) unscorable\n\n"

        text += "Rubric changes\n"
        if result.changes.isEmpty {
            text += "none that change a score\n"
        } else {
            var table = TextTable(columns: ["ID", "KIND", "CHANGE", "WHAT", "WHERE"].map { TextTable.Column($0) })
            for change in result.changes {
                table.append([change.id, change.subject.rawValue, change.change.rawValue, CompareFigures.what(change), CompareFigures.location(change)])
            }
            text += table.rendered(maximumWidth: tableWidth)
        }

        text += "\nBy \(result.grouping)\n"
        let names = result.grouping.dimensions.map { TextTable.Column($0.description.uppercased()) }
        var groups = TextTable(columns: names + ["AUDITS", "MEAN \(from)", "MEAN \(to)", "DELTA", "PASS \(from)", "PASS \(to)", "FLIPS"]
            .map { TextTable.Column($0, numeric: true) })
        for group in result.groups {
            groups.append(group.values + [String(group.audits), CompareFigures.score(group.meanFrom, missing: "-"),
                                          CompareFigures.score(group.meanTo, missing: "-"), CompareFigures.signed(group.delta, missing: "-"),
                                          CompareFigures.percent(group.passRateFrom), CompareFigures.percent(group.passRateTo), String(group.flips)])
        }
        text += groups.rendered(maximumWidth: tableWidth)

        let flipped = result.flippedAudits
        text += "\nAudits that change pass/fail (\(flipped.count))\n"
        if !flipped.isEmpty {
            var table = TextTable(columns: [TextTable.Column("AUDIT"), TextTable.Column("AGENT")]
                + ["SCORE \(from)", "SCORE \(to)", "DELTA"].map { TextTable.Column($0, numeric: true) } + [TextTable.Column("VERDICT")])
            for audit in flipped.prefix(listedAudits) {
                table.append([audit.auditID, audit.agent, CompareFigures.score(audit.scoreFrom, missing: "-"), CompareFigures.score(audit.scoreTo, missing: "-"),
                              CompareFigures.signed(audit.delta, missing: "-"),
                              "\(CompareFigures.verdict(audit.passedFrom)) → \(CompareFigures.verdict(audit.passedTo))"])
            }
            text += table.rendered(maximumWidth: tableWidth) + more(flipped.count)
        }

        if !result.unscorable.isEmpty {
            text += "\nAudits one version cannot score (\(result.unscorable.count))\n"
            var table = TextTable(columns: ["AUDIT", "VERSION", "REASON"].map { TextTable.Column($0) })
            for audit in result.unscorable.prefix(listedAudits) {
                table.append([audit.auditID ?? "(no audit_id, line \(audit.line))", "\(audit.version)", audit.reason])
            }
            text += table.rendered(maximumWidth: tableWidth) + more(result.unscorable.count)
        }
        return text
    }

    private static func more(_ count: Int) -> String {
        count > listedAudits ? "… and \(count - listedAudits) more (--format csv or json lists them all)\n" : ""
    }
}
