/// `xl/sharedStrings.xml`: the table that `t="s"` cells index into.
enum SharedStrings {
    /// Each `<si>` as one string: its `<t>`, or its rich-text runs' `<r><t>` joined. Phonetic
    /// guides (`<rPh>`, the furigana of Japanese text) hold `<t>` too but are not the cell's
    /// text, so they are left out.
    static func parse(_ xml: XMLTokenizer) throws(SpreadsheetError) -> [String] {
        var strings: [String] = []
        try collectItems(xml, item: "si") { strings.append(String(decoding: $0, as: UTF8.self)) }
        return strings
    }

    /// Calls `found` with the text of each `item` element (`si`, or `is` in a cell), read as above.
    static func collectItems(_ xml: XMLTokenizer, item: StaticString, _ found: ([UInt8]) -> Void) throws(SpreadsheetError) {
        var text: [UInt8] = []
        var isInItem = false
        var phoneticDepth = 0
        var isInText = false
        while let token = try xml.next() {
            switch token {
            case .start(let isSelfClosing):
                if xml.isNamed(item) {
                    text.removeAll(keepingCapacity: true)
                    if isSelfClosing { found(text) } else { isInItem = true }
                } else if xml.isNamed("rPh"), !isSelfClosing {
                    phoneticDepth += 1
                } else if xml.isNamed("t"), !isSelfClosing, isInItem, phoneticDepth == 0 {
                    isInText = true
                }
            case .end:
                if xml.isNamed("t") {
                    isInText = false
                } else if xml.isNamed("rPh") {
                    phoneticDepth -= 1
                } else if xml.isNamed(item), isInItem {
                    found(text)
                    isInItem = false
                }
            case .text:
                if isInText { try xml.appendText(to: &text) }
            }
        }
    }
}
