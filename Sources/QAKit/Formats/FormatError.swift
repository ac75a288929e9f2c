/// A problem that stops a reader: the input cannot be read at all, or its structure is broken
/// beyond the current record.
///
/// Problems confined to one record (a bad byte, a stray quote, a broken JSON line) are not thrown;
/// readers report them as a result for that record and carry on with the next one.
public enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file or directory at `path`.
    case fileNotFound(path: String)
    /// `path` names a directory where a file was expected.
    case isDirectory(path: String)
    /// The file exists but this user may not read it.
    case permissionDenied(path: String)
    /// Opening failed for another reason; `reason` is the system's text (`strerror`).
    case cannotOpen(path: String, reason: String)
    /// A read failed part-way; `reason` is the system's text.
    case readFailed(path: String, reason: String)
    /// The input is UTF-16: it starts with a UTF-16 byte-order mark, or one of its first two
    /// bytes is NUL and the other is not (UTF-16 text without a mark). Reported at 1:1.
    case utf16(path: String)
    /// A quoted CSV field is still open at the end of the input; `line` and `column` point at
    /// its opening quote.
    case unterminatedQuotedField(path: String, line: Int, column: Int)

    /// The path as the user gave it (`-` for standard input).
    public var path: String {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .permissionDenied(let path),
             .cannotOpen(let path, _), .readFailed(let path, _), .utf16(let path),
             .unterminatedQuotedField(let path, _, _):
            path
        }
    }

    /// 1-based line and column (Unicode scalars) when the problem has a position.
    public var position: (line: Int, column: Int)? {
        switch self {
        case .unterminatedQuotedField(_, let line, let column): (line, column)
        case .utf16: (1, 1)
        default: nil
        }
    }

    /// The message without the path, in words a QA lead can act on.
    public var message: String {
        switch self {
        case .fileNotFound: "no such file"
        case .isDirectory: "is a directory, not a file"
        case .permissionDenied: "permission denied"
        case .cannotOpen(_, let reason): "cannot open: \(reason)"
        case .readFailed(_, let reason): "read failed: \(reason)"
        case .utf16: "file is UTF-16; save it as UTF-8"
        case .unterminatedQuotedField: "quoted field opened here is never closed; add the closing '\"'"
        }
    }

    /// The problem as a diagnostic for the command line to print.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, message, file: path, line: position?.line, column: position?.column)
    }

    /// `path[:line:column]: message`.
    public var description: String {
        if let position { return "\(path):\(position.line):\(position.column): \(message)" }
        return "\(path): \(message)"
    }
}
