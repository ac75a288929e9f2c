import Foundation
import Testing
@testable import QAKit

/// Golden files for generated coaching prose, compared byte for byte; re-record with
/// `QAKIT_RECORD_SNAPSHOTS=1 swift test`.
@Suite("Coaching: reports")
struct CoachingReportTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let analysis = CoachingFixture.analysis(CoachingFixture.supportScorecard, CoachingFixture.supportAudits)!

    private func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = Self.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QAKIT_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "differs from \(file.path); re-record with QAKIT_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    }

    private var ana: AgentCoaching { analysis.coaching(for: "Ana López")! }

    @Test("Markdown golden file")
    func markdown() throws {
        try expect(CoachingMarkdown.render(ana), matches: "ana-lopez.md")
    }

    @Test("HTML golden file")
    func html() throws {
        try expect(CoachingHTML.render([ana]), matches: "ana-lopez.html")
    }

    @Test("JSON golden file")
    func json() throws {
        try expect(CoachingJSON.document([ana]).json() + "\n", matches: "ana-lopez.json")
    }

    @Test("index golden file")
    func index() throws {
        let agents = analysis.agentNames.compactMap { analysis.coaching(for: $0) }
        let files = AgentFileName.names(for: analysis.agentNames).mapValues { $0 + ".md" }
        try expect(CoachingMarkdown.index(agents, files: files), matches: "index.md")
    }

    @Test("Ana's figures, by hand")
    func figures() throws {
        // Ana's non-calibration audits S-01…S-04 (S-11 is calibration). Sections: opening W1, resolution W2, tone W1.
        // S-01: greeting no (0), resolution partial (1/2), accuracy 8/10, empathy 2 → 1/4.
        //   S_res = (1/2 + 4/5)/2 = 13/20; score = 100 × (0 + 2·13/20 + 1/4)/4 = 100 × (31/20)/4 = 38.75.
        // S-03: accuracy 0 fails the resolution section: score = 100 × (0 + 0 + 1/4)/4 = 6.25.
        // S-02: 1, 1, 1, 1/2 → 100 × (1 + 2 + 1/2)/4 = 87.5. S-04: 1, (1 + 9/10)/2 = 19/20, 3/4 → 100 × (1 + 19/10 + 3/4)/4 = 91.25.
        // Mean = (38.75 + 87.5 + 6.25 + 91.25)/4 = 223.75/4 = 55.9375.
        #expect(ana.summary.meanScore == Build.r("55.9375"))
        // Passing score 80: S-02 and S-04 pass → 2 of 4.
        #expect(ana.summary.passes == 2 && ana.summary.judged == 4)
        // Team Blue = Ana's four + Bo's three. Bo: S-05 100; S-06 1, 3/4, 3/4 → 100 × (1 + 3/2 + 3/4)/4 = 81.25;
        // S-07 1, (1 + 3/5)/2 = 4/5, 1 → 100 × (1 + 8/5 + 1)/4 = 90. Team mean = (223.75 + 271.25)/7 = 495/7.
        #expect(ana.summary.teamMeanScore == Rational(495, 7))
        #expect(ana.team == "Blue")
        let card = try #require(ana.scorecards.first)
        // Accuracy failed critically in S-03; then by points lost (min_audits 2, two focus areas):
        // greeting: no in S-01 and S-03: each 100 × 1/4 × 1/1 × 1 = 25 → 50/4 = 12.5 per audit.
        // resolution: S-01 100 × 2/4 × 1/2 × 1/2 = 12.5; S-03 100 × 2/4 × 1/2 × 1 = 25 → 37.5/4 = 9.375.
        // empathy: credits 1/4, 1/2, 1/4, 3/4 → 100 × 1/4 × (3/4 + 1/2 + 3/4 + 1/4) = 56.25 → 14.0625 per audit.
        #expect(card.focusAreas.map(\.id) == ["accuracy", "empathy"])
        #expect(card.criteria.first { $0.id == "greeting" }?.pointsLost == Build.r("12.5"))
        #expect(card.criteria.first { $0.id == "resolution" }?.pointsLost == Build.r("9.375"))
        #expect(card.criteria.first { $0.id == "empathy" }?.pointsLost == Build.r("14.0625"))
        // Mean score 55.94 < 80: an overall goal with target max(80, 495/7 ≈ 70.71, 65.94) = 80.
        #expect(card.goals.last?.criterion == nil)
        #expect(card.goals.last?.target == Rational(80))
    }

    @Test("no agent's output names another agent or the other agents' scores")
    func privacy() throws {
        for name in analysis.agentNames {
            let coaching = try #require(analysis.coaching(for: name))
            let outputs = [CoachingMarkdown.render(coaching), CoachingHTML.render([coaching]), CoachingJSON.document([coaching]).json()]
            for other in CoachingFixture.agents where other != name {
                for output in outputs {
                    #expect(!output.contains(other), "\(name)'s notes name \(other)")
                    #expect(!output.contains(CoachingHTML.escape(other)), "\(name)'s notes name \(other)")
                }
            }
        }
    }

    @Test("the example audits: every agent's notes leave the other agents out")
    func examplesPrivacy() throws {
        let loaded = ScorecardLoader().load(paths: [Self.packageRoot.appendingPathComponent("scorecards").path])
        #expect(!loaded.hasErrors)
        let run = ScoringRun(scorecards: loaded.scorecards)
        var source = try AuditSources.open(path: Self.packageRoot.appendingPathComponent("examples/audits.csv").path, format: .csv, decoder: run.decoder)
        var tally = CoachingTally(scorecards: loaded.scorecards)
        try run.run(&source, scored: { tally.add($0) }, report: { _ in })
        let analysis = try #require(CoachingAnalysis(tally: tally))
        let names = analysis.agentNames
        #expect(names.count > 3)
        for name in names {
            let coaching = try #require(analysis.coaching(for: name))
            let text = CoachingMarkdown.render(coaching) + CoachingHTML.render([coaching]) + CoachingJSON.document([coaching]).json()
            for other in names where other != name {
                #expect(!text.contains(other) && !text.contains(CoachingHTML.escape(other)), "\(name)'s notes name \(other)")
            }
        }
    }

    @Test("calibration audits and audits outside the period are left out")
    func filtering() throws {
        // S-11 (calibration) would add a fifth audit for Ana. With --from 2026-09-05, S-01 drops out too.
        #expect(ana.summary.audits == 4)
        let later = try #require(CoachingFixture.analysis(CoachingFixture.supportScorecard, CoachingFixture.supportAudits,
                                                         filter: PeriodFilter(from: CoachingFixture.date("2026-09-05"))))
        #expect(later.coaching(for: "Ana López")?.summary.audits == 3)
        #expect(later.period.from.description == "2026-09-05")
        // The period ends at the latest audit taken (S-10, 2026-09-30), not at the calibration audit's date.
        #expect(later.period.to.description == "2026-09-30")
        #expect(CoachingFixture.analysis(CoachingFixture.supportScorecard, CoachingFixture.supportAudits,
                                         filter: PeriodFilter(from: CoachingFixture.date("2027-01-01"))) == nil)
    }

    @Test("HTML escapes everything from the inputs and carries print rules")
    func htmlEscaping() {
        let html = CoachingHTML.render([ana])
        // The empathy guidance says "<and>"; it must never reach the page as a tag.
        #expect(html.contains("situation &lt;and&gt; feelings"))
        #expect(!html.contains("<and>"))
        #expect(html.contains("@page") && html.contains("break-inside: avoid"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }
}

