/// The interaction ids of a sampling run, for the duplicate check.
///
/// This is the one part of `qakit sample` whose memory grows with the number of interactions.
/// For files it is kept small with `AuditIDSet` (about one bit per id when ids are a prefix and a
/// counter, as help-desk ids nearly always are; an 8-byte fingerprint otherwise), which only
/// says *that* an id came back; `Sampling` then reads the files a second time to find every
/// line of the ids that did, so the error names both lines and a fingerprint collision can never
/// be reported as a duplicate. Standard input cannot be read twice, so when it is an input every
/// id is kept with its line (about 100 bytes per interaction).
struct InteractionIDRegistry {
    private var compact = AuditIDSet()
    private var exact: [String: InteractionLocation]?
    /// Ids seen more than once (possibly, for the compact set), with the lines of the repeats.
    private(set) var repeats: [String: [InteractionLocation]] = [:]
    /// Duplicates found exactly (exact mode only), with the first and the repeated location.
    private(set) var duplicates: [(id: String, first: InteractionLocation, repeated: InteractionLocation)] = []

    /// A registry that keeps every id with its line when `keepsLocations`, else only the compact set.
    init(keepsLocations: Bool) {
        exact = keepsLocations ? [:] : nil
    }

    /// Whether a second reading of the inputs is needed to confirm and locate repeats.
    var needsLocating: Bool { exact == nil && !repeats.isEmpty }

    /// Notes the id whose trimmed UTF-8 bytes these are, read at `location`.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> InteractionLocation) {
        if exact != nil {
            let text = String(decoding: id, as: UTF8.self)
            if let first = exact?[text] {
                duplicates.append((text, first, location()))
            } else {
                exact?[text] = location()
            }
        } else if !compact.insert(bytes: id) {
            repeats[String(decoding: id, as: UTF8.self), default: []].append(location())
        }
    }
}
