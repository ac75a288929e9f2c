/// An open-addressing hash index from UTF-8 keys to small integers; the keys themselves stay
/// with the caller, who confirms each candidate. Far cheaper per look-up than hashing a `String`.
struct KeyIndex {
    private var slots: [(hash: UInt64, value: Int)] = Array(repeating: (0, -1), count: 64)
    private var count = 0

    /// FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        return hash ^ hash >> 33
    }

    /// The value stored for a key for which `matches` says yes.
    func find(_ key: UnsafeBufferPointer<UInt8>, matches: (Int) -> Bool) -> Int? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].value >= 0 {
            if slots[slot].hash == hash && matches(slots[slot].value) { return slots[slot].value }
            slot = (slot + 1) & mask
        }
        return nil
    }

    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        place(hash: Self.hash(key), value: value)
        count += 1
    }

    private mutating func place(hash: UInt64, value: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].value >= 0 { slot = (slot + 1) & mask }
        slots[slot] = (hash, value)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1), count: old.count * 2)
        for entry in old where entry.value >= 0 { place(hash: entry.hash, value: entry.value) }
    }
}
