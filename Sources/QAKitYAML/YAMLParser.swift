internal import CLibYAML

/// Parses one YAML document into a tree of marked nodes, over libyaml's event API.
///
/// On top of libyaml it rejects what a scorecard never needs and an attacker could abuse:
/// aliases, deep nesting, oversize input, several documents, non-core tags, duplicate keys and
/// bytes that are not UTF-8, each with the position of the offending node.
public struct YAMLParser: Sendable {
    /// The deepest nesting of mappings and lists accepted.
    public var maximumDepth: Int
    /// The largest input accepted, in bytes.
    public var maximumBytes: Int

    /// Limits default to 64 levels and 1 MiB: a real scorecard uses 6 levels and a few kilobytes.
    public init(maximumDepth: Int = 64, maximumBytes: Int = 1 << 20) {
        self.maximumDepth = maximumDepth
        self.maximumBytes = maximumBytes
    }

    /// The document's root node, or `nil` when the input holds no document (empty or only comments).
    public func parse(_ bytes: [UInt8]) throws(YAMLError) -> Node? {
        guard bytes.count <= maximumBytes else {
            throw .tooLarge(bytes: bytes.count, limit: maximumBytes)
        }
        try Self.checkEncoding(bytes)
        // libyaml aborts the process when handed an empty buffer.
        guard !bytes.isEmpty else { return nil }
        let events = EventReader(bytes: bytes)
        return try TreeBuilder(events: events, maximumDepth: maximumDepth).document()
    }

    /// Parses UTF-8 text.
    public func parse(_ text: String) throws(YAMLError) -> Node? {
        try parse(Array(text.utf8))
    }

    /// Rejects UTF-16/32 byte-order marks and invalid UTF-8, at the offending byte's mark.
    static func checkEncoding(_ bytes: [UInt8]) throws(YAMLError) {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw .notUTF8(encoding: "UTF-32")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .notUTF8(encoding: "UTF-16")
        }
        // Without a byte-order mark, YAML 1.2 (section 5.2) tells UTF-16 by NULs next to ASCII
        // characters; UTF-8 text never starts so.
        if bytes.count >= 4, bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 && bytes[3] != 0
            || bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0 {
            throw .notUTF8(encoding: "UTF-16")
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw .invalidUTF8(at: Mark.of(offset: offset, in: bytes))
        }
    }
}

/// Finds the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629).
enum UTF8Validation {
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}

/// One libyaml event, copied out of C memory so that libyaml can free its own at once.
enum Event {
    case documentStart(Mark)
    case documentEnd
    case mappingStart(tag: String?, Mark)
    case sequenceStart(tag: String?, Mark)
    case collectionEnd
    case scalar(Node.Scalar)
    case alias(Mark)
    case streamEnd
}

/// Owns a libyaml parser and the bytes it reads; both live exactly as long as this object.
final class EventReader {
    /// libyaml's parser keeps a pointer to itself, so it lives at a fixed heap address.
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// libyaml reads from this buffer without copying it.
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(!bytes.isEmpty, "libyaml aborts on an empty buffer")
        self.bytes = bytes
        input = .allocate(capacity: bytes.count)
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or the parse error at its position.
    func next() throws(YAMLError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_MAPPING_START_EVENT:
            return .mappingStart(tag: Self.string(event.data.mapping_start.tag), mark)
        case YAML_SEQUENCE_START_EVENT:
            return .sequenceStart(tag: Self.string(event.data.sequence_start.tag), mark)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            return .collectionEnd
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            // Scalars may hold NUL bytes, so read them by length, never as C strings.
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
            return .scalar(Node.Scalar(string: text, style: Self.style(data.style), tag: Self.string(data.tag), mark: mark))
        case YAML_ALIAS_EVENT:
            return .alias(mark)
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        default:
            // STREAM_START and NO_EVENT carry nothing a tree needs.
            return try next()
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> Node.Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// libyaml's error as a `YAMLError`, at the problem's mark converted to 1-based numbers.
    private func currentError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
        if state.error == YAML_READER_ERROR {
            // Reader errors carry only a byte offset. The bytes are valid UTF-8 (checked before
            // parsing), so the reader objects to a character YAML does not allow.
            let offset = Int(state.problem_offset)
            let mark = Mark.of(offset: offset, in: bytes)
            guard problem == "control characters are not allowed", offset < bytes.count else {
                return .invalidUTF8(at: mark)
            }
            return .controlCharacter(Self.scalar(at: offset, in: bytes), at: mark)
        }
        let mark = Mark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        // libyaml words a tab in indentation two ways, depending on what it was scanning.
        let isTabProblem = problem.contains("cannot start any token") || problem.contains("tab character")
        if isTabProblem, byte(at: Int(state.problem_mark.index)) == 0x09 {
            return .tabIndentation(at: mark)
        }
        var context = state.context.map { String(cString: $0) }
        if context != nil, state.context_mark.line != state.problem_mark.line || state.context_mark.column != state.problem_mark.column {
            context! += " at \(Int(state.context_mark.line) + 1):\(Int(state.context_mark.column) + 1)"
        }
        return .syntax(problem: problem, context: context, at: mark)
    }

