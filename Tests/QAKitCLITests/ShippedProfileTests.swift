import Foundation
import Testing

/// Every profile under `profiles/` reads its example under `examples/imports/` (the vendor's own
/// layout, made by `examples/imports/generate_imports.py`) through the real binary, and gives the
/// figures worked out by hand below (docs/imports.md, "Shipped profiles").
///
/// Scoring rules used in the arithmetic (docs/scoring.md): credit yes 1 / no 0, scale
/// (v − min)/(max − min), choice = the option's credit, points v/max; a section is Σ w·c / Σ w
/// over its scored criteria; the audit is 100 × Σ W·S / Σ regular W (bonus sections add to the
/// numerator only); rounded half away from zero to two decimals.
@Suite("Shipped import profiles")
struct ShippedProfileTests {
    /// Runs `qakit arguments…` from the package root, where `profiles/`, `examples/` and
    /// `scorecards/` are.
    private func qakit(_ arguments: String...) throws -> QAKitProcess.Output {
        try qakit(arguments)
    }

    private func qakit(_ arguments: [String]) throws -> QAKitProcess.Output {
        try QAKitProcess.run(arguments, in: QAKitProcess.packageRoot)
    }

    /// One audit of `score --format json`, reduced to what the tests compare.
    struct Scored: Equatable, CustomStringConvertible {
        var score: String
        var rawScore: String
        var passed: String
        var autoFailed: Bool
        var calibration: Bool
        var description: String { "score \(score), raw \(rawScore), passed \(passed), auto-failed \(autoFailed), calibration \(calibration)" }
    }

    /// The audits of a `score --format json` output, by audit id.
    static func audits(_ output: String) throws -> [String: Scored] {
        let data = Data(output.utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var result: [String: Scored] = [:]
        for audit in array {
            let id = try #require(audit["audit_id"] as? String)
            result[id] = Scored(score: Self.number(audit["score"]), rawScore: Self.number(audit["raw_score"]),
                                passed: (audit["passed"] as? Bool).map(String.init) ?? "null",
                                autoFailed: audit["auto_failed"] as? Bool ?? false,
                                calibration: audit["calibration"] as? Bool ?? false)
        }
        return result
    }

    /// A JSON number as two decimals ("70.28"; `null` as "null"): scores are printed with two.
    static func number(_ value: Any?) -> String {
        guard let number = value as? NSNumber else { return "null" }
        return String(format: "%.2f", number.doubleValue)
    }

    /// The groups of a `kpis --format json` output, by key, each figure as JSON text.
    static func groups(_ output: String) throws -> [String: [String: String]] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        var groups: [String: [String: String]] = [:]
        for group in array {
            let key = try #require(group["key"] as? String)
            var figures: [String: String] = [:]
            for (name, value) in group where name != "key" {
                figures[name] = value is NSNull ? "null" : "\(value)"
            }
            groups[key] = figures
        }
        return groups
    }

    /// The figures each score example must give, worked out by hand in the comments of the tests
    /// below, by audit id.
    static let amazonConnectScores: [String: Scored] = [
        "e1a2b3c4-0001-4d5e-9f60-7a8b9c0d1e21": Scored(score: "100.00", rawScore: "100.00", passed: "true", autoFailed: false, calibration: false),
        "e1a2b3c4-0002-4d5e-9f60-7a8b9c0d1e22": Scored(score: "70.28", rawScore: "70.28", passed: "false", autoFailed: false, calibration: false),
        "e1a2b3c4-0003-4d5e-9f60-7a8b9c0d1e23": Scored(score: "0.00", rawScore: "82.05", passed: "false", autoFailed: true, calibration: false),
        "e1a2b3c4-0004-4d5e-9f60-7a8b9c0d1e24": Scored(score: "55.08", rawScore: "68.97", passed: "false", autoFailed: false, calibration: false),
        "e1a2b3c4-0005-4d5e-9f60-7a8b9c0d1e25": Scored(score: "97.50", rawScore: "97.50", passed: "true", autoFailed: false, calibration: false),
    ]
    static let maestroQAScores: [String: Scored] = [
        "5104311": Scored(score: "100.00", rawScore: "100.00", passed: "true", autoFailed: false, calibration: false),
        "5104327": Scored(score: "66.74", rawScore: "66.74", passed: "false", autoFailed: false, calibration: false),
        "5104352": Scored(score: "45.53", rawScore: "45.53", passed: "false", autoFailed: false, calibration: false),
        "5104360": Scored(score: "96.97", rawScore: "96.97", passed: "true", autoFailed: false, calibration: true),
    ]
    static let zendeskQAScores: [String: Scored] = [
        "90210001": Scored(score: "97.16", rawScore: "97.16", passed: "true", autoFailed: false, calibration: false),
        "90210002": Scored(score: "58.71", rawScore: "58.71", passed: "false", autoFailed: false, calibration: false),
        "90210003": Scored(score: "0.00", rawScore: "95.08", passed: "false", autoFailed: true, calibration: false),
        "90210004": Scored(score: "50.95", rawScore: "66.86", passed: "false", autoFailed: false, calibration: false),
    ]

