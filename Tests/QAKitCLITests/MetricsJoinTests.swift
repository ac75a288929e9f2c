import Foundation
import Testing

/// KPIs joined to QA (`score --by … --metrics`, `coach --metrics`, `coaching.kpi_targets`,
/// `kpis --by agent,month`) through the real binary, on `Fixtures/metrics`, worked out by hand.
///
/// Scorecard `metrics`: two yes/no criteria of equal weight, so a score is 0, 50 or 100; pass
/// mark 50; `min_audits` 2, `min_team_size` 2, goals due 14 days after the period; KPI targets
/// csat ≥ 0.9, first_response_median ≤ 60, nps ≥ 0.
///
/// `audits.csv` (team A for everyone):
///
/// | audit | agent | date | greeting, solved | score |
/// | --- | --- | --- | --- | --- |
/// | A-1 | Ana Silva | 2026-08-03 (W32) | yes yes | 100 |
/// | A-2 | Ana Silva | 2026-08-20 (W34) | yes no | 50 |
/// | A-3 | Ana Silva | 2026-09-02 (W36) | no no | 0 |
/// | B-1 | ben ode | 2026-08-05 (W32) | yes yes | 100 |
/// | B-2 | ben ode | 2026-09-12 (W37) | yes yes | 100 |
/// | C-1 | Cy Tan | 2026-08-12 (W33) | no yes | 50 |
///
/// `tickets.csv` (minutes; the tickets spell `Ben Ode`, the audits `ben ode`; Dee Wu has no audit,
/// Cy Tan no ticket):
///
/// | ticket | agent | created | first resp. | resolution | reopens | replies | csat | nps | sla breached |
/// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
/// | T-1 | Ana Silva | 2026-08-03 | 30 | 120 | 0 | 1 | good | 10 | false |
/// | T-2 | Ana Silva | 2026-08-04 | 90 | 200 | 1 | 3 | bad | 6 | true |
/// | T-3 | Ana Silva | 2026-08-25 | 70 | – | – | 2 | 4 | 9 | false |
/// | T-4 | Ana Silva | 2026-09-01 | 50 | 60 | 0 | 1 | 2 | 3 | false |
/// | T-5 | Ben Ode | 2026-08-06 | 10 | 30 | 0 | 1 | good | 9 | false |
/// | T-6 | Ben Ode | 2026-09-11 | 20 | 40 | 0 | 1 | 5 | 10 | false |
/// | T-7 | Dee Wu | 2026-08-07 | 15 | 25 | 0 | 1 | good | 8 | false |
@Suite("KPIs joined to QA (--metrics)")
struct MetricsJoinTests {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("metrics")

    private func qakit(_ arguments: String...) throws -> QAKitProcess.Output {
        try QAKitProcess.run(Array(arguments), in: Self.directory)
    }

