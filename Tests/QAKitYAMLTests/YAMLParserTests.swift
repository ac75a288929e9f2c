import QAKitYAML
import Testing

/// Removes keycap markers (`1️⃣`…`9️⃣`) from `marked` and returns the text and each marker's mark,
/// in marker order; columns count Unicode scalars.
private func unmark(_ marked: String) -> (text: String, marks: [Mark]) {
    var text = ""
    var found: [(Character, Mark)] = []
    var line = 1
    var column = 1
    for character in marked {
        if character.unicodeScalars.last == "\u{20E3}" {
            found.append((character, Mark(line: line, column: column)))
            continue
        }
        text.append(character)
        if character == "\n" { (line, column) = (line + 1, 1) } else { column += character.unicodeScalars.count }
    }
    return (text, found.sorted { String($0.0) < String($1.0) }.map(\.1))
}

private func parse(_ text: String) throws(YAMLError) -> Node? {
    try YAMLParser().parse(text)
}

@Suite("YAML nodes")
struct YAMLNodeTests {
    @Test func everyNodeKnowsWhereItStarts() throws {
        let (text, marks) = unmark("1️⃣a: 2️⃣1\nb:\n  3️⃣c: 4️⃣[5️⃣x, 6️⃣'y']\n")
        let root = try #require(try parse(text)?.mapping)
        let b = try #require(root["b"]?.mapping)
        let list = try #require(b["c"]?.sequence)
        #expect(root.mark == marks[0])
        let found = [root.pair("a")!.key.mark, root["a"]!.mark, b.pair("c")!.key.mark, list.mark] + list.items.map(\.mark)
        #expect(found == marks)
    }

    @Test(arguments: [
        ("plain", Node.Scalar.Style.plain), ("'single'", .singleQuoted), ("\"double\"", .doubleQuoted),
        ("|\n  literal\n", .literal), (">\n  folded\n", .folded),
    ])
    func scalarStyles(_ written: String, _ style: Node.Scalar.Style) throws {
        let scalar = try #require(try parse("key: \(written)")?.mapping?["key"]?.scalar)
        #expect(scalar.style == style)
        #expect(!scalar.string.contains("'") && !scalar.string.contains("\""))
    }

    @Test(arguments: [("key:", true), ("key: ~", true), ("key: null", true), ("key: NULL", true), ("key: 'null'", false), ("key: nil", false)])
    func nulls(_ text: String, _ isNull: Bool) throws {
        let scalar = try #require(try parse(text)?.mapping?["key"]?.scalar)
        #expect(scalar.isNull == isNull)
    }

    @Test(arguments: [("true", true as Bool?), ("false", false), ("True", true), ("yes", nil), ("no", nil), ("on", nil), ("'true'", nil)])
    func booleansAreOnlyTrueAndFalse(_ written: String, _ value: Bool?) throws {
        let scalar = try #require(try parse("key: \(written)")?.mapping?["key"]?.scalar)
        #expect(scalar.bool == value)
    }

    @Test func yesStaysAString() throws {
        let scalar = try #require(try parse("na: yes")?.mapping?["na"]?.scalar)
        #expect(scalar.string == "yes" && scalar.bool == nil && !scalar.isNull)
    }

    @Test func integersAreDecimalAndPlain() throws {
        let root = try #require(try parse("a: -3\nb: +12\nc: '4'\nd: 0x1F\ne: 1.5")?.mapping)
        #expect(["a", "b", "c", "d", "e"].map { root[$0]?.scalar?.int } == [-3, 12, nil, nil, nil])
    }

    @Test func nulEscapeIsKept() throws {
        let scalar = try #require(try parse("key: \"a\\0b\"")?.mapping?["key"]?.scalar)
        #expect(Array(scalar.string.unicodeScalars) == ["a", "\u{0}", "b"])
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n"])
    func noDocumentIsNil(_ text: String) throws {
        #expect(try parse(text) == nil)
    }
}

@Suite("YAML input the parser rejects")
struct YAMLRejectionTests {
    @Test func duplicateKeyNamesBothPositions() {
        let (text, marks) = unmark("1️⃣a: 1\nb: 2\n2️⃣a: 3\n")
        #expect(throws: YAMLError.duplicateKey("a", first: marks[0], at: marks[1])) { try parse(text) }
    }

    @Test func aliasIsRejected() {
        let (text, marks) = unmark("a: &x 1\nb: 1️⃣*x\n")
        #expect(throws: YAMLError.alias(at: marks[0])) { try parse(text) }
    }

