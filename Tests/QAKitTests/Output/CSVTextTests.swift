import Testing
@testable import QAKit

/// The cell rules of `CSVText` for both styles (docs/output-files.md), one cell at a time.
@Suite("CSV cells")
struct CSVTextTests {
    @Test(arguments: [
        // OWASP's characters: a leading =, +, -, @, tab or carriage return gets a '.
        ("=1+2", "'=1+2"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\r=1", "\"'\r=1\""),
        // Decimal numbers, negative included, are left as they are; so is everything else.
        ("-3.5", "-3.5"), ("-0", "-0"), ("85.00", "85.00"), ("Team A", "Team A"), ("", ""),
        // Not decimal numbers: a sign and nothing, a dot without digits, an exponent.
        ("-", "'-"), ("-3.", "'-3."), ("-.5", "'-.5"), ("-1e5", "'-1e5"),
        // Quoting: a comma or quote as in RFC 4180, and for spreadsheets a ; too; the ' goes inside.
        ("a;=1", "\"a;=1\""), ("=a,b", "\"'=a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ])
    func spreadsheetCell(_ text: String, _ written: String) {
        #expect(CSVText.field(text, style: .spreadsheet) == written)
    }

    @Test(arguments: [("=1+2", "=1+2"), ("-3.5", "-3.5"), ("a;=1", "a;=1"), ("a,b", "\"a,b\""), ("\r=1", "\"\r=1\"")])
    func plainCell(_ text: String, _ written: String) {
        #expect(CSVText.field(text) == written)
    }

    @Test func preamble() {
        #expect(Array(CSVStyle.spreadsheet.preamble.utf8) == [0xEF, 0xBB, 0xBF])
        #expect(CSVStyle.plain.preamble.isEmpty)
    }
}
