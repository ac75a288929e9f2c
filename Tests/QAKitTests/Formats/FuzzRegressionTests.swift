import Testing
@testable import QAKit

/// Inputs that fuzzing (Fuzz/, docs/robustness.md) found, reduced by hand to their essence. Each
/// failed before its fix; the expected results are worked out by hand from the reader's rules.
@Suite("Fuzz findings")
struct FuzzRegressionTests {
    private static func read(_ text: String, chunkSize: Int, maximumFieldBytes: Int = 4, maximumFields: Int = 2)
        -> (results: [CSVReadResult], error: FormatError?) {
        let reader = CSVReader(source: ByteSource(bytes: Array(text.utf8), chunkSize: chunkSize),
                               maximumFieldBytes: maximumFieldBytes, maximumFields: maximumFields)
        var results: [CSVReadResult] = []
        do {
            while let result = try reader.next() { results.append(result) }
        } catch {
            return (results, error)
        }
        return (results, nil)
    }

    /// FuzzCSV finding 1: the cell after the last allowed one (`cccccc`, column 5) is also too
    /// long. A small chunk saw "too long" at a refill, the full buffer saw "too many cells" first.
    @Test("an extra cell that is also too long is reported as too long at every chunk size", arguments: chunkSizes)
    func extraLongCell(chunkSize: Int) {
        let outcome = Self.read("a,b,cccccc\nd\n", chunkSize: chunkSize)
        #expect(outcome.error == nil)
        #expect(outcome.results == [.invalid(line: 1, column: 5, message: "cell longer than 4 bytes"),
                                    .row(CSVRow(line: 2, fields: ["d"]))])
    }

    /// FuzzCSV finding 2: a too-long cell (`abcdef`), then a stray quote in it. The stray quote
    /// must make the reader skip to the line end whichever problem it saw first; otherwise `"open`
    /// opened a quoted cell at small chunk sizes and the file ended "unterminated".
    @Test("a stray quote after a too-long cell skips to the line end at every chunk size", arguments: chunkSizes)
    func strayQuoteAfterLongCell(chunkSize: Int) {
        let outcome = Self.read("abcdef\"x,\"open\nz\n", chunkSize: chunkSize)
        #expect(outcome.error == nil)
        #expect(outcome.results == [.invalid(line: 1, column: 1, message: "cell longer than 4 bytes"),
                                    .row(CSVRow(line: 2, fields: ["z"]))])
    }
}
