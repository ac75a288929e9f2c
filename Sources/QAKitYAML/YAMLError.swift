/// Everything the YAML layer can reject, each with the position a user should look at.
///
/// All user-facing wording lives in `message`, so that the text stays consistent.
public enum YAMLError: Error, Sendable, Equatable {
    /// libyaml could not parse the text; `problem` is its own description.
    case syntax(problem: String, context: String?, at: Mark)
    /// A tab character where YAML needs spaces for indentation.
    case tabIndentation(at: Mark)
    /// A key given twice in one mapping.
    case duplicateKey(String, first: Mark, at: Mark)
    /// An alias (`*name`); scorecards and audits never need them, and expanding them invites
    /// billion-laughs input.
    case alias(at: Mark)
    /// Nodes nested deeper than `limit`.
    case tooDeep(limit: Int, at: Mark)
    /// A file over `limit` bytes.
    case tooLarge(bytes: Int, limit: Int)
    /// A second YAML document in one file.
    case multipleDocuments(at: Mark)
    /// A tag other than YAML's core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`).
    case unsupportedTag(String, at: Mark)
    /// A mapping key that is itself a mapping or list.
    case complexKey(at: Mark)
    /// Bytes that are not UTF-8.
    case invalidUTF8(at: Mark)
    /// A control character YAML does not allow in a file (NUL, other C0 and C1 controls, DEL),
    /// given as its code point.
    case controlCharacter(UInt32, at: Mark)
    /// A UTF-16 or UTF-32 file (recognised by its byte-order mark).
    case notUTF8(encoding: String)

    /// Where the problem is; the start of the file for whole-file problems.
    public var mark: Mark {
        switch self {
        case .syntax(_, _, let mark), .tabIndentation(let mark), .duplicateKey(_, _, let mark),
             .alias(let mark), .tooDeep(_, let mark), .multipleDocuments(let mark),
             .unsupportedTag(_, let mark), .complexKey(let mark), .invalidUTF8(let mark),
             .controlCharacter(_, let mark):
            mark
        case .tooLarge, .notUTF8:
            .start
        }
    }

    /// The message, without position, in the words a scorecard author can act on.
    public var message: String {
        switch self {
        case .syntax(let problem, let context, _):
            if let context { "invalid YAML: \(problem) \(context)" } else { "invalid YAML: \(problem)" }
        case .tabIndentation:
            "tab character in indentation; YAML indents with spaces only"
        case .duplicateKey(let key, let first, _):
            "duplicate key '\(key)' (first given at \(first))"
        case .alias:
            "aliases ('*name') are not allowed; write the value out"
        case .tooDeep(let limit, _):
            "nesting deeper than \(limit) levels"
        case .tooLarge(_, let limit):
            // `bytes` may be only what was read before giving up, so it is not shown.
            "file is larger than the limit of \(limit) bytes"
        case .multipleDocuments:
            "a second YAML document ('---'); a file holds exactly one"
        case .unsupportedTag(let tag, _):
            "unsupported tag '\(tag)'; only YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are allowed"
        case .complexKey:
            "mapping keys must be plain text, not a mapping or list"
        case .invalidUTF8:
            "invalid UTF-8 byte sequence; save the file as UTF-8"
        case .controlCharacter(let value, _):
            "control character \(Self.codePoint(value)) is not allowed in YAML; remove it"
        case .notUTF8(let encoding):
            "file is encoded as \(encoding); save it as UTF-8"
        }
    }

    /// `U+0000`: four hexadecimal digits, upper case.
    private static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