    /// The same audits written by hand in qakit's own JSON Lines layout
    /// (`Fixtures/shipped-profiles/*.qakit.jsonl`, each answer translated as the profile says)
    /// give the hand-worked figures: a check of the arithmetic against the scoring engine that
    /// needs no profile reader. A profile run must then give exactly the same.
    @Test(arguments: [
        ("amazon-connect-evaluation", ShippedProfileTests.amazonConnectScores),
        ("maestroqa-warehouse", ShippedProfileTests.maestroQAScores),
        ("zendesk-qa-reviews", ShippedProfileTests.zendeskQAScores),
    ])
    func handWorkedScoresMatchQakitsOwnLayout(profile: String, expected: [String: Scored]) throws {
        let fixture = QAKitProcess.fixtures.appendingPathComponent("shipped-profiles/\(profile).qakit.jsonl").path
        let output = try qakit("score", fixture, "-s", "scorecards", "--format", "json")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(try Self.audits(output.standardOutput) == expected)
    }

    /// The KPI examples in qakit's own ticket CSV layout (`Fixtures/shipped-profiles/*.qakit.csv`)
    /// give the figures worked out by hand in the profile tests below.
    @Test func handWorkedKPIsMatchQakitsOwnLayout() throws {
        func kpis(_ name: String, _ arguments: String...) throws -> [String: [String: String]] {
            let fixture = QAKitProcess.fixtures.appendingPathComponent("shipped-profiles/\(name).qakit.csv").path
            let output = try QAKitProcess.run(["kpis", fixture, "--format", "json"] + arguments, in: QAKitProcess.packageRoot)
            #expect(output.status == 0, "\(output.standardError)")
            return try Self.groups(output.standardOutput)
        }
        #expect(try kpis("freshdesk-tickets")["all"] == Self.freshdeskAll)
        #expect(try kpis("freshdesk-tickets", "--by", "agent") == Self.freshdeskByAgent)
        #expect(try kpis("intercom-conversations")["all"] == Self.intercomAll)
        #expect(try kpis("intercom-conversations", "--by", "agent") == Self.intercomByAgent)
        #expect(try kpis("zendesk-support-tickets")["all"] == Self.zendeskSupportAll)
        #expect(try kpis("zendesk-support-tickets", "--by", "agent") == Self.zendeskSupportByAgent)
    }

    /// A `kpis --format json` group with `figures` (the rest null, and 0 responses).
    static func group(_ figures: [String: String]) -> [String: String] {
        var group = ["tickets": "0", "first_response_median": "null", "first_response_p90": "null", "resolution_median": "null",
                     "resolution_p90": "null", "one_touch_rate": "null", "reopen_rate": "null", "csat": "null", "csat_responses": "0",
                     "nps": "null", "nps_responses": "0", "sla_met_rate": "null"]
        group.merge(figures) { $1 }
        return group
    }