@Suite("Coaching: agent file names and evidence")
struct AgentFileNameTests {
    @Test("slugs", arguments: [
        ("Ana López", "ana-lopez"), ("Grace O'Connell", "grace-o-connell"), ("Hannah Müller", "hannah-muller"),
        ("  Jonas   Schmidt ", "jonas-schmidt"), ("Łukasz Żółw", "lukasz-zolw"), ("Straße", "strasse"),
        ("陈美", "陈美"), ("../etc", "etc"), ("***", "agent"),
    ])
    func slug(name: String, expected: String) {
        #expect(AgentFileName.slug(name) == expected)
    }

    @Test("names that collide get numbers; index is reserved")
    func collisions() {
        let names = AgentFileName.names(for: ["Ana Lopez", "Ana López", "Index", "ana-lopez"])
        #expect(names == ["Ana Lopez": "ana-lopez", "Ana López": "ana-lopez-2", "Index": "index-2", "ana-lopez": "ana-lopez-3"])
    }

    @Test("evidence keeps the five most recent audits, newest first, later input first on one day")
    func evidenceLog() {
        var log = EvidenceLog()
        let days = ["2026-09-03", "2026-09-01", "2026-09-05", "2026-09-05", "2026-09-02", "2026-09-04", "2026-08-30"]
        for (sequence, day) in days.enumerated() {
            log.offer(Evidence(auditID: "A\(sequence)", date: CoachingFixture.date(day), interactionID: "I", answer: .no,
                               pointsLost: .one, comment: nil, sequence: sequence))
        }
        // A3 and A2 share 2026-09-05 (A3 came later), then A5 (09-04), A0 (09-03), A4 (09-02); A1 and A6 are older.
        #expect(log.entries.map(\.auditID) == ["A3", "A2", "A5", "A0", "A4"])
    }
}
