/// The audit ids seen so far in a run, for the duplicate check, in memory that does not grow
/// with the number of audits when ids are numbered.
///
/// Help-desk ids are nearly always a fixed prefix and a counter (`A000000123`, `T-88412`): such an
/// id is kept as one bit in a 64-bit block of its counter, so a million sequential ids take about
/// 16k blocks instead of a million entries. Ids are told apart exactly: the prefix and the number
/// of digits are part of the key (`A01` and `A1` differ). Other ids fall back to a set of 64-bit
/// hash fingerprints, as before.
struct AuditIDSet {
    /// The index of each numbered family met so far (at most 256).
    private var families: [Family: UInt64] = [:]
    private var lastFamily: (family: Family, index: UInt64)?
    /// Blocks of 64 counters, keyed by family index (top 8 bits) and counter / 64.
    private var blocks: [UInt64: UInt64] = [:]
    /// The block in use, written back to `blocks` when another one is needed: sequential ids
    /// touch the dictionary once per 64 ids.
    private var current: (key: UInt64, bits: UInt64)?
    private var fingerprints: Set<Int> = []

    /// A prefix of up to 15 ASCII bytes, packed exactly (see `ASCIIWord`, but without case
    /// folding: ids are case-sensitive), and the number of digits of the counter.
    private struct Family: Hashable {
        var prefix: UInt128
        var digits: Int
    }

    /// Adds `id`; `false` when it was already there.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { insert(bytes: $0) }
    }

    /// Adds the id whose UTF-8 bytes these are.
    mutating func insert(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (family, counter) = Self.split(bytes), let index = familyIndex(family) else {
            var hasher = Hasher()
            hasher.combine(String(decoding: bytes, as: UTF8.self))
            return fingerprints.insert(hasher.finalize()).inserted
        }
        let key = index << 56 | counter >> 6
        let bit: UInt64 = 1 << (counter & 63)
        var block = current ?? (key, 0)
        if block.key != key {
            blocks[block.key] = block.bits
            block = (key, blocks[key] ?? 0)
        }
        defer { current = block }
        if block.bits & bit != 0 { return false }
        block.bits |= bit
        return true
    }

    /// Whether `id` was added (a look-up that adds nothing: the did-you-mean of an unknown id).
    func contains(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { bytes in
            guard let (family, counter) = Self.split(bytes), let index = families[family] else {
                var hasher = Hasher()
                hasher.combine(String(decoding: bytes, as: UTF8.self))
                return fingerprints.contains(hasher.finalize())
            }
            let key = index << 56 | counter >> 6
            let bits = current?.key == key ? current!.bits : blocks[key] ?? 0
            return bits & (1 << (counter & 63)) != 0
        }
    }

    /// The family index, assigning a new one for a new family; `nil` past 256 families.
    private mutating func familyIndex(_ family: Family) -> UInt64? {
        if let last = lastFamily, last.family == family { return last.index }
        let index: UInt64
        if let known = families[family] {
            index = known
        } else {
            guard families.count < 256 else { return nil }
            index = UInt64(families.count)
            families[family] = index
        }
        lastFamily = (family, index)
        return index
    }

    /// The id's prefix and its trailing counter of 1 to 17 digits, if it ends in one and the
    /// prefix is short ASCII.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (family: Family, counter: UInt64)? {
        var start = bytes.count
        while start > 0 && bytes[start - 1] >= UInt8(ascii: "0") && bytes[start - 1] <= UInt8(ascii: "9") { start -= 1 }
        let digits = bytes.count - start
        guard digits > 0, digits <= 17, start < 16 else { return nil }
        var prefix: UInt128 = 0
        for byte in bytes[..<start] {
            guard byte < 0x80 else { return nil }
            prefix = prefix << 8 | UInt128(byte)
        }
        var counter: UInt64 = 0
        for byte in bytes[start...] { counter = counter * 10 + UInt64(byte - UInt8(ascii: "0")) }
        return (Family(prefix: prefix | UInt128(start) << 120, digits: digits), counter)
    }
}
