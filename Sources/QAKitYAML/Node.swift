/// A YAML node with the position it starts at.
///
/// The tree keeps every scalar as the text the author wrote: libyaml resolves no types, and the
/// scorecard loader decides what `yes` or `3.50` means, so that a wrong type can be reported at its
/// position rather than silently converted.
public enum Node: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where the node starts.
    public var mark: Mark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    /// What the node is, in words for error messages: "a mapping", "a list", "'high'".
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// The scalar, if this node is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { scalar } else { nil }
    }

    /// The mapping, if this node is one.
    public var mapping: Mapping? {
        if case .mapping(let mapping) = self { mapping } else { nil }
    }

    /// The sequence, if this node is one.
    public var sequence: Sequence? {
        if case .sequence(let sequence) = self { sequence } else { nil }
    }
}

extension Node {
    /// A scalar: its text exactly as written (escapes decoded), its quoting style and position.
    public struct Scalar: Sendable {
        /// How the scalar was written; quoted scalars are always strings.
        public enum Style: Sendable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        /// The text, which may contain any Unicode scalar including NUL.
        public var string: String
        /// How the scalar was written.
        public var style: Style
        /// The explicit core tag (`!!str`, `!!int`, …) without its prefix, if one was given.
        public var tag: String?
        /// Where the scalar starts.
        public var mark: Mark

        public init(string: String, style: Style = .plain, tag: String? = nil, mark: Mark) {
            self.string = string
            self.style = style
            self.tag = tag
            self.mark = mark
        }

        /// Whether the scalar is written plain, so that it may be a number, boolean or null.
        public var isPlain: Bool { style == .plain && tag == nil }

        /// YAML 1.2 core schema null: an empty plain scalar, `~` or `null` (any common case).
        public var isNull: Bool {
            if tag == "null" { return true }
            guard isPlain else { return false }
            return ["", "~", "null", "Null", "NULL"].contains(string)
        }

        /// YAML 1.2 core schema boolean: only `true` and `false` (any common case).
        ///
        /// YAML 1.1's `yes`, `no`, `on` and `off` are strings, so a value written `yes`
        /// is never taken for a boolean.
        public var bool: Bool? {
            guard isPlain || tag == "bool" else { return nil }
            switch string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: return nil
            }
        }

        /// A decimal integer written plain (`-3`, `+12`, `0`), if the scalar is one.
        public var int: Int? {
            guard isPlain || tag == "int" else { return nil }
            return Int(string.hasPrefix("+") ? String(string.dropFirst()) : string)
        }
    }

    /// A mapping whose keys are scalars, in the order written; keys are unique.
    public struct Mapping: Sendable {
        /// One key and its value.
        public struct Pair: Sendable {
            public var key: Scalar
            public var value: Node
            public init(key: Scalar, value: Node) {
                self.key = key
                self.value = value
            }
        }

        /// The entries in the order they were written.
        public var pairs: [Pair]
        /// Where the mapping starts.
        public var mark: Mark

        public init(pairs: [Pair], mark: Mark) {
            self.pairs = pairs
            self.mark = mark
        }

        /// The pair whose key is `key`, if any.
        public func pair(_ key: String) -> Pair? {
            pairs.first { $0.key.string == key }
        }

        /// The value for `key`, if present.
        public subscript(key: String) -> Node? {
            pair(key)?.value
        }
    }

    /// A sequence (list) of nodes.
    public struct Sequence: Sendable {
        /// The items in order.
        public var items: [Node]
        /// Where the sequence starts.
        public var mark: Mark

        public init(items: [Node], mark: Mark) {
            self.items = items
            self.mark = mark
        }
    }
}
