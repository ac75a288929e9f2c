import Foundation
import Testing

/// `qakit kpis` against a separate, deliberately plain implementation of the same definitions
/// (Foundation's ISO 8601 parser and calendar, doubles, sorting), on random tickets made here.
@Suite("qakit kpis against an independent computation")
struct KPIsIndependentTests {
    /// SplitMix64, so that the tickets are the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One generated ticket: its CSV cells, by column.
    typealias Row = [String: String]
    static let columns = ["ticket_id", "agent", "team", "channel", "created_at", "first_response_minutes", "first_response_at",
                          "resolution_minutes", "solved_at", "reopens", "replies", "csat", "nps", "sla_breached"]

    /// `instant` written in `offset` seconds east of UTC, optionally with half a second.
    static func timestamp(_ instant: Int, offset: Int, half: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: Double(instant + offset)))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = offset == 0 ? "Z" : (offset > 0 ? "+" : "-") + two(abs(offset) / 3600) + ":" + two(abs(offset) % 3600 / 60)
        return "\(parts.year!)-\(two(parts.month!))-\(two(parts.day!))T\(two(parts.hour!)):\(two(parts.minute!)):\(two(parts.second!))\(half ? ".5" : "")\(zone)"
    }

    static func tickets(count: Int) -> [Row] {
        var random = Generator(state: 20_261_231)
        let agents = [("Ana Silva", "North"), ("Ben Okoro", "South"), ("Cy Tan", "South"), ("Dee Ruiz", "North")]
        let offsets = [-8 * 3600, -5 * 3600, 0, 2 * 3600, 5 * 3600 + 1800, 9 * 3600]
        let start = 1_797_465_600 // 2026-12-15T00:00:00Z
        return (0..<count).map { index in
            let (agent, team) = agents.randomElement(using: &random)!
            let created = start + Int.random(in: 0..<(40 * 86_400), using: &random)
            let offset = offsets.randomElement(using: &random)!
            var row: Row = ["ticket_id": "R-\(index)", "agent": agent, "team": team,
                            "channel": ["email", "chat", "phone"].randomElement(using: &random)!,
                            "created_at": timestamp(created, offset: offset, half: false)]
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5: row["first_response_minutes"] = "\(Int.random(in: 0..<500, using: &random)).\(Int.random(in: 10..<100, using: &random))"
            case 5..<9: row["first_response_at"] = timestamp(created + Int.random(in: 0..<30_000, using: &random),
                                                            offset: offsets.randomElement(using: &random)!, half: Bool.random(using: &random))
            default: break
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6: row["solved_at"] = timestamp(created + Int.random(in: 60..<400_000, using: &random), offset: offset, half: false)
            case 6..<8: row["resolution_minutes"] = "\(Int.random(in: 1..<5000, using: &random))"
            default: break
            }
            if Bool.random(using: &random) { row["reopens"] = "\(Int.random(in: 0...2, using: &random))" }
            if Int.random(in: 0..<4, using: &random) > 0 { row["replies"] = "\(Int.random(in: 1...4, using: &random))" }
            row["csat"] = ["good", "bad", "Good", "1", "2", "3", "4", "5", "offered", "unoffered", "", ""].randomElement(using: &random)!
            if Bool.random(using: &random) { row["nps"] = "\(Int.random(in: 0...10, using: &random))" }
            row["sla_breached"] = ["true", "false", "false", ""].randomElement(using: &random)!
            return row
        }
    }

    /// The figures of one group, by the plain definitions; `nil` where there is no data.
    static func figures(_ rows: [Row]) -> [String: Double?] {
        let parser = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func date(_ text: String) -> Date { parser.date(from: text) ?? fractional.date(from: text)! }
        func minutes(_ row: Row, _ minutesColumn: String, _ atColumn: String) -> Double? {
            if let value = row[minutesColumn], !value.isEmpty { return Double(value)! }
            guard let at = row[atColumn], !at.isEmpty else { return nil }
            return date(at).timeIntervalSince(date(row["created_at"]!)) / 60
        }
        func median(_ values: [Double]) -> Double? {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return nil }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        func p90(_ values: [Double]) -> Double? {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return nil }
            return sorted[Int((Double(9 * sorted.count) / 10).rounded(.up)) - 1]
        }
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        let responses = rows.compactMap { minutes($0, "first_response_minutes", "first_response_at") }
        let solved = rows.filter { minutes($0, "resolution_minutes", "solved_at") != nil }
        let resolutions = solved.map { minutes($0, "resolution_minutes", "solved_at")! }
        let withReplies = solved.filter { !($0["replies"] ?? "").isEmpty }
        let withReopens = solved.filter { !($0["reopens"] ?? "").isEmpty }
        let ratings = rows.compactMap { row -> Bool? in
            switch row["csat"]!.lowercased() {
            case "good", "4", "5": true
            case "bad", "1", "2", "3": false
            default: nil
            }
        }
        let nps = rows.compactMap { Int($0["nps"] ?? "") }
        let sla = rows.compactMap { row -> Bool? in row["sla_breached"]!.isEmpty ? nil : row["sla_breached"] == "true" }
        return [
            "tickets": Double(rows.count),
            "first_response_median": median(responses), "first_response_p90": p90(responses),
            "resolution_median": median(resolutions), "resolution_p90": p90(resolutions),
            "one_touch_rate": share(withReplies.filter { $0["replies"] == "1" }.count, withReplies.count),
            "reopen_rate": share(withReopens.filter { $0["reopens"] != "0" }.count, withReopens.count),
            "csat": share(ratings.filter { $0 }.count, ratings.count), "csat_responses": Double(ratings.count),
            "nps": nps.isEmpty ? nil : 100 * Double(nps.filter { $0 >= 9 }.count - nps.filter { $0 <= 6 }.count) / Double(nps.count),
            "nps_responses": Double(nps.count),
            "sla_met_rate": share(sla.filter { !$0 }.count, sla.count),
        ]
    }

    /// The ISO week of the day written in `created_at`, by Foundation's ISO 8601 calendar.
    static func week(_ row: Row) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = calendar.timeZone
        let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day.date(from: String(row["created_at"]!.prefix(10)))!)
        return "\(parts.yearForWeekOfYear!)-W\(parts.weekOfYear! < 10 ? "0" : "")\(parts.weekOfYear!)"
    }

    @Test(arguments: ["agent", "week"])
    func matchesIndependentComputation(_ by: String) throws {
        let rows = Self.tickets(count: 5_000) // more than two reading batches of 2,048
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("random.csv")
        let text = ([Self.columns.joined(separator: ",")] + rows.map { row in Self.columns.map { row[$0] ?? "" }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
        try text.write(to: file, atomically: true, encoding: .utf8)

        let output = try QAKitProcess.run(["kpis", file.path, "--by", by, "--format", "json"])
        #expect(output.status == 0)
        #expect(output.standardError == "qakit: read 5000 tickets, 0 with errors\n")
        let groups = KPIsCommandTests.groups(output.standardOutput)
        let expected = Dictionary(grouping: rows) { by == "agent" ? $0["agent"]! : Self.week($0) }
        #expect(Set(groups.keys) == Set(expected.keys))
        #expect(expected.keys.contains("2026-W53") || by == "agent")
        for (key, members) in expected {
            let printed = try #require(groups[key])
            for (name, value) in Self.figures(members) {
                let text = try #require(printed[name], "\(key) \(name)")
                guard let value else {
                    #expect(text == "null", "\(key) \(name)")
                    continue
                }
                let number = try #require(Double(text), "\(key) \(name): \(text)")
                #expect(abs(number - value) <= 1e-9 * max(1, abs(value)), "\(key) \(name): qakit \(text), reference \(value)")
            }
        }
    }
}
