@testable import QAKit

/// Builders for coaching tests: audits scored by the real engine and fed to a `CoachingTally`.
enum CoachingFixture {
    static func date(_ text: String) -> CalendarDate { CalendarDate.parse(text)! }

    /// One audit scored against `scorecard`; `answers` follow `scorecard.criteria` order.
    static func scored(
        _ scorecard: Scorecard, id: String, agent: String, date text: String, team: String? = nil,
        answers: [Answer?], comments: [String?]? = nil, comment: String? = nil, calibration: Bool = false,
        interaction: String? = nil
    ) -> ScoredAudit {
        let audit = Audit(
            id: id, interactionID: interaction ?? "T-\(id)", agent: agent, reviewer: "Reviewer", date: date(text),
            isCalibration: calibration, fields: team.map { ["team": $0] } ?? [:], answers: answers,
            comments: comments, comment: comment
        )
        return ScoredAudit(audit: audit, result: ScoreEngine(scorecard: scorecard).score(audit), scorecard: scorecard)
    }

    static func analysis(_ scorecard: Scorecard, _ audits: [ScoredAudit], filter: PeriodFilter = PeriodFilter()) -> CoachingAnalysis? {
        var tally = CoachingTally(scorecards: [scorecard], filter: filter)
        for audit in audits { tally.add(audit) }
        return CoachingAnalysis(tally: tally)
    }

    /// Sections A (weight 2: c1 yes/no weight 1, c2 yes/no weight 3, critical: section) and
    /// B (weight 1: c3 scale 1..5), every criterion allowing N/A; default coaching settings.
    static let handScorecard = Scorecard(id: "hand", title: "Hand computed", version: 1, sections: [
        Section(id: "a", title: "A", weight: Rational(2), criteria: [
            Criterion(id: "c1", title: "C1", kind: .yesNo, allowsNA: true),
            Criterion(id: "c2", title: "C2", kind: .yesNo, weight: Rational(3), allowsNA: true, critical: .section),
        ]),
        Section(id: "b", title: "B", weight: Rational(1), criteria: [
            Criterion(id: "c3", title: "C3", kind: .scale(minimum: 1, maximum: 5, levels: [:]), allowsNA: true),
        ]),
    ])

    /// Three audits of one agent (no team), scored by hand:
    /// 1. 2026-08-01: c1 yes, c2 no, c3 4. S_A = (1·1 + 3·0)/4 = 1/4, S_B = (4−1)/(5−1) = 3/4;
    ///    raw = 100·(2·1/4 + 1·3/4)/3 = 125/3; c2 fails section A, so score = 100·(0 + 3/4)/3 = 25.
    /// 2. 2026-08-11: c1 no, c2 N/A, c3 5. S_A = 0/1 = 0, S_B = 1; score = raw = 100·1/3 = 100/3.
    /// 3. 2026-08-31: c1 yes, c2 yes, c3 N/A. S_A = 1, B drops out; score = raw = 100·2/2 = 100.
    static let handAudits: [ScoredAudit] = [
        scored(handScorecard, id: "H1", agent: "Agent", date: "2026-08-01", answers: [.yes, .no, .scale(4)]),
        scored(handScorecard, id: "H2", agent: "Agent", date: "2026-08-11", answers: [.no, .notApplicable, .scale(5)]),
        scored(handScorecard, id: "H3", agent: "Agent", date: "2026-08-31", answers: [.yes, .yes, .notApplicable]),
    ]

