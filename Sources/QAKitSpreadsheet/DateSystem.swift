import QAKit

/// Spreadsheet dates: a day count (the serial number) from an epoch that depends on the
/// workbook's date system, with the time of day as the fraction.
enum DateSystem: Sendable {
    /// Excel for Windows and LibreOffice: serial 1 is 1900-01-01, and serial 60 is the
    /// 1900-02-29 that never was (Lotus 1-2-3's leap-year bug, kept for compatibility), so from
    /// serial 61 (1900-03-01) on, a serial is one more than the days since 1899-12-31.
    case from1900
    /// `date1904="1"` (old Excel for Mac): serial 0 is 1904-01-01.
    case from1904

    /// The calendar day of `serial`, as `YYYY-MM-DD` text.
    ///
    /// The time of day is dropped: audits accept an RFC 3339 date-time only with an offset,
    /// which a spreadsheet serial does not have, and qakit reports by day. The serial is first
    /// rounded to the millisecond, as Excel rounds what it displays, so 45999.99999999999 is
    /// 2025-12-09. Serials with no real day (1900 system: 0 shows as 1900-01-00, 60 as
    /// 1900-02-29) come back as Excel shows them, so that the `date` field rejects them by name.
    /// `nil` for a negative serial or one beyond 9999-12-31, which Excel does not show as a date.
    func text(serial: Double) -> String? {
        guard serial.isFinite, serial >= 0, serial < 3_000_000 else { return nil }
        let milliseconds = (serial * 86_400_000).rounded()
        let day = Int((milliseconds / 86_400_000).rounded(.down))
        let epoch: CalendarDate
        switch self {
        case .from1904:
            epoch = CalendarDate(year: 1904, month: 1, day: 1)!
            return checked(epoch.adding(days: day))
        case .from1900:
            if day == 0 { return "1900-01-00" }
            if day == 60 { return "1900-02-29" }
            // 1899-12-31 + serial before the phantom day, 1899-12-30 + serial after it.
            epoch = CalendarDate(year: 1899, month: 12, day: day < 60 ? 31 : 30)!
            return checked(epoch.adding(days: day))
        }
    }

    private func checked(_ date: CalendarDate) -> String? {
        date.year <= 9999 ? date.description : nil
    }
}
