/// `qakit sample`: picks interactions to audit, reproducibly (docs/sampling.md).
///
/// Per group (an agent, or an agent and stratum), the interactions with the smallest
/// `SampleKey`s are chosen, so the sample depends only on the seed and the ids. Memory is bounded
/// by groups × sample size (one `SampleHeap` per group), not by the number of interactions, apart
/// from the duplicate-id check (`InteractionIDRegistry`).
public enum Sampling {
    /// Reads `inputs` and returns the sample with every problem found.
    ///
    /// With `--rate` the inputs are read twice (group sizes first), and a fully compact duplicate
    /// check re-reads them when an id comes back; neither is possible for standard input, which
    /// `--rate` therefore refuses and for which ids are kept exactly instead.
    public static func run(_ inputs: [InteractionInput], options: SamplingOptions) -> SampleOutcome {
        let readsStandardInput = inputs.contains { $0.path == "-" }
        if case .rate = options.size, readsStandardInput {
            var outcome = SampleOutcome()
            outcome.fatalErrors = [Diagnostic(.error, "--rate reads its inputs twice (each group's size first), and standard input can be read only once; save it to a file", file: "-")]
            return outcome
        }
        var sampler = Sampler(options: options, keepsLocations: readsStandardInput)
        let firstPhase: Sampler.Phase
        if case .perGroup(let count) = options.size { firstPhase = .checkingAndChoosing(count) } else { firstPhase = .checking }
        for input in inputs { sampler.read(input, phase: firstPhase) }
        if sampler.registry.needsLocating {
            let candidates = Set(sampler.registry.repeats.keys)
            for input in inputs { sampler.read(input, phase: .locating(candidates)) }
            sampler.reportLocatedDuplicates()
        }
        sampler.reportExactDuplicates()
        if sampler.outcome.fatalErrors.isEmpty, case .rate(let rate) = options.size {
            for input in inputs { sampler.read(input, phase: .choosingByRate(rate)) }
        }
        return sampler.finish()
    }
}

/// The state of one sampling run over its inputs; see `Sampling.run`. A struct held in a local
/// variable, so that the per-record updates need no run-time exclusivity checks.
struct Sampler {
    /// What one reading of the inputs does.
    enum Phase {
        /// Check every record, count the groups and choose `count` of each (`--per-agent`).
        case checkingAndChoosing(Int)
        /// Check every record and count the groups (the first reading under `--rate`).
        case checking
        /// Only note where these ids occur (confirming duplicates the compact check suspects).
        case locating(Set<String>)
        /// Choose ⌈R·n⌉ of each group, its size n known (the second reading under `--rate`).
        case choosingByRate(SampleRate)
    }

    let options: SamplingOptions
    private(set) var registry: InteractionIDRegistry
    private(set) var outcome = SampleOutcome()
    private let prefix: SeedPrefix
    private var groupIndex: [GroupKey: Int] = [:]
    private var groups: [GroupKey] = []
    private var counts: [Int] = []
    private var heaps: [SampleHeap] = []
    private var locations: [String: [InteractionLocation]] = [:]

    init(options: SamplingOptions, keepsLocations: Bool) {
        self.options = options
        registry = InteractionIDRegistry(keepsLocations: keepsLocations)
        prefix = SeedPrefix(seed: options.seed)
    }

    /// Reads one input through to its end (or its first fatal problem).
    mutating func read(_ input: InteractionInput, phase: Phase) {
        let isChecking: Bool
        switch phase {
        case .checkingAndChoosing, .checking: isChecking = true
        case .locating, .choosingByRate: isChecking = false
        }
        do {
            let reader = try InteractionReader(input)
            var plan: ColumnPlan?
            var planLayout = 0
            // A CSV header is known before any record; JSON Lines keys with the first record.
            if reader.layoutNumber != 0, isChecking, !hasNeededColumns(reader) { return }
            while let step = try reader.next() {
                guard case .record = step else {
                    if isChecking, case .problem(let diagnostic) = step { outcome.rejections.append(diagnostic) }
                    continue
                }
                if reader.layoutNumber != planLayout {
                    if planLayout == 0, isChecking, !hasNeededColumns(reader) { return }
                    plan = ColumnPlan(columns: reader.columns, options: options)
                    planLayout = reader.layoutNumber
                }
                visit(reader, plan: plan!, phase: phase)
            }
        } catch {
            if isChecking { outcome.fatalErrors.append(error.diagnostic) }
        }
    }

    /// Whether the reader's columns (its header, or its first JSON record's keys) include every
    /// column the options need; if not, one error for the file.
    private mutating func hasNeededColumns(_ reader: InteractionReader) -> Bool {
        let missing = ColumnPlan.missingColumns(in: reader.columns, options: options)
        guard !missing.isEmpty else { return true }
        let noun = missing.count == 1 ? "column" : "columns"
        outcome.fatalErrors.append(Diagnostic(.error, "missing required \(noun) \(missing.joined(separator: ", "))", file: reader.file, line: reader.line))
        return false
    }

