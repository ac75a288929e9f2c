import ArgumentParser
import QAKit

extension PeriodFilter {
    /// `--from`/`--to` as typed on the command line (docs/commands.md): each `YYYY-MM-DD` or
    /// absent, both ends inclusive. A date that is not one, or a `--to` before `--from`, is a
    /// usage error (exit 2). Every command with a period reads it here.
    init(from: String?, to: String?) throws {
        self.init(from: try Self.date(from, option: "--from"), to: try Self.date(to, option: "--to"))
        if let start = self.from, let end = self.to, end < start {
            throw ValidationError("--from \(start) is after --to \(end)")
        }
    }

    private static func date(_ text: String?, option: String) throws -> CalendarDate? {
        guard let text else { return nil }
        guard text.utf8.count == 10, let date = CalendarDate.parse(text) else {
            throw ValidationError("\(option) '\(text)' is not a date; use YYYY-MM-DD")
        }
        return date
    }
}
