import ArgumentParser
import QAKit

/// `-o/--output`: where a command's report goes. Shared by every command that writes one file,
/// so that the atomic write and the "nothing scored, nothing written" rule live in one place
/// (docs/output-files.md).
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    /// Standard output, or the `-o` file's unnamed temporary, opened before anything is scored so
    /// that an unwritable directory stops the run (exit 2) early.
    func open() throws -> OutputTarget {
        try OutputTarget(path: output)
    }
}

/// `--excel`: CSV for people who open it in a spreadsheet. Every command that writes CSV takes
/// this group, so the byte-order mark and the formula neutralising are chosen in one place.
struct CSVOptions: ParsableArguments {
    @Flag(help: "CSV for spreadsheets: a UTF-8 byte-order mark, and a ' before any text cell starting with =, +, -, @, tab or carriage return (numbers unchanged).")
    var excel = false

    /// The cell rules `--excel` selects.
    var style: CSVStyle { excel ? .spreadsheet : .plain }
}
