/// Finds agent, team and reviewer names written in two ways that differ only in case or
/// whitespace (`Sofia Reyes`, `sofia reyes`, `Sofia  Reyes`): each is its own agent to qakit, so
/// a typo splits one person's audits silently (docs/aggregates.md).
///
/// Two spellings are variants when they are equal after lower-casing and after every run of
/// whitespace becomes one space. A space inside a name is not ignored (`Ann Alee` is not `Anna
/// Lee`). Each new spelling of a name is reported once, against the first spelling seen; the
/// groups are never merged.
///
/// Per audit, a spelling costs a 64-bit fingerprint of its bytes and one look-up in a table of
/// fingerprints; only a spelling not seen before is made into a string and compared. (Two
/// spellings with the same fingerprint, odds about n²/2⁶⁵ for n spellings, would hide the
/// second one's warning, as the duplicate-id check accepts for ids.)
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
            var message = "\(field.rawValue) '\(spelling.text)' differs only in case or whitespace from '\(earlier.text)' "
                + "(\(earlier.file):\(earlier.line)); they count as different \(field.rawValue)s"
            if let grouping, grouping.dimensions.contains(field.dimension) {
                message += grouping.isSingle
                    ? "; --by \(grouping) splits them into groups '\(earlier.text)' and '\(spelling.text)'"
                    : "; --by \(grouping) splits the groups with \(field.rawValue) '\(earlier.text)' from those with '\(spelling.text)'"
            }
            return Diagnostic(.warning, message, file: spelling.file, line: spelling.line)
        }
    }

    /// The fingerprints of every spelling seen, of all fields (open addressing; 0 marks an
    /// empty slot), and how many.
    private var fingerprints = [UInt64](repeating: 0, count: 256)
    private var count = 0
    /// Per field, the first spelling of each name (`name(_:)`).
    private var firstByName = [[String: Spelling]](repeating: [:], count: Field.allCases.count)

    public init() {}

    /// Notes one audit's names (`team` when it has one), calling `found` for each spelling that
    /// is new and differs from an earlier spelling of the same name only in case or whitespace.
    public mutating func note(agent: UnsafeBufferPointer<UInt8>, team: UnsafeBufferPointer<UInt8>?, reviewer: UnsafeBufferPointer<UInt8>,
                              file: String, line: Int, found: (Variant) -> Void) {
        if insert(agent, .agent), let variant = first(.agent, agent, file: file, line: line) { found(variant) }
        if let team, insert(team, .team), let variant = first(.team, team, file: file, line: line) { found(variant) }
        if insert(reviewer, .reviewer), let variant = first(.reviewer, reviewer, file: file, line: line) { found(variant) }
    }

    /// As `note(agent:team:reviewer:file:line:found:)`, for names held as strings.
    public mutating func note(agent: String, team: String?, reviewer: String, file: String, line: Int, found: (Variant) -> Void) {
        var (agent, team, reviewer) = (agent, team ?? "", reviewer)
        agent.withUTF8 { agent in
            team.withUTF8 { team in
                reviewer.withUTF8 { reviewer in
                    note(agent: agent, team: team.isEmpty ? nil : team, reviewer: reviewer, file: file, line: line, found: found)
                }
            }
        }
    }

    /// A spelling seen for the first time: the variant when its name was seen spelt otherwise.
    private mutating func first(_ field: Field, _ spelling: UnsafeBufferPointer<UInt8>, file: String, line: Int) -> Variant? {
        let new = Spelling(text: String(decoding: spelling, as: UTF8.self), file: file, line: line)
        let name = Self.name(new.text)
        guard let earlier = firstByName[field.ordinal][name] else {
            firstByName[field.ordinal][name] = new
            return nil
        }
        return Variant(field: field, spelling: new, earlier: earlier)
    }

    /// What variants have in common: lower-cased, every run of whitespace one space.
    static func name(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Adds a spelling's fingerprint to the table; whether it was new.
    @inline(__always) private mutating func insert(_ spelling: UnsafeBufferPointer<UInt8>, _ field: Field) -> Bool {
        let fingerprint = Self.fingerprint(spelling, field: field)
        let isNew = fingerprints.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: fingerprint) & mask
            while slots[slot] != 0 {
                if slots[slot] == fingerprint { return false }
                slot = (slot + 1) & mask
            }
            return true
        }
        guard isNew else { return false }
        if (count + 1) * 2 > fingerprints.count {
            let old = fingerprints
            fingerprints = [UInt64](repeating: 0, count: old.count * 2)
            for entry in old where entry != 0 { place(entry) }
        }
        place(fingerprint)
        count += 1
        return true
    }

    private mutating func place(_ fingerprint: UInt64) {
        let mask = fingerprints.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while fingerprints[slot] != 0 { slot = (slot + 1) & mask }
        fingerprints[slot] = fingerprint
    }

    /// A 64-bit fingerprint of a field's spelling; never 0. Names are short, so the usual case
    /// (up to 16 bytes) is two loads and one full-width multiplication, in the manner of wyhash.
    static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>, field: Field) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = (a ^ 0xa076_1d64_78bd_642f).multipliedFullWidth(by: b ^ 0xe703_7ed1_a0b4_28db)
            return product.high ^ product.low
        }
        let count = bytes.count
        var seed = UInt64(truncatingIfNeeded: count &* 3 &+ field.ordinal)
        guard count > 0 else { return mix(seed, 0) | 1 }
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        if count < 8 {
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            return mix(word, seed) | 1
        }
        var offset = 0
        while count - offset > 16 {
            seed = mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ seed,
                       raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            offset += 16
        }
        let first = raw.loadUnaligned(fromByteOffset: min(offset, count - 8), as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        return mix(first ^ seed, last) | 1
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
