#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import QAKit
import Testing

/// Reading files in other encodings (docs/imports.md, `encoding`): bytes become UTF-8 as read.
@Suite("Text encodings")
struct TextEncodingTests {
    /// Everything `source` hands out, read `chunk` bytes at a time.
    private func decoded(_ bytes: [UInt8], _ encoding: TextEncoding, chunk: Int) throws -> String {
        let name = "/tmp/qakit-encoding-\(encoding.rawValue)-\(chunk)-\(bytes.count).txt"
        let file = fopen(name, "wb")!
        fwrite(bytes, 1, bytes.count, file)
        fclose(file)
        defer { remove(name) }
        let source = try ByteSource(path: name, chunkSize: chunk, encoding: encoding)
        var out: [UInt8] = []
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 7)
        defer { buffer.deallocate() }
        while case let count = try source.read(into: buffer), count > 0 { out += buffer[0..<count] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1252: 0xED is í, 0x80 the euro sign, 0x9C œ, 0x81 (unassigned in the code page) the
    /// C1 control U+0081 as the WHATWG index has it.
    @Test(arguments: [1, 2, 3, 4096])
    func windows1252(chunk: Int) throws {
        #expect(try decoded([0x53, 0x6F, 0x66, 0xED, 0x61, 0x20, 0x80, 0x9C, 0x81], .windows1252, chunk: chunk) == "Sofía €œ\u{81}")
    }

    @Test(arguments: [1, 2, 4096])
    func latin1(chunk: Int) throws {
        #expect(try decoded([0x4E, 0xFA, 0xF1, 0x65, 0x7A, 0x80], .latin1, chunk: chunk) == "Núñez\u{80}")
    }

    /// Long ASCII runs (copied eight bytes at a time) broken by bytes above 0x7F at every
    /// alignment: the expected text is built scalar by scalar from the code pages (Latin-1: the
    /// byte is the code point; Windows-1252: 0x80 is €, 0x9C œ, 0xE9 é), not by the decoder.
    @Test(arguments: [1, 5, 9, 4096])
    func longMixedRuns(chunk: Int) throws {
        var bytes: [UInt8] = []
        var latin1 = "", windows = ""
        for run in 0..<40 {
            for index in 0..<run {
                let byte = UInt8(0x41 + (run + index) % 26)
                bytes.append(byte)
                latin1.unicodeScalars.append(Unicode.Scalar(byte))
                windows.unicodeScalars.append(Unicode.Scalar(byte))
            }
            let high: [(UInt8, Unicode.Scalar)] = [(0x80, "€"), (0x9C, "œ"), (0xE9, "é")]
            let (byte, scalar) = high[run % 3]
            bytes.append(byte)
            latin1.unicodeScalars.append(Unicode.Scalar(byte))
            windows.unicodeScalars.append(scalar)
        }
        #expect(try decoded(bytes, .windows1252, chunk: chunk) == windows)
        #expect(try decoded(bytes, .latin1, chunk: chunk) == latin1)
    }

    /// UTF-16: the byte-order mark decides the order; a surrogate pair split across chunks is
    /// joined (U+1F600 is D83D DE00); a lone surrogate becomes 0xFF, an invalid UTF-8 byte.
    @Test(arguments: [1, 2, 3, 4096])
    func utf16(chunk: Int) throws {
        #expect(try decoded([0xFF, 0xFE, 0x41, 0x00, 0xED, 0x00, 0x3D, 0xD8, 0x00, 0xDE], .utf16, chunk: chunk) == "Aí😀")
        #expect(try decoded([0xFE, 0xFF, 0x00, 0x41, 0x00, 0xED], .utf16, chunk: chunk) == "Aí")
        #expect(try decoded([0x41, 0x00, 0x00, 0xDC, 0x42, 0x00], .utf16, chunk: chunk) == "A\u{FFFD}B")
    }

    @Test func namesAndAliases() {
        #expect(TextEncoding(named: "CP1252") == .windows1252)
        #expect(TextEncoding(named: "ISO-8859-1") == .latin1)
        #expect(TextEncoding(named: "utf8") == .utf8)
        #expect(TextEncoding(named: "ebcdic") == nil)
    }
}

/// strptime-style date formats (docs/imports.md, `dates`).
@Suite("Date formats")
struct DateFormatTests {
    private func read(_ format: String, _ text: String, asDay: Bool = true) throws -> String? {
        let parsed = try DateFormat.parse(format).get()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parsed.read($0) }.map { String(decoding: $0.text(asDay: asDay), as: UTF8.self) }
    }

    @Test func dayFirstWithOneOrTwoDigits() throws {
        #expect(try read("%d/%m/%Y", "20/10/2025") == "2025-10-20")
        #expect(try read("%d/%m/%Y", "3/1/2025") == "2025-01-03")
        #expect(try read("%d/%m/%Y", "31/02/2025") == nil)
        #expect(try read("%d/%m/%Y", "20/10/2025 ") == nil)
    }

    @Test func timesOffsetsAndNames() throws {
        #expect(try read("%Y-%m-%d %H:%M:%S", "2025-10-20 14:05:09", asDay: false) == "2025-10-20T14:05:09Z")
        #expect(try read("%d.%m.%Y %H:%M %z", "20.10.2025 14:05 +0530", asDay: false) == "2025-10-20T14:05:00+05:30")
        #expect(try read("%b %d, %Y %I:%M %p", "Oct 3, 2025 12:30 AM", asDay: false) == "2025-10-03T00:30:00Z")
        #expect(try read("%B %d %Y %I:%M%p", "october 3 2025 1:30pm", asDay: false) == "2025-10-03T13:30:00Z")
        #expect(try read("%Y-%m-%dT%H:%M:%S.%fZ", "2025-10-20T14:05:09.250Z", asDay: false) == "2025-10-20T14:05:09.250Z")
        #expect(try read("%y%m%d", "251020") == "2025-10-20")
    }

    /// `%s`: UNIX seconds, UTC. 1788253200 = 20697 days × 86400 + 32400 s; day 20697 after
    /// 1970-01-01 is 2026-09-01 (2026-01-01 is day 20454, + 243 days of Jan–Aug), 32400 s = 09:00.
    @Test func unixSeconds() throws {
        #expect(try read("%s", "1788253200", asDay: false) == "2026-09-01T09:00:00Z")
        #expect(try read("%s", "1788253200") == "2026-09-01")
        #expect(try read("%s", "0", asDay: false) == "1970-01-01T00:00:00Z")
        // 86399 s is the last second of the first day.
        #expect(try read("%s.%f", "86399.5", asDay: false) == "1970-01-01T23:59:59.5Z")
        // Not a number, a sign, an exponent: no match (the cell's message then names the value).
        #expect(try read("%s", "yesterday") == nil)
        #expect(try read("%s", "-60") == nil)
        #expect(try read("%s", "1.7882532e9") == nil)
        #expect(throws: DateFormatProblem.unixSecondsNotAlone) { try DateFormat.parse("%Y %s").get() }
    }
}
