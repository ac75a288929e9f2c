/// One step of a run, in source order.
enum AuditItem {
    case decoded(AuditDecoder.Outcome)
    /// A valid audit, already scored on the reading thread (`ScoringRun.runPipelined`), and
    /// whether `readingThreadConsumer` took its share.
    case scored(Audit, AuditScore, taken: Bool)
    case problem(Diagnostic)
    case warning(Diagnostic)
    case failure(InputError)
    /// What is left in a batch slot once its item has been taken out.
    case taken
}

/// Scores audit files record by record, handing each result to the caller as it goes.
///
/// Memory stays flat: nothing is kept per audit but the 8-byte id fingerprint of the duplicate
/// check. Rejected records become diagnostics; the run carries on with the next record.
public final class ScoringRun {
    public let scorecards: [Scorecard]
    public let decoder: AuditDecoder
    /// Each of `scorecards` compiled once, for every reader and scorer of the run
    /// (docs/scoring.md, "One compiled scorecard").
    let compiled: [CompiledScorecard]
    /// The scorecards' ids as bytes, for `--by scorecard` rows.
    private let scorecardIDs: ByteStrings
    /// Room for one audit's section tallies (`runRows`).
    private let tallies: UnsafeMutableBufferPointer<ScoringPlan.SectionTally>

    /// Audits scored, calibration audits among them, and records rejected so far.
    public internal(set) var scoredCount = 0
    public internal(set) var calibrationCount = 0
    public internal(set) var rejectedCount = 0
    /// Non-calibration audits with a pass/fail, and those that passed: the summary's pass rate.
    public internal(set) var judgedCount = 0
    public internal(set) var passedCount = 0
    /// The metadata field names of every record `runRows` read, valid or not: with
    /// `Grouping.standardKeys`, the keys an aggregate can have.
    public private(set) var fieldNames: Set<String> = []
    private var lastLayout: RecordLayout?
    /// Whether to report agent, team and reviewer names that differ from an earlier spelling only
    /// in case or whitespace, as warnings through `report` (`NameVariants`). Set before a run.
    public var checksNameVariants = false
    private var nameVariants = NameVariants()
    /// The disputes whose decided outcome scores use (`--disputes`, docs/disputes.md); set before
    /// a run. `nil`: the reviewers' answers as they are.
    public var disputes: DisputeBook?
    /// Audits left out because a dispute overturned them as a whole.
    public internal(set) var voidedCount = 0
    /// Audits `runRows` scored straight from CSV bytes (the rest took the general path).
    var directCount = 0
    /// Of those, the ones whose credits the scoring thread worked out itself.
    var consumerPreparedCount = 0

    /// Which thread of `runRows` works out a record's credits (docs/scoring.md, "Two threads,
    /// one balance"): the reading thread unless it is the slower one, or, for tests that cover
    /// both ways whatever the timing, always one or the other.
    enum RowPreparation {
        case balanced, reader, consumer
    }

    var rowPreparation = RowPreparation.balanced

    /// Whether a problem that every record of a file's shape shares (a key missing from every
    /// line, `Diagnostic.sharedCause`) is reported once, with a count at the end of the file,
    /// rather than once per record. Off for a caller that looks for one record's problems.
    public var reportsRepeatsOnce = true

    /// The layouts of the records `score(object:file:line:)` was given, kept across calls.
    var recordBuilder: KeyedRecordBuilder?

    /// Whether the audits' per-criterion results are worked out on the reading thread, for a
    /// caller that reads `AuditScore.criteria` of every audit and whose own thread is the busier
    /// (`export`; not `report`, whose threads are even without it): they are otherwise rebuilt on
    /// the caller's thread at each read. Set before a run.
    public var buildsCriterionResults = false

    /// Called by `run` with every valid audit as its answers score it, in file order, on the
    /// reading thread (on the calling thread when there is only one), before `scored` gets it:
    /// for a caller whose work per audit has an order-free part that it can do there for some
    /// audits (`report`'s per-criterion totals, `ReportCriterionTally`). It returns whether it
    /// took the audit's part, which `scored` then reads as `ScoredAudit.isTalliedEarly`. Not
    /// called when `disputes` are set, whose outcomes change audits after that point. Set before
    /// a run; it is only ever called from one thread at a time.
    public var readingThreadConsumer: ((ScoredAudit) -> Bool)?

