/// Works out the KPIs of ticket files, streaming: one pass, one ticket at a time.
///
/// A value type, so that the per-ticket work touches local state only (no dynamic exclusivity
/// checks or reference counting on every field of a class).
///
/// Memory grows with the number of groups and with the durations kept for medians (see
/// `KPITally`), and with the set of ticket ids for the duplicate check (about one bit per
/// ticket for numbered ids), never with the tickets' text.
///
/// The rule for bad input (docs/kpis.md): every problem is reported with its file, line, ticket
/// id and field. A ticket is left out of every figure only when it cannot be placed: it has no
/// `ticket_id`, repeats one already read, has no readable `created_at` (no period, no
/// `--from/--to` check, no start for durations), or has no `agent` under `--by agent`. Otherwise
/// only the field in error is left out, and the ticket counts in every other figure.
public struct KPICalculation {
    /// The `--by` keys in the order given; empty for one overall group, `all`. With several keys
    /// there is one group per combination of values (docs/kpis.md, "Groups and keys").
    public let dimensions: [KPIDimension]
    /// The single key, or `nil` without `--by` or with several keys.
    public var dimension: KPIDimension? { dimensions.count == 1 ? dimensions[0] : nil }
    /// Whether `agent` and `team` values that differ only in case or whitespace count as one
    /// name, shown as the first spelling read: what joining tickets to audits needs, since the
    /// two come from different tools (docs/metrics.md, "Matching agents"). Each new spelling is
    /// reported once as a warning.
    public var matchesNamesLoosely = false
    /// `--from/--to`, on the day of `created_at` in its own offset.
    public let period: PeriodFilter
    /// Records read, readable or not.
    public private(set) var ticketsRead = 0
    /// Records with at least one problem.
    public private(set) var ticketsWithErrors = 0
    /// Placeable tickets created outside `period`, and so not counted.
    public private(set) var ticketsOutsidePeriod = 0

    /// The key a blank `team` or `channel` groups under.
    public static let noValue = Aggregate.noValue
    /// The key of the single group without `--by`.
    public static let overallKey = "all"

    private var ids = AuditIDSet()
    private var keys: [[UInt8]] = []
    private var tallies: [KPITally] = []
    private var index = KeyIndex()
    /// Under `matchesNamesLoosely`: each spelling read, and the first spelling of each name.
    private var spellings: [[UInt8]: [UInt8]] = [:]
    private var firstSpellings: [String: [UInt8]] = [:]

    /// A calculation grouped by `dimension` over `period`.
    public init(dimension: KPIDimension?, period: PeriodFilter = PeriodFilter()) {
        self.init(dimensions: dimension.map { [$0] } ?? [], period: period)
    }

    /// A calculation grouped by every key of `dimensions` (none: one overall group) over `period`.
    public init(dimensions: [KPIDimension], period: PeriodFilter = PeriodFilter()) {
        self.dimensions = dimensions
        self.period = period
    }

    /// Reads every ticket of `source`, handing each problem to `report` as it is met, in file order.
    ///
    /// On more than one core the file is read and split on a second thread while this one counts.
    ///
    /// - Throws: `InputError` when the file cannot be read any further; what was read so far
    ///   stays counted.
    /// A problem many tickets share (a profile's unknown word, `Diagnostic.sharedCause`) is
    /// listed once and its repeats counted at the end of the file.
    public mutating func read<Source: TicketSource>(_ source: inout Source, report: (Diagnostic) -> Void) throws(InputError) {
        let repeats = RepeatedProblems()
        func relay(_ diagnostic: Diagnostic) { repeats.pass(diagnostic, to: report) }
        defer { repeats.summary().forEach(report) }
        try readAll(&source, report: relay)
    }

    /// Reads every ticket of `source` once for this calculation and for `other` (another
    /// grouping of the same tickets over the same period): each figure is what a separate
    /// `read` of the file would give, at the cost of one reading and decoding. Problems go to
    /// `report` for this calculation only; `other` counts the same tickets silently.
    public mutating func read<Source: TicketSource>(_ source: inout Source, alsoInto other: inout KPICalculation,
                                                    report: (Diagnostic) -> Void) throws(InputError) {
        let repeats = RepeatedProblems()
        func relay(_ diagnostic: Diagnostic) { repeats.pass(diagnostic, to: report) }
        defer { repeats.summary().forEach(report) }
        try readAll(&source, also: &other, report: relay)
    }