    /// The JSON objects of an array printed one per line, by `key`.
    static func rows(_ output: String) throws -> [String: [String: Any]] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: array.map { ($0["key"] as? String ?? "?", $0) })
    }

    /// By agent:
    /// - Ana Silva: scores 100, 50, 0 → mean 50, passes 2 of 3 → 0.6667. First responses 30 90 70
    ///   50 → sorted 30 50 70 90: median (50 + 70)/2 = 60, p90 rank ⌈0.9·4⌉ = 4 → 90. Solved T-1,
    ///   T-2, T-4: 120 200 60 → sorted 60 120 200: median 120, p90 rank ⌈2.7⌉ = 3 → 200. One-touch:
    ///   replies 1, 3, 1 → 2/3; reopened 0, 1, 0 → 1/3. CSAT: good, 4 satisfied; bad, 2 not → 2/4 =
    ///   0.5 of 4. NPS: 10 and 9 promoters, 6 and 3 detractors → 100·(2 − 2)/4 = 0. SLA 3 of 4.
    /// - ben ode ↔ Ben Ode (case differs): scores 100, 100. First responses 10 20: median 15, p90
    ///   rank ⌈1.8⌉ = 2 → 20. Resolution 30 40: median 35, p90 40. CSAT 2/2, NPS 100·2/2 = 100.
    /// - Cy Tan: one audit of 50, no ticket → audits_only, KPIs null, tickets 0.
    /// - Dee Wu: no audit (0 audits, mean null), one ticket: 15, 25, CSAT 1, NPS 8 passive → 0.
    @Test func scoreByAgentJoinsKPIs() throws {
        let output = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent", "--metrics", "tickets.csv", "--format", "json")
        #expect(output.status == 0)
        let rows = try Self.rows(output.standardOutput)
        #expect(rows.keys.sorted() == ["Ana Silva", "Cy Tan", "Dee Wu", "ben ode"])
        let ana = try #require(rows["Ana Silva"])
        #expect(ana["match"] as? String == "both")
        #expect(ana["audits"] as? Int == 3)
        #expect(ana["tickets"] as? Int == 4)
        #expect(ana["first_response_median"] as? Double == 60)
        #expect(ana["first_response_p90"] as? Double == 90)
        #expect(ana["resolution_median"] as? Double == 120)
        #expect(ana["resolution_p90"] as? Double == 200)
        #expect(ana["one_touch_rate"] as? Double == 2.0 / 3)
        #expect(ana["reopen_rate"] as? Double == 1.0 / 3)
        #expect(ana["csat"] as? Double == 0.5)
        #expect(ana["csat_responses"] as? Int == 4)
        #expect(ana["nps"] as? Double == 0)
        #expect(ana["sla_met_rate"] as? Double == 0.75)
        let ben = try #require(rows["ben ode"])
        #expect(ben["match"] as? String == "both")
        #expect(ben["first_response_median"] as? Double == 15)
        #expect(ben["first_response_p90"] as? Double == 20)
        #expect(ben["resolution_median"] as? Double == 35)
        #expect(ben["nps"] as? Double == 100)
        let cy = try #require(rows["Cy Tan"])
        #expect(cy["match"] as? String == "audits_only")
        #expect(cy["tickets"] as? Int == 0)
        #expect(cy["csat"] is NSNull)
        let dee = try #require(rows["Dee Wu"])
        #expect(dee["match"] as? String == "tickets_only")
        #expect(dee["audits"] as? Int == 0)
        #expect(dee["mean_score"] is NSNull)
        #expect(dee["resolution_median"] as? Double == 25)
        #expect(output.standardError.contains("qakit: warning: 1 agent with audits but no tickets (KPIs empty): 'Cy Tan'\n"))
        #expect(output.standardError.contains("qakit: warning: 1 agent with tickets but no audits (rows with 0 audits): 'Dee Wu'\n"))
    }

    /// The CSV rounds as `qakit kpis` does (durations 2 decimals, shares 4) and has one row per
    /// agent and month. Ana in 2026-08: A-1, A-2 → mean 75, both pass; tickets T-1 T-2 T-3: first
    /// responses 30 90 70 → median 70, p90 rank ⌈2.7⌉ = 3 → 90; solved 120 200 → median 160; CSAT
    /// good, bad, 4 → 2/3 = 0.6667; NPS 10 6 9 → 100·(2 − 1)/3 = 33.33. Cy Tan/2026-08 has audits
    /// only, Dee Wu/2026-08 tickets only.
    @Test func scoreByAgentAndMonthCSV() throws {
        let output = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent,month", "--metrics", "tickets.csv", "--format", "csv")
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "key,agent,month,audits,mean_score,pass_rate,auto_fails,match,tickets,first_response_median,first_response_p90,"
            + "resolution_median,resolution_p90,one_touch_rate,reopen_rate,csat,csat_responses,nps,nps_responses,sla_met_rate")
        #expect(lines.contains("Ana Silva/2026-08,Ana Silva,2026-08,2,75.00,1,0,both,3,70.00,90.00,160.00,200.00,0.5000,0.5000,0.6667,3,33.33,3,0.6667"))
        #expect(lines.contains("Cy Tan/2026-08,Cy Tan,2026-08,1,50.00,1,0,audits_only,0,,,,,,,,0,,0,"))
        #expect(lines.contains("Dee Wu/2026-08,Dee Wu,2026-08,0,,,0,tickets_only,1,15.00,15.00,25.00,25.00,1.0000,0.0000,1.0000,1,0.00,1,1.0000"))
        #expect(lines.count == 7)
        #expect(output.standardError.contains("1 group (agent/month) with audits but no tickets (KPIs empty): 'Cy Tan/2026-08'"))
    }

    /// --by week: 2026-08-03 (Mon) … 08-09 is 2026-W32, holding A-1 and B-1 (100, 100) and T-1, T-2,
    /// T-5, T-7: first responses 30 90 10 15 → sorted 10 15 30 90, median (15 + 30)/2 = 22.5.
    @Test func scoreByWeek() throws {
        let output = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "week", "--metrics", "tickets.csv", "--format", "json")
        #expect(output.status == 0)
        let rows = try Self.rows(output.standardOutput)
        let week = try #require(rows["2026-W32"])
        #expect(week["audits"] as? Int == 2)
        #expect(week["tickets"] as? Int == 4)
        #expect(week["first_response_median"] as? Double == 22.5)
        // T-3 (2026-08-25, W35) has no audit in its week.
        #expect(rows["2026-W35"]?["match"] as? String == "tickets_only")
    }

    /// JSON Lines carries the same objects as the JSON array, one per line.
    @Test func scoreJSONLines() throws {
        let json = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent", "--metrics", "tickets.csv", "--format", "json")
        let jsonl = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent", "--metrics", "tickets.csv", "--format", "jsonl")
        let objects = json.standardOutput.split(separator: "\n").dropFirst().dropLast().map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
        #expect(jsonl.standardOutput.split(separator: "\n").map { "  " + $0 } == objects)
        #expect(objects.count == 4)
    }

    /// The table shows the KPI columns after the score's.
    @Test func scoreTable() throws {
        let output = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent", "--metrics", "tickets.csv")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("AGENT     AUDITS   MEAN PASS RATE AUTO-FAILS TICKETS FRT MED FRT P90") == true)
        #expect(lines.contains("Ana Silva      3  50.00     66.7%          0       4    60.0    90.0   120.0   200.0     66.7%  33.3%  50.0%      4   0.0     4   75.0%"))
    }

    @Test("--metrics on a key tickets do not have, or without --by: exit 2, nothing written", arguments: [
        (["--by", "reviewer"], "qakit: error: --metrics: tickets have no 'reviewer' to join --by on; KPIs join by agent, team, channel, month and week\n"),
        ([], "qakit: error: --metrics joins KPIs to --by groups; add --by agent (or team, channel, month, week)\n"),
        (["--by", "team"], "qakit: error: --metrics: no ticket file has a 'team' column to join --by team; no output written\n"),
    ])
    func refusedKeys(arguments: [String], message: String) throws {
        let output = try QAKitProcess.run(["score", "-s", "scorecards", "audits.csv"] + arguments + ["--metrics", "tickets.csv"], in: Self.directory)
        #expect(output.status == 2)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError.hasSuffix(message))
    }

    /// `kpis --by agent,month`: one group per combination, sorted by agent then month; the JSON
    /// has `key` then one member per key. Ana in 2026-09: T-4 alone: 50, 60, CSAT 2 → 0, NPS 3 → −100.
    @Test func kpisByAgentAndMonth() throws {
        let output = try qakit("kpis", "tickets.csv", "--by", "agent,month", "--format", "json")
        #expect(output.status == 0)
        let rows = try Self.rows(output.standardOutput)
        #expect(rows.keys.sorted() == ["Ana Silva/2026-08", "Ana Silva/2026-09", "Ben Ode/2026-08", "Ben Ode/2026-09", "Dee Wu/2026-08"])
        let september = try #require(rows["Ana Silva/2026-09"])
        #expect(september["agent"] as? String == "Ana Silva")
        #expect(september["month"] as? String == "2026-09")
        #expect(september["first_response_median"] as? Double == 50)
        #expect(september["csat"] as? Double == 0)
        #expect(september["nps"] as? Double == -100)
        #expect(output.standardOutput.hasPrefix("[\n  {\"key\": \"Ana Silva/2026-08\", \"agent\": \"Ana Silva\", \"month\": \"2026-08\", \"tickets\": 3,"))
        let wrong = try qakit("kpis", "tickets.csv", "--by", "agent,agnt")
        #expect(wrong.status != 0)
        #expect(wrong.standardError.contains("--by 'agnt': tickets group by agent, team, channel, month, week; did you mean 'agent'?"))
    }

    /// coach --metrics over the period 2026-08-03 … 2026-09-12 (all tickets fall in it).
    /// - Ana's KPIs as in `scoreByAgentJoinsKPIs`; her team, Team A, is Ana's and Ben's tickets (2
    ///   agents with tickets ≥ min_team_size 2): first responses 30 90 70 50 10 20 → sorted 10 20 30
    ///   50 70 90, median (30 + 50)/2 = 40, p90 rank ⌈5.4⌉ = 6 → 90; CSAT (2 + 2)/(4 + 2) = 2/3.
    /// - Targets: CSAT 0.5 < 0.9 over 4 ratings (≥ min_audits 2) → a goal, baseline 0.5, target 0.9,
    ///   due 2026-09-12 + 14 = 2026-09-26. First response median 60 ≤ 60 meets its maximum; NPS 0 ≥
    ///   0 meets its minimum: no goal for either.
    /// - Ben meets every target; Cy Tan has no ticket: no KPI goal, `kpis.agent` null.
    @Test func coachShowsKPIsAndMakesGoals() throws {
        let output = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--format", "json")
        #expect(output.status == 0)
        let agents = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
        let ana = try #require(agents.first { $0["agent"] as? String == "Ana Silva" })
        let kpis = try #require(ana["kpis"] as? [String: Any])
        let own = try #require(kpis["agent"] as? [String: Any])
        let team = try #require(kpis["team"] as? [String: Any])
        #expect(own["first_response_median"] as? Double == 60)
        #expect(team["first_response_median"] as? Double == 40)
        #expect(team["first_response_p90"] as? Double == 90)
        #expect(team["csat"] as? Double == 2.0 / 3)
        #expect(team["tickets"] as? Int == 6)
        let goals = try #require((ana["action_plan"] as? [String: Any])?["goals"] as? [[String: Any]])
        let kpiGoals = goals.filter { $0["kpi"] != nil }
        #expect(kpiGoals.count == 1)
        let csat = try #require(kpiGoals.first)
        #expect(csat["kpi"] as? String == "csat")
        #expect(csat["bound"] as? String == "min")
        #expect(csat["baseline"] as? Double == 0.5)
        #expect(csat["target"] as? Double == 0.9)
        #expect(csat["due"] as? String == "2026-09-26")
        #expect(csat["criterion"] is NSNull)
        let ben = try #require(agents.first { $0["agent"] as? String == "ben ode" })
        let benGoals = try #require((ben["action_plan"] as? [String: Any])?["goals"] as? [[String: Any]])
        #expect(benGoals.allSatisfy { $0["kpi"] == nil })
        let cy = try #require(agents.first { $0["agent"] as? String == "Cy Tan" })
        #expect((cy["kpis"] as? [String: Any])?["agent"] is NSNull)
        #expect(output.standardError.contains("qakit: warning: 1 agent with tickets but no audits (no note): 'Dee Wu'\n"))
        #expect(output.standardError.contains("qakit: warning: 1 agent with audits but no tickets (KPIs empty): 'Cy Tan'\n"))

        let markdown = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--agent", "Ana Silva")
        #expect(markdown.standardOutput.contains("| Median first response | 60.0 min | 40.0 min |\n"))
        #expect(markdown.standardOutput.contains("| CSAT (KPI) | 50.0% | 90.0% | 2026-09-26 |\n"))
        let html = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--agent", "Ana Silva", "--format", "html")
        #expect(html.standardOutput.contains("<tr><td>CSAT</td><td class=\"n\">50.0%</td><td class=\"n\">66.7%</td></tr>"))
    }

    /// Follow-up of KPI goals on the same period's tickets, by the rules of every goal; for a
    /// maximum lower is better:
    /// - csat min, baseline 0.5, target 0.9, current 0.5 → not_met (current ≤ baseline);
    /// - first_response_median max, baseline 80, target 60, current 60 → met (current ≤ target);
    /// - resolution_median max, baseline 150, target 100, current 120 → improved (100 < 120 < 150);
    /// - nps min, baseline −10, target 20, current 0 → improved;
    /// - Cy Tan's csat: no ticket → no_data.
    /// Then the plan the first run wrote is followed up by a second: its CSAT goal not_met.
    @Test func kpiGoalsAreFollowedUp() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = """
        [{"agent": "Ana Silva", "action_plan": {"goals": [
          {"criterion": null, "kpi": "csat", "bound": "min", "baseline": 0.5, "target": 0.9, "scorecard": "metrics", "due": "2026-08-31"},
          {"criterion": null, "kpi": "first_response_median", "bound": "max", "baseline": 80, "target": 60, "scorecard": "metrics"},
          {"criterion": null, "kpi": "resolution_median", "bound": "max", "baseline": 150, "target": 100, "scorecard": "metrics"},
          {"criterion": null, "kpi": "nps", "bound": "min", "baseline": -10, "target": 20, "scorecard": "metrics"}]}},
         {"agent": "Cy Tan", "action_plan": {"goals": [
          {"criterion": null, "kpi": "csat", "bound": "min", "baseline": 0.5, "target": 0.9, "scorecard": "metrics"}]}}]
        """
        let file = directory.appendingPathComponent("plan.json")
        try Data(plan.utf8).write(to: file)
        let output = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--format", "json", "--previous", file.path)
        #expect(output.status == 0)
        let agents = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]])
        func statuses(_ name: String) -> [String] {
            let agent = agents.first { $0["agent"] as? String == name }
            return (agent?["follow_up"] as? [[String: Any]] ?? []).map { "\($0["kpi"] as? String ?? "?"): \($0["status"] as? String ?? "?")" }
        }
        #expect(statuses("Ana Silva") == ["csat: not_met", "first_response_median: met", "resolution_median: improved", "nps: improved"])
        #expect(statuses("Cy Tan") == ["csat: no_data"])

        let out = directory.appendingPathComponent("plans")
        _ = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--format", "json", "--out", out.path)
        let again = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--format", "json", "--previous", out.path,
                              "--agent", "Ana Silva")
        let ana = try #require((try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [[String: Any]])?.first)
        let csat = try #require((ana["follow_up"] as? [[String: Any]])?.first { $0["kpi"] as? String == "csat" })
        #expect(csat["status"] as? String == "not_met")
        #expect(csat["current"] as? Double == 0.5)
        #expect(csat["current_audits"] as? Int == 4)
        let markdown = try qakit("coach", "-s", "scorecards", "audits.csv", "--metrics", "tickets.csv", "--previous", file.path, "--agent", "Ana Silva")
        #expect(markdown.standardOutput.contains("| Median first response (KPI) | 80.0 min | 60.0 min | 60.0 min | Met |\n"))
    }

    /// Ticket spellings of one name are counted together under the first (each further one
    /// reported once, at its line): `ana  silva` (two spaces) and `ANA SILVA` join Ana Silva's
    /// T-1.
    @Test func ticketSpellingsCountTogether() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tickets = directory.appendingPathComponent("tickets.csv")
        try Data("""
        ticket_id,agent,created_at,first_response_minutes
        T-1,Ana Silva,2026-08-03T09:00:00Z,30
        T-2,ana  silva,2026-08-04T09:00:00Z,40
        T-3,ANA SILVA,2026-08-05T09:00:00Z,50
        T-4,ana  silva,2026-08-06T09:00:00Z,60

        """.utf8).write(to: tickets)
        let output = try qakit("score", "-s", "scorecards", "audits.csv", "--by", "agent", "--metrics", tickets.path, "--format", "json")
        let ana = try #require(try Self.rows(output.standardOutput)["Ana Silva"])
        #expect(ana["tickets"] as? Int == 4)
        // 30 40 50 60 → median (40 + 50)/2 = 45.
        #expect(ana["first_response_median"] as? Double == 45)
        let warnings = output.standardError.split(separator: "\n").filter { $0.contains("differs only in case") }
        #expect(warnings == [
            "\(tickets.path):3: warning: agent 'ana  silva' differs only in case or whitespace from 'Ana Silva'; counted as 'Ana Silva' to match the audits",
            "\(tickets.path):4: warning: agent 'ANA SILVA' differs only in case or whitespace from 'Ana Silva'; counted as 'Ana Silva' to match the audits",
        ])
    }

    /// A previous plan naming an unknown KPI is an error naming the file, with a did-you-mean.
    @Test func previousPlanWithUnknownKPI() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.json")
        try Data(#"{"agent": "Ana Silva", "action_plan": {"goals": [{"criterion": null, "kpi": "cast", "bound": "min", "baseline": 0.5, "target": 0.9}]}}"#.utf8).write(to: file)
        let output = try qakit("coach", "-s", "scorecards", "audits.csv", "--previous", file.path)
        #expect(output.status == 2)
        #expect(output.standardError.contains("\(file.path): error: not a coaching plan: goal 1 unknown 'kpi' 'cast'; did you mean 'csat'?"))
    }

    /// Every mistake in `kpi_targets` is reported at its position (lines and columns of
    /// `Fixtures/metrics/bad/targets.yaml`), in one run.
    @Test func lintKPITargets() throws {
        let output = try qakit("lint", "bad/targets.yaml")
        #expect(output.status == 1)
        let errors = output.standardError.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(errors == [
            "bad/targets.yaml:6:5: error: unknown key 'csta' in 'coaching.kpi_targets' (KPIs: first_response_median, first_response_p90, "
                + "resolution_median, resolution_p90, one_touch_rate, reopen_rate, csat, nps, sla_met_rate); did you mean 'csat'?",
            "bad/targets.yaml:7:34: error: 'kpi_targets.first_response_median.max' must be a number, found 'fast'",
            "bad/targets.yaml:8:10: error: 'kpi_targets.nps' must be a number or a mapping with one of 'min' or 'max', found both (e.g. {max: 60})",
            "bad/targets.yaml:9:19: error: 'kpi_targets.sla_met_rate' must be between 0 and 1, found 1.5",
            "bad/targets.yaml:10:18: error: 'kpi_targets.reopen_rate' must be a number or a mapping with one of 'min' or 'max', found neither (e.g. {max: 60})",
        ])
    }
}