    /// Records per batch handed between the threads.
    static let batchSize = 256

    /// A run over `scorecards`; `forcing`, the index of one of them, scores every audit of its
    /// id with that version (`AuditDecoder.init(scorecards:forcing:)`).
    public init(scorecards: [Scorecard], forcing: Int? = nil) {
        self.scorecards = scorecards
        let compiled = scorecards.map(CompiledScorecard.init)
        self.compiled = compiled
        decoder = AuditDecoder(scorecards: scorecards, readings: compiled.map(\.reading), forcing: forcing)
        scorecardIDs = ByteStrings(scorecards.map(\.id))
        tallies = .allocate(capacity: max(1, scorecards.map(\.sections.count).max() ?? 1))
        tallies.initialize(repeating: ScoringPlan.SectionTally())
    }

    deinit {
        tallies.deallocate()
    }

    /// Reads every record of `source`, calling `scored` for each valid audit and `report` for
    /// each problem, in file order. Throws when the file cannot be read further (the records
    /// before it count).
    ///
    /// On a machine with more than one core, records are read and validated on a second thread
    /// (`RecordPipeline`) while this one scores them and calls `scored`; the calls and their order
    /// are the same either way. `grouping`, when the caller groups the audits, is named in
    /// name-variant warnings (`checksNameVariants`).
    public func run(
        _ source: inout some AuditRecordSource,
        grouping: Grouping? = nil,
        scored: (ScoredAudit) throws -> Void,
        report: (Diagnostic) -> Void
    ) throws {
        let repeats = RepeatedProblems(isEnabled: reportsRepeatsOnce)
        defer { repeats.summary().forEach(report) }
        try runPipelined(&source, grouping: grouping, scored: scored, report: { repeats.pass($0, to: report) })
    }

    /// `run`, its problems reported as they come.
    private func runPipelined(
        _ source: inout some AuditRecordSource,
        grouping: Grouping?,
        scored: (ScoredAudit) throws -> Void,
        report: (Diagnostic) -> Void
    ) throws {
        guard RecordPipeline<[AuditItem]>.isUseful else {
            return try runSequentially(&source, grouping: grouping, scored: scored, report: report)
        }
        // Read once: a source's file and flag rule do not change, and reading them through the
        // pointer per record copied the whole source each time.
        let file = source.file
        let allowsFlagWords = source.allowsFlagWords
        try withUnsafeMutablePointer(to: &source) { pointer in
            let decoder = self.decoder
            // Audits are scored on the reading thread too (the compiled scorecards are immutable), so that
            // this thread only applies disputes, counts and hands them on: it is the busier of
            // the two for every caller that writes or tallies per criterion.
            let compiled = self.compiled
            let buildsCriterionResults = self.buildsCriterionResults
            let early = disputes == nil ? readingThreadConsumer : nil
            /// A CSV record's cells, decoded from their bytes (no string per cell) and emptied after.
            var record = CSVRecord()
            let pipeline = RecordPipeline<[AuditItem]>(makeBatch: { [] }) { batch in
                batch.reserveCapacity(Self.batchSize)
                func take(_ outcome: AuditDecoder.Outcome) {
                    switch outcome {
                    case .audit(let audit):
                        var result = compiled[audit.scorecardIndex].engine.score(audit)
                        if buildsCriterionResults { result.criteria = result.criteria }
                        let taken = early?(ScoredAudit(audit: audit, result: result, shared: compiled[audit.scorecardIndex].shared)) ?? false
                        batch.append(.scored(audit, result, taken: taken))
                    case let rejected:
                        batch.append(.decoded(rejected))
                    }
                }
                while batch.count < Self.batchSize {
                    do throws(InputError) {
                        record.removeAll()
                        guard let item = try pointer.pointee.nextItem(into: &record) else { return false }
                        switch item {
                        case .item(.problem(let diagnostic)): batch.append(.problem(diagnostic))
                        case .item(.warning(let diagnostic)): batch.append(.warning(diagnostic))
                        case .item(.record(let values, let layout, let line)):
                            take(decoder.decode(values: values, layout: layout, file: file, line: line, allowFlagWords: allowsFlagWords))
                        case .csvRecord(let layout, let cells):
                            take(record.withBytes(of: cells) { cells in
                                decoder.decode(cells: cells, layout: layout, file: file, line: record.line, allowFlagWords: allowsFlagWords)
                            })
                        }
                    } catch {
                        batch.append(.failure(error))
                        return false
                    }
                }
                return true
            }
            guard pipeline.start() else { return try runSequentially(&pointer.pointee, grouping: grouping, scored: scored, report: report) }
            defer { pipeline.finish() }
            while var batch = pipeline.next() {
                for index in batch.indices {
                    // Swapped out, so the item is moved rather than copied (a copy would retain
                    // every string and array of its audit once more).
                    var item = AuditItem.taken
                    swap(&item, &batch[index])
                    switch item {
                    case .taken: break
                    case .failure(let error): throw error
                    case .problem(let diagnostic):
                        rejectedCount += 1
                        report(diagnostic)
                    case .warning(let diagnostic): report(diagnostic)
                    case .decoded(let outcome): try handle(outcome, grouping: grouping, scored: scored, report: report)
                    case .scored(let audit, let result, let taken):
                        try handle(audit, result: result, taken: taken, grouping: grouping, scored: scored, report: report)
                    }
                }
            }
        }
    }

