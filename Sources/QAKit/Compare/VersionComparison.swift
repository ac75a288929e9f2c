/// Re-scores the audits of one scorecard under two of its versions (docs/compare.md).
///
/// Two `ScoringRun`s do the scoring, each forcing one version on every audit of the id
/// (`ScoringRun.init(scorecards:forcing:)`), so each side's scores are exactly those of
/// `qakit score` with that version named in every audit's `scorecard_version`, except that an
/// answer to a criterion the version lacks is ignored. The caller reads every input once with
/// `readFrom`, then once more with `readTo`, in the same order; records are paired by file and
/// line. Memory grows by one entry per audit of the scorecard (its id, agent, group and two
/// scores).
public final class VersionComparison {
    public let scorecards: [Scorecard]
    /// The two versions compared.
    public let from: Scorecard
    public let to: Scorecard
    public let grouping: Grouping
    /// Whether calibration audits are compared; left out by default, as `score --by` leaves
    /// them out of aggregates.
    public let includesCalibration: Bool
    /// Calibration audits left out.
    public private(set) var calibrationLeftOut = 0
    /// The run that scores with `from`, and the one that scores with `to`; open each pass's
    /// inputs with its run's decoder.
    public let fromRun: ScoringRun
    public let toRun: ScoringRun
    private let fromIndex: Int
    private let toIndex: Int
    private var entries: [Entry] = []
    /// Where `readTo` has got to in `entries`.
    private var cursor = 0
    /// The `--by` keys met so far, as `Aggregator` keeps them.
    private var groupIndex = KeyIndex()
    private var groupKeys: [[UInt8]] = []
    /// Problems of records without a line, reported once, from the first pass.
    private var unlocated: [Diagnostic] = []

    /// One record read in the first pass: a scored audit of the compared scorecard, or any
    /// rejected record.
    fileprivate struct Entry {
        let file: Int32
        let line: Int
        var auditID: String?
        var agent = ""
        /// Index into `groupKeys`; -1 when the audit lacks the `--by` field.
        var group: Int32 = -1
        var isCalibration = false
        var from: Outcome
        var to: Outcome = .pending

        var position: (Int32, Int) { (file, line) }
    }

    fileprivate enum Outcome {
        case pending
        case scored(ScoringPlan.Fraction?, passed: Bool?)
        case rejected([Diagnostic])
    }

    /// A comparison of versions `fromVersion` and `toVersion` of scorecard `id` among `scorecards`.
    ///
    /// - Throws: `CompareProblem` for an id or version that is not loaded, or one version twice.
    public init(scorecards: [Scorecard], scorecard id: String, fromVersion: Int, toVersion: Int,
                grouping: Grouping, includesCalibration: Bool = false) throws(CompareProblem) {
        let versions = ScorecardVersions(scorecards)
        guard let ordinal = versions.ordinal(of: id) else {
            throw .unknownScorecard(id, loaded: versions.ids)
        }
        let loaded = versions.versionNumbers(ordinal: ordinal)
        guard let fromIndex = versions.index(ordinal: ordinal, version: fromVersion) else {
            throw .unknownVersion(id: id, option: "--from-version", version: fromVersion, loaded: loaded)
        }
        guard let toIndex = versions.index(ordinal: ordinal, version: toVersion) else {
            throw .unknownVersion(id: id, option: "--to-version", version: toVersion, loaded: loaded)
        }
        guard fromVersion != toVersion else { throw .sameVersion(id: id, version: fromVersion, loaded: loaded) }
        self.scorecards = scorecards
        self.fromIndex = fromIndex
        self.toIndex = toIndex
        from = scorecards[fromIndex]
        to = scorecards[toIndex]
        self.grouping = grouping
        self.includesCalibration = includesCalibration
        fromRun = ScoringRun(scorecards: scorecards, forcing: fromIndex)
        toRun = ScoringRun(scorecards: scorecards, forcing: toIndex)
        // Every rejected record is needed one by one, to pair it with the other pass.
        fromRun.reportsRepeatsOnce = false
        toRun.reportsRepeatsOnce = false
    }

    /// The first pass over one input (the `file`-th, counting from 0): scores with `from`.
    /// Warnings about the input go to `warn` at once; rejected records are kept for `result()`.
    public func readFrom(_ source: inout some AuditRecordSource, file: Int, warn: (Diagnostic) -> Void) throws {
        let consumer = FirstPass(comparison: self, file: Int32(file))
        try fromRun.run(&source, key: grouping, consumer: consumer) { diagnostic in
            guard diagnostic.severity == .error else { return warn(diagnostic) }
            guard let line = diagnostic.line else { return unlocated.append(diagnostic) }
            if let last = entries.last, last.position == (Int32(file), line), case .rejected(let earlier) = last.from {
                entries[entries.count - 1].from = .rejected(earlier + [diagnostic])
            } else {
                entries.append(Entry(file: Int32(file), line: line, auditID: diagnostic.record?.auditID, from: .rejected([diagnostic])))
            }
        }
    }