    /// The code point of the well-formed UTF-8 sequence starting at `offset`.
    private static func scalar(at offset: Int, in bytes: [UInt8]) -> UInt32 {
        let length = bytes[offset] < 0x80 ? 1 : bytes[offset] < 0xE0 ? 2 : bytes[offset] < 0xF0 ? 3 : 4
        let end = min(bytes.count, offset + length)
        return String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first?.value ?? 0
    }

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }
}

/// Builds the node tree from events, enforcing depth, alias, tag, key and document rules.
struct TreeBuilder {
    let events: EventReader
    let maximumDepth: Int

    private static let coreTags: [String: String] = [
        "tag:yaml.org,2002:str": "str", "tag:yaml.org,2002:int": "int",
        "tag:yaml.org,2002:float": "float", "tag:yaml.org,2002:bool": "bool",
        "tag:yaml.org,2002:null": "null", "tag:yaml.org,2002:map": "map",
        "tag:yaml.org,2002:seq": "seq", "!": "!",
    ]

    func document() throws(YAMLError) -> Node? {
        var root: Node?
        while true {
            switch try events.next() {
            case .documentStart(let mark):
                if root != nil { throw .multipleDocuments(at: mark) }
                root = try node(from: try events.next(), depth: 1)
                guard case .documentEnd = try events.next() else {
                    throw .syntax(problem: "expected the end of the document", context: nil, at: root?.mark ?? .start)
                }
            case .streamEnd:
                return root
            default:
                continue
            }
        }
    }

    private func node(from event: Event, depth: Int) throws(YAMLError) -> Node {
        switch event {
        case .scalar(var scalar):
            scalar.tag = try coreTag(scalar.tag, at: scalar.mark)
            return .scalar(scalar)
        case .alias(let mark):
            throw .alias(at: mark)
        case .mappingStart(let tag, let mark):
            _ = try coreTag(tag, at: mark)
            try checkDepth(depth, at: mark)
            return .mapping(try mapping(at: mark, depth: depth))
        case .sequenceStart(let tag, let mark):
            _ = try coreTag(tag, at: mark)
            try checkDepth(depth, at: mark)
            var items: [Node] = []
            while true {
                let next = try events.next()
                if case .collectionEnd = next { break }
                items.append(try node(from: next, depth: depth + 1))
            }
            return .sequence(Node.Sequence(items: items, mark: mark))
        case .documentStart(let mark):
            throw .syntax(problem: "unexpected document start", context: nil, at: mark)
        case .documentEnd, .collectionEnd, .streamEnd:
            throw .syntax(problem: "unexpected end of input", context: nil, at: .start)
        }
    }

    private func mapping(at mark: Mark, depth: Int) throws(YAMLError) -> Node.Mapping {
        var pairs: [Node.Mapping.Pair] = []
        var seen: [String: Mark] = [:]
        while true {
            let keyEvent = try events.next()
            if case .collectionEnd = keyEvent { break }
            guard case .scalar(let key) = try node(from: keyEvent, depth: depth + 1) else {
                throw .complexKey(at: Self.mark(of: keyEvent) ?? mark)
            }
            if let first = seen[key.string] {
                throw .duplicateKey(key.string, first: first, at: key.mark)
            }
            seen[key.string] = key.mark
            let value = try node(from: try events.next(), depth: depth + 1)
            pairs.append(Node.Mapping.Pair(key: key, value: value))
        }
        return Node.Mapping(pairs: pairs, mark: mark)
    }

    private func checkDepth(_ depth: Int, at mark: Mark) throws(YAMLError) {
        if depth > maximumDepth { throw .tooDeep(limit: maximumDepth, at: mark) }
    }

    /// The short name of a core tag (`str` for `!!str`), `nil` for none; other tags are errors.
    private func coreTag(_ tag: String?, at mark: Mark) throws(YAMLError) -> String? {
        guard let tag else { return nil }
        guard let short = Self.coreTags[tag] else {
            let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            throw .unsupportedTag(shown, at: mark)
        }
        return short == "!" ? "str" : short
    }

    private static func mark(of event: Event) -> Mark? {
        switch event {
        case .mappingStart(_, let mark), .sequenceStart(_, let mark), .alias(let mark), .documentStart(let mark): mark
        case .scalar(let scalar): scalar.mark
        default: nil
        }
    }
}