    private mutating func readAll<Source: TicketSource>(_ source: inout Source, also other: inout KPICalculation,
                                                        report: (Diagnostic) -> Void) throws(InputError) {
        let file = source.file
        let reader = TicketReader(source)
        defer { source = reader.source }
        // `other` takes each batch first: a batch's failure is thrown by this calculation's
        // `take`, after both have counted what the batch holds.
        func takeBoth(_ batch: TicketBatch, into calculation: inout KPICalculation, other: inout KPICalculation) throws(InputError) {
            try? other.take(batch, file: file, report: { _ in })
            try calculation.take(batch, file: file, report: report)
        }
        let pipeline = RecordPipeline<TicketBatch>(makeBatch: { TicketBatch() }, fill: { reader.fill(&$0) })
        guard RecordPipeline<TicketBatch>.isUseful, pipeline.start() else {
            var more = true
            while more {
                var batch = TicketBatch()
                more = reader.fill(&batch)
                try takeBoth(batch, into: &self, other: &other)
            }
            return
        }
        defer { pipeline.finish() }
        while let batch = pipeline.next() {
            try takeBoth(batch, into: &self, other: &other)
        }
    }

    private mutating func readAll<Source: TicketSource>(_ source: inout Source, report: (Diagnostic) -> Void) throws(InputError) {
        let file = source.file
        let reader = TicketReader(source)
        defer { source = reader.source }
        let pipeline = RecordPipeline<TicketBatch>(makeBatch: { TicketBatch() }, fill: { reader.fill(&$0) })
        guard RecordPipeline<TicketBatch>.isUseful, pipeline.start() else {
            var more = true
            while more {
                var batch = TicketBatch()
                more = reader.fill(&batch)
                try take(batch, file: file, report: report)
            }
            return
        }
        defer { pipeline.finish() }
        while let batch = pipeline.next() {
            try take(batch, file: file, report: report)
        }
    }

    /// The figures of every group, sorted by key (UTF-8 byte order, so months and weeks are in
    /// time order); without `--by`, the one group `all`, even when no ticket was counted.
    /// With several keys, groups are sorted by their values, first key first.
    public mutating func figures() -> [KPIFigures] {
        if dimensions.isEmpty && tallies.isEmpty {
            var empty = KPITally()
            return [empty.figures(key: Self.overallKey)]
        }
        let values = keys.map(values(of:))
        let order = dimensions.count > 1
            ? keys.indices.sorted { values[$0].lexicographicallyPrecedes(values[$1]) }
            : keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        return order.map { index in
            var figures = tallies[index].figures(key: values[index].joined(separator: Grouping.joiner))
            figures.values = values[index]
            return figures
        }
    }

    /// The figures of groups of groups: every group whose key `group` maps to the same name
    /// counts as one, as if its tickets had been read together (medians over the union of the
    /// durations, not a mean of medians). Groups mapped to `nil` are left out. Used for a
    /// coaching team's KPIs, the agents of the team being the audits' (docs/coaching.md).
    /// Each merged group comes with the number of groups in it (a team's agents with tickets).
    public func figures(mergedBy group: (String) -> String?) -> [String: (figures: KPIFigures, groups: Int)] {
        var merged: [String: (tally: KPITally, groups: Int)] = [:]
        for index in keys.indices {
            guard let name = group(String(decoding: keys[index], as: UTF8.self)) else { continue }
            merged[name, default: (KPITally(), 0)].tally.add(tallies[index])
            merged[name]!.groups += 1
        }
        return merged.reduce(into: [:]) { result, entry in
            var tally = entry.value.tally
            result[entry.key] = (tally.figures(key: entry.key), entry.value.groups)
        }
    }

    private func values(of key: [UInt8]) -> [String] {
        guard dimensions.count > 1 else { return [String(decoding: key, as: UTF8.self)] }
        return key.withUnsafeBufferPointer { Grouping.components(of: $0) }
    }

    /// Counts a batch's tickets, then throws the failure that ended it, if any.
    private mutating func take(_ batch: TicketBatch, file: String, report: (Diagnostic) -> Void) throws(InputError) {
        batch.bytes.withUnsafeBufferPointer { bytes in
            batch.ranges.withUnsafeBufferPointer { ranges in
                var typeIndex = 0
                for item in 0..<batch.count {
                    ticketsRead += 1
                    if let problem = batch.unreadable[item] {
                        ticketsWithErrors += 1
                        report(problem)
                        continue
                    }
                    var typeProblems: [(column: TicketColumn, message: String)] = []
                    while typeIndex < batch.typeProblems.count, batch.typeProblems[typeIndex].item == item {
                        typeProblems.append((batch.typeProblems[typeIndex].column, batch.typeProblems[typeIndex].message))
                        typeIndex += 1
                    }
                    take(bytes, TicketBatch.ranges(of: item, in: ranges), line: batch.lines[item], typeProblems: typeProblems,
                         file: file, report: report)
                }
            }
        }
        if let failure = batch.failure { throw failure }
    }