    /// `run` on the calling thread alone.
    func runSequentially(
        _ source: inout some AuditRecordSource,
        grouping: Grouping?,
        scored: (ScoredAudit) throws -> Void,
        report: (Diagnostic) -> Void
    ) throws {
        let file = source.file
        let allowsFlagWords = source.allowsFlagWords
        while let item = try source.next() {
            switch item {
            case .problem(let diagnostic):
                rejectedCount += 1
                report(diagnostic)
            case .warning(let diagnostic):
                report(diagnostic)
            case .record(let values, let layout, let line):
                let outcome = decoder.decode(values: values, layout: layout, file: file, line: line, allowFlagWords: allowsFlagWords)
                if disputes == nil, let early = readingThreadConsumer, case .audit(let audit) = outcome {
                    let result = compiled[audit.scorecardIndex].engine.score(audit)
                    let taken = early(ScoredAudit(audit: audit, result: result, shared: compiled[audit.scorecardIndex].shared))
                    try handle(audit, result: result, taken: taken, grouping: grouping, scored: scored, report: report)
                } else {
                    try handle(outcome, grouping: grouping, scored: scored, report: report)
                }
            }
        }
    }

    /// Counts one scored audit.
    @inline(__always) func count(isCalibration: Bool, passed: Bool?) {
        scoredCount += 1
        if isCalibration {
            calibrationCount += 1
        } else if let passed {
            judgedCount += 1
            if passed { passedCount += 1 }
        }
    }

    /// Reads every record of `source` as `run` does, handing each scored audit to `consumer` as
    /// a `ScoreRow` whose key is taken by `grouping`. This is what `score --by` and
    /// `score --format csv` use.
    ///
    /// CSV records are only split into cells on the reading thread; on this one,
    /// `CSVRowDecoder` scores the valid ones straight from their bytes, and every other record
    /// takes the path of `run`, with the same results and diagnostics.
    public func runRows(
        _ source: inout some AuditRecordSource,
        key grouping: Grouping?,
        consumer: ScoreRowConsumer,
        report: (Diagnostic) -> Void
    ) throws {
        let repeats = RepeatedProblems(isEnabled: reportsRepeatsOnce)
        defer { repeats.summary().forEach(report) }
        try runRowsPipelined(&source, key: grouping, consumer: consumer, report: { repeats.pass($0, to: report) })
    }