    /// The second pass over the same input, after every first pass: scores with `to`.
    public func readTo(_ source: inout some AuditRecordSource, file: Int) throws {
        let consumer = SecondPass(comparison: self, file: Int32(file))
        try toRun.run(&source, key: nil, consumer: consumer) { diagnostic in
            guard diagnostic.severity == .error, let line = diagnostic.line, let index = entry(at: (Int32(file), line)) else { return }
            if case .rejected(let earlier) = entries[index].to {
                entries[index].to = .rejected(earlier + [diagnostic])
            } else {
                entries[index].to = .rejected([diagnostic])
            }
        }
    }

    /// The entry of the record at `position`, moving `cursor` forward past earlier ones.
    private func entry(at position: (Int32, Int)) -> Int? {
        while cursor < entries.count, entries[cursor].position < position { cursor += 1 }
        return cursor < entries.count && entries[cursor].position == position ? cursor : nil
    }

    fileprivate func addFirst(_ row: ScoreRow, file: Int32) {
        guard row.scorecardIndex == fromIndex else { return }
        let group = row.key.map(group(for:)) ?? -1
        entries.append(Entry(file: file, line: row.line, auditID: String(decoding: row.id, as: UTF8.self),
                             agent: String(decoding: row.agent, as: UTF8.self), group: group, isCalibration: row.isCalibration,
                             from: .scored(row.score, passed: row.passed)))
    }

    private func group(for key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let known = groupIndex.find(key) { group in
            groupKeys[group].withUnsafeBufferPointer { $0.count == key.count && $0.elementsEqual(key) }
        }
        if let known { return Int32(known) }
        groupKeys.append(Array(key))
        groupIndex.insert(key, value: groupKeys.count - 1)
        return Int32(groupKeys.count - 1)
    }

    fileprivate func addSecond(_ row: ScoreRow, file: Int32) {
        guard row.scorecardIndex == toIndex, let index = entry(at: (file, row.line)) else { return }
        entries[index].to = .scored(row.score, passed: row.passed)
    }

    /// Everything the comparison found, once both passes have read every input.
    public func result() -> ComparisonResult {
        var audits: [ComparedAudit] = []
        audits.reserveCapacity(entries.count)
        var unscorable: [UnscorableAudit] = []
        var problems = unlocated
        var tallies = [ComparisonTally](repeating: ComparisonTally(), count: groupKeys.count + 1)
        var overall = ComparisonTally()
        calibrationLeftOut = 0
        for entry in entries {
            if entry.isCalibration && !includesCalibration {
                calibrationLeftOut += 1
                continue
            }
            switch (entry.from, entry.to) {
            case (.scored(let scoreFrom, let passedFrom), .scored(let scoreTo, let passedTo)):
                let audit = ComparedAudit(auditID: entry.auditID ?? "", agent: entry.agent, isCalibration: entry.isCalibration,
                                          scoreFrom: scoreFrom?.rational, scoreTo: scoreTo?.rational,
                                          passedFrom: passedFrom, passedTo: passedTo)
                audits.append(audit)
                tallies[Int(entry.group) + 1].add(audit, from: scoreFrom, to: scoreTo)
                overall.add(audit, from: scoreFrom, to: scoreTo)
            case (.rejected(let before), .rejected(let after)) where !Set(before).isDisjoint(with: after):
                // The record's own problem (a missing agent, a bad date), whatever the version.
                problems += before + after.filter { !before.contains($0) }
            case (.rejected(let before), .rejected(let after)):
                unscorable.append(UnscorableAudit(entry: entry, version: from.version, reasons: before))
                unscorable.append(UnscorableAudit(entry: entry, version: to.version, reasons: after))
            case (.rejected(let before), .scored):
                unscorable.append(UnscorableAudit(entry: entry, version: from.version, reasons: before))
            case (.scored, .rejected(let after)):
                unscorable.append(UnscorableAudit(entry: entry, version: to.version, reasons: after))
            case (_, .pending), (.pending, _):
                break
            }
        }
        let repeats = RepeatedProblems()
        var reported: [Diagnostic] = []
        for problem in problems { repeats.pass(problem) { reported.append($0) } }
        reported += repeats.summary()
        let groups = tallies.enumerated().compactMap { index, tally -> ComparedGroup? in
            guard tally.audits > 0 else { return nil }
            return tally.group(values: values(ofGroup: index - 1))
        }.sorted { $0.values.lexicographicallyPrecedes($1.values) }
        return ComparisonResult(from: from, to: to, grouping: grouping, changes: RubricChange.changes(from: from, to: to),
                                audits: audits, groups: groups, overall: overall.group(values: ["(all)"]),
                                unscorable: unscorable, problems: reported)
    }

