import QAKit
import Testing

/// `TextTable` on a terminal narrower than its content: the widest text column gives way first,
/// numbers and headings never.
@Suite("TextTable")
struct TextTableTests {
    static func table() -> TextTable {
        var table = TextTable(columns: [TextTable.Column("AGENT"), TextTable.Column("BAND"), TextTable.Column("MEAN", numeric: true)])
        table.append(["Grace O'Connell", "Needs improvement", "84.05"])
        table.append(["Mei Chen", "Exceeds", "100.00"])
        return table
    }

    /// 15 + 17 + 6 plus two separators = 40 characters.
    @Test func contentWidthWithoutLimit() {
        #expect(Self.table().widths() == [15, 17, 6])
        #expect(Self.table().rendered() == """
            AGENT           BAND                MEAN
            --------------- ----------------- ------
            Grace O'Connell Needs improvement  84.05
            Mei Chen        Exceeds           100.00

            """)
    }

    /// At 36 columns, 4 characters must go: BAND 17 → 16 → 15, then AGENT and BAND are tied and
    /// the first gives way: AGENT 14, BAND 14; 14 + 14 + 6 plus two separators = 36.
    @Test func narrowsTheWidestTextColumnFirst() {
        #expect(Self.table().widths(maximumWidth: 36) == [14, 14, 6])
        #expect(Self.table().rendered(maximumWidth: 36).split(separator: "\n")[2] == "Grace O'Conne… Needs improve…  84.05")
    }

    /// Narrower than headings and numbers allow: text columns stop at their heading's width
    /// (AGENT 5, BAND 4) and the line is wider than asked.
    @Test func neverCutsHeadingsOrNumbers() {
        #expect(Self.table().widths(maximumWidth: 10) == [5, 4, 6])
        #expect(Self.table().rendered(maximumWidth: 10).split(separator: "\n")[3] == "Mei … Exc… 100.00")
    }
}
