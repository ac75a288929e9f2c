import Foundation
import Testing
@testable import QAKit

/// Which loaded version scores an audit (docs/versions.md), on scorecard values built here.
@Suite("Scorecard version selection")
struct VersionSelectionTests {
    static func card(_ id: String, _ version: Int, from date: String?, appliesTo channel: String? = nil) -> Scorecard {
        Scorecard(id: id, title: id, version: version,
                  appliesTo: channel.map { Condition(clauses: [.init(field: "channel", values: [$0])]) },
                  sections: [Section(id: "main", title: "Main", criteria: [Criterion(id: "greeting", title: "Greeting", kind: .yesNo)])],
                  effectiveFrom: date.flatMap { CalendarDate.parse($0) })
    }

    static func day(_ text: String) -> Int { CalendarDate.parse(text)!.daysSince1970 }

    /// Versions 1 and 2 without a date (2, the higher, is in force from the beginning), 3 from
    /// 2026-05-01, 4 from 2026-09-01; loaded out of order, so indexes are not version order.
    @Test(arguments: [("2020-01-01", 2), ("2026-04-30", 2), ("2026-05-01", 3), ("2026-08-31", 3), ("2026-09-01", 4), ("2030-01-01", 4)])
    func inForceIsTheLatestStartOnOrBeforeTheDay(_ date: String, _ version: Int) throws {
        let cards = [Self.card("a", 4, from: "2026-09-01"), Self.card("a", 1, from: nil), Self.card("a", 3, from: "2026-05-01"),
                     Self.card("a", 2, from: nil)]
        let versions = ScorecardVersions(cards)
        let index = try #require(versions.inForce(ordinal: 0, day: Self.day(date)))
        #expect(cards[index].version == version)
        #expect(versions.versionNumbers(ordinal: 0) == [1, 2, 3, 4])
        #expect(versions.index(ordinal: 0, version: 3).map { cards[$0].version } == 3)
        #expect(versions.index(ordinal: 0, version: 5) == nil)
    }

    @Test func noVersionInForceBeforeTheEarliestStart() {
        let versions = ScorecardVersions([Self.card("a", 1, from: "2026-05-01"), Self.card("b", 1, from: nil)])
        #expect(versions.inForce(ordinal: 0, day: Self.day("2026-04-30")) == nil)
        #expect(versions.inForce(ordinal: 1, day: Self.day("1970-01-01")) == 1)
        #expect(versions.ids == ["a", "b"] && versions.idOrdinal == [0, 1])
    }

    /// `a` routes chat until 2026-09-01, then web (version 2); `b` routes chat from 2026-09-01.
    /// Each audit names no scorecard, so `applies_to` of the version in force picks the id.
    @Test(arguments: [
        ("chat", "2026-08-15", "a v1"), ("chat", "2026-09-15", "b v1"), ("web", "2026-09-15", "a v2"),
        ("web", "2026-08-15", "field 'scorecard': no 'scorecard' given and no scorecard's applies_to matches this audit; name one of 'a', 'b'"),
    ])
    func appliesToIsReadFromTheVersionInForce(_ channel: String, _ date: String, _ expected: String) {
        let decoder = AuditDecoder(scorecards: [
            Self.card("a", 1, from: nil, appliesTo: "chat"), Self.card("a", 2, from: "2026-09-01", appliesTo: "web"),
            Self.card("b", 1, from: "2026-09-01", appliesTo: "chat"),
        ])
        let layout = decoder.layout(names: ["audit_id", "interaction_id", "agent", "reviewer", "date", "channel", "greeting"])
        switch decoder.decode(values: ["A-1", "I-1", "Ana", "Rosa", date, channel, "yes"], layout: layout, file: "f.csv", line: 2, allowFlagWords: true) {
        case .audit(let audit):
            let card = decoder.scorecards[audit.scorecardIndex]
            #expect("\(card.id) v\(card.version)" == expected)
        case .rejected(let problems):
            #expect(problems.map(\.message) == ["audit 'A-1', \(expected)"])
        }
    }
}