    private func values(ofGroup index: Int) -> [String] {
        guard index >= 0 else { return Array(repeating: Aggregate.noValue, count: grouping.dimensions.count) }
        let key = groupKeys[index]
        return key.withUnsafeBufferPointer { bytes in
            grouping.isSingle ? [String(decoding: bytes, as: UTF8.self)] : Grouping.components(of: bytes)
        }
    }
}

extension UnscorableAudit {
    /// `entry` rejected by `version` for `reasons` (at least one).
    fileprivate init(entry: VersionComparison.Entry, version: Int, reasons: [Diagnostic]) {
        self.init(auditID: entry.auditID ?? reasons.lazy.compactMap { $0.record?.auditID }.first, version: version,
                  reasons: reasons.map { $0.record?.problem ?? $0.message }, file: reasons[0].file, line: entry.line)
    }
}

/// The first pass's rows, handed to the comparison.
private final class FirstPass: ScoreRowConsumer {
    unowned let comparison: VersionComparison
    let file: Int32

    init(comparison: VersionComparison, file: Int32) {
        self.comparison = comparison
        self.file = file
    }

    func consume(_ row: ScoreRow) { comparison.addFirst(row, file: file) }
}

/// The second pass's rows, paired with the first's.
private final class SecondPass: ScoreRowConsumer {
    unowned let comparison: VersionComparison
    let file: Int32

    init(comparison: VersionComparison, file: Int32) {
        self.comparison = comparison
        self.file = file
    }

    func consume(_ row: ScoreRow) { comparison.addSecond(row, file: file) }
}

/// Running totals of one group, over the audits both versions score.
private struct ComparisonTally {
    var audits = 0
    var scoredFrom = 0, scoredTo = 0
    var totalFrom = ExactSum(), totalTo = ExactSum()
    var judgedFrom = 0, judgedTo = 0
    var passesFrom = 0, passesTo = 0
    var toPass = 0, toFail = 0

    mutating func add(_ audit: ComparedAudit, from: ScoringPlan.Fraction?, to: ScoringPlan.Fraction?) {
        audits += 1
        if let from {
            scoredFrom += 1
            totalFrom.add(numerator: from.numerator, denominator: from.denominator)
        }
        if let to {
            scoredTo += 1
            totalTo.add(numerator: to.numerator, denominator: to.denominator)
        }
        if let passed = audit.passedFrom {
            judgedFrom += 1
            if passed { passesFrom += 1 }
        }
        if let passed = audit.passedTo {
            judgedTo += 1
            if passed { passesTo += 1 }
        }
        if let before = audit.passedFrom, let after = audit.passedTo, before != after {
            if after { toPass += 1 } else { toFail += 1 }
        }
    }

    func group(values: [String]) -> ComparedGroup {
        ComparedGroup(values: values, audits: audits,
                      meanFrom: scoredFrom == 0 ? nil : totalFrom.value / Rational(scoredFrom),
                      meanTo: scoredTo == 0 ? nil : totalTo.value / Rational(scoredTo),
                      passRateFrom: judgedFrom == 0 ? nil : Rational(Int128(passesFrom), Int128(judgedFrom)),
                      passRateTo: judgedTo == 0 ? nil : Rational(Int128(passesTo), Int128(judgedTo)),
                      flipsToPass: toPass, flipsToFail: toFail)
    }
}

/// Why a comparison cannot start: the options name something not loaded, or nothing to compare.
public enum CompareProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownScorecard(String, loaded: [String])
    case unknownVersion(id: String, option: String, version: Int, loaded: [Int])
    case sameVersion(id: String, version: Int, loaded: [Int])

    public var description: String {
        switch self {
        case .unknownScorecard(let id, let loaded):
            "--scorecard '\(id)': no scorecard '\(id)' is loaded (loaded: \(loaded.map { "'\($0)'" }.joined(separator: ", ")))"
                + Suggestion.hint(for: id, among: loaded)
        case .unknownVersion(let id, let option, let version, let loaded):
            "\(option) \(version): scorecard '\(id)' has no version \(version) loaded; loaded versions: \(Self.list(loaded))"
                + (loaded.count == 1
                    ? "; load the archived versions too (-s with the directory reads its subfolders, such as archive/)"
                    : "; did you mean \(option) \(loaded.filter { $0 != version }.min { abs($0 - version) < abs($1 - version) } ?? version)?")
        case .sameVersion(let id, let version, let loaded):
            "--from-version and --to-version are both \(version): name two different versions of '\(id)' (loaded versions: \(Self.list(loaded)))"
        }
    }

    private static func list(_ versions: [Int]) -> String { versions.map(String.init).joined(separator: ", ") }
}
