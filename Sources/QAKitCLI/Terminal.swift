#if canImport(Glibc)
import Glibc
/// The C library's `write(2)` and `exit(3)`, named once per platform so that callers need no `#if`.
private let systemWrite = Glibc.write
private let systemExit = Glibc.exit
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
private let systemExit = Musl.exit
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemExit = Darwin.exit
#endif
import QAKit

/// Standard error, colour and exit codes: the only place that knows about the terminal.
enum Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static let usesColour: Bool = {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        if getenv("NO_COLOR") != nil { return false }
        return isatty(STDERR_FILENO) == 1
    }()

    /// Whether standard error is a terminal, for progress display.
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }

    /// The width of the terminal standard output is, for tables; `nil` when it is not a
    /// terminal (a pipe or a file), so that tables take their content's width.
    static var outputWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    static func printError(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        line.withCString { _ = systemWrite(STDERR_FILENO, $0, strlen($0)) }
    }

    /// Overwrites the current terminal line on standard error with `text`.
    static func printProgress(_ text: String) {
        let line = "\r\u{1B}[K" + text
        line.withCString { _ = systemWrite(STDERR_FILENO, $0, strlen($0)) }
    }

    /// Prints diagnostics compiler style, with the severity coloured on a terminal.
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            printError(render(diagnostic))
        }
    }

    static func render(_ diagnostic: Diagnostic) -> String {
        guard usesColour else { return diagnostic.description }
        var plain = diagnostic
        plain.message = ""
        let prefix = plain.description.dropLast(2)
        let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
        let severity = diagnostic.severity.rawValue
        return "\u{1B}[1m" + prefix.dropLast(severity.count) + "\u{1B}[0m" + colour + severity + ":\u{1B}[0m " + diagnostic.message
    }

    static func exit(_ code: Int32) -> Never {
        fflush(nil)
        systemExit(code)
    }
}
