import QAKitYAML

/// Audits in a YAML file: a sequence of mappings with `answers:` and `comments:` mappings.
///
/// YAML is for small hand-written audit sets: the file is parsed whole (at most 64 MiB); use
/// CSV or JSON Lines for large exports, which stream.
public struct YAMLAuditSource: AuditRecordSource {
    public let file: String
    public var allowsFlagWords: Bool { false }
    private var pending: [Node]
    private var builder: KeyedRecordBuilder

    /// Reads and parses the whole file; a syntax error makes the file unreadable, and so does a
    /// list of mappings none of which has any field an audit needs (not an audit file).
    public init(file: String, bytes: [UInt8], decoder: AuditDecoder) throws(InputError) {
        self.file = file
        builder = KeyedRecordBuilder(decoder: decoder, file: file)
        let root: Node?
        do {
            root = try YAMLParser(maximumDepth: 16, maximumBytes: 64 << 20).parse(bytes)
        } catch {
            throw InputError(file: file, line: error.mark.line, column: error.mark.column, message: error.message, isUnreadable: true)
        }
        switch root {
        case nil:
            // Zero bytes or only comments; `[]` is the way to write a file with no audits.
            throw InputError(file: file, line: 1, column: 1, message: "file is empty; expected a list of audits ('[]' for none)",
                             isUnreadable: true)
        case .sequence(let sequence)?:
            let mappings = sequence.items.compactMap(\.mapping)
            if let first = mappings.first, !mappings.contains(where: { HeaderCheck.hasRequiredField($0.pairs.map(\.key.string)) }) {
                throw HeaderCheck.notAuditFile(file: file, line: first.mark.line, records: mappings.count, isAll: true)
            }
            pending = sequence.items.reversed()
        case let node?:
            throw InputError(file: file, line: node.mark.line, column: node.mark.column,
                             message: "expected a list of audits, found \(node.kindDescription)", isUnreadable: true)
        }
    }

    public mutating func next() throws(InputError) -> SourceItem? {
        guard let node = pending.popLast() else { return nil }
        guard case .mapping(let mapping) = node else {
            return .problem(Diagnostic(.error, "expected an audit (a mapping), found \(node.kindDescription)", file: file, at: node.mark))
        }
        return builder.item(from: mapping.pairs.map { ($0.key.string, Self.value($0.value)) }, line: mapping.mark.line)
    }

    private static func value(_ node: Node) -> KeyedValue {
        switch node {
        case .scalar(let scalar): .scalar(scalar.isNull ? nil : scalar.string)
        case .mapping(let mapping): .object(mapping.pairs.map { ($0.key.string, value($0.value)) })
        case .sequence(let sequence):
            sequence.items.allSatisfy { $0.scalar.map { !$0.isNull } ?? false } ? .texts(sequence.items.compactMap { $0.scalar?.string }) : .list
        }
    }
}
