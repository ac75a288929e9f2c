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
    /// Room for one audit's section tallies (`run`).
    private let tallies: UnsafeMutableBufferPointer<ScoringPlan.SectionTally>

    /// Audits scored, calibration audits among them, and records rejected so far.
    public internal(set) var scoredCount = 0
    public internal(set) var calibrationCount = 0
    public internal(set) var rejectedCount = 0
    /// Non-calibration audits with a pass/fail, and those that passed: the summary's pass rate.
    public internal(set) var judgedCount = 0
    public internal(set) var passedCount = 0
    /// The metadata field names of every record `run` read, valid or not: with
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
    /// Audits `run` scored straight from CSV bytes (the rest took the general path).
    var directCount = 0
    /// Of those, the ones whose credits the scoring thread worked out itself.
    var consumerPreparedCount = 0

    /// Which thread of `run` works out a record's credits (docs/scoring.md, "Two threads,
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
    /// This is `run(_:key:consumer:report:)` with a consumer that reads whole audits: every
    /// record takes the general path. `grouping`, when the caller groups the audits, is named in
    /// name-variant warnings (`checksNameVariants`).
    public func run(
        _ source: inout some AuditRecordSource,
        grouping: Grouping? = nil,
        scored: (ScoredAudit) throws -> Void,
        report: (Diagnostic) -> Void
    ) throws {
        try withoutActuallyEscaping(scored) { scored in
            try run(&source, key: nil, naming: grouping, consumer: AuditCallback(scored), report: report)
        }
    }

    /// Hands `run(_:grouping:scored:report:)`'s audits to its closure.
    private final class AuditCallback: ScoreRowConsumer {
        let body: (ScoredAudit) throws -> Void
        init(_ body: @escaping (ScoredAudit) throws -> Void) { self.body = body }
        var readsAudits: Bool { true }
        func consume(audit scored: ScoredAudit, key grouping: Grouping?) throws { try body(scored) }
        /// Not called: a consumer that reads audits gets no row from the byte path.
        func consume(_ row: ScoreRow) throws { try body(row.scored!) }
    }

    /// Reads every record of `source`, handing each scored audit to `consumer` as a `ScoreRow`
    /// whose key is taken by `grouping`, and each problem to `report`, in file order. Throws when
    /// the file cannot be read further (the records before it count). This is the one loop of
    /// every command that scores (docs/scoring.md, "One loop").
    ///
    /// The run picks each record's path from what `consumer` reads: for a consumer that reads
    /// whole audits (`ScoreRowConsumer.readsAudits`), every record is decoded into an `Audit` and
    /// scored by the engine, and its row carries it; otherwise CSV records are scored straight
    /// from their bytes (`CSVRowDecoder`) and only the records that path cannot prove valid take
    /// the general one, with the same results and diagnostics.
    ///
    /// On a machine with more than one core, records are read on a second thread
    /// (`RecordPipeline`), which also decodes and scores them as far as the balance of the two
    /// threads gives (docs/scoring.md, "Two threads, one balance"); the calls and their order are
    /// the same either way.
    public func run(
        _ source: inout some AuditRecordSource,
        key grouping: Grouping?,
        consumer: ScoreRowConsumer,
        report: (Diagnostic) -> Void
    ) throws {
        try run(&source, key: grouping, naming: grouping, consumer: consumer, report: report)
    }

    /// `run`, with `naming`, the grouping name-variant warnings name, apart from `key`.
    private func run(
        _ source: inout some AuditRecordSource,
        key grouping: Grouping?,
        naming: Grouping?,
        consumer: ScoreRowConsumer,
        report: (Diagnostic) -> Void
    ) throws {
        let repeats = RepeatedProblems(isEnabled: reportsRepeatsOnce)
        defer { repeats.summary().forEach(report) }
        try runPipelined(&source, key: grouping, naming: naming, consumer: consumer, report: { repeats.pass($0, to: report) })
    }

    /// Whether `run` may read on a second thread; off for tests that compare the two ways.
    var usesSecondThread = true

    /// `run`, its problems reported as they come.
    private func runPipelined(
        _ source: inout some AuditRecordSource,
        key grouping: Grouping?,
        naming: Grouping?,
        consumer: ScoreRowConsumer,
        report: (Diagnostic) -> Void
    ) throws {
        let file = source.file
        let allowsFlagWords = source.allowsFlagWords
        let context = RowContext(file: file, allowsFlagWords: allowsFlagWords, grouping: grouping, naming: naming)
        let decoder = self.decoder
        let compiled = self.compiled
        let scorecardIDs = self.scorecardIDs
        let readsTeam = checksNameVariants
        let readsAnswers = consumer.readsAnswers
        let readsAudits = consumer.readsAudits
        let buildsCriterionResults = self.buildsCriterionResults
        let early = disputes == nil ? readingThreadConsumer : nil
        let makeDecoder = { (layout: RecordLayout) in
            CSVRowDecoder(layout: layout, decoder: decoder, compiled: compiled, scorecardIDs: scorecardIDs, grouping: grouping,
                          readsTeam: readsTeam, readsAnswers: readsAnswers, allowsFlagWords: allowsFlagWords)
        }
        // Each thread prepares records with row decoders of its own: their answer caches are
        // written as they read.
        let readerRows = RowPreparer(makeDecoder: makeDecoder)
        let consumerRows = RowPreparer(makeDecoder: makeDecoder)
        try withUnsafeMutablePointer(to: &source) { pointer in
            /// A record's cells for a consumer of whole audits, decoded on this thread and
            /// emptied after.
            var record = CSVRecord()
            /// A record the general path decoded here: scored, and its item appended.
            func take(_ outcome: AuditDecoder.Outcome, layout: RecordLayout, into batch: inout RowBatch) {
                switch outcome {
                case .audit(let audit):
                    var result = compiled[audit.scorecardIndex].engine.score(audit)
                    if buildsCriterionResults { result.criteria = result.criteria }
                    let taken = early?(ScoredAudit(audit: audit, result: result, shared: compiled[audit.scorecardIndex].shared)) ?? false
                    batch.audits.append(RowBatch.ScoredItem(audit: audit, result: result, taken: taken))
                    batch.items.append(.scored(index: batch.audits.count - 1, layout: layout))
                case .rejected(let diagnostics):
                    batch.items.append(.rejected(diagnostics, layout: layout))
                }
            }
            /// Reads items into `batch` until it is full; `false` after the last. For a consumer
            /// of rows, with at most the batch just handed over waiting (`backlog` 0 or 1: a
            /// consumer that was waiting may not have taken it yet), the consumer is about to
            /// wait for this thread, so this batch's records are left for it to prepare
            /// (docs/scoring.md, "Two threads, one balance").
            let preparation = self.rowPreparation
            let fill = { (batch: inout RowBatch, backlog: Int) -> Bool in
                batch.items.reserveCapacity(Self.batchSize)
                let prepares = switch preparation {
                case .balanced: backlog > 1
                case .reader: true
                case .consumer: false
                }
                while !batch.isFull {
                    do throws(InputError) {
                        if readsAudits {
                            record.removeAll()
                            switch try pointer.pointee.nextItem(into: &record) {
                            case nil:
                                return false
                            case .item(.problem(let diagnostic))?:
                                batch.items.append(.problem(diagnostic))
                            case .item(.warning(let diagnostic))?:
                                batch.items.append(.warning(diagnostic))
                            case .item(.record(let values, let layout, let line))?:
                                take(decoder.decode(values: values, layout: layout, file: file, line: line, allowFlagWords: allowsFlagWords),
                                     layout: layout, into: &batch)
                            case .csvRecord(let layout, let cells)?:
                                take(record.withBytes(of: cells) { cells in
                                    decoder.decode(cells: cells, layout: layout, file: file, line: record.line, allowFlagWords: allowsFlagWords)
                                }, layout: layout, into: &batch)
                            }
                            continue
                        }
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
            guard usesSecondThread, RecordPipeline<RowBatch>.isUseful, pipeline.start() else {
                var more = true
                while more {
                    var batch = RowBatch()
                    more = fill(&batch, 1)
                    try consume(&batch, context: context, preparer: consumerRows, consumer: consumer, report: report)
                }
                return
            }
            defer { pipeline.finish() }
            while var batch = pipeline.next() {
                try consume(&batch, context: context, preparer: consumerRows, consumer: consumer, report: report)
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

    /// What `run` needs to consume a batch.
    private struct RowContext {
        let file: String
        let allowsFlagWords: Bool
        /// The run's `--by` keys.
        let grouping: Grouping?
        /// The grouping name-variant warnings name.
        let naming: Grouping?
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
                              file: context.file, line: line) { report($0.diagnostic(grouping: context.naming)) }
        }
        try consumer.consume(ScoreRow(
            id: span(prepared.id), interactionID: span(prepared.interactionID), agent: span(prepared.agent), reviewer: span(prepared.reviewer),
            date: span(prepared.date), line: line, key: key, scorecardIndex: prepared.scorecardIndex, isCalibration: prepared.isCalibration,
            figures: .plan(evaluation, sections: UnsafeBufferPointer(rebasing: tallies[0..<plan.sections.count])),
            metadata: .cells(cells, layout: layout)))
        return true
    }

    /// Scores a batch's records and hands them to `consumer`, and its problems to `report`, in order.
    private func consume(_ batch: inout RowBatch, context: RowContext, preparer: RowPreparer, consumer: ScoreRowConsumer,
                         report: (Diagnostic) -> Void) throws {
        let scored = { (scored: ScoredAudit) throws in try consumer.consume(audit: scored, key: context.grouping) }
        let record = batch.cells
        let prepared = batch.prepared, credits = batch.credits
        try record.withBytes(of: 0..<record.count) { all in try batch.keys.withUnsafeBufferPointer { keys in
            for position in batch.items.indices {
                // Moved out rather than copied: a copy would retain every string and array of
                // its audit once more.
                var item = RowBatch.Item.taken
                swap(&item, &batch.items[position])
                switch item {
                case .csv(let layout, let cells, let line, let index):
                    note(layout)
                    let view = CSVRowDecoder.Cells(bytes: all.bytes, starts: UnsafeBufferPointer(rebasing: all.starts[cells]),
                                                   ends: UnsafeBufferPointer(rebasing: all.ends[cells]))
                    if index >= 0 {
                        if try finish(prepared[index], cells: view, layout: layout, credits: credits, keys: keys, line: line,
                                      context: context, consumer: consumer, report: report) {
                            continue
                        }
                    } else if index == RowBatch.unprepared, let mine = preparer.prepare(view, layout: layout) {
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
                                              allowFlagWords: context.allowsFlagWords), naming: context.naming, scored: scored, report: report)
                case .values(let values, let layout, let line):
                    note(layout)
                    try handle(decoder.decode(values: values, layout: layout, file: context.file, line: line,
                                              allowFlagWords: context.allowsFlagWords), naming: context.naming, scored: scored, report: report)
                case .scored(let index, let layout):
                    note(layout)
                    // Moved out too, for the same reason.
                    guard let item = batch.audits[index].take() else { break }
                    try handle(item.audit, result: item.result, taken: item.taken, naming: context.naming, scored: scored, report: report)
                case .rejected(let diagnostics, let layout):
                    note(layout)
                    rejectedCount += 1
                    diagnostics.forEach(report)
                case .problem(let diagnostic):
                    rejectedCount += 1
                    report(diagnostic)
                case .warning(let diagnostic):
                    report(diagnostic)
                case .failure(let error):
                    throw error
                case .taken:
                    break
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

    func handle(_ outcome: AuditDecoder.Outcome, naming: Grouping?, scored: (ScoredAudit) throws -> Void,
                        report: (Diagnostic) -> Void) throws {
        switch outcome {
        case .audit(let audit):
            try handle(audit, result: compiled[audit.scorecardIndex].engine.score(audit), naming: naming, scored: scored, report: report)
        case .rejected(let diagnostics):
            rejectedCount += 1
            diagnostics.forEach(report)
        }
    }

    /// A valid audit and its result as the reviewer's answers give it: disputes applied, counted,
    /// handed to `scored`.
    private func handle(_ audit: Audit, result: AuditScore, taken: Bool = false, naming grouping: Grouping?, scored: (ScoredAudit) throws -> Void,
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
