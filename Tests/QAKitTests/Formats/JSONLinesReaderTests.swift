import Testing
@testable import QAKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func readLines(_ bytes: [UInt8], chunkSize: Int, maximumLineBytes: Int = JSONLinesReader.defaultMaximumLineBytes)
    throws(FormatError) -> [JSONLinesResult] {
    let reader = JSONLinesReader(source: ByteSource(bytes: bytes, name: "a.jsonl", chunkSize: chunkSize), maximumLineBytes: maximumLineBytes)
    var results: [JSONLinesResult] = []
    while let result = try reader.next() { results.append(result) }
    return results
}

private func object(_ key: String, _ value: JSONValue) -> JSONValue { .object([JSONValue.Member(key: key, value: value)]) }

@Suite("JSONLinesReader")
struct JSONLinesReaderTests {
    @Test("a broken middle line does not stop the later lines", arguments: chunkSizes)
    func brokenMiddleLine(chunkSize: Int) throws {
        let text = "{\"id\": \"A1\"}\n{\"id\": \"A2\",}\n{\"id\": \"A3\"}\n"
        #expect(try readLines(Array(text.utf8), chunkSize: chunkSize) == [
            .value(line: 1, object("id", .string("A1"))),
            .invalid(line: 2, column: 13, message: "expected '\"' to start the next object key, found '}'"),
            .value(line: 3, object("id", .string("A3"))),
        ])
    }

    @Test("blank lines are skipped, CRLF works, the last line needs no LF", arguments: chunkSizes)
    func blankLinesAndCRLF(chunkSize: Int) throws {
        let text = "\n  \t\r\n[1]\r\n\r\n\"é\"\n \n{}"
        #expect(try readLines(Array(text.utf8), chunkSize: chunkSize) == [
            .value(line: 3, .array([.number("1")])),
            .value(line: 5, .string("é")),
            .value(line: 7, .object([])),
        ])
    }

    @Test("a UTF-8 byte-order mark is skipped and columns start after it", arguments: chunkSizes)
    func byteOrderMark(chunkSize: Int) throws {
        #expect(try readLines([0xEF, 0xBB, 0xBF] + Array("[x]\n".utf8), chunkSize: chunkSize) == [
            .invalid(line: 1, column: 2, message: "expected a JSON value, found 'x'"),
        ])
    }

    @Test("a line over the limit is reported and skipped", arguments: chunkSizes)
    func lineTooLong(chunkSize: Int) throws {
        let text = "[1,2,3,4]\n[12345678]\n\"ok\""
        #expect(try readLines(Array(text.utf8), chunkSize: chunkSize, maximumLineBytes: 9) == [
            .value(line: 1, .array([.number("1"), .number("2"), .number("3"), .number("4")])),
            .invalid(line: 2, column: 1, message: "line longer than 9 bytes"),
            .value(line: 3, .string("ok")),
        ])
        #expect(try readLines(Array("\"ok\"\n1234567890".utf8), chunkSize: chunkSize, maximumLineBytes: 9) == [
            .value(line: 1, .string("ok")),
            .invalid(line: 2, column: 1, message: "line longer than 9 bytes"),
        ])
    }

    @Test("invalid UTF-8 is reported at its line and column", arguments: chunkSizes)
    func invalidUTF8(chunkSize: Int) throws {
        let bytes = Array("1\n\"é".utf8) + [0xC0, 0xAF] + Array("\"\n2".utf8)
        #expect(try readLines(bytes, chunkSize: chunkSize) == [
            .value(line: 1, .number("1")),
            .invalid(line: 2, column: 3, message: "invalid UTF-8 byte 0xC0"),
            .value(line: 3, .number("2")),
        ])
    }

    @Test("UTF-16 input is fatal")
    func utf16() {
        #expect(throws: FormatError.utf16(path: "a.jsonl")) { try readLines([0xFF, 0xFE, 0x7B, 0x00], chunkSize: 1) }
    }

    @Test("empty input yields nothing")
    func empty() throws {
        #expect(try readLines([], chunkSize: 1) == [])
    }
}

@Suite("ByteSource")
struct ByteSourceTests {
    @Test("a missing file is an error naming the path")
    func missing() {
        #expect(throws: FormatError.fileNotFound(path: "/nonexistent/audits.csv")) {
            try ByteSource(path: "/nonexistent/audits.csv")
        }
        #expect(FormatError.fileNotFound(path: "/nonexistent/audits.csv").description == "/nonexistent/audits.csv: no such file")
    }

    @Test("a directory is an error naming the path")
    func directory() {
        #expect(throws: FormatError.isDirectory(path: "/tmp")) { try ByteSource(path: "/tmp") }
    }

    @Test("an unreadable file is a permission error", .enabled(if: getuid() != 0, "root may read any file"))
    func permission() throws {
        let path = "/tmp/qakit-unreadable-\(getpid()).csv"
        #expect(FILE_write(path, "x"))
        defer { unlink(path) }
        chmod(path, 0)
        #expect(throws: FormatError.permissionDenied(path: path)) { try ByteSource(path: path) }
    }

    @Test("memory is served in chunks of at most chunkSize bytes")
    func chunks() throws {
        let source = ByteSource(bytes: [1, 2, 3, 4, 5], chunkSize: 2)
        var buffer = [UInt8](repeating: 0, count: 8)
        var reads: [[UInt8]] = []
        while true {
            let count = try buffer.withUnsafeMutableBufferPointer { pointer throws(FormatError) in try source.read(into: pointer) }
            if count == 0 { break }
            reads.append(Array(buffer[0..<count]))
        }
        #expect(reads == [[1, 2], [3, 4], [5]])
    }
}

@Suite("JSONLinesReader chunk independence")
struct JSONLinesChunkIndependenceTests {
    /// Pieces of JSON and of broken JSON, line breaks, multi-byte and invalid bytes.
    static let pieces: [String] = [
        "{", "}", "[", "]", ",", ":", "\"k\"", "\"é\"", "1", "-0.5e3", "true", "null", "\\u00e9", "\\ud83d", "\n", "\r\n", " ",
        "{\"a\":1}", "[1,2]", "\"x\\\"y\"", "01", "\u{FEFF}",
    ]

    @Test("random lines give the same results at chunk sizes 1, 2, 3 and 256 KiB", arguments: 0..<8)
    func randomLines(seed: Int) throws {
        var generator = SplitMix64(state: UInt64(seed) &+ 1000)
        for _ in 0..<100 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<30, using: &generator) {
                if Int.random(in: 0..<20, using: &generator) == 0 {
                    bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                } else {
                    bytes += Array(Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)].utf8)
                }
            }
            let reference = try readLines(bytes, chunkSize: ByteSource.defaultChunkSize, maximumLineBytes: 24)
            for chunkSize in [1, 2, 3] {
                #expect(try readLines(bytes, chunkSize: chunkSize, maximumLineBytes: 24) == reference,
                        "input \(bytes), chunk size \(chunkSize)")
            }
        }
    }
}
