import Testing
@testable import QAKit

/// Limits that keep a hostile file's memory bounded (docs/robustness.md), each at its boundary.
@Suite("Reader limits")
struct ReaderLimitTests {
    /// Cells of 3 bytes with a 7-byte record limit: `aaa` (3), `bbb` (6), `ccc` (9 > 7) crosses it
    /// at column 9; the next record is read normally.
    @Test("a record whose cells add up to more than the record limit is skipped", arguments: chunkSizes)
    func recordLimit(chunkSize: Int) throws {
        let reader = CSVReader(source: ByteSource(bytes: Array("aaa,bbb,ccc\nddd,eee\n".utf8), chunkSize: chunkSize),
                               maximumRecordBytes: 7)
        var results: [CSVReadResult] = []
        while let result = try reader.next() { results.append(result) }
        #expect(results == [.invalid(line: 1, column: 9, message: "record longer than 7 bytes"),
                            .row(CSVRow(line: 2, fields: ["ddd", "eee"]))])
    }

    @Test("a record exactly at the record limit is read", arguments: chunkSizes)
    func recordAtLimit(chunkSize: Int) throws {
        let reader = CSVReader(source: ByteSource(bytes: Array("aaa,bbbb\n".utf8), chunkSize: chunkSize), maximumRecordBytes: 7)
        #expect(try reader.next() == .row(CSVRow(line: 1, fields: ["aaa", "bbbb"])))
    }
}
