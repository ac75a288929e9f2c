internal import Crypto

/// The SHA-256 of `"<seed>:<interaction_id>"` (UTF-8), read as one 256-bit big-endian number:
/// the rank of an interaction in `qakit sample`'s choice, the smaller the earlier.
///
/// The rule is public and simple on purpose (docs/sampling.md): an auditor can re-derive any
/// sample with `printf '0:T-1001' | sha256sum` or one line of any language. Distinct ids give
/// distinct keys (a SHA-256 collision has never been found), so the choice has no ties and does
/// not depend on input order or on the machine.
public struct SampleKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digest as four 64-bit words, most significant first, so that comparing the tuple
    /// compares the big-endian number.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The key of the interaction whose id has these UTF-8 bytes (already trimmed), under the
    /// seed whose decimal text `prefix` holds followed by `:`.
    init(prefix: SeedPrefix, id: UnsafeBufferPointer<UInt8>) {
        var hasher = SHA256()
        prefix.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(id))
        words = hasher.finalize().withUnsafeBytes { digest in
            (UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
             UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
             UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        }
    }

    /// The key of `id` under `seed`, for tests and for re-deriving one interaction's rank.
    public init(seed: UInt64, interactionID id: String) {
        var id = id
        let prefix = SeedPrefix(seed: seed)
        self = id.withUTF8 { SampleKey(prefix: prefix, id: $0) }
    }

    /// The digest in lower-case hexadecimal, as `sha256sum` prints it.
    public var description: String {
        [words.0, words.1, words.2, words.3].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    /// Whether `lhs` is the smaller 256-bit number, that is ranks first.
    public static func < (lhs: SampleKey, rhs: SampleKey) -> Bool {
        lhs.words < rhs.words
    }

    public static func == (lhs: SampleKey, rhs: SampleKey) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// The bytes hashed before every id: the seed's decimal digits and a colon (`"0:"`).
struct SeedPrefix: Sendable {
    let bytes: [UInt8]

    init(seed: UInt64) {
        bytes = Array("\(seed):".utf8)
    }
}