    private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: UnsafeBufferPointer<Range<Int>>, line: Int,
                               typeProblems: [(column: TicketColumn, message: String)], file: String, report: (Diagnostic) -> Void) {
        func cell(_ column: TicketColumn) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[ranges[column.rawValue]])
        }
        let ticket = TicketDecoder.decode(bytes, ranges: ranges)
        var problems = typeProblems.isEmpty ? ticket.problems : typeProblems + ticket.problems
        var leftOutBy: TicketColumn?
        let id = cell(.ticketID)
        if id.isEmpty {
            problems.insert((.ticketID, "no ticket_id; the ticket is left out of every figure"), at: 0)
            leftOutBy = .ticketID
        } else if !ids.insert(bytes: id) {
            problems.insert((.ticketID, "ticket_id already read earlier; this copy is not counted"), at: 0)
            leftOutBy = .ticketID
        }
        let agent = cell(.agent)
        if agent.isEmpty {
            problems.append((.agent, "no agent"))
            if dimensions.contains(.agent) { leftOutBy = leftOutBy ?? .agent }
        }
        if ticket.created == nil { leftOutBy = leftOutBy ?? .createdAt }
        if !problems.isEmpty {
            ticketsWithErrors += 1
            let subject = id.isEmpty ? "ticket without ticket_id" : "ticket \(TicketDecoder.quoted(id))"
            for (column, message) in problems {
                let consequence = column == leftOutBy && column != .ticketID ? "; the ticket is left out of every figure" : ""
                report(Diagnostic(.error, "\(subject), field '\(column.name)': \(message)\(consequence)", file: file, line: line))
            }
        }
        guard leftOutBy == nil, let created = ticket.created else { return }
        guard period.contains(created.localDate) else {
            ticketsOutsidePeriod += 1
            return
        }
        func value(_ dimension: KPIDimension) -> [UInt8] {
            switch dimension {
            case .agent: return name(agent, field: "agent", file: file, line: line, report: report)
            case .team, .channel:
                let value = cell(dimension.column)
                if value.isEmpty { return Array(Self.noValue.utf8) }
                return dimension == .team ? name(value, field: "team", file: file, line: line, report: report) : Array(value)
            case .month: return Array(created.localDate.monthKey.utf8)
            case .week: return Array(created.localDate.weekKey.utf8)
            }
        }
        let group: Int
        switch dimensions.count {
        case 0: group = self.group(Self.overallKey)
        case 1 where !matchesNamesLoosely && (dimensions[0] == .agent || dimensions[0] == .channel || dimensions[0] == .team):
            let value = cell(dimensions[0].column)
            group = value.isEmpty ? self.group(Self.noValue) : self.group(value)
        case 1: group = value(dimensions[0]).withUnsafeBufferPointer { self.group($0) }
        default:
            var joined: [UInt8] = []
            for dimension in dimensions {
                value(dimension).withUnsafeBufferPointer { Grouping.appendComponent($0, to: &joined) }
            }
            group = joined.withUnsafeBufferPointer { self.group($0) }
        }
        tallies[group].add(ticket)
    }

    /// An agent or team name as grouped: the cell itself, or under `matchesNamesLoosely` the
    /// first spelling read of the same name, reporting each new spelling once.
    private mutating func name(_ cell: UnsafeBufferPointer<UInt8>, field: String, file: String, line: Int, report: (Diagnostic) -> Void) -> [UInt8] {
        let spelling = Array(cell)
        guard matchesNamesLoosely else { return spelling }
        if let known = spellings[spelling] { return known }
        let text = String(decoding: cell, as: UTF8.self)
        let name = field + "\u{0}" + NameVariants.name(text)
        let first = firstSpellings[name] ?? spelling
        if firstSpellings[name] == nil {
            firstSpellings[name] = spelling
        } else {
            report(Diagnostic(.warning, "\(field) '\(text)' differs only in case or whitespace from '\(String(decoding: first, as: UTF8.self))'; "
                + "counted as '\(String(decoding: first, as: UTF8.self))' to match the audits", file: file, line: line))
        }
        spellings[spelling] = first
        return first
    }

    private mutating func group(_ key: String) -> Int {
        var key = key
        return key.withUTF8 { group($0) }
    }

    /// The index of the group keyed by these bytes, made on first sight.
    private mutating func group(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        if let found = index.find(key, matches: { keys[$0].elementsEqual(key) }) { return found }
        keys.append(Array(key))
        tallies.append(KPITally())
        index.insert(key, value: keys.count - 1)
        return keys.count - 1
    }
}
