/// `compare --format markdown`: a decision memo for the QA lead who decides whether to adopt the
/// newer version (docs/compare.md, "Markdown"): the headline figures first, then what changed in
/// the rubric, the groups, and the audits behind the verdict changes.
enum CompareMarkdown {
    /// Groups named in the headline as moving most, and audits listed per section.
    static let namedGroups = 3
    static let listedAudits = 50

    static func render(_ result: ComparisonResult) -> String {
        let (from, to) = (result.fromLabel, result.toLabel)
        let overall = result.overall
        var out = "# \(result.to.title): version \(result.from.version) → version \(result.to.version)\n\n"
        out += "Scorecard `\(result.to.id)`, every audit re-scored under both versions, whatever version it was done with.\n\n"
        out += "## Headline\n\n"
        out += "- **\(overall.flips) of \(overall.audits) audit\(overall.audits == 1 ? "" : "s") change\(overall.audits == 1 && overall.flips == 1 ? "s" : "") pass/fail**: \(overall.flipsToFail) pass → fail, "
            + "\(overall.flipsToPass) fail → pass.\n"
        out += "- **Mean score \(CompareFigures.score(overall.meanFrom, missing: "n/a")) → \(CompareFigures.score(overall.meanTo, missing: "n/a"))** "
            + "(\(CompareFigures.signed(overall.delta, missing: "n/a")) points); pass rate \(CompareFigures.percent(overall.passRateFrom, missing: "n/a")) → "
            + "\(CompareFigures.percent(overall.passRateTo, missing: "n/a")).\n"
        let movers = result.groups.filter { $0.delta != nil }
            .sorted { ($0.delta!.magnitudeValue, $0.flips) > ($1.delta!.magnitudeValue, $1.flips) }.prefix(namedGroups)
        if !movers.isEmpty {
            let named = movers.map { "\($0.key) (\(CompareFigures.signed($0.delta)), \($0.flips) flip\($0.flips == 1 ? "" : "s"))" }
            out += "- **\(movers.count == 1 ? "Moves" : "Move") most** (by \(result.grouping)): " + named.joined(separator: ", ") + ".\n"
        }
        let criteria = result.changes.filter { $0.subject == .criterion }.map { "`\($0.id)` (\($0.change.rawValue))" }
        out += "- **Criteria changed**: " + (criteria.isEmpty ? "none" : criteria.joined(separator: ", "))
        let others = result.changes.count - criteria.count
        out += others > 0 ? "; \(others) section or scorecard setting change\(others == 1 ? "" : "s").\n" : ".\n"
        if !result.unscorable.isEmpty {
            out += "- **\(result.unscorable.count) audit\(result.unscorable.count == 1 ? "" : "s") cannot be scored** by one of the versions "
                + "(listed below); the figures above leave them out.\n"
        }
        out += "\n## What changed in the rubric\n\n"
        out += DataTable(caption: "Rubric changes", columns: [.init("id"), .init("kind"), .init("change"), .init("what"), .init("where")],
                         rows: result.changes.map { [$0.id, $0.subject.rawValue, $0.change.rawValue, CompareFigures.what($0), CompareFigures.location($0)] })
            .markdownOrNone

        out += "\n## By \(result.grouping)\n\n"
        let names = result.grouping.dimensions.map { DataTable.Column($0.description) }
        out += DataTable(caption: "Groups", columns: names + ["audits", "mean \(from)", "mean \(to)", "delta", "pass rate \(from)", "pass rate \(to)", "flips"]
                            .map { DataTable.Column($0, numeric: true) },
                         rows: result.groups.map { group in
                             group.values + [String(group.audits), CompareFigures.score(group.meanFrom, missing: "n/a"),
                                             CompareFigures.score(group.meanTo, missing: "n/a"), CompareFigures.signed(group.delta, missing: "n/a"),
                                             CompareFigures.percent(group.passRateFrom), CompareFigures.percent(group.passRateTo), String(group.flips)]
                         }).markdownOrNone

        let flipped = result.flippedAudits
        out += "\n## Audits that change pass/fail\n\n"
        out += DataTable(caption: "Flips", columns: [.init("audit"), .init("agent"), .init("score \(from)", numeric: true),
                                                     .init("score \(to)", numeric: true), .init("delta", numeric: true), .init("verdict")],
                         rows: flipped.prefix(listedAudits).map { audit in
                             [audit.auditID, audit.agent, CompareFigures.score(audit.scoreFrom, missing: "n/a"), CompareFigures.score(audit.scoreTo, missing: "n/a"),
                              CompareFigures.signed(audit.delta, missing: "n/a"),
                              "\(CompareFigures.verdict(audit.passedFrom)) → \(CompareFigures.verdict(audit.passedTo))"]
                         }).markdownOrNone + more(flipped.count)

        if !result.unscorable.isEmpty {
            out += "\n## Audits one version cannot score\n\n"
            out += DataTable(caption: "Unscorable", columns: [.init("audit"), .init("version", numeric: true), .init("reason")],
                             rows: result.unscorable.prefix(listedAudits).map { [$0.auditID ?? "(no audit_id, line \($0.line))", String($0.version), $0.reason] })
                .markdown + more(result.unscorable.count)
        }
        out += "\nScores are exact and rounded half away from zero to hundredths; a delta is the difference of the two figures shown. "
        out += "Calibration audits are left out unless `--include-calibration` is given, as in `qakit score --by`.\n"
        return out
    }

    private static func more(_ count: Int) -> String {
        count > listedAudits ? "\n… and \(count - listedAudits) more: `--format csv` lists them all.\n" : ""
    }
}

extension DataTable {
    /// The pipe table, or `None.` when it has no rows.
    fileprivate var markdownOrNone: String { rows.isEmpty ? "None.\n" : markdown }
}

extension Rational {
    /// |value|, for ordering by size of a change.
    fileprivate var magnitudeValue: Rational { self < .zero ? .zero - self : self }
}
