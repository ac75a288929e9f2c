import Testing
@testable import QAKit

/// A JSON text and the value it must parse to, written out by hand.
struct JSONCase: CustomTestStringConvertible, Sendable {
    var input: [UInt8]
    var expected: JSONValue
    var testDescription: String { String(decoding: input, as: UTF8.self) }

    init(_ text: String, _ expected: JSONValue) {
        input = Array(text.utf8)
        self.expected = expected
    }
}

/// A JSON text the parser must reject, with the position and message it must report.
struct JSONErrorCase: CustomTestStringConvertible, Sendable {
    var input: [UInt8]
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { message }

    init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        self.init(Array(text.utf8), line, column, message)
    }

    init(_ bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
        input = bytes
        self.line = line
        self.column = column
        self.message = message
    }
}

private func member(_ key: String, _ value: JSONValue) -> JSONValue.Member { JSONValue.Member(key: key, value: value) }

let validJSON: [JSONCase] = [
    JSONCase("null", .null),
    JSONCase(" true ", .bool(true)),
    JSONCase("false", .bool(false)),
    JSONCase("\"\"", .string("")),
    JSONCase(#""plain text""#, .string("plain text")),
    JSONCase(#""\" \\ \/ \b \f \n \r \t""#, .string("\" \\ / \u{8} \u{C} \n \r \t")),
    JSONCase(#""\u00e9\u00C9 \u20AC""#, .string("éÉ €")),
    JSONCase(#""\ud83d\ude00""#, .string("😀")),
    JSONCase(#""a\u0000b""#, .string("a\u{0}b")),
    JSONCase("\"é日😀\"", .string("é日😀")),
    JSONCase("0", .number("0")),
    JSONCase("-0", .number("-0")),
    JSONCase("12.50", .number("12.50")),
    JSONCase("-1.5e-3", .number("-1.5e-3")),
    JSONCase("1E+3", .number("1E+3")),
    JSONCase("123456789012345678901234567890", .number("123456789012345678901234567890")),
    JSONCase("[]", .array([])),
    JSONCase("[1, \"a\", null]", .array([.number("1"), .string("a"), .null])),
    JSONCase("{}", .object([])),
    JSONCase(#"{"b": 1, "a": [true], "c": {"d": "e"}}"#,
             .object([member("b", .number("1")), member("a", .array([.bool(true)])), member("c", .object([member("d", .string("e"))]))])),
    JSONCase(" \t\r\n{\n\"k\"\n:\n1\n}\n ", .object([member("k", .number("1"))])),
]

let invalidJSON: [JSONErrorCase] = [
    JSONErrorCase("", 1, 1, "expected a JSON value, found end of input"),
    JSONErrorCase("NaN", 1, 1, "expected a JSON value, found 'NaN'"),
    JSONErrorCase("Infinity", 1, 1, "expected a JSON value, found 'Infinity'"),
    JSONErrorCase("-Infinity", 1, 2, "expected a digit after '-', found 'Infinity'"),
    JSONErrorCase("01", 1, 2, "invalid number: a leading zero may not be followed by digits"),
    JSONErrorCase("1.", 1, 3, "expected a digit after '.' in number, found end of input"),
    JSONErrorCase(".5", 1, 1, "expected a JSON value, found '.'"),
    JSONErrorCase("0x10", 1, 2, "expected end of input after the JSON value, found 'x10'"),
    JSONErrorCase("+1", 1, 1, "expected a JSON value, found '+'"),
    JSONErrorCase("1e", 1, 3, "expected a digit in the number's exponent, found end of input"),
    JSONErrorCase("1e+x", 1, 4, "expected a digit in the number's exponent, found 'x'"),
    JSONErrorCase("tru", 1, 1, "expected a JSON value, found 'tru'"),
    JSONErrorCase("nulls", 1, 5, "expected end of input after the JSON value, found 's'"),
    JSONErrorCase("{\"a\": 1 x}", 1, 9, "expected ',' or '}' after object member, found 'x'"),
    JSONErrorCase("{\"a\": 1,}", 1, 9, "expected '\"' to start the next object key, found '}'"),
    JSONErrorCase("{a: 1}", 1, 2, "expected '\"' to start an object key or '}', found 'a'"),
    JSONErrorCase("{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'"),
    JSONErrorCase("{\"a\": 1", 1, 8, "expected ',' or '}' after object member, found end of input"),
    JSONErrorCase("[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'"),
    JSONErrorCase("[1,]", 1, 4, "expected a JSON value, found ']'"),
    JSONErrorCase("{\"id\": 1,\n \"id\": 2}", 2, 2, "duplicate key 'id' in object"),
    JSONErrorCase(#"{"a": 1, "\u0061": 2}"#, 1, 10, "duplicate key 'a' in object"),
    JSONErrorCase(#"{"\u0061": 1, "a": 2}"#, 1, 15, "duplicate key 'a' in object"),
    JSONErrorCase("\"abc", 1, 1, "unterminated string: expected '\"' before end of input"),
    JSONErrorCase("\"a\tb\"", 1, 3, "unescaped control character U+0009 in string; write it as an escape such as '\\n' or '\\u001F'"),
    JSONErrorCase("\"a\nb\"", 1, 3, "unescaped control character U+000A in string; write it as an escape such as '\\n' or '\\u001F'"),
    JSONErrorCase(#""\x41""#, 1, 2, "invalid escape '\\x' in string; use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
    JSONErrorCase(#""\u12G4""#, 1, 6, "expected 4 hexadecimal digits after '\\u', found 'G4'"),
    JSONErrorCase(#""é\ud800""#, 1, 3, "lone surrogate '\\uD800' in string: a high surrogate must be followed by a low one (\\uDC00…\\uDFFF)"),
    JSONErrorCase(#""\ud800\u0041""#, 1, 2, "lone surrogate '\\uD800' in string: a high surrogate must be followed by a low one (\\uDC00…\\uDFFF)"),
    JSONErrorCase(#""\udc00""#, 1, 2, "lone surrogate '\\uDC00' in string: a low surrogate must follow a high one (\\uD800…\\uDBFF)"),
    JSONErrorCase([0x22, 0x61, 0xFF, 0x22], 1, 3, "invalid UTF-8 byte 0xFF"),
    JSONErrorCase([0x22, 0xC3, 0xA9, 0xE2, 0x82, 0x22], 1, 3, "invalid UTF-8 byte 0xE2"),
    JSONErrorCase([0x5B, 0xFF, 0x5D], 1, 2, "expected a JSON value, found invalid UTF-8 byte 0xFF"),
    JSONErrorCase([0xEF, 0xBB, 0xBF, 0x31], 1, 1, "expected a JSON value, found character U+FEFF"),
    JSONErrorCase("{} {}", 1, 4, "expected end of input after the JSON value, found '{'"),
    JSONErrorCase("// note\n1", 1, 1, "expected a JSON value, found '/'"),
    JSONErrorCase("['a']", 1, 2, "expected a JSON value, found '''"),
]

@Suite("JSONParser")
struct JSONParserTests {
    @Test("RFC 8259 values", arguments: validJSON)
    func valid(_ test: JSONCase) throws {
        #expect(try JSONParser().parse(test.input) == test.expected)
    }

    @Test("rejections with their line, column and message", arguments: invalidJSON)
    func invalid(_ test: JSONErrorCase) {
        #expect(throws: JSONSyntaxError(line: test.line, column: test.column, message: test.message)) {
            try JSONParser().parse(test.input)
        }
    }

    @Test("positions start at the given line")
    func firstLine() {
        #expect(throws: JSONSyntaxError(line: 42, column: 6, message: "expected ',' or ']' after array element, found 'x'")) {
            try JSONParser().parse("[1,2 x]", firstLine: 42)
        }
    }

    @Test("nesting up to the limit is accepted; one level more is not", arguments: [1, 3, 64])
    func nesting(limit: Int) throws {
        let parser = JSONParser(maximumDepth: limit)
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        var expected = JSONValue.array([])
        for _ in 1..<limit { expected = .array([expected]) }
        #expect(try parser.parse(deepest) == expected)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONSyntaxError(line: 1, column: limit + 1, message: "nesting deeper than \(limit) levels")) {
            try parser.parse(tooDeep)
        }
    }

    @Test("a deep object within the default limit")
    func defaultLimit() {
        let text = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONSyntaxError(line: 1, column: 64 * 5 + 1, message: "nesting deeper than 64 levels")) {
            try JSONParser().parse(text)
        }
    }

    @Test("duplicate keys are found in large objects too")
    func duplicateInLargeObject() {
        let members = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let text = "{\(members),\"k7\": 0}"
        // The second "k7" starts after '{' and the 100 members and commas: 1 + members.count + 1 characters.
        let column = 1 + members.count + 1 + 1
        #expect(throws: JSONSyntaxError(line: 1, column: column, message: "duplicate key 'k7' in object")) {
            try JSONParser().parse(text)
        }
    }

    /// Found in review for issue #6: the parser searches the first 15 keys linearly and then
    /// switches to a set, which lacked the key that triggered the switch (the 16th), so a repeat
    /// of exactly that key went through and the record carried two values for one field.
    @Test("a repeat of any of the first 40 keys is found", arguments: 0..<40)
    func duplicateOfEveryPosition(repeated: Int) {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let text = "{\(members),\"k\(repeated)\": 0}"
        let column = 1 + members.count + 1 + 1
        #expect(throws: JSONSyntaxError(line: 1, column: column, message: "duplicate key 'k\(repeated)' in object")) {
            try JSONParser().parse(text)
        }
    }

    @Test("object members keep source order and are found by key")
    func memberOrder() throws {
        let value = try JSONParser().parse(#"{"z": 1, "a": "x"}"#)
        #expect(value["a"] == .string("x"))
        #expect(value["missing"] == nil)
        #expect(value == .object([member("z", .number("1")), member("a", .string("x"))]))
        #expect(value.typeName == "object")
    }
}
