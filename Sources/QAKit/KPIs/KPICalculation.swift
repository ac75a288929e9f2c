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
    /// The grouping; `nil` for one overall group, `all`.
    public let dimension: KPIDimension?
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

    /// A calculation grouped by `dimension` over `period`.
    public init(dimension: KPIDimension?, period: PeriodFilter = PeriodFilter()) {
        self.dimension = dimension
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
    public mutating func figures() -> [KPIFigures] {
        if dimension == nil && tallies.isEmpty {
            var empty = KPITally()
            return [empty.figures(key: Self.overallKey)]
        }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        return order.map { tallies[$0].figures(key: String(decoding: keys[$0], as: UTF8.self)) }
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
            if dimension == .agent { leftOutBy = leftOutBy ?? .agent }
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
        let group: Int
        switch dimension {
        case nil: group = self.group(Self.overallKey)
        case .agent: group = self.group(agent)
        case .team, .channel:
            let value = cell(dimension!.column)
            group = value.isEmpty ? self.group(Self.noValue) : self.group(value)
        case .month: group = self.group(created.localDate.monthKey)
        case .week: group = self.group(created.localDate.weekKey)
        }
        tallies[group].add(ticket)
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
