/// Audits in a JSON Lines file: one object per line with `answers` and `comments` objects,
/// streamed line by line. Numbers keep their source text, so `7.5` is read exactly.
public struct JSONLinesAuditSource: AuditRecordSource {
    public let file: String
    public var allowsFlagWords: Bool { false }
    private let reader: JSONLinesReader
    private var builder: KeyedRecordBuilder
    /// Whether a line has been read, to tell an empty file from the end of one.
    private var isStarted = false

    /// Opens `path` (`-` for standard input); a missing or unreadable file is an `InputError`.
    public init(path: String, decoder: AuditDecoder) throws(InputError) {
        file = path
        builder = KeyedRecordBuilder(decoder: decoder, file: path)
        do {
            reader = try JSONLinesReader(path: path)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
    }

    public mutating func next() throws(InputError) -> SourceItem? {
        defer { isStarted = true }
        let result: JSONLinesResult?
        do {
            result = try reader.next()
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        switch result {
        case nil where !isStarted:
            // Zero bytes or only blank lines: almost always a failed export, never "no audits".
            throw InputError(file: file, line: 1, column: 1, message: "file is empty; expected one audit object per line",
                             isUnreadable: true)
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .value(let line, .object(let members))?:
            return builder.item(from: members.map { ($0.key, Self.value($0.value)) }, line: line)
        case .value(let line, let value)?:
            return .problem(Diagnostic(.error, "record skipped: expected an audit object, found \(value.typeName == "array" ? "an array" : "a \(value.typeName)")",
                                       file: file, line: line, column: 1))
        }
    }

    private static func value(_ json: JSONValue) -> KeyedValue {
        switch json {
        case .null: .scalar(nil)
        case .bool(let flag): .scalar(flag ? "true" : "false")
        case .number(let text): .scalar(text)
        case .string(let text): .scalar(text)
        case .array: .list
        case .object(let members): .object(members.map { ($0.key, value($0.value)) })
        }
    }
}
