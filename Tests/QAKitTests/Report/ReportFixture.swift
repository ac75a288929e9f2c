@testable import QAKit

/// A hand-made report: one scorecard, five audits, two calibration audits, three agents' CSAT.
///
/// Scorecard `hand-report`: one section with c1 (yes/no, weight 1) and c2 (yes/no, weight 3),
/// passing score 70. So yes+yes = 100, no+yes = 75, yes+no = 25, no+no = 0.
///
/// | audit | agent | team | reviewer | date       | c1  | c2  | score |
/// | ----- | ----- | ---- | -------- | ---------- | --- | --- | ----- |
/// | A1    | Ana   | Blue | R1       | 2026-08-05 | yes | yes | 100   |
/// | A2    | Ana   | Blue | R1       | 2026-09-10 | no  | yes | 75    |
/// | A3    | Bo    | Blue | R2       | 2026-09-12 | yes | no  | 25    |
/// | A4    | Cy    | Red  | R2       | 2026-09-20 | no  | yes | 75    |
/// | A5    | Cy    | Red  | R1       | 2026-09-21 | yes | yes | 100   |
///
/// Calibration (2026-09-15): interaction X scored 100 by R1 and 75 by R2 (no, yes); interaction
/// Y scored 25 by both (yes, no).
enum ReportFixture {
    static let scorecard = Scorecard(id: "hand-report", title: "Hand report", version: 1, passingScore: Rational(70), sections: [
        Section(id: "s", title: "S", criteria: [
            Criterion(id: "c1", title: "Greets <by name>", kind: .yesNo),
            Criterion(id: "c2", title: "Solves", kind: .yesNo, weight: Rational(3)),
        ]),
    ])

    static func scored(_ id: String, agent: String, team: String?, reviewer: String, date: String, _ c1: Answer, _ c2: Answer,
                       calibration: Bool = false, interaction: String? = nil) -> ScoredAudit {
        let audit = Audit(id: id, interactionID: interaction ?? "T-\(id)", agent: agent, reviewer: reviewer, date: CalendarDate.parse(date)!,
                          isCalibration: calibration, fields: team.map { ["team": $0] } ?? [:], answers: [c1, c2])
        return ScoredAudit(audit: audit, result: ScoreEngine(scorecard: scorecard).score(audit), scorecard: scorecard)
    }

    static let audits: [ScoredAudit] = [
        scored("A1", agent: "Ana", team: "Blue", reviewer: "R1", date: "2026-08-05", .yes, .yes),
        scored("A2", agent: "Ana", team: "Blue", reviewer: "R1", date: "2026-09-10", .no, .yes),
        scored("A3", agent: "Bo", team: "Blue", reviewer: "R2", date: "2026-09-12", .yes, .no),
        scored("A4", agent: "Cy", team: "Red", reviewer: "R2", date: "2026-09-20", .no, .yes),
        scored("A5", agent: "Cy", team: "Red", reviewer: "R1", date: "2026-09-21", .yes, .yes),
        scored("K1", agent: "Ana", team: "Blue", reviewer: "R1", date: "2026-09-15", .yes, .yes, calibration: true, interaction: "X"),
        scored("K2", agent: "Ana", team: "Blue", reviewer: "R2", date: "2026-09-15", .no, .yes, calibration: true, interaction: "X"),
        scored("K3", agent: "Bo", team: "Blue", reviewer: "R1", date: "2026-09-15", .yes, .no, calibration: true, interaction: "Y"),
        scored("K4", agent: "Bo", team: "Blue", reviewer: "R2", date: "2026-09-15", .yes, .no, calibration: true, interaction: "Y"),
    ]

    /// CSAT per agent: Ana 0.9, Bo 0.5, Cy 0.8; Dee has tickets but no audit (left out of the scatter).
    static let kpisByAgent: [KPIFigures] = [kpis("Ana", csat: Rational(9, 10)), kpis("Bo", csat: Rational(1, 2)),
                                            kpis("Cy", csat: Rational(4, 5)), kpis("Dee", csat: Rational(1))]

    static func kpis(_ key: String, csat: Rational?) -> KPIFigures {
        KPIFigures(key: key, tickets: 10, firstResponseMedian: nil, firstResponseP90: nil, resolutionMedian: nil, resolutionP90: nil,
                   oneTouchRate: nil, reopenRate: nil, csat: csat, csatResponses: csat == nil ? 0 : 10, nps: nil, npsResponses: 0, slaMetRate: nil)
    }

    static func report(kpis: Bool = false, filter: PeriodFilter = PeriodFilter()) -> ReportFigures {
        let tally = ReportTally(scorecards: [scorecard], filter: filter, period: .month)
        for audit in audits { tally.add(audit) }
        return ReportFigures(tally: tally,
                             kpisByPeriod: kpis ? [self.kpis("2026-08", csat: Rational(3, 4)), self.kpis("2026-09", csat: Rational(7, 10))] : nil,
                             kpisByAgent: kpis ? kpisByAgent : nil)
    }
}
