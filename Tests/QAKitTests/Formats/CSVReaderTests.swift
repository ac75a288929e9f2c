import Testing
@testable import QAKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV input and the results a reader must produce for it, worked out by hand.
struct CSVCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: [UInt8]
    var delimiter: Unicode.Scalar = ","
    var maximumFieldBytes = CSVReader.defaultMaximumFieldBytes
    var maximumFields = CSVReader.defaultMaximumFields
    var expected: [CSVReadResult]

    var testDescription: String { name }

    init(_ name: String, _ text: String, delimiter: Unicode.Scalar = ",", maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
         maximumFields: Int = CSVReader.defaultMaximumFields, _ expected: [CSVReadResult]) {
        self.init(name, Array(text.utf8), delimiter: delimiter, maximumFieldBytes: maximumFieldBytes,
                  maximumFields: maximumFields, expected)
    }

    init(_ name: String, _ bytes: [UInt8], delimiter: Unicode.Scalar = ",", maximumFieldBytes: Int = CSVReader.defaultMaximumFieldBytes,
         maximumFields: Int = CSVReader.defaultMaximumFields, _ expected: [CSVReadResult]) {
        self.name = name
        input = bytes
        self.delimiter = delimiter
        self.maximumFieldBytes = maximumFieldBytes
        self.maximumFields = maximumFields
        self.expected = expected
    }
}

private func row(_ line: Int, _ fields: [String]) -> CSVReadResult { .row(CSVRow(line: line, fields: fields)) }

private func readAll(_ test: CSVCase, chunkSize: Int) throws(FormatError) -> [CSVReadResult] {
    let reader = CSVReader(source: ByteSource(bytes: test.input, chunkSize: chunkSize), delimiter: test.delimiter,
                           maximumFieldBytes: test.maximumFieldBytes, maximumFields: test.maximumFields)
    var results: [CSVReadResult] = []
    while let result = try reader.next() { results.append(result) }
    return results
}

/// Chunk sizes that split every multi-byte construct (CRLF, `""`, UTF-8 sequences, the BOM) at
/// every possible place, plus the production size.
let chunkSizes = [1, 2, 3, 4, 5, 7, 64, ByteSource.defaultChunkSize]

let invalidUTF8 = "invalid UTF-8 byte"
let quoteInside = "quote '\"' inside an unquoted cell; quote the whole cell and double the quotes inside it"
let textAfterQuote = "text after the closing quote of a cell; a quoted cell must end at a delimiter or line end"

let wellFormedCSV: [CSVCase] = [
    CSVCase("plain LF", "a,b,c\n1,2,3\n", [row(1, ["a", "b", "c"]), row(2, ["1", "2", "3"])]),
    CSVCase("quoted delimiter", "\"a,b\",c\n", [row(1, ["a,b", "c"])]),
    CSVCase("doubled quotes", "\"say \"\"hi\"\"\",x\n", [row(1, ["say \"hi\"", "x"])]),
    CSVCase("only a doubled quote", "\"\"\"\"\n", [row(1, ["\""])]),
    CSVCase("CRLF", "a,b\r\nc,d\r\n", [row(1, ["a", "b"]), row(2, ["c", "d"])]),
    CSVCase("mixed CRLF, LF and lone CR", "a\r\nb\nc\rd", [row(1, ["a"]), row(2, ["b"]), row(3, ["c"]), row(4, ["d"])]),
    CSVCase("UTF-8 BOM skipped", "\u{FEFF}id,name\n1,x\n", [row(1, ["id", "name"]), row(2, ["1", "x"])]),
    CSVCase("embedded LF: next record starts two lines on", "id,note\n1,\"line one\nline two\"\n2,x\n",
            [row(1, ["id", "note"]), row(2, ["1", "line one\nline two"]), row(4, ["2", "x"])]),
    CSVCase("embedded CRLF counts one line", "1,\"a\r\nb\"\r\n2,c\r\n", [row(1, ["1", "a\r\nb"]), row(3, ["2", "c"])]),
    CSVCase("embedded blank lines", "\"\n\n\"\nx\n", [row(1, ["\n\n"]), row(4, ["x"])]),
    CSVCase("empty fields", "a,,c\n,,\n", [row(1, ["a", "", "c"]), row(2, ["", "", ""])]),
    CSVCase("trailing comma is an empty last field", "a,b,\nc\n", [row(1, ["a", "b", ""]), row(2, ["c"])]),
    CSVCase("trailing comma at end of input", "a,", [row(1, ["a", ""])]),
    CSVCase("no final newline", "a,b\nc,d", [row(1, ["a", "b"]), row(2, ["c", "d"])]),
    CSVCase("quoted last field without newline", "a,\"b\"", [row(1, ["a", "b"])]),
    CSVCase("empty lines are skipped", "\n\na\n\r\n\nb\n\n", [row(3, ["a"]), row(6, ["b"])]),
    CSVCase("a quoted empty cell is a record", "\"\"\n\"\",\"\"", [row(1, [""]), row(2, ["", ""])]),
    CSVCase("TSV", "a\tb,c\t\"d\te\"\n", delimiter: "\t", [row(1, ["a", "b,c", "d\te"])]),
    CSVCase("multi-byte UTF-8", "é,日本,😀\n", [row(1, ["é", "日本", "😀"])]),
    CSVCase("spaces are kept", " a , b \n", [row(1, [" a ", " b "])]),
    CSVCase("empty input", "", []),
    CSVCase("only a BOM", "\u{FEFF}", []),
    CSVCase("only line breaks", "\r\n\n\r", []),
    CSVCase("long cell across chunks", "x,\"" + String(repeating: "ab", count: 100) + "\"\n",
            [row(1, ["x", String(repeating: "ab", count: 100)])]),
]