    /// `runRows`, its problems reported as they come.
    private func runRowsPipelined(
        _ source: inout some AuditRecordSource,
        key grouping: Grouping?,
        consumer: ScoreRowConsumer,
        report: (Diagnostic) -> Void
    ) throws {
        let context = RowContext(file: source.file, allowsFlagWords: source.allowsFlagWords, grouping: grouping)
        let decoder = self.decoder
        let compiled = self.compiled
        let scorecardIDs = self.scorecardIDs
        let readsTeam = checksNameVariants
        let readsAnswers = consumer.readsAnswers
        let makeDecoder = { (layout: RecordLayout) in
            CSVRowDecoder(layout: layout, decoder: decoder, compiled: compiled, scorecardIDs: scorecardIDs, grouping: grouping,
                          readsTeam: readsTeam, readsAnswers: readsAnswers, allowsFlagWords: context.allowsFlagWords)
        }
        // Each thread prepares records with row decoders of its own: their answer caches are
        // written as they read.
        let readerRows = RowPreparer(makeDecoder: makeDecoder)
        let consumerRows = RowPreparer(makeDecoder: makeDecoder)
        try withUnsafeMutablePointer(to: &source) { pointer in
            /// Reads items into `batch` until it is full; `false` after the last. With at most
            /// the batch just handed over waiting (`backlog` 0 or 1: a consumer that was waiting
            /// may not have taken it yet), the consumer is about to wait for this thread, so this
            /// batch's records are left for it to prepare (docs/scoring.md, "Two threads, one
            /// balance").
            let preparation = self.rowPreparation
            let fill = { (batch: inout RowBatch, backlog: Int) -> Bool in
                let prepares = switch preparation {
                case .balanced: backlog > 1
                case .reader: true
                case .consumer: false
                }
                while !batch.isFull {
                    do throws(InputError) {
                        switch try pointer.pointee.nextItem(into: &batch.cells) {
                        case nil:
                            return false
                        case .item(.problem(let diagnostic))?:
                            batch.items.append(.problem(diagnostic))
                        case .item(.warning(let diagnostic))?:
                            batch.items.append(.warning(diagnostic))
                        case .item(.record(let values, let layout, let line))?:
                            batch.items.append(.values(values, layout, line: line))
                        case .csvRecord(let layout, let cells)?:
                            var index = RowBatch.unprepared
                            if prepares {
                                let prepared = batch.cells.withBytes(of: cells) { readerRows.decoder(for: layout).prepare($0, credits: &batch.credits, keys: &batch.keys) }
                                if let prepared { batch.prepared.append(prepared) }
                                index = prepared == nil ? RowBatch.general : batch.prepared.count - 1
                            }
                            batch.items.append(.csv(layout, cells: cells, line: batch.cells.line, prepared: index))
                        }
                    } catch {
                        batch.items.append(.failure(error))
                        return false
                    }
                }
                return true
            }
            let pipeline = RecordPipeline<RowBatch>(makeBatch: { RowBatch() }, balancing: fill)
            guard RecordPipeline<RowBatch>.isUseful, pipeline.start() else {
                var more = true
                while more {
                    var batch = RowBatch()
                    more = fill(&batch, 1)
                    try consume(batch, context: context, preparer: consumerRows, consumer: consumer, report: report)
                }
                return
            }
            defer { pipeline.finish() }
            while let batch = pipeline.next() {
                try consume(batch, context: context, preparer: consumerRows, consumer: consumer, report: report)
            }
        }
    }

    /// One thread's row decoders, by layout (JSON Lines records of a few member sequences
    /// alternate, an optional answer left out, and each sequence has its layout), and the room
    /// its prepared records' credits and keys are written to when it is the consumer's.
    private final class RowPreparer {
        private let makeDecoder: (RecordLayout) -> CSVRowDecoder
        private var last: CSVRowDecoder?
        private var known: [ObjectIdentifier: CSVRowDecoder] = [:]
        var credits: [Int64] = []
        var keys: [UInt8] = []

        init(makeDecoder: @escaping (RecordLayout) -> CSVRowDecoder) {
            self.makeDecoder = makeDecoder
        }

