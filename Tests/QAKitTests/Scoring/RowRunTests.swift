import Foundation
import Testing
@testable import QAKit

/// `ScoringRun.run`, for a consumer of rows, scores most CSV records straight from their bytes (`CSVRowDecoder`) and
/// leaves the rest to the general path. Whatever the input, it must give exactly what the
/// general path alone gives: the same rows (as `score --format csv` writes them), the same
/// aggregates for every `--by`, the same diagnostics in the same order, the same counts.
///
/// The oracle is `ScoringRun.run`, which decodes every record into an `Audit` and scores it
/// with `ScoreEngine`; both runs feed the same writers, so any difference is the fast path's.
@Suite("Scoring rows straight from CSV bytes")
struct RowRunTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func scorecards(_ path: String) -> [Scorecard] {
        let result = ScorecardLoader().load(paths: [packageRoot.appendingPathComponent(path).path])
        precondition(!result.scorecards.isEmpty, "no scorecards at \(path)")
        return result.scorecards
    }

    /// The bundled scorecards (two versions of live-chat, the later from 2026-09-01) and more
    /// versions: email-support 4 from 2026-05-01 with a changed weight, and bench-20 1 from
    /// 2026-06-01 and 2 from 2026-08-01, so that earlier audits naming bench-20 have no version in
    /// force. Random dates fall on both sides of every change.
    static func versionedScorecards() throws -> [Scorecard] {
        let root = packageRoot.path
        func text(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }
        func changed(_ text: String, version: String, to header: String, weight: Bool) -> String {
            var result = text.replacingOccurrences(of: version + "\n", with: header + "\n")
            if weight, let range = result.range(of: "weight: 2\n") { result.replaceSubrange(range, with: "weight: 3\n") }
            return result
        }
        let email = try text("scorecards/email-support.yaml"), bench = try text("Benchmarks/scorecard-20.yaml")
        let extra = [
            changed(email, version: "version: 3", to: "version: 4\neffective_from: 2026-05-01", weight: true),
            changed(bench, version: "version: 1", to: "version: 1\neffective_from: 2026-06-01", weight: false),
            changed(bench, version: "version: 1", to: "version: 2\neffective_from: 2026-08-01", weight: true),
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-versions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (offset, card) in extra.enumerated() { try card.write(toFile: directory + "/extra-\(offset).yaml", atomically: true, encoding: .utf8) }
        let result = ScorecardLoader().load(paths: [root + "/scorecards", directory])
        precondition(!result.hasErrors && result.scorecards.count == 7, "\(result.diagnostics)")
        return result.scorecards
    }

    /// Deterministic (`SplitMix64`), so that a failure can be replayed from its seed.
    struct Random {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(state: state) }
        mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &generator) }
        mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
        mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }
    }

    /// An answer for `criterion`: a valid one in any spelling the spec accepts (padding, case,
    /// `+4`, `9.50`, N/A where allowed, blank where optional), or, when `odd`, something only
    /// the general path can judge: invalid, N/A where not allowed, blank where required.
    static func answer(_ criterion: Criterion, odd: Bool, _ random: inout Random) -> String {
        if odd { return random.pick(["", "N/A", "maybe", "11", "-1", "3.333", "yes!", "  ", "ÿes"]) }
        if !criterion.isRequired && random.chance(20) { return random.pick(["", " "]) }
        if criterion.allowsNA && random.chance(15) { return random.pick(["N/A", "na", "n/a", " N/A"]) }
        var text: String
        switch criterion.kind {
        case .yesNo: text = random.pick(["yes", "no", "Yes", "NO", "y", "n", "true", "false", "1", "0", "pass", "fail"])
        case .scale(let minimum, let maximum, _): text = String(random.int(minimum..<maximum + 1))
            if random.chance(3) { text = "+" + text }
        case .choice(let options): text = random.pick(options).value
            if random.chance(3) { text = text.uppercased() }
        case .points(let maximum):
            let cents = random.int(0..<Int(truncatingIfNeeded: (maximum * Rational(100)).numerator) + 1)
            text = random.pick([Rational(Int128(cents), 100).decimalString(maximumPlaces: 2), Rational(Int128(cents), 100).formatted()])
        case .number, .text, .date, .select, .multiSelect: text = ""  // not generated here: see FormKeyDifferentialTests
        }
        if random.chance(3) { text = " " + text + "\t" }
        return text
    }

    /// A CSV file of `count` records for `scorecards`, mostly valid, with every kind of oddity.
    static func csv(scorecards: [Scorecard], count: Int, seed: UInt64) -> String {
        var random = Random(state: seed)
        let criteria = scorecards.flatMap(\.criteria).map(\.criterion)
        var criterionIDs: [String] = []
        for criterion in criteria where !criterionIDs.contains(criterion.id) { criterionIDs.append(criterion.id) }
        let header = ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "scorecard_version", "calibration", "team", "channel",
                      "ticket_type"] + criterionIDs + ["comment", ""]
        var lines = [header.joined(separator: ",")]
        // Name variants (`ana lima`, `tier  1`, `ROSA`) are warned about on both paths alike.
        let agents = ["Ana Lima", "Björn Åkesson", "Chloé Martin", "Dev Patel", "O'Brien, Liam", "Zoë \"Z\" Quinn", "ana lima"]
        let teams = ["Tier 1", "Tier 2", "Billing", "", "tier  1"]
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for index in 0..<count {
            let card = scorecards[random.int(0..<scorecards.count)]
            let channel = card.appliesTo?.clauses.first?.values.first ?? random.pick(["email", "chat", "voice"])
            var cells: [String: String] = [
                "audit_id": random.chance(2) ? "A\(random.int(0..<max(1, index)))" : (random.chance(5) ? "id-\(index)x" : "A\(index)"),
                "interaction_id": random.chance(1) ? "" : "I\(index / 3)",
                "agent": random.pick(agents),
                "reviewer": random.pick(["Rosa", "Sam", "Tomás", " Uma ", "ROSA"]),
                "date": random.chance(3) ? random.pick(["2026-02-30", "2026-07-01T09:30:00Z", "07/01/2026", ""]) : "2026-0\(random.int(1..<10))-1\(random.int(0..<10))",
                "scorecard": random.chance(10) ? "" : (random.chance(2) ? card.id.uppercased() : card.id),
                // A version named as written, padded, with a sign or a zero, unknown or not a number.
                "scorecard_version": random.chance(75) ? "" : random.pick(["\(card.version)", " \(card.version) ", "0\(card.version)",
                                                                            "+\(card.version)", "1", "2", "9", "v1", "1.0", "99999999999"]),
                "calibration": random.chance(90) ? random.pick(["", "false", "true", "no", "yes", "0", "1"]) : random.pick(["TRUE", "maybe"]),
                "team": random.pick(teams),
                "channel": random.chance(5) ? "" : channel,
                "ticket_type": random.pick(["general", "technical", "refund", "billing", "account", "Refund"]),
                "comment": random.pick(["", "Good call", "Said \"sorry\" twice, then fixed it", "Multi\nline note", "Not, quoted"]),
                "": random.chance(1) ? "stray" : "",
            ]
            let odd = random.chance(20) ? random.int(0..<card.criteria.count) : -1
            for (position, entry) in card.criteria.enumerated() { cells[entry.criterion.id] = answer(entry.criterion, odd: position == odd, &random) }
            for criterion in criteria where random.chance(1) && !card.criteria.contains(where: { $0.criterion.id == criterion.id }) {
                cells[criterion.id] = "yes"  // an answer for another scorecard's criterion
            }
            var line = header.map { field(cells[$0] ?? "") }.joined(separator: ",")
            if random.chance(1) { line += ",extra" }
            if random.chance(1) { line = String(line.dropLast(40)) }  // missing trailing cells
            lines.append(line)
        }
        return lines.joined(separator: random.chance(50) ? "\r\n" : "\n") + "\n"
    }

    /// What a run produced: CSV rows, aggregates, diagnostics and counts, as text.
    static func transcript(scorecards: [Scorecard], file: String, grouping: Grouping, direct: Bool,
                           format: AuditFormat = .csv, preparation: ScoringRun.RowPreparation = .balanced) throws -> (String, Int) {
        let run = ScoringRun(scorecards: scorecards)
        run.rowPreparation = preparation
        run.checksNameVariants = true
        var source = try AuditSources.open(path: file, format: format, decoder: run.decoder)
        let rows = StringSink()
        // Every metadata column, written for spreadsheets, so the comparison covers the cells the
        // byte path copies and the neutralising of both paths.
        let writer = ScoreCSVWriter(sink: rows, scorecards: scorecards, metadataFields: source.metadataNames, style: .spreadsheet)
        let aggregator = Aggregator(grouping: grouping, includesCalibration: false)
        final class Both: ScoreRowConsumer {
            let consumers: [ScoreRowConsumer]
            init(_ consumers: [ScoreRowConsumer]) { self.consumers = consumers }
            func consume(_ row: ScoreRow) throws { for consumer in consumers { try consumer.consume(row) } }
        }
        let both = Both([writer, aggregator])
        var diagnostics: [String] = []
        if direct {
            try run.run(&source, key: grouping, consumer: both, report: { diagnostics.append($0.description) })
        } else {
            try run.run(&source, grouping: grouping, scored: { try ScoreRow.with($0, grouping: grouping, both.consume) },
                        report: { diagnostics.append($0.description) })
        }
        try writer.end()
        let totals = StringSink()
        try AggregateWriter.write(aggregator.aggregates, grouping: grouping, format: .csv, to: totals)
        let counts = "scored \(run.scoredCount) calibration \(run.calibrationCount) rejected \(run.rejectedCount) judged \(run.judgedCount) passed \(run.passedCount)"
        switch preparation {
        case .reader: #expect(run.consumerPreparedCount == 0)
        case .consumer: #expect(run.consumerPreparedCount == run.directCount)
        case .balanced: break
        }
        return ([rows.text, totals.text, diagnostics.joined(separator: "\n"), counts].joined(separator: "\n---\n"), run.directCount)
    }

    /// Every single key, and several keys together (one row per combination, on both paths),
    /// a missing field and `scorecard` among them.
    static let groupings: [Grouping] = ([.agent, .team, .reviewer, .scorecard, .month, .week, .field("channel"), .field("date"),
                                         .field("audit_id"), .field("ticket_type"), .field("no_such_field")] as [Aggregator.Dimension]).map { Grouping([$0]) }
        + [Grouping([.team, .month]), Grouping([.agent, .week]), Grouping([.scorecard, .agent, .field("channel")]), Grouping([.field("no_such_field"), .reviewer])]

    @Test("gives exactly the general path's rows, aggregates and diagnostics", arguments: [
        ("scorecards", UInt64(1)), ("scorecards", 2), ("scorecards", 3), ("Benchmarks/scorecard-20.yaml", 4), ("Benchmarks/scorecard-20.yaml", 5),
        ("versions", 6), ("versions", 7),
    ])
    func matchesGeneralPath(scorecardPath: String, seed: UInt64) throws {
        let cards = scorecardPath == "versions" ? try Self.versionedScorecards() : Self.scorecards(scorecardPath)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-rows-\(seed)-\(UUID().uuidString).csv").path
        try Self.csv(scorecards: cards, count: 1500, seed: seed).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // Each grouping's records are prepared by one thread of the two (docs/scoring.md, "Two
        // threads, one balance"), alternately, so that both ways are compared whatever the timing.
        for (number, grouping) in Self.groupings.enumerated() {
            let (general, generalDirect) = try Self.transcript(scorecards: cards, file: file, grouping: grouping, direct: false)
            let (direct, directCount) = try Self.transcript(scorecards: cards, file: file, grouping: grouping, direct: true,
                                                            preparation: number % 2 == 0 ? .reader : .consumer)
            #expect(direct == general, "--by \(grouping)")
            #expect(general.contains("agent 'ana lima' differs only in case or whitespace from 'Ana Lima'")
                || general.contains("agent 'Ana Lima' differs only in case or whitespace from 'ana lima'"))
            #expect(generalDirect == 0)
            // Both paths must have been taken: most records directly, the odd ones not.
            let scored = Int(general.split(separator: "\n").last!.split(separator: " ")[1])!
            #expect(directCount > scored / 2 && directCount < scored, "\(directCount) of \(scored) scored directly")
        }
    }
}
