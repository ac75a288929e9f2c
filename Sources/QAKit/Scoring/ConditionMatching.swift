extension Condition {
    /// `matches(_:)` without allocating for ASCII values: case folding is done byte by byte, and
    /// only text outside ASCII goes through `lowercased()`. Same answer in every case.
    func matchesWithoutAllocating(_ value: (String) -> String?) -> Bool {
        for clause in clauses {
            guard let actual = value(clause.field), clause.values.contains(where: { $0.equalsIgnoringCase(actual) }) else { return false }
        }
        return true
    }
}

extension String {
    /// `caseInsensitiveCompare(_:)`, with ASCII text compared in place.
    func equalsIgnoringCase(_ other: String) -> Bool {
        if self == other { return true }
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil):
                return true
            case (let a?, let b?) where a < 0x80 && b < 0x80:
                if a != b && Self.foldASCII(a) != Self.foldASCII(b) { return false }
            case (let a?, let b?) where a >= 0x80 || b >= 0x80:
                return caseInsensitiveCompare(other)
            default:
                // Different lengths in ASCII so far: only non-ASCII text further on could fold equal.
                return !utf8.allSatisfy { $0 < 0x80 } || !other.utf8.allSatisfy { $0 < 0x80 } ? caseInsensitiveCompare(other) : false
            }
        }
    }

    private static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
