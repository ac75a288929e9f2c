import Foundation
import Testing
@testable import QAKit

/// JSON Lines records of the common shape are read straight into cells (`JSONFlatRecord`,
/// `JSONLinesAuditSource.nextItem(into:)`) and scored by the CSV byte path. Whatever the input,
/// that must give exactly what parsing every line (`JSONParser`) and the general path give.
@Suite("JSON Lines records read as cells")
struct JSONLinesRowRunTests {
    typealias Random = RowRunTests.Random

    /// A JSON string literal for `text`, escaped in one of the ways RFC 8259 allows.
    static func literal(_ text: String, _ random: inout Random) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += random.chance(50) ? "\\\"" : "\\u0022"
            case "\\": out += "\\\\"
            case "\n": out += random.chance(50) ? "\\n" : "\\u000A"
            case "\t": out += "\\t"
            case "/": out += random.chance(50) ? "\\/" : "/"
            default:
                if scalar.value < 0x20 || (scalar.value > 0x7F && random.chance(20)) {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += String(format: "\\u%04X\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                    } else {
                        out += String(format: random.chance(50) ? "\\u%04x" : "\\u%04X", scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A value for `text` as a JSON scalar: a string, or a number, boolean or null where the
    /// text reads as one; now and then something only the general parser takes (a list, an object).
    static func value(_ text: String, _ random: inout Random) -> String {
        if text.isEmpty && random.chance(30) { return "null" }
        if ["true", "false"].contains(text) && random.chance(50) { return text }
        if random.chance(50), text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"#, options: .regularExpression) != nil { return text }
        if random.chance(1) { return "[" + literal(text, &random) + "]" }
        return literal(text, &random)
    }

    /// `count` JSON Lines audits for `scorecards`, most of the common shape, with every oddity a
    /// line can have: optional answers left out, members reordered, escapes of every kind,
    /// `\u0000`, lists and objects in other members, a duplicate member, broken lines, blank lines.
    static func jsonl(scorecards: [Scorecard], count: Int, seed: UInt64) -> String {
        var random = Random(state: seed)
        let agents = ["Ana Lima", "Björn Åkesson", "Chloé Martin", "Dev Patel", "O'Brien, Liam", "Zoë \"Z\" Quinn", "ana lima", "Emoji 😀 Fan"]
        var lines: [String] = []
        for index in 0..<count {
            let card = scorecards[random.int(0..<scorecards.count)]
            let channel = card.appliesTo?.clauses.first?.values.first ?? random.pick(["email", "chat", "voice"])
            var members: [(String, String)] = [
                ("audit_id", value(random.chance(2) ? "A\(random.int(0..<max(1, index)))" : "A\(index)", &random)),
                ("interaction_id", value(random.chance(1) ? "" : "I\(index / 3)", &random)),
                ("agent", value(random.pick(agents), &random)),
                ("reviewer", value(random.pick(["Rosa", "Sam", "Tomás", " Uma ", "ROSA"]), &random)),
                ("date", value(random.chance(3) ? random.pick(["2026-02-30", "07/01/2026", ""]) : "2026-0\(random.int(1..<10))-1\(random.int(0..<10))", &random)),
                ("scorecard", value(random.chance(10) ? "" : card.id, &random)),
                ("calibration", random.chance(90) ? random.pick(["false", "true", "null", "\"\"", "\"true\""]) : random.pick(["\"yes\"", "1", "\"TRUE\""])),
                ("team", value(random.pick(["Tier 1", "Tier 2", "Billing", "", "tier  1"]), &random)),
                ("channel", value(random.chance(5) ? "" : channel, &random)),
            ]
            if random.chance(5) { members.append(("tags", random.pick(["[\"vip\", \"refund\"]", "[]", "{\"a\": 1}"]))) }
            if random.chance(2) { members.append(("note", value(random.pick(["Said \"sorry\"\ttwice", "Multi\nline", "NUL\u{0}here", "back\\slash"]), &random))) }
            var answers: [(String, String)] = []
            var comments: [(String, String)] = []
            let odd = random.chance(15) ? random.int(0..<card.criteria.count) : -1
            for (position, entry) in card.criteria.enumerated() {
                let text = RowRunTests.answer(entry.criterion, odd: position == odd, &random)
                if text.trimmingCharacters(in: .whitespaces).isEmpty && random.chance(60) { continue }  // left out
                answers.append((entry.criterion.id, value(text, &random)))
                if random.chance(5) { comments.append((entry.criterion.id, value(random.pick(["Good", "Não \"bom\"", "line\nbreak"]), &random))) }
            }
            if random.chance(3) { answers.shuffle(using: &random.generator) }
            members.append(("answers", "{" + answers.map { "\"\($0.0)\": \($0.1)" }.joined(separator: random.pick([",", ", ", " ,\t"])) + "}"))
            if !comments.isEmpty { members.append(("comments", "{" + comments.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")) }
            if random.chance(3) { members.shuffle(using: &random.generator) }
            if random.chance(1) { members.append(members[random.int(0..<members.count)]) }  // a duplicate member
            var line = "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            if random.chance(1) { line = String(line.dropLast(random.int(1..<20))) }  // broken
            if random.chance(1) { line = " " + line + " \r" }
            lines.append(line)
            if random.chance(1) { lines.append("") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("gives exactly the general path's rows, aggregates and diagnostics", arguments: [
        ("scorecards", UInt64(11)), ("scorecards", 12), ("Benchmarks/scorecard-20.yaml", 13), ("versions", 14),
    ])
    func matchesGeneralPath(scorecardPath: String, seed: UInt64) throws {
        let cards = scorecardPath == "versions" ? try RowRunTests.versionedScorecards() : RowRunTests.scorecards(scorecardPath)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-jsonl-\(seed)-\(UUID().uuidString).jsonl").path
        try Self.jsonl(scorecards: cards, count: 1500, seed: seed).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // Alternately prepared by the reading and by the scoring thread (docs/scoring.md).
        let groupings = [Grouping([.agent]), Grouping([.team, .month]), Grouping([.field("channel")]), Grouping([.scorecard, .reviewer])]
        for (number, grouping) in groupings.enumerated() {
            let (general, generalDirect) = try RowRunTests.transcript(scorecards: cards, file: file, grouping: grouping, direct: false, format: .jsonl)
            let (direct, directCount) = try RowRunTests.transcript(scorecards: cards, file: file, grouping: grouping, direct: true, format: .jsonl,
                                                                   preparation: number % 2 == 0 ? .consumer : .reader)
            #expect(direct == general, "--by \(grouping)")
            #expect(generalDirect == 0)
            // Both paths must have been taken: most records as cells, the odd ones parsed.
            let scored = Int(general.split(separator: "\n").last!.split(separator: " ")[1])!
            #expect(directCount > scored / 3 && directCount < scored, "\(directCount) of \(scored) scored from cells")
        }
    }

    /// Every line the flat scan takes gives the cells the parser's object gives (its scalars in
    /// order, `answers` and `comments` members in place); the lines it refuses include every
    /// line the parser refuses.
    @Test("reads a line as the parser does, or leaves it to the parser")
    func scanAgreesWithParser() throws {
        var random = Random(state: 99)
        let cards = RowRunTests.scorecards("scorecards")
        let text = Self.jsonl(scorecards: cards, count: 3000, seed: 15)
        var (taken, refused, refusedByParser) = (0, 0, 0)
        func scalar(_ value: JSONValue) -> String? {
            switch value {
            case .null: ""
            case .bool(let flag): flag ? "true" : "false"
            case .number(let text), .string(let text): text
            case .array, .object: nil
            }
        }
        /// The object's scalars in order, the members of `answers` and `comments` in place.
        func flattened(_ value: JSONValue) -> [String]? {
            guard case .object(let members) = value else { return nil }
            var cells: [String] = []
            for member in members {
                if case .object(let inner) = member.value {
                    guard member.key == "answers" || member.key == "comments" else { return nil }
                    for entry in inner {
                        guard let text = scalar(entry.value) else { return nil }
                        cells.append(text)
                    }
                } else {
                    guard let text = scalar(member.value) else { return nil }
                    cells.append(text)
                }
            }
            return cells
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var bytes = Array(line.utf8)
            if random.chance(5) { bytes.insert(0x0C, at: random.int(0..<bytes.count)) }  // a stray control byte
            var record = CSVRecord()
            var signature: [UInt8] = []
            let isFlat = bytes.withUnsafeBufferPointer { buffer in
                JSONFlatRecord.scan(buffer, isNested: { key in key.elementsEqual("answers".utf8) || key.elementsEqual("comments".utf8) },
                                    into: &record, signature: &signature)
            }
            var parsed: JSONValue?
            var parseError = ""
            do { parsed = try JSONParser().parse(bytes) } catch { parseError = error.message }
            if parsed == nil { refusedByParser += 1 }
            guard isFlat else {
                refused += 1
                #expect(record.count == 0 && record.bytes.isEmpty)
                continue
            }
            taken += 1
            // The scan does not look for duplicate members (the source only trusts a member
            // sequence the parser accepted); every other line it takes, the parser takes.
            if parsed == nil {
                #expect(parseError.contains("duplicate key"), "the scan took a line the parser refuses (\(parseError)): \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            let parsedObject = try #require(parsed)
            let cells = (0..<record.count).map(record.string(at:))
            #expect(cells == flattened(parsedObject), "\(String(decoding: bytes, as: UTF8.self))")
            #expect(!cells.contains { $0.contains("\u{0}") })
        }
        #expect(taken > 2000 && refused > 30 && refusedByParser > 10, "taken \(taken), refused \(refused), by the parser \(refusedByParser)")
    }
}
