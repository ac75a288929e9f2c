import Testing
@testable import QAKitSpreadsheet

/// Numeric cell text at 15 significant digits, and serial dates, each worked out by hand.
@Suite("Spreadsheet numbers and dates")
struct SpreadsheetNumberTests {
    private func text(_ raw: String) -> String? {
        Array(raw.utf8).withUnsafeBufferPointer { SpreadsheetNumber.text($0) }
    }

    /// 8.35 is the double 8.3499999999999996447…, which Excel writes with 17 digits; rounded to
    /// 15 significant digits (8.34999999999999|96… → …|00) it is 8.35000000000000 → "8.35".
    /// 0.1 + 0.2 = 0.30000000000000004 → 0.300000000000000 → "0.3". 46000 and 4 stay whole;
    /// "5.0" and "007" are normalised; 1E-5 and 1.5E+20 leave exponent notation.
    @Test(arguments: [
        ("8.3499999999999996", "8.35"), ("0.30000000000000004", "0.3"), ("46000", "46000"), ("4", "4"),
        ("5.0", "5"), ("007", "7"), ("-2.50", "-2.5"), ("1E-5", "0.00001"), ("1.5E+20", "150000000000000000000"),
        ("123456789012345678", "123456789012346000"), ("0", "0"), ("-0.75", "-0.75"),
    ])
    func fifteenDigits(_ raw: String, _ expected: String) {
        #expect(text(raw) == expected)
    }

    @Test func notANumber() {
        #expect(text("abc") == nil)
        #expect(text("") == nil)
    }

    /// 1900 system: serial 1 = 1900-01-01, 59 = 1900-02-28, 60 = the phantom 1900-02-29,
    /// 61 = 1900-03-01. Serial 46000: from 61 (1900-03-01) on, the day is 1899-12-30 + serial;
    /// 1899-12-30 is 25569 days before 1970-01-01 and 2025-12-09 is 20431 days after it
    /// (55 years with 14 leap days = 20089 to 2025-01-01, then 334 + 8 days), and
    /// 25569 + 20431 = 46000. 46000.75 (18:00) is the same day; 45999.9999999999 rounds to
    /// the millisecond as 46000.
    @Test(arguments: [
        (1.0, "1900-01-01"), (59, "1900-02-28"), (60, "1900-02-29"), (61, "1900-03-01"),
        (46000, "2025-12-09"), (46000.75, "2025-12-09"), (45999.9999999999, "2025-12-09"), (0, "1900-01-00"),
    ])
    func system1900(_ serial: Double, _ expected: String) {
        #expect(DateSystem.from1900.text(serial: serial) == expected)
    }

    /// 1904 system: serial 0 = 1904-01-01; 1904 is a leap year, so 366 = 1905-01-01. The same
    /// day 2025-12-09 is 1462 days (1904-01-01 → 1908-01-01: 4 years, one leap) less than its
    /// 1900 serial's distance from 1899-12-30, so serial 46000 − 1462 = 44538.
    @Test(arguments: [(0.0, "1904-01-01"), (366, "1905-01-01"), (44538, "2025-12-09")])
    func system1904(_ serial: Double, _ expected: String) {
        #expect(DateSystem.from1904.text(serial: serial) == expected)
    }

    @Test(arguments: [
        ("yyyy\\-mm\\-dd", true), ("d/m/yy", true), ("\"Day\" 0", false), ("[Red]0.00", false),
        ("[$-409]mmmm d, yyyy", true), ("0.00_);(0.00)", false), ("General", false), ("#,##0 \\d", false),
    ])
    func dateFormatCodes(_ code: String, _ isDate: Bool) {
        #expect(CellStyles.isDateFormat(code: code) == isDate)
    }

    /// A = 0, Z = 25, AA = 26 (26 + 0), AZ = 51, BA = 52, and back.
    @Test(arguments: [("A7", 0), ("Z1", 25), ("AA3", 26), ("AZ1", 51), ("BA1", 52)])
    func columnLetters(_ reference: String, _ column: Int) {
        let parsed = Array(reference.utf8).withUnsafeBufferPointer { SheetReader.column(of: $0) }
        #expect(parsed == column)
        #expect(SheetReader.letters(of: column) == String(reference.prefix { $0.isLetter }))
    }
}