    @Test func billionLaughsIsRejectedAtTheFirstAlias() {
        var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(level == 1 ? "1️⃣" : "")\(refs)]\n"
        }
        let (plain, marks) = unmark(text)
        #expect(throws: YAMLError.alias(at: marks[0])) { try parse(plain) }
    }

    @Test func tenThousandDeepFlowNestingStopsAtLevel65() {
        let (text, marks) = unmark(String(repeating: "[", count: 64) + "1️⃣" + String(repeating: "[", count: 9_936) + String(repeating: "]", count: 10_000))
        #expect(throws: YAMLError.tooDeep(limit: 64, at: marks[0])) { try parse(text) }
    }

    @Test func tenThousandDeepBlockNestingStopsAtLevel65() {
        let (text, marks) = unmark(String(repeating: "- ", count: 64) + "1️⃣" + String(repeating: "- ", count: 9_936) + "x\n")
        #expect(throws: YAMLError.tooDeep(limit: 64, at: marks[0])) { try parse(text) }
    }

    @Test func sixtyFourLevelsAreAccepted() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(text)?.sequence != nil)
    }

    @Test func inputOverTheSizeCapIsRejected() {
        let bytes = Array("key: value\n".utf8)
        #expect(throws: YAMLError.tooLarge(bytes: 11, limit: 10)) { try YAMLParser(maximumBytes: 10).parse(bytes) }
        let big = [UInt8](repeating: UInt8(ascii: "#"), count: (1 << 20) + 1)
        #expect(throws: YAMLError.tooLarge(bytes: (1 << 20) + 1, limit: 1 << 20)) { try YAMLParser().parse(big) }
    }

    @Test func secondDocumentIsRejected() {
        let (text, marks) = unmark("a: 1\n1️⃣---\nb: 2\n")
        #expect(throws: YAMLError.multipleDocuments(at: marks[0])) { try parse(text) }
    }

    @Test func nonCoreTagIsRejected() {
        let (text, marks) = unmark("a: 1️⃣!vendor x\n")
        #expect(throws: YAMLError.unsupportedTag("!vendor", at: marks[0])) { try parse(text) }
    }

    @Test func coreTagIsAccepted() throws {
        let scalar = try #require(try parse("a: !!str 12")?.mapping?["a"]?.scalar)
        #expect(scalar.tag == "str" && scalar.int == nil)
    }

    @Test func invalidUTF8IsReportedAtItsColumnInScalars() {
        // "b: é" is four scalars (five bytes), so the bad byte is in column 5 of line 2.
        let bytes = Array("a: 1\nb: é".utf8) + [0xFF]
        #expect(throws: YAMLError.invalidUTF8(at: Mark(line: 2, column: 5))) { try YAMLParser().parse(bytes) }
    }

    @Test(arguments: [[0xFF, 0xFE, 0x61, 0x00], [0xFE, 0xFF, 0x00, 0x61]] as [[UInt8]])
    func utf16IsRejected(_ bytes: [UInt8]) {
        #expect(throws: YAMLError.notUTF8(encoding: "UTF-16")) { try YAMLParser().parse(bytes) }
    }

    /// "a: 1" in UTF-16 without a byte-order mark, little- and big-endian (YAML 1.2 section 5.2).
    @Test(arguments: [[0x61, 0x00, 0x3A, 0x00], [0x00, 0x61, 0x00, 0x3A]] as [[UInt8]])
    func utf16WithoutMarkIsRejected(_ bytes: [UInt8]) {
        #expect(throws: YAMLError.notUTF8(encoding: "UTF-16")) { try YAMLParser().parse(bytes) }
    }

    /// NUL and DEL are valid UTF-8 but not allowed in YAML; the message names the character, not
    /// the encoding. "b: x" puts the character in column 5 of line 2.
    @Test(arguments: [(0x00, "U+0000"), (0x7F, "U+007F")] as [(UInt8, String)])
    func controlCharacterIsNamed(_ byte: UInt8, _ name: String) {
        let bytes = Array("a: 1\nb: x".utf8) + [byte]
        #expect(throws: YAMLError.controlCharacter(UInt32(byte), at: Mark(line: 2, column: 5))) { try YAMLParser().parse(bytes) }
        #expect(YAMLError.controlCharacter(UInt32(byte), at: .start).message == "control character \(name) is not allowed in YAML; remove it")
    }

    @Test(arguments: ["a:\n1️⃣\tb: 1\n", "a:\n  b: 1\n1️⃣\tc: 2\n", "- a\n1️⃣\t- b\n"])
    func tabIndentationIsRejected(_ marked: String) {
        let (text, marks) = unmark(marked)
        #expect(throws: YAMLError.tabIndentation(at: marks[0])) { try parse(text) }
    }

    @Test func complexKeyIsRejected() {
        let (text, marks) = unmark("? 1️⃣[a, b]\n: 1\n")
        #expect(throws: YAMLError.complexKey(at: marks[0])) { try parse(text) }
    }

    @Test func messagesNameThePositions() {
        let error = YAMLError.duplicateKey("weight", first: Mark(line: 3, column: 5), at: Mark(line: 4, column: 5))
        #expect(error.message == "duplicate key 'weight' (first given at 3:5)")
        #expect(error.mark == Mark(line: 4, column: 5))
    }
}