    /// One record: the checks, the filters, then the group's count and heap.
    private mutating func visit(_ reader: InteractionReader, plan: ColumnPlan, phase: Phase) {
        if case .locating(let candidates) = phase {
            let id = reader.text(plan.id)
            if candidates.contains(id) { locations[id, default: []].append(InteractionLocation(file: reader.file, line: reader.line)) }
            return
        }
        let isChecking: Bool
        if case .choosingByRate = phase { isChecking = false } else { isChecking = true }
        if isChecking { outcome.readCount += 1 }
        let hasID = reader.withCell(plan.id) { id in
            guard !id.isEmpty else { return false }
            if isChecking { registry.insert(id, at: InteractionLocation(file: reader.file, line: reader.line)) }
            return true
        }
        guard hasID else {
            if isChecking { reject("missing or empty 'interaction_id'; the record is skipped", in: reader) }
            return
        }
        let agent = reader.text(plan.agent)
        guard !agent.isEmpty else {
            if isChecking { reject("interaction '\(reader.text(plan.id))': missing or empty 'agent'; the record is skipped", in: reader) }
            return
        }
        guard isEligible(reader, plan: plan, isChecking: isChecking) else { return }
        let group = GroupKey(agent: agent, strata: plan.strata.map(reader.text))
        let index = groupNumber(group)
        if isChecking {
            counts[index] += 1
            outcome.eligibleCount += 1
        }
        let capacity: Int
        switch phase {
        case .checkingAndChoosing(let count): capacity = count
        case .choosingByRate(let rate): capacity = rate.quota(of: counts[index])
        case .checking, .locating: return
        }
        if heaps[index].capacity != capacity { heaps[index] = SampleHeap(capacity: capacity) }
        let key = reader.withCell(plan.id) { SampleKey(prefix: prefix, id: $0) }
        guard heaps[index].admits(key) else { return }
        heaps[index].insert(SampledInteraction(key: key, agent: agent, strata: group.strata, columns: reader.columns,
                                               values: reader.values(), file: reader.file, line: reader.line))
    }

    /// `--exclude`, `--where` and the period; a bad date under `--from/--to` is a rejection.
    private mutating func isEligible(_ reader: InteractionReader, plan: ColumnPlan, isChecking: Bool) -> Bool {
        if !options.excludedIDs.isEmpty, options.excludedIDs.contains(reader.text(plan.id)) { return false }
        if let condition = options.condition, !condition.matches({ field in plan.byName[field].map(reader.text) }) { return false }
        guard options.filtersByDate else { return true }
        let text = reader.text(plan.date)
        guard let date = CalendarDate.parse(text) else {
            if isChecking {
                reject("interaction '\(reader.text(plan.id))', field 'date': '\(text)' is not a date (YYYY-MM-DD or RFC 3339); the record is skipped",
                       in: reader)
            }
            return false
        }
        if let from = options.from, date < from { return false }
        if let to = options.to, to < date { return false }
        return true
    }

    private mutating func groupNumber(_ group: GroupKey) -> Int {
        if let known = groupIndex[group] { return known }
        groupIndex[group] = groups.count
        groups.append(group)
        counts.append(0)
        heaps.append(SampleHeap(capacity: 0))
        return groups.count - 1
    }

    private mutating func reject(_ message: String, in reader: InteractionReader) {
        outcome.rejections.append(Diagnostic(.error, message, file: reader.file, line: reader.line))
    }

    /// One error per repeat of an id, naming the first occurrence, from the second reading.
    mutating func reportLocatedDuplicates() {
        for (id, places) in locations where places.count > 1 {
            for repeated in places.dropFirst() {
                outcome.fatalErrors.append(duplicate(id, first: places[0], repeated: repeated))
            }
        }
    }

    /// The duplicates the exact registry (standard input among the inputs) found while reading.
    mutating func reportExactDuplicates() {
        for found in registry.duplicates {
            outcome.fatalErrors.append(duplicate(found.id, first: found.first, repeated: found.repeated))
        }
    }

    private func duplicate(_ id: String, first: InteractionLocation, repeated: InteractionLocation) -> Diagnostic {
        Diagnostic(.error, "duplicate interaction id '\(id)': already on \(first.described(relativeTo: repeated)); interaction ids must be unique across all inputs",
                   file: repeated.file, line: repeated.line)
    }

    /// The sample in output order, and the groups smaller than `--per-agent`.
    func finish() -> SampleOutcome {
        var result = outcome
        result.fatalErrors.sort()
        guard result.fatalErrors.isEmpty else { return result }
        let order = groups.indices.sorted { GroupKey.precedes(groups[$0], groups[$1]) }
        for index in order {
            result.interactions += heaps[index].elements.sorted { $0.key < $1.key }
            if case .perGroup(let wanted) = options.size, counts[index] < wanted {
                result.shortfalls.append(SampleShortfall(agent: groups[index].agent, strata: groups[index].strata,
                                                         available: counts[index], wanted: wanted))
            }
        }
        return result
    }
}