        func decoder(for layout: RecordLayout) -> CSVRowDecoder {
            if let last, last.layout === layout { return last }
            let decoder: CSVRowDecoder
            if let found = known[ObjectIdentifier(layout)] {
                decoder = found
            } else {
                decoder = makeDecoder(layout)
                // A decoder holds its layout, so an identifier is not reused while cached.
                if known.count < 64 { known[ObjectIdentifier(layout)] = decoder }
            }
            last = decoder
            return decoder
        }

        /// Prepares one record into this preparer's own credits and keys.
        func prepare(_ cells: CSVRowDecoder.Cells, layout: RecordLayout) -> CSVRowDecoder.Prepared? {
            credits.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            return decoder(for: layout).prepare(cells, credits: &credits, keys: &keys)
        }
    }

    /// What `runRows` needs to consume a batch.
    private struct RowContext {
        let file: String
        let allowsFlagWords: Bool
        let grouping: Grouping?
    }

    /// Scores a prepared CSV record and hands its row to `consumer`, unless its id is a
    /// duplicate (or its form plan's arithmetic overflows): then `false`, for the
    /// general path, which reports it.
    private func finish(_ prepared: CSVRowDecoder.Prepared, cells: CSVRowDecoder.Cells, layout: RecordLayout, credits: [Int64],
                        keys: UnsafeBufferPointer<UInt8>, line: Int, context: RowContext, consumer: ScoreRowConsumer,
                        report: (Diagnostic) -> Void) throws -> Bool {
        let bytes = cells.bytes
        let plan = compiled[prepared.scorecardIndex].plan!
        let evaluation = credits.withUnsafeBufferPointer { credits in
            plan.evaluate(credits: UnsafeBufferPointer(rebasing: credits[prepared.creditStart..<prepared.creditStart + plan.items.count]),
                          applies: prepared.applies, sections: tallies)
        }
        func span(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        if let disputes, disputes.mayBeDisputed(id: span(prepared.id)) { return false }
        guard let evaluation, decoder.insertID(bytes: span(prepared.id)) else { return false }
        let key: UnsafeBufferPointer<UInt8>? = switch prepared.key {
        case .none: nil
        case .cell(let range): span(range)
        case .scorecard: scorecardIDs.span(prepared.scorecardIndex)
        case .joined(let range): UnsafeBufferPointer(rebasing: keys[range])
        }
        count(isCalibration: prepared.isCalibration, passed: evaluation.passed)
        directCount += 1
        if checksNameVariants {
            nameVariants.note(agent: span(prepared.agent), team: prepared.team.map(span), reviewer: span(prepared.reviewer),
                              file: context.file, line: line) { report($0.diagnostic(grouping: context.grouping)) }
        }
        try consumer.consume(ScoreRow(
            id: span(prepared.id), interactionID: span(prepared.interactionID), agent: span(prepared.agent), reviewer: span(prepared.reviewer),
            date: span(prepared.date), line: line, key: key, scorecardIndex: prepared.scorecardIndex, isCalibration: prepared.isCalibration,
            figures: .plan(evaluation, sections: UnsafeBufferPointer(rebasing: tallies[0..<plan.sections.count])),
            metadata: .cells(cells, layout: layout)))
        return true
    }

    /// Scores a batch's records and hands them to `consumer`, and its problems to `report`, in order.
    private func consume(_ batch: RowBatch, context: RowContext, preparer: RowPreparer, consumer: ScoreRowConsumer,
                         report: (Diagnostic) -> Void) throws {
        let scored = { (scored: ScoredAudit) throws in try ScoreRow.with(scored, grouping: context.grouping, consumer.consume) }
        let record = batch.cells
        try record.withBytes(of: 0..<record.count) { all in try batch.keys.withUnsafeBufferPointer { keys in
            for item in batch.items {
                switch item {
                case .csv(let layout, let cells, let line, let prepared):
                    note(layout)
                    let view = CSVRowDecoder.Cells(bytes: all.bytes, starts: UnsafeBufferPointer(rebasing: all.starts[cells]),
                                                   ends: UnsafeBufferPointer(rebasing: all.ends[cells]))
                    if prepared >= 0 {
                        if try finish(batch.prepared[prepared], cells: view, layout: layout, credits: batch.credits, keys: keys, line: line,
                                      context: context, consumer: consumer, report: report) {
                            continue
                        }
                    } else if prepared == RowBatch.unprepared, let mine = preparer.prepare(view, layout: layout) {
                        let done = try preparer.keys.withUnsafeBufferPointer { keys in
                            try finish(mine, cells: view, layout: layout, credits: preparer.credits, keys: keys, line: line,
                                       context: context, consumer: consumer, report: report)
                        }
                        if done {
                            consumerPreparedCount += 1
                            continue
                        }
                    }
                    try handle(decoder.decode(cells: view, layout: layout, file: context.file, line: line,
                                              allowFlagWords: context.allowsFlagWords), grouping: context.grouping, scored: scored, report: report)
                case .values(let values, let layout, let line):
                    note(layout)
                    try handle(decoder.decode(values: values, layout: layout, file: context.file, line: line,
                                              allowFlagWords: context.allowsFlagWords), grouping: context.grouping, scored: scored, report: report)
                case .problem(let diagnostic):
                    rejectedCount += 1
                    report(diagnostic)
                case .warning(let diagnostic):
                    report(diagnostic)
                case .failure(let error):
                    throw error
                }
            }
        } }
    }

    /// Adds the field names of a record's layout to `fieldNames`; a pointer comparison for a
    /// record with the layout of the one before.
    @inline(__always) private func note(_ layout: RecordLayout) {
        guard layout !== lastLayout else { return }
        lastLayout = layout
        fieldNames.formUnion(layout.metadataNames.lazy.filter { !$0.isEmpty })
    }

    /// Applies the decided disputes of `audit` (docs/disputes.md): an amended audit and its new
    /// result, with its disputes; `false` when a dispute voided it (counted, and noted in `book`).
    private func applyDisputes(_ book: DisputeBook, to audit: inout Audit, result: inout AuditScore,
                               disputes: inout AuditDisputes?) -> Bool {
        guard let outcome = book.resolve(audit, scorecard: scorecards[audit.scorecardIndex]) else { return true }
        let original = result
        switch outcome {
        case .void(let dispute):
            book.note(audit, original: original.score, amended: nil, voidedBy: dispute)
            voidedCount += 1
            return false
        case .amended(let amended, let entries):
            audit = amended
            result = compiled[audit.scorecardIndex].engine.score(audit)
            disputes = AuditDisputes(originalScore: original.score, entries: entries)
            book.note(audit, original: original.score, amended: result.score, voidedBy: nil)
            return true
        }
    }

    func handle(_ outcome: AuditDecoder.Outcome, grouping: Grouping?, scored: (ScoredAudit) throws -> Void,
                        report: (Diagnostic) -> Void) throws {
        switch outcome {
        case .audit(let audit):
            try handle(audit, result: compiled[audit.scorecardIndex].engine.score(audit), grouping: grouping, scored: scored, report: report)
        case .rejected(let diagnostics):
            rejectedCount += 1
            diagnostics.forEach(report)
        }
    }

    /// A valid audit and its result as the reviewer's answers give it: disputes applied, counted,
    /// handed to `scored`.
    private func handle(_ audit: Audit, result: AuditScore, taken: Bool = false, grouping: Grouping?, scored: (ScoredAudit) throws -> Void,
                        report: (Diagnostic) -> Void) throws {
        var audit = audit
        var result = result
        var disputed: AuditDisputes?
        if let book = disputes {
            guard applyDisputes(book, to: &audit, result: &result, disputes: &disputed) else { return }
        }
        count(isCalibration: audit.isCalibration, passed: result.passed)
        if checksNameVariants {
            nameVariants.note(agent: audit.agent, team: audit.metadata.value(named: "team"), reviewer: audit.reviewer,
                              file: audit.file, line: audit.line) { report($0.diagnostic(grouping: grouping)) }
        }
        var scoredAudit = ScoredAudit(audit: audit, result: result, shared: compiled[audit.scorecardIndex].shared)
        scoredAudit.disputes = disputed
        scoredAudit.isTalliedEarly = taken
        try scored(scoredAudit)
    }
}
