import QAKit
import Testing

/// The choice rule against an independent SHA-256: each expected digest was computed outside
/// Swift with coreutils, `printf '%s' '<seed>:<id>' | sha256sum`, and pasted here.
@Suite("Sample keys and rates")
struct SampleKeyTests {
    @Test(arguments: [
        (UInt64(0), "T-1001", "e18e2adb1d270bd12242b4e314710958c3e3585b082aaa30cd5cd5ec589d0c09"),
        (0, "T-1002", "d76fac70fa8dfae9ddade6467ec09197d4b77ecea7e8c15155c97c3065e66457"),
        (0, "T-1003", "dd958f0223396ade26ab8198dd2da755760d303a63c41a76c69fd3ed92ce4d35"),
        (1, "T-1001", "d8130caa4333d5e08313698f3e80bdb4f0e2552916e1b82a66ba4b9cf519c0ab"),
        (42, "CHAT-2297682", "fb938643cb552fd5c691ca8951214843d2978ac6d6d9e5a2f6addc575030e5bb"),
    ])
    func keyIsTheSHA256OfSeedColonID(seed: UInt64, id: String, digest: String) {
        #expect(SampleKey(seed: seed, interactionID: id).description == digest)
    }

    /// Keys order as the big-endian numbers the digests spell: d7… < dd… < e1… under seed 0.
    @Test func keysCompareAsBigEndianNumbers() {
        let keys = ["T-1001", "T-1002", "T-1003"].map { SampleKey(seed: 0, interactionID: $0) }
        #expect(keys[1] < keys[2])
        #expect(keys[2] < keys[0])
        #expect(!(keys[0] < keys[0]))
    }

    /// ⌈R·n⌉ by hand; 0.3 × 10 is exactly 3 (binary floating point gives 3.0000000000000004,
    /// whose ceiling would be 4), 0.1 × 25 = 2.5 → 3.
    @Test(arguments: [("0.1", 25, 3), ("0.1", 30, 3), ("0.3", 10, 3), ("0.1", 1, 1), (".25", 9, 3), ("1", 7, 7), ("1.0", 7, 7),
                      ("0.05", 0, 0), ("0.000001", 1_000_000, 1), ("0.0000011", 1_000_000, 2)])
    func rateQuotaIsTheExactCeiling(text: String, count: Int, quota: Int) throws {
        let rate = try #require(SampleRate(text))
        #expect(rate.quota(of: count) == quota)
    }

    @Test(arguments: ["0", "0.0", "1.01", "2", "-0.1", "1e-1", "10%", "", ".", "0..1", " 0.1", "0.1234567890123456789"])
    func rateRefusesValuesOutsideZeroToOne(text: String) {
        #expect(SampleRate(text) == nil)
    }
}