    static let freshdeskAll = group(["tickets": "8", "first_response_median": "45", "first_response_p90": "120", "resolution_median": "180",
                                     "resolution_p90": "1200", "sla_met_rate": "0.75"])
    static let freshdeskByAgent = [
        "43000512301": group(["tickets": "3", "first_response_median": "45", "first_response_p90": "90", "resolution_median": "105",
                              "resolution_p90": "180", "sla_met_rate": "0.6666666666666666"]),
        "43000512302": group(["tickets": "2", "first_response_median": "60.5", "first_response_p90": "120", "resolution_median": "610",
                              "resolution_p90": "1200", "sla_met_rate": "0.5"]),
        "43000512303": group(["tickets": "3", "first_response_median": "45", "first_response_p90": "60", "resolution_median": "240",
                              "resolution_p90": "300", "sla_met_rate": "1"]),
    ]
    static let intercomAll = group(["tickets": "6", "first_response_median": "1.5", "first_response_p90": "15", "resolution_median": "30",
                                    "resolution_p90": "120", "reopen_rate": "0.4", "csat": "0.5", "csat_responses": "4"])
    static let intercomByAgent = [
        "5017301": group(["tickets": "3", "first_response_median": "2", "first_response_p90": "5", "resolution_median": "75",
                          "resolution_p90": "120", "reopen_rate": "0.5", "csat": "0.5", "csat_responses": "2"]),
        "5017302": group(["tickets": "3", "first_response_median": "0.75", "first_response_p90": "15", "resolution_median": "15",
                          "resolution_p90": "90", "reopen_rate": "0.3333333333333333", "csat": "0.5", "csat_responses": "2"]),
    ]
    static let zendeskSupportAll = group(["tickets": "8", "csat": "0.8", "csat_responses": "5"])
    static let zendeskSupportByAgent = [
        "36001234501": group(["tickets": "3", "csat": "0.6666666666666666", "csat_responses": "3"]),
        "36001234502": group(["tickets": "2"]),
        "36001234503": group(["tickets": "3", "csat": "1", "csat_responses": "2"]),
    ]

