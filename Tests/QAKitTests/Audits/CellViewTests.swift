import Foundation
import Testing
@testable import QAKit

/// `AuditDecoder.decode` reads a record through any view of its cells (docs/scoring.md, "Memory
/// and speed"): the strings a source's `next()` gives, or the byte ranges of `nextItem(into:)`.
/// Whatever the record, both views must give the same outcome: the same audit, field by field, or
/// the same diagnostics in the same order.
@Suite("AuditDecoder: string cells and byte cells decode alike")
struct CellViewTests {
    /// Every item of `file`, decoded through one view, as text.
    static func transcript(_ scorecards: [Scorecard], file: String, bytes: Bool) throws -> [String] {
        let decoder = AuditDecoder(scorecards: scorecards)
        var source = try AuditSources.open(path: file, format: .csv, decoder: decoder)
        let flags = source.allowsFlagWords
        func text(_ outcome: AuditDecoder.Outcome) -> String {
            switch outcome {
            case .audit(let audit): "audit \(audit)"
            case .rejected(let diagnostics): "rejected " + diagnostics.map { "\($0.description) \(String(describing: $0.record))" }.joined(separator: " | ")
            }
        }
        func text(_ item: SourceItem) -> String {
            switch item {
            case .record(let values, let layout, let line):
                text(decoder.decode(values: values, layout: layout, file: file, line: line, allowFlagWords: flags))
            case .problem(let diagnostic): "problem \(diagnostic)"
            case .warning(let diagnostic): "warning \(diagnostic)"
            }
        }
        var lines: [String] = []
        if bytes {
            var record = CSVRecord()
            while true {
                record.removeAll()
                guard let item = try source.nextItem(into: &record) else { break }
                switch item {
                case .item(let item): lines.append(text(item))
                case .csvRecord(let layout, let cells):
                    let line = record.line
                    lines.append("bytes " + text(record.withBytes(of: cells) { cells in
                        decoder.decode(cells: cells, layout: layout, file: file, line: line, allowFlagWords: flags)
                    }))
                }
            }
        } else {
            while let item = try source.next() { lines.append(text(item)) }
        }
        return lines
    }

    static func compare(_ scorecards: [Scorecard], text: String, name: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-cells-\(name)-\(UUID().uuidString).csv").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let strings = try transcript(scorecards, file: file, bytes: false)
        let bytes = try transcript(scorecards, file: file, bytes: true)
        // Every record but the first went through the byte view (the prefix marks it), so none
        // other was compared with itself; the source reads the first with the header, as strings.
        let viaBytes = bytes.filter { $0.hasPrefix("bytes ") }.count
        let records = strings.filter { $0.hasPrefix("audit ") || $0.hasPrefix("rejected ") }.count
        #expect(viaBytes == records - 1, "\(viaBytes) of \(records) records read through byte cells")
        #expect(strings.count == bytes.count)
        for (string, byte) in zip(strings, bytes) {
            let unmarked = byte.hasPrefix("bytes ") ? String(byte.dropFirst(6)) : byte
            #expect(string == unmarked)
        }
        #expect(strings.contains { $0.hasPrefix("audit ") } && strings.contains { $0.hasPrefix("rejected ") })
    }

    @Test("on generated files of valid, odd and broken records", arguments: [("scorecards", UInt64(31)), ("Benchmarks/scorecard-20.yaml", 32), ("versions", 33)])
    func generated(scorecardPath: String, seed: UInt64) throws {
        let cards = scorecardPath == "versions" ? try RowRunTests.versionedScorecards() : RowRunTests.scorecards(scorecardPath)
        try Self.compare(cards, text: RowRunTests.csv(scorecards: cards, count: 1000, seed: seed), name: "\(seed)")
    }

    @Test("on random scorecards with every form key (numbers, dates, fields, conditions on answers)", arguments: [UInt64(41), 42])
    func formKeys(seed: UInt64) throws {
        var random = RowRunTests.Random(state: seed)
        let card = FormKeyDifferentialTests.scorecard(&random)
        try Self.compare([card], text: FormKeyRowRunTests.csv(card, count: 600, &random), name: "form-\(seed)")
    }
}
