/// The loaded versions of each scorecard id, and which one an audit is scored with
/// (docs/versions.md).
///
/// The loader guarantees that `(id, version)` and, among the versions of one id,
/// `effective_from` are unique; this type relies on it.
public struct ScorecardVersions: Sendable {
    /// The distinct scorecard ids, in load order of their first version.
    public let ids: [String]
    /// Per scorecard index of the run's list: the position of its id in `ids`.
    public let idOrdinal: [Int]
    private let ordinals: [String: Int]
    /// Per id: its versions sorted by (first day in force, version number); a version without
    /// `effective_from` starts at `Int.min`, so among several such the highest number comes last.
    private let schedules: [[Entry]]

    private struct Entry: Sendable {
        let firstDay: Int
        let version: Int
        let index: Int
    }

    /// The versions of `scorecards`, the run's list (indexes are positions in it).
    public init(_ scorecards: [Scorecard]) {
        var ids: [String] = []
        var ordinals: [String: Int] = [:]
        var schedules: [[Entry]] = []
        var idOrdinal: [Int] = []
        for (index, scorecard) in scorecards.enumerated() {
            let ordinal = ordinals[scorecard.id] ?? ids.count
            if ordinal == ids.count {
                ids.append(scorecard.id)
                ordinals[scorecard.id] = ordinal
                schedules.append([])
            }
            idOrdinal.append(ordinal)
            schedules[ordinal].append(Entry(firstDay: scorecard.effectiveFrom?.daysSince1970 ?? .min,
                                            version: scorecard.version, index: index))
        }
        self.ids = ids
        self.ordinals = ordinals
        self.idOrdinal = idOrdinal
        self.schedules = schedules.map { $0.sorted { ($0.firstDay, $0.version) < ($1.firstDay, $1.version) } }
    }

    /// The position of `id` in `ids`, if any version of it is loaded.
    public func ordinal(of id: String) -> Int? { ordinals[id] }

    /// The scorecard index of version `version` of the id at `ordinal`, if loaded.
    public func index(ordinal: Int, version: Int) -> Int? {
        schedules[ordinal].first { $0.version == version }?.index
    }

    /// The scorecard index of the version in force on `day` (days since 1970-01-01): the latest
    /// `effective_from` on or before it; `nil` when every version starts later. A binary search,
    /// so that the CSV fast path can call it for every row.
    public func inForce(ordinal: Int, day: Int) -> Int? {
        let schedule = schedules[ordinal]
        var low = 0, high = schedule.count
        while low < high {
            let middle = (low + high) / 2
            if schedule[middle].firstDay <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : schedule[low - 1].index
    }

    /// The scorecard index of the version with the highest number of the id at `ordinal`.
    public func latest(ordinal: Int) -> Int {
        schedules[ordinal].max { $0.version < $1.version }!.index
    }

    /// The loaded version numbers of the id at `ordinal`, ascending.
    public func versionNumbers(ordinal: Int) -> [Int] {
        schedules[ordinal].map(\.version).sorted()
    }

    /// The version that starts first of the id at `ordinal`: its index and first day.
    func earliest(ordinal: Int) -> (index: Int, firstDay: Int) {
        (schedules[ordinal][0].index, schedules[ordinal][0].firstDay)
    }
}