    /// A small support scorecard with every answer type, guidance, levels, tips and resources.
    /// `min_team_size` 2 lets the two-agent Blue team show its figures in the golden files.
    static let supportScorecard = Scorecard(
        id: "support", title: "Support quality", version: 2, passingScore: Rational(80),
        coaching: CoachingSettings(focusAreas: 2, minimumAudits: 2, targetGain: Rational(10), reviewAfterDays: 30, minimumTeamSize: 2),
        sections: [
            Section(id: "opening", title: "Opening", weight: Rational(1), criteria: [
                Criterion(id: "greeting", title: "Personalised greeting", guidance: "Greets the customer by name in the first line.",
                          kind: .yesNo, coaching: CoachingTip(tip: "Use the customer's first name in your opening line.", resources: ["KB-112 Greeting templates"])),
            ]),
            Section(id: "resolution", title: "Resolution", weight: Rational(2), criteria: [
                Criterion(id: "resolution", title: "Resolution", guidance: "Resolved means the customer needs nothing more from us.",
                          kind: .choice([
                              ChoiceOption(value: "resolved", label: "Fully resolved", credit: .one),
                              ChoiceOption(value: "partial", label: "Partially resolved", credit: Rational(1, 2)),
                              ChoiceOption(value: "unresolved", label: "Not resolved", credit: .zero),
                          ]),
                          coaching: CoachingTip(tip: "Before sending, ask whether the customer will need to write back.", resources: ["KB-301 Definition of resolved"])),
                Criterion(id: "accuracy", title: "Accurate information", guidance: "Deduct 2 points per inaccurate statement.",
                          kind: .points(maximum: Rational(10)), critical: .section,
                          coaching: CoachingTip(tip: "Check prices and policy against the knowledge base, not memory.", resources: [])),
            ]),
            Section(id: "tone", title: "Tone", weight: Rational(1), criteria: [
                Criterion(id: "empathy", title: "Empathy", guidance: "Acknowledges the customer's situation <and> feelings.",
                          kind: .scale(minimum: 1, maximum: 5, levels: [1: "No acknowledgement.", 3: "Generic acknowledgement.", 5: "Specific, sincere acknowledgement of the customer's words."]),
                          coaching: CoachingTip(tip: "Name the impact in the customer's own words.", resources: ["KB-601 Empathy statements", "Course: Writing with empathy"])),
            ]),
        ]
    )

    static let agents = ["Ana López", "Bo Nilsson", "Cy Park"]

    /// Audits of three agents in two teams (Blue: Ana, Bo; Red: Cy); answers in the order
    /// greeting, resolution, accuracy, empathy.
    static let supportAudits: [ScoredAudit] = {
        let card = supportScorecard
        func audit(_ id: String, _ agent: String, _ date: String, _ team: String, _ answers: [Answer?],
                   comments: [String?]? = nil, comment: String? = nil) -> ScoredAudit {
            scored(card, id: id, agent: agent, date: date, team: team, answers: answers, comments: comments, comment: comment)
        }
        return [
            audit("S-01", "Ana López", "2026-09-01", "Blue", [.no, .choice(1), .points(Rational(8)), .scale(2)],
                  comments: ["Opened with \"Hi there\".", nil, nil, "Jumped straight to the fix."]),
            audit("S-02", "Ana López", "2026-09-08", "Blue", [.yes, .choice(0), .points(Rational(10)), .scale(3)],
                  comment: "Solid reply; empathy still generic."),
            audit("S-03", "Ana López", "2026-09-15", "Blue", [.no, .choice(2), .points(Rational(0)), .scale(2)],
                  comments: [nil, "Customer had to write back twice.", "Quoted last year's price.", nil]),
            audit("S-04", "Ana López", "2026-09-22", "Blue", [.yes, .choice(0), .points(Rational(9)), .scale(4)]),
            audit("S-05", "Bo Nilsson", "2026-09-02", "Blue", [.yes, .choice(0), .points(Rational(10)), .scale(5)]),
            audit("S-06", "Bo Nilsson", "2026-09-09", "Blue", [.yes, .choice(1), .points(Rational(10)), .scale(4)]),
            audit("S-07", "Bo Nilsson", "2026-09-16", "Blue", [.yes, .choice(0), .points(Rational(6)), .scale(5)],
                  comment: "Bo Nilsson kept it short and kind."),
            audit("S-08", "Cy Park", "2026-09-03", "Red", [.no, .choice(0), .points(Rational(10)), .scale(3)]),
            audit("S-09", "Cy Park", "2026-09-10", "Red", [.yes, .choice(0), .points(Rational(10)), .scale(3)]),
            audit("S-10", "Cy Park", "2026-09-30", "Red", [.yes, .choice(1), .points(Rational(10)), .scale(3)]),
            scored(card, id: "S-11", agent: "Ana López", date: "2026-09-30", team: "Blue",
                   answers: [.no, .choice(2), .points(Rational(0)), .scale(1)], calibration: true),
        ]
    }()
}