let recoverableCSV: [CSVCase] = [
    CSVCase("invalid UTF-8 lead byte", Array("ok\nab".utf8) + [0xC3, 0x28] + Array(",x\ny\n".utf8),
            [row(1, ["ok"]), .invalid(line: 2, column: 3, message: "\(invalidUTF8) 0xC3; save the file as UTF-8, or read it with --encoding windows-1252"), row(3, ["y"])]),
    CSVCase("column counts scalars", Array("é€,a".utf8) + [0xFF] + Array("\nz\n".utf8),
            [.invalid(line: 1, column: 5, message: "\(invalidUTF8) 0xFF; save the file as UTF-8, or read it with --encoding windows-1252"), row(2, ["z"])]),
    CSVCase("invalid UTF-8 in a quoted multi-line cell keeps quoting", Array("\"a\n".utf8) + [0x80] + Array(",\"\nz\n".utf8),
            [.invalid(line: 2, column: 1, message: "\(invalidUTF8) 0x80; save the file as UTF-8, or read it with --encoding windows-1252"), row(3, ["z"])]),
    CSVCase("overlong encoding", [0x61, 0x2C, 0xC0, 0x80, 0x0A, 0x62],
            [.invalid(line: 1, column: 3, message: "\(invalidUTF8) 0xC0; save the file as UTF-8, or read it with --encoding windows-1252"), row(2, ["b"])]),
    CSVCase("encoded surrogate", [0xED, 0xA0, 0x80, 0x0A, 0x62],
            [.invalid(line: 1, column: 1, message: "\(invalidUTF8) 0xED; save the file as UTF-8, or read it with --encoding windows-1252"), row(2, ["b"])]),
    CSVCase("truncated sequence at end of input", [0x61, 0xE2, 0x82],
            [.invalid(line: 1, column: 2, message: "\(invalidUTF8) 0xE2; save the file as UTF-8, or read it with --encoding windows-1252")]),
    CSVCase("NUL byte", "a\u{0}b\nc\n", [.invalid(line: 1, column: 2, message: "NUL byte (0x00) in a cell"), row(2, ["c"])]),
    CSVCase("quote inside an unquoted cell", "ab\"c,d\ne\n", [.invalid(line: 1, column: 3, message: quoteInside), row(2, ["e"])]),
    CSVCase("text after a closing quote", "\"abc\"x,y\nz\n", [.invalid(line: 1, column: 6, message: textAfterQuote), row(2, ["z"])]),
    CSVCase("error column after a CRLF record", "a\r\né\"\r\nb", [row(1, ["a"]), .invalid(line: 2, column: 2, message: quoteInside), row(3, ["b"])]),
    CSVCase("text after a closing quote on the second line of a cell", "\"ab\r\ncd\"x\r\nz",
            [.invalid(line: 2, column: 4, message: textAfterQuote), row(3, ["z"])]),
    CSVCase("cell too long", "abcd,abcde\nq\n", maximumFieldBytes: 4,
            [.invalid(line: 1, column: 6, message: "cell longer than 4 bytes"), row(2, ["q"])]),
    CSVCase("quoted cell too long", "ok\n\"abc\"\"de\"\nq\n", maximumFieldBytes: 5,
            [row(1, ["ok"]), .invalid(line: 2, column: 1, message: "cell longer than 5 bytes"), row(3, ["q"])]),
    CSVCase("too many cells", "a,b,c\na,b,c,d\ne\n", maximumFields: 3,
            [row(1, ["a", "b", "c"]), .invalid(line: 2, column: 7, message: "more than 3 cells in one record"), row(3, ["e"])]),
    CSVCase("an empty fourth cell is one too many", "a,b,c,\ne\n", maximumFields: 3,
            [.invalid(line: 1, column: 7, message: "more than 3 cells in one record"), row(2, ["e"])]),
    // "ab", not "a": `a\0"\0` at the very start is how UTF-16 text looks, and is reported so.
    CSVCase("only the first problem of a record", "ab\u{0}\"\u{0}\nb\n", [.invalid(line: 1, column: 3, message: "NUL byte (0x00) in a cell"), row(2, ["b"])]),
]

