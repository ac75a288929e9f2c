/// `qakit report --format json`: every figure of `ReportFigures`, unrounded (`RationalJSON`),
/// in the shape docs/report.md gives.
public enum ReportJSON {
    public static func render(_ report: ReportFigures) -> String {
        JSONText.object([
            ("period", JSONText.string(report.period.rawValue)),
            ("headline", headline(report.headline)),
            ("teams", JSONText.array(report.teams.map { team in
                JSONText.object([("team", JSONText.string(team.team)), ("period", JSONText.string(team.period)),
                                 ("audits", String(team.audits)), ("mean_score", RationalJSON.number(team.meanScore)),
                                 ("pass_rate", RationalJSON.number(team.passRate))])
            })),
            ("histogram", JSONText.object([("bins", JSONText.array(report.histogram.map { bin in
                JSONText.object([("from", String(bin.from)), ("to", bin.to.map(String.init) ?? "null"), ("audits", String(bin.audits))])
            }))])),
            ("criteria_by_team", JSONText.array(report.criteriaByTeam.map { item in
                JSONText.object([("scorecard", JSONText.string(item.scorecard)), ("scorecard_version", String(item.scorecardVersion)),
                                 ("criterion", JSONText.string(item.criterion)), ("team", JSONText.string(item.team)), ("scored", String(item.scored)),
                                 ("mean_credit", RationalJSON.number(item.meanCredit))])
            })),
            ("criteria_cost", JSONText.array(report.criteriaCost.map { item in
                JSONText.object([("scorecard", JSONText.string(item.scorecard)), ("scorecard_version", String(item.scorecardVersion)),
                                 ("criterion", JSONText.string(item.criterion)), ("points_lost", RationalJSON.number(item.pointsLost))])
            })),
            ("agents", JSONText.array(report.agents.map { item in
                JSONText.object([("agent", JSONText.string(item.agent)), ("period", JSONText.string(item.period)),
                                 ("audits", String(item.audits)), ("mean_score", RationalJSON.number(item.meanScore))])
            })),
            ("reviewers", JSONText.array(report.reviewers.map { item in
                JSONText.object([("reviewer", JSONText.string(item.reviewer)), ("audits", String(item.audits)),
                                 ("mean_deviation", JSONText.number(item.meanDeviation)), ("overturn_rate", RationalJSON.number(item.overturnRate))])
            })),
            ("qa_vs_csat", report.qaVersusCSAT.map { scatter in
                JSONText.object([("r", JSONText.number(scatter.r)), ("n", String(scatter.n)), ("points", JSONText.array(scatter.points.map { point in
                    JSONText.object([("agent", JSONText.string(point.agent)), ("mean_score", RationalJSON.number(point.meanScore)),
                                     ("csat", RationalJSON.number(point.csat))])
                }))])
            } ?? "null"),
        ]) + "\n"
    }

    private static func headline(_ headline: ReportFigures.Headline?) -> String {
        guard let headline else { return "null" }
        var members = period(headline.latest)
        members.append(("previous", headline.previous.map { JSONText.object(period($0)) } ?? "null"))
        var change: [(String, String)] = [
            ("audits", headline.audits.map(String.init) ?? "null"),
            ("mean_score", RationalJSON.number(headline.meanScore)),
            ("pass_rate", RationalJSON.number(headline.passRate)),
            ("auto_fails", headline.autoFails.map(String.init) ?? "null"),
            ("alpha", JSONText.number(headline.alpha)),
        ]
        if headline.latest.kpis != nil {
            change.append(("kpis", JSONText.object(ReportKPI.all.map { ($0.field, RationalJSON.number(headline.kpiChange($0.figure))) })))
        }
        members.append(("change", JSONText.object(change)))
        return JSONText.object(members)
    }

    private static func period(_ figures: ReportFigures.PeriodFigures) -> [(String, String)] {
        [
            ("period", JSONText.string(figures.period)), ("audits", String(figures.audits)),
            ("mean_score", RationalJSON.number(figures.meanScore)), ("pass_rate", RationalJSON.number(figures.passRate)),
            ("auto_fails", String(figures.autoFails)), ("alpha", JSONText.number(figures.alpha)),
            ("kpis", figures.kpis.map(KPIWriter.json) ?? "null"),
        ]
    }
}

/// The KPIs the report's headline compares, with their JSON names and how people read them.
public struct ReportKPI: Sendable {
    public var field: String
    public var title: String
    public var figure: KeyPath<KPIFigures, Rational?> & Sendable
    /// Whether the figure is a share in 0…1 (else minutes or NPS points).
    public var isShare: Bool
    /// Whether a rise is good news.
    public var higherIsBetter: Bool

    public static let all: [ReportKPI] = [
        ReportKPI(field: "csat", title: "CSAT", figure: \.csat, isShare: true, higherIsBetter: true),
        ReportKPI(field: "nps", title: "NPS", figure: \.nps, isShare: false, higherIsBetter: true),
        ReportKPI(field: "first_response_median", title: "First response, median (min)", figure: \.firstResponseMedian, isShare: false, higherIsBetter: false),
        ReportKPI(field: "resolution_median", title: "Resolution, median (min)", figure: \.resolutionMedian, isShare: false, higherIsBetter: false),
        ReportKPI(field: "one_touch_rate", title: "One-touch rate", figure: \.oneTouchRate, isShare: true, higherIsBetter: true),
        ReportKPI(field: "reopen_rate", title: "Reopen rate", figure: \.reopenRate, isShare: true, higherIsBetter: false),
        ReportKPI(field: "sla_met_rate", title: "SLA met", figure: \.slaMetRate, isShare: true, higherIsBetter: true),
    ]
}
