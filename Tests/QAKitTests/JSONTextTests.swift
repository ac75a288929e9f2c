import Foundation
import Testing
@testable import QAKit

/// JSON written from bytes must be exactly what the string-built definition writes.
@Suite("JSON text")
struct JSONTextTests {
    /// The definition: RFC 8259 escapes, scalar by scalar, `\u` with four lower-case hex digits
    /// for other control characters and for U+2028/U+2029.
    static func stringByDefinition(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test("strings are escaped as the definition says")
    func strings() {
        let controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        let samples = controls + [
            "", "plain", "Chloé", "O'Brien", "say \"hi\"", "back\\slash", "line\u{2028}sep", "para\u{2029}", "\u{2027}\u{202A}",
            "€ and ✓ and 😀", "tab\tnew\nline\r", "\u{7F}", "end\u{2028}", "\u{2028}\u{2029}\u{2028}", "a\u{00}b",
        ]
        for sample in samples {
            #expect(JSONText.string(sample) == Self.stringByDefinition(sample), "\(sample.unicodeScalars.map(\.value))")
        }
    }

    @Test("JSONBytes lays out objects and arrays as JSONText.object and JSONText.array do")
    func layout() {
        var json = JSONBytes()
        for _ in 0..<2 {
            json.beginObject()
            json.key("id")
            json.string("a\"b")
            json.key("list")
            json.beginArray()
            json.beginObject()
            json.key("x")
            json.bool(true)
            json.endObject()
            json.beginObject()
            json.endObject()
            json.endArray()
            json.key("empty")
            json.beginArray()
            json.endArray()
            json.key("none")
            json.string(nil)
            json.key("n")
            json.encoded("1.50")
            json.endObject()
            json.bytes.append(0x0A)
        }
        let line = JSONText.object([
            ("id", JSONText.string("a\"b")),
            ("list", JSONText.array([JSONText.object([("x", "true")]), JSONText.object([])])),
            ("empty", JSONText.array([])),
            ("none", "null"),
            ("n", "1.50"),
        ]) + "\n"
        #expect(String(decoding: json.bytes, as: UTF8.self) == line + line)
    }
}
