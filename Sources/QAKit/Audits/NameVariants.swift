#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds agent, team and reviewer names written in two ways that differ only in case or
/// whitespace (`Sofia Reyes`, `sofia reyes`, `Sofia  Reyes`): each is its own agent to qakit, so
/// a typo splits one person's audits silently (docs/aggregates.md).
///
/// Two spellings are variants when they are equal after lower-casing and after every run of
/// whitespace becomes one space. A space inside a name is not ignored (`Ann Alee` is not `Anna
/// Lee`). Each new spelling of a name is reported once, against the first spelling seen; the
/// groups are never merged. Only a spelling not seen before costs more than a hash look-up.
public struct NameVariants: Sendable {
    /// The audit fields checked.
    public enum Field: String, Sendable, CaseIterable {
        case agent, team, reviewer
    }

    /// A name's spelling and where it first appears.
    public struct Spelling: Sendable, Hashable {
        public var text: String
        public var file: String
        public var line: Int
    }

    /// A spelling that differs from an earlier one only in case or whitespace.
    public struct Variant: Sendable, Hashable {
        public var field: Field
        /// The spelling found at this point.
        public var spelling: Spelling
        /// The first spelling seen of the same name.
        public var earlier: Spelling

        /// The warning, at the new spelling; with `grouping` (`--by`), it names the groups it splits.
        public func diagnostic(grouping: Grouping? = nil) -> Diagnostic {
            let plural = "\(field.rawValue)s"
            var message = "\(field.rawValue) '\(spelling.text)' differs only in case or whitespace from '\(earlier.text)' "
                + "(\(earlier.file):\(earlier.line)); they count as different \(plural)"
            if let grouping, grouping.dimensions.contains(field.dimension) {
                message += grouping.isSingle
                    ? "; --by \(grouping) splits them into groups '\(earlier.text)' and '\(spelling.text)'"
                    : "; --by \(grouping) splits the groups with \(field.rawValue) '\(earlier.text)' from those with '\(spelling.text)'"
            }
            return Diagnostic(.warning, message, file: spelling.file, line: spelling.line)
        }
    }

    /// Per field: every spelling seen, its index by bytes, and the first spelling of each name.
    private struct Seen: Sendable {
        var spellings: [[UInt8]] = []
        var index = KeyIndex()
        var firstByName: [String: Spelling] = [:]
        /// The spelling of the last call, to skip the look-up when names repeat.
        var last = -1
    }

    private var seen = Array(repeating: Seen(), count: Field.allCases.count)

    public init() {}

    /// Notes one audit's spelling of `field`; the variant when this spelling is new and another
    /// spelling of the same name came first.
    public mutating func note(_ field: Field, _ spelling: UnsafeBufferPointer<UInt8>, file: String, line: Int) -> Variant? {
        let slot = field.ordinal
        if seen[slot].last >= 0, Self.equal(seen[slot].spellings[seen[slot].last], spelling) { return nil }
        let found = seen[slot].index.find(spelling) { Self.equal(seen[slot].spellings[$0], spelling) }
        if let found {
            seen[slot].last = found
            return nil
        }
        seen[slot].spellings.append(Array(spelling))
        seen[slot].last = seen[slot].spellings.count - 1
        seen[slot].index.insert(spelling, value: seen[slot].last)
        let text = String(decoding: spelling, as: UTF8.self)
        let new = Spelling(text: text, file: file, line: line)
        let name = Self.name(text)
        guard let earlier = seen[slot].firstByName[name] else {
            seen[slot].firstByName[name] = new
            return nil
        }
        return Variant(field: field, spelling: new, earlier: earlier)
    }

    /// As `note(_:_:file:line:)`, for a spelling held as a string.
    public mutating func note(_ field: Field, _ spelling: String, file: String, line: Int) -> Variant? {
        var spelling = spelling
        return spelling.withUTF8 { note(field, $0, file: file, line: line) }
    }

    /// What variants have in common: lower-cased, every run of whitespace one space.
    static func name(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        stored.count == bytes.count && stored.withUnsafeBufferPointer { bytes.count == 0 || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }
}

extension NameVariants.Field {
    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .agent: 0
        case .team: 1
        case .reviewer: 2
        }
    }

    /// The `--by` key of the field.
    var dimension: Aggregator.Dimension {
        switch self {
        case .agent: .agent
        case .team: .team
        case .reviewer: .reviewer
        }
    }
}
