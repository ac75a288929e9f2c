import Testing
@testable import QAKitSpreadsheet

/// The pull tokenizer reads the same tokens whatever the size of the window, so tags, values and
/// entities split across refills (as they are every megabyte of a large sheet) are read whole.
@Suite("XML tokenizer")
struct XMLTokenizerTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?><!-- a comment with <tags> -->
        <sst xmlns="urn:x" count='3'><si><t xml:space="preserve">a &amp; b</t></si>\
        <si><r><rPr><b/></rPr><t>&lt;rich&gt;</t></r><r><t> &#233;&#x263A;&quot;&apos;</t></r><rPh><t>phonetic</t></rPh></si>\
        <x:si xmlns:x="urn:x" note="a > b"><x:t>prefixed</x:t></x:si><si/></sst>
        """

    /// Expected by reading the document above: entities decoded, rich runs joined, the phonetic
    /// guide left out, the `x:` prefix dropped, `>` inside an attribute value not ending the tag,
    /// and `<si/>` an empty string.
    static let expected = ["a & b", "<rich> é☺\"'", "prefixed", ""]

    @Test(arguments: [1, 2, 3, 7, 16, 1 << 20])
    func sameTokensForAnyWindow(chunkSize: Int) throws {
        let bytes = Array(Self.document.utf8)
        var offset = 0
        let xml = XMLTokenizer(part: "test.xml", chunkSize: chunkSize) { buffer in
            let count = min(buffer.count, bytes.count - offset, 5)
            buffer.baseAddress!.copyMemory(from: bytes.withUnsafeBytes { $0.baseAddress! + offset }, byteCount: count)
            offset += count
            return count
        }
        #expect(try SharedStrings.parse(xml) == Self.expected)
    }

    @Test func attributes() throws {
        let xml = XMLTokenizer(part: "test.xml", bytes: Array(#"<sheet name="Q3 &amp; Q4" r:id="rId7" id="plain"/>"#.utf8))
        #expect(try xml.next() == .start(isSelfClosing: true))
        #expect(xml.isNamed("sheet"))
        #expect(try xml.attribute("name") == "Q3 & Q4")
        #expect(try xml.attribute("id", prefixed: true) == "rId7")
        #expect(try xml.attribute("id") == "plain")
        #expect(try xml.next() == nil)
    }

    @Test(arguments: ["<a>&nope;</a>", "<a b></a>", "<a", "<![CDATA[x]]>"])
    func malformedInputThrows(_ text: String) {
        let xml = XMLTokenizer(part: "bad.xml", bytes: Array(text.utf8))
        #expect(throws: SpreadsheetError.self) {
            var text: [UInt8] = []
            while let token = try xml.next() {
                if token == .text { try xml.appendText(to: &text) }
            }
        }
    }
}