    /// Every shipped profile lints clean, compiler style, no warning either.
    @Test func everyShippedProfileLintsClean() throws {
        let directory = QAKitProcess.packageRoot.appendingPathComponent("profiles")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == ["amazon-connect-evaluation.yaml", "freshdesk-tickets.yaml", "intercom-conversations.yaml",
                          "maestroqa-warehouse.yaml", "zendesk-qa-reviews.yaml", "zendesk-support-tickets.yaml"])
        let linted = names
        let output = try qakit(["lint"] + linted.map { "profiles/\($0)" })
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "\(linted.count) profiles checked: 0 errors, 0 warnings\n")
        #expect(output.standardError.isEmpty, "\(output.standardError)")
    }

    /// Amazon Connect, five evaluations on phone-support (sections opening 10, compliance 25,
    /// discovery 15, resolution 30, call_handling 10, soft_skills 20, closing 10: Σ W = 120).
    /// - Mei Chen (…0001): every answer at the top → 100.00.
    /// - Daniel Okafor (…0002): opening: greeting no (w 1), caller name yes (w 0.5) → 0.5/1.5 = 1/3;
    ///   compliance 1; discovery: listening 3 → 0.5, probing partial 0.5 → 0.5; resolution:
    ///   partial 0.5 (w 2), accuracy 8/10 (w 2), first-call resolution N/A (excluded) → 2.6/4 = 0.65;
    ///   call handling: hold N/A, dead air yes → 1; soft skills: empathy 3 → 0.5 (w 1.5),
    ///   professionalism 1 → 1.75/2.5 = 0.7; closing: recap no, notes yes, survey unanswered (optional)
    ///   → 0.5. 100 × (10/3 + 25 + 7.5 + 19.5 + 10 + 14 + 5)/120 = 100 × 253/360 = 70.277… → 70.28.
    /// - Priya Raman (…0003): identity verification no, critical for the scorecard → auto-fail, 0.00.
    ///   Raw: compliance (2·0 + 1)/3 = 1/3, discovery (0.75 + 1)/2 = 0.875, soft skills
    ///   (1.5·0.75 + 1)/2.5 = 0.85, the rest 1 → (10 + 25/3 + 13.125 + 30 + 10 + 17 + 10)/120
    ///   = 2363/2880 = 82.048… → 82.05.
    /// - Ahmed Karimi (…0004): recording disclosure no, critical for its section → compliance counts 0.
    ///   Opening (1 + 0)/1.5 = 2/3; discovery 0.875; resolution: transferred 1 (w 2), accuracy 0.9 (w 2),
    ///   first-call resolution no → 3.8/5 = 0.76; call handling: hold partial 0.5, dead air no → 0.25;
    ///   soft skills 0.85; closing: recap yes, notes no, survey no (w 0.5) → 1/2.5 = 0.4.
    ///   (20/3 + 0 + 13.125 + 22.8 + 2.5 + 17 + 4)/120 = 7931/14400 = 55.076… → 55.08; raw adds
    ///   25 × 2/3 → 9931/14400 = 68.965… → 68.97. Not passed (85), not auto-failed.
    /// - Tom Becker (…0005): all top except empathy 4 → soft skills 0.85 → (120 − 20·0.15)/120 = 97.50.
    @Test
    func amazonConnectEvaluations() throws {
        let output = try qakit("score", "--profile", "profiles/amazon-connect-evaluation.yaml",
                               "examples/imports/amazon-connect-evaluations.jsonl", "-s", "scorecards", "--format", "json")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(try Self.audits(output.standardOutput) == Self.amazonConnectScores)
        // The agent is the Amazon Connect user id, the date the day of CreatedTime.
        #expect(output.standardOutput.contains("\"agent\": \"5d0e2f4a-1b3c-4d5e-8f6a-7b8c9d0e1f52\""))
        #expect(output.standardOutput.contains("\"date\": \"2026-10-06\""))
    }

    /// MaestroQA warehouse rows, four grades on live-chat (opening 10, discovery 20, resolution 35,
    /// conversation 25, process 10, closing 10: Σ W = 110; delight 5 is a bonus; N/A earns full
    /// credit, na_policy pass).
    /// - 5104311, Grace O'Connell: every answer at the top → 100.00.
    /// - 5104327, Lucía Fernández: opening: first response 2 = under 60 s 0.75, greeting 0 → 0.375;
    ///   discovery: understood 4 → 0.75; resolution: solution 1 = mostly 0.6 (w 2), one-touch N/A → 1
    ///   → 2.2/3; conversation: empathy 3 → 0.5, pacing 3 of 1..4 → 2/3, writing 4/5 (w 0.5) → 0.4 →
    ///   (47/30)/2.5; process: disposition 1, follow-up 0 (answered, optional) → 0.5; closing:
    ///   confirmed 0, survey N/A → 1 (w 0.5) → 1/3; delight personal touch 1 → +5.
    ///   (3.75 + 15 + 77/3 + 47/3 + 5 + 10/3 + 5)/110 = 881/1320 = 66.742… → 66.74.
    /// - 5104352, Tom Becker: first response 1 = under 2 min 0.25, greeting 1 → 0.625; understood 3 →
    ///   0.5; solution 0 and one-touch 0 → 0; empathy 4 → 0.75, pacing 2 → 1/3, writing 3/5 → 0.3 →
    ///   (83/60)/2.5; process 1, closing 1. (6.25 + 10 + 0 + 83/6 + 10 + 10)/110 = 601/1320 =
    ///   45.530… → 45.53.
    /// - 5104360, Sofia's calibration review of Grace's chat: as 5104311 but pacing 3 → conversation
    ///   (1 + 2/3 + 0.5)/2.5 → (85 + 65/3)/110 = 32/33 = 96.969… → 96.97, a calibration audit.
    /// The question q-2901 is in no `criteria`: one warning for the id, not one per row (4 rows).
    @Test
    func maestroQAWarehouseRows() throws {
        let output = try qakit("score", "--profile", "profiles/maestroqa-warehouse.yaml",
                               "examples/imports/maestroqa-warehouse-answers.csv", "-s", "scorecards", "--format", "json")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(try Self.audits(output.standardOutput) == Self.maestroQAScores)
        #expect(output.standardOutput.contains("\"interaction_id\": \"CHAT-2291402\""))
        #expect(output.standardOutput.contains("\"date\": \"2026-09-09\""))
        let warnings = output.standardError.split(separator: "\n").filter { $0.contains("q-2901") }
        #expect(warnings.count == 1, "\(output.standardError)")
    }

    /// Zendesk QA, four reviews on email-support (opening 10, understanding 20, resolution 35,
    /// communication 25, process 10, closing 10: Σ W = 110). Rating scores in percent.
    /// - 90210001, Ahmed Karimi: all 100 but tone 75 → 4 of 1..5 → 0.75 (w 1.5): communication
    ///   (1.125 + 1 + 0.5)/3 = 0.875 → (110 − 25·0.125)/110 = 106.875/110 = 97.159… → 97.16.
    /// - 90210002, Priya Raman: opening: greeting 0, acknowledgement 100 → 0.5; understanding:
    ///   identified yes (w 2), history no, clarifying 50 = partial 0.5 → 2.5/4; resolution: 50 =
    ///   partial 0.5 (w 2), accuracy 75 = 7.5/10 (w 2) → 2.5/4; communication: tone 50 → 3 → 0.5·1.5,
    ///   clarity 50 → 0.5, grammar 75 = 3.75/5 (w 0.5) → 1.625/3; process: tags yes, macro 50 =
    ///   unedited 0.5, data protection yes → 2.5/3; closing: next steps no, sign-off yes (w 0.5) → 1/3.
    ///   (5 + 12.5 + 21.875 + 40.625/3 + 25/3 + 10/3)/110 = 775/1320 = 58.712… → 58.71.
    /// - 90210003, Priya Raman: data protection 0, critical for the scorecard → 0.00, auto-failed.
    ///   Raw: communication (1.5 + 0.75 + 0.5)/3 (clarity 75 → 4), process 2/3, the rest 1 →
    ///   (110 − 25/12 − 10/3)/110 = 104.583…/110 = 95.075… → 95.08.
    /// - 90210004, Lucía Fernández: accuracy 0, critical for its section → resolution counts 0.
    ///   Opening 0.5; understanding 1; communication (1.125 + 0.75 + 0.25)/3 = 2.125/3; process:
    ///   tags no, macro yes, data protection yes → 2/3; closing: next steps yes, sign-off no → 2/3.
    ///   (5 + 20 + 0 + 53.125/3 + 20/3 + 20/3)/110 = 56.041…/110 = 50.946… → 50.95; raw adds
    ///   35 × (2 + 0)/4 = 17.5 → 73.541…/110 = 66.856… → 66.86.
    @Test
    func zendeskQAReviews() throws {
        let output = try qakit("score", "--profile", "profiles/zendesk-qa-reviews.yaml",
                               "examples/imports/zendesk-qa-reviews.json", "-s", "scorecards", "--format", "json")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(try Self.audits(output.standardOutput) == Self.zendeskQAScores)
        // The interaction is the conversation's externalId, the agent the reviewee's name.
        #expect(output.standardOutput.contains("\"interaction_id\": \"481702\", \"agent\": \"Priya Raman\""))
    }

    /// Freshdesk, eight tickets (minutes from created_at to stats.first_responded_at and to
    /// stats.resolved_at; sla breached = is_escalated):
    /// - 43000512301 (Grace): first 2, 45, 90 → median 45, p90 rank ⌈2.7⌉ = 3 → 90; resolved 30, 180
    ///   (8103 open) → median 105, p90 ⌈1.8⌉ = 2 → 180; SLA met 2 of 3.
    /// - 43000512302 (Lucía): first 1, 120 → median 60.5, p90 120; resolved 20, 1200 → median 610,
    ///   p90 1200; SLA met 1 of 2.
    /// - 43000512303 (Jonas): first 30, 60 (8108 none) → median 45, p90 60; resolved 180, 300 →
    ///   median 240, p90 300; SLA met 3 of 3.
    /// - all: first 1 2 30 45 60 90 120 → median 45, p90 ⌈6.3⌉ = 7 → 120; resolved 20 30 180 180 300
    ///   1200 → median 180, p90 ⌈5.4⌉ = 6 → 1200; SLA met 6 of 8 = 0.75. No CSAT, NPS, replies or
    ///   reopens in the ticket object: those figures are null.
    @Test
    func freshdeskTickets() throws {
        func kpis(_ arguments: String...) throws -> [String: [String: String]] {
            let output = try qakit(["kpis", "--profile", "profiles/freshdesk-tickets.yaml", "examples/imports/freshdesk-tickets.json",
                                    "--format", "json"] + arguments)
            #expect(output.status == 0, "\(output.standardError)")
            return try Self.groups(output.standardOutput)
        }
        #expect(try kpis()["all"] == Self.freshdeskAll)
        #expect(try kpis("--by", "agent") == Self.freshdeskByAgent)
        // source 1 → email (8102 8103 8106 8107), 7 → chat (8101 8108), 3 → phone (8104), 2 → portal (8105).
        #expect(try kpis("--by", "channel").mapValues { $0["tickets"] ?? "" } == ["email": "4", "chat": "2", "phone": "1", "portal": "1"])
    }

    /// Intercom, six conversations (UNIX times; minutes from created_at to first_admin_reply_at and
    /// to last_close_at):
    /// - 5017301 (Hannah): first 1, 5, 2 → median 2, p90 rank 3 → 5; closed 30, 120 (…0003 open) →
    ///   median 75, p90 120; reopened: …0002 of the 2 solved → 0.5; ratings 5 (satisfied), 2 → 0.5 of 2.
    /// - 5017302 (Daniel): first 0.5, 15, 0.75 → median 0.75, p90 15; closed 10, 90, 15 → median 15,
    ///   p90 90; reopened …0006 of 3 → 1/3; ratings 4 (satisfied), 3 → 0.5 of 2.
    /// - all: first 0.5 0.75 1 2 5 15 → median (1 + 2)/2 = 1.5, p90 ⌈5.4⌉ = 6 → 15; closed 10 15 30 90
    ///   120 → median 30, p90 ⌈4.5⌉ = 5 → 120; reopened 2 of 5 = 0.4; CSAT 2 of 4 = 0.5.
    @Test
    func intercomConversations() throws {
        let lint = try qakit("lint", "profiles/intercom-conversations.yaml")
        #expect(lint.status == 0, "\(lint.standardError)")
        func kpis(_ arguments: String...) throws -> [String: [String: String]] {
            let output = try qakit(["kpis", "--profile", "profiles/intercom-conversations.yaml", "examples/imports/intercom-conversations.json",
                                    "--format", "json"] + arguments)
            #expect(output.status == 0, "\(output.standardError)")
            return try Self.groups(output.standardOutput)
        }
        #expect(try kpis()["all"] == Self.intercomAll)
        #expect(try kpis("--by", "agent") == Self.intercomByAgent)
        // 1788253200 is 2026-09-01T09:00:00Z (UTC): all six were opened on 1 or 2 September 2026.
        #expect(try kpis("--by", "month").keys.sorted() == ["2026-09"])
    }

    /// Zendesk Support, eight tickets; the ticket object carries CSAT but no times:
    /// - 36001234501 (Tom): good, bad, good → 2/3 of 3.
    /// - 36001234502 (Priya): offered, unoffered → no rating, csat null, 0 responses.
    /// - 36001234503 (Mei): good, good, unoffered → 2/2 = 1 of 2.
    /// - all: 4 good of 5 rated = 0.8; via.channel email 4, web 2, chat 1, voice 1.
    @Test
    func zendeskSupportTickets() throws {
        func kpis(_ arguments: String...) throws -> [String: [String: String]] {
            let output = try qakit(["kpis", "--profile", "profiles/zendesk-support-tickets.yaml", "examples/imports/zendesk-support-tickets.json",
                                    "--format", "json"] + arguments)
            #expect(output.status == 0, "\(output.standardError)")
            return try Self.groups(output.standardOutput)
        }
        #expect(try kpis()["all"] == Self.zendeskSupportAll)
        #expect(try kpis("--by", "agent") == Self.zendeskSupportByAgent)
        #expect(try kpis("--by", "channel").mapValues { $0["tickets"] ?? "" } == ["email": "4", "web": "2", "chat": "1", "voice": "1"])
    }
}