@Suite("CSVReader")
struct CSVReaderTests {
    @Test("RFC 4180 records, at every chunk size", arguments: wellFormedCSV, chunkSizes)
    func wellFormed(_ test: CSVCase, chunkSize: Int) throws {
        #expect(try readAll(test, chunkSize: chunkSize) == test.expected)
    }

    @Test("recoverable problems with their line and column, at every chunk size", arguments: recoverableCSV, chunkSizes)
    func recoverable(_ test: CSVCase, chunkSize: Int) throws {
        #expect(try readAll(test, chunkSize: chunkSize) == test.expected)
    }

    @Test("an unterminated quoted field is fatal and points at its opening quote", arguments: chunkSizes)
    func unterminatedQuote(chunkSize: Int) throws {
        let reader = CSVReader(source: ByteSource(bytes: Array("a,b\nc,\"open\nmore\n".utf8), name: "x.csv", chunkSize: chunkSize))
        #expect(try reader.next() == row(1, ["a", "b"]))
        #expect(throws: FormatError.unterminatedQuotedField(path: "x.csv", line: 2, column: 3)) { try reader.next() }
        #expect(FormatError.unterminatedQuotedField(path: "x.csv", line: 2, column: 3).diagnostic.description
            == "x.csv:2:3: error: quoted field opened here is never closed; add the closing '\"'")
    }

    @Test("UTF-16 input is fatal", arguments: [[UInt8]([0xFF, 0xFE, 0x61, 0x00]), [0xFE, 0xFF, 0x00, 0x61]])
    func utf16(bytes: [UInt8]) throws {
        let reader = CSVReader(source: ByteSource(bytes: bytes, name: "u.csv", chunkSize: 1))
        #expect(throws: FormatError.utf16(path: "u.csv")) { try reader.next() }
        #expect(FormatError.utf16(path: "u.csv").description == "u.csv:1:1: file is UTF-16; save it as UTF-8")
    }

    @Test("reads a real file through its descriptor", arguments: [2, ByteSource.defaultChunkSize])
    func file(chunkSize: Int) throws {
        let path = "/tmp/qakit-csv-test-\(getpid())-\(chunkSize).csv"
        let text = "audit_id,agent\r\nA1,\"Ann\"\r\nA2,Bo\r\n"
        #expect(FILE_write(path, text))
        defer { unlink(path) }
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var results: [CSVReadResult] = []
        while let result = try reader.next() { results.append(result) }
        #expect(results == [row(1, ["audit_id", "agent"]), row(2, ["A1", "Ann"]), row(3, ["A2", "Bo"])])
    }
}

/// Writes `text` to `path`; true on success.
func FILE_write(_ path: String, _ text: String) -> Bool {
    guard let file = fopen(path, "wb") else { return false }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    return bytes.isEmpty || fwrite(bytes, 1, bytes.count, file) == bytes.count
}

/// A small deterministic generator (SplitMix64), so that the random inputs are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads everything, turning a thrown error into a final `nil` entry plus its description.
private func outcome(_ bytes: [UInt8], chunkSize: Int) -> ([CSVReadResult], String?) {
    let reader = CSVReader(source: ByteSource(bytes: bytes, chunkSize: chunkSize), maximumFieldBytes: 6, maximumFields: 4)
    var results: [CSVReadResult] = []
    do {
        while let result = try reader.next() { results.append(result) }
        return (results, nil)
    } catch {
        return (results, error.description)
    }
}

@Suite("CSVReader chunk independence")
struct CSVChunkIndependenceTests {
    /// Pieces that stress the state machine: quotes, every line break, multi-byte and invalid bytes.
    static let pieces: [[UInt8]] = [
        [0x61], [0x2C], [0x22], [0x22, 0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0xC3, 0xA9], [0xE2, 0x82, 0xAC],
        [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0x00], [0xEF, 0xBB, 0xBF],
    ]

    @Test("random inputs give the same results at chunk sizes 1, 2, 3 and 256 KiB", arguments: 0..<8)
    func randomInputs(seed: Int) {
        var generator = SplitMix64(state: UInt64(seed))
        for _ in 0..<100 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                bytes += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
            }
            let reference = outcome(bytes, chunkSize: ByteSource.defaultChunkSize)
            for chunkSize in [1, 2, 3] {
                let other = outcome(bytes, chunkSize: chunkSize)
                #expect(other.0 == reference.0 && other.1 == reference.1, "input \(bytes), chunk size \(chunkSize)")
            }
        }
    }
}
