/// The calibration units of one scorecard: interactions scored by two or more distinct
/// reviewers, each reviewer counted once.
///
/// When a reviewer scored an interaction more than once, the latest audit counts: the later
/// date, and on the same date the one read later. The others are reported as superseded.
struct CalibrationUnits: Sendable {
    /// An audit left out because the same reviewer scored the interaction again later.
    struct Superseded: Sendable, Hashable {
        var ignored: Int32
        var counted: Int32
    }

    /// Per unit, the interaction's index, units in order of first appearance in the input.
    private(set) var interactions: [Int32] = []
    /// `starts[u]..<starts[u + 1]` are unit u's entries in `members`.
    private(set) var starts: [Int] = [0]
    /// Audit indices, unit after unit, sorted by reviewer name within each unit.
    private(set) var members: [Int32] = []
    private(set) var superseded: [Superseded] = []

    var count: Int { interactions.count }

    func members(of unit: Int) -> ArraySlice<Int32> {
        members[starts[unit]..<starts[unit + 1]]
    }

    init(_ records: CalibrationRecords) {
        let byInteraction = Self.auditsByInteraction(records)
        let rank = Self.reviewerRanks(records.reviewerNames)
        var kept: [Int32] = []
        for interaction in 0..<records.interactionIDs.count {
            kept.removeAll(keepingCapacity: true)
            let audits = byInteraction.audits[byInteraction.starts[interaction]..<byInteraction.starts[interaction + 1]]
            var replaced: [Int32] = []
            for audit in audits {
                let reviewer = records.reviewer(of: audit)
                guard let earlier = kept.firstIndex(where: { records.reviewer(of: $0) == reviewer }) else {
                    kept.append(audit)
                    continue
                }
                let other = kept[earlier]
                // Input order breaks ties: `audit` was read after `other`.
                if records.audits[Int(audit)].day >= records.audits[Int(other)].day {
                    replaced.append(other)
                    kept[earlier] = audit
                } else {
                    replaced.append(audit)
                }
            }
            for ignored in replaced {
                let reviewer = records.reviewer(of: ignored)
                let counted = kept.first { records.reviewer(of: $0) == reviewer }!
                superseded.append(Superseded(ignored: ignored, counted: counted))
            }
            guard kept.count >= 2 else { continue }
            kept.sort { rank[Int(records.reviewer(of: $0))] < rank[Int(records.reviewer(of: $1))] }
            interactions.append(Int32(interaction))
            members += kept
            starts.append(members.count)
        }
    }

    /// Audit indices grouped by interaction (a stable counting sort, so input order is kept).
    private static func auditsByInteraction(_ records: CalibrationRecords) -> (starts: [Int], audits: [Int32]) {
        var starts = [Int](repeating: 0, count: records.interactionIDs.count + 1)
        for record in records.audits { starts[Int(record.interaction) + 1] += 1 }
        for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
        var next = starts
        var audits = [Int32](repeating: 0, count: records.audits.count)
        for (index, record) in records.audits.enumerated() {
            audits[next[Int(record.interaction)]] = Int32(index)
            next[Int(record.interaction)] += 1
        }
        return (starts, audits)
    }

    /// Each reviewer's position in name order.
    private static func reviewerRanks(_ names: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: names.count)
        for (position, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[index] = position }
        return rank
    }
}
