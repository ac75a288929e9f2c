import Dispatch

extension ScoringRun {
    /// Like `run(_:scored:report:)`, with reading and decoding on a second thread while this
    /// thread scores: for large inputs on a machine with two or more cores.
    ///
    /// Records reach `scored` and `report` in input order, on the calling thread. Decoded
    /// audits travel between the threads in batches, at most a few batches ahead, so memory
    /// stays flat. The counts are the same as after `run`.
    public func runConcurrently<Source: AuditRecordSource>(
        _ source: inout Source,
        scored: (ScoredAudit) throws -> Void,
        report: (Diagnostic) -> Void
    ) throws {
        let reader = SourceReader(source: source, decoder: decoder)
        let job: any BackgroundReading = reader
        let queue = BatchQueue(capacity: 4)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { job.readAll(into: queue) }
        defer {
            queue.cancel()
            done.wait()
            source = reader.source
        }
        while let batch = queue.take() {
            for item in batch {
                switch item {
                case .audit(let audit):
                    let result = engines[audit.scorecardIndex].score(audit)
                    scoredCount += 1
                    if audit.isCalibration { calibrationCount += 1 }
                    try scored(ScoredAudit(audit: audit, result: result, scorecard: scorecards[audit.scorecardIndex]))
                case .rejected(let diagnostics):
                    rejectedCount += 1
                    diagnostics.forEach(report)
                case .warning(let diagnostic):
                    report(diagnostic)
                }
            }
        }
        if let error = queue.failure { throw error }
    }
}

/// What the reading thread hands over for one record.
private enum DecodedItem: Sendable {
    case audit(Audit)
    case rejected([Diagnostic])
    case warning(Diagnostic)
}

/// Work for the reading thread, without naming the source's type (its metatype need not be
/// `Sendable`).
private protocol BackgroundReading: AnyObject, Sendable {
    func readAll(into queue: BatchQueue)
}

/// The source and decoder, used only by the reading thread until it has finished; the caller
/// takes the source back after waiting for it, which is what makes the unchecked transfer safe.
private final class SourceReader<Source: AuditRecordSource>: BackgroundReading, @unchecked Sendable {
    var source: Source
    let decoder: AuditDecoder

    init(source: Source, decoder: AuditDecoder) {
        self.source = source
        self.decoder = decoder
    }

    func readAll(into queue: BatchQueue) {
        var batch: [DecodedItem] = []
        batch.reserveCapacity(BatchQueue.batchSize)
        do {
            while let item = try source.next() {
                switch item {
                case .problem(let diagnostic):
                    batch.append(.rejected([diagnostic]))
                case .warning(let diagnostic):
                    batch.append(.warning(diagnostic))
                case .record(let values, let layout, let line):
                    switch decoder.decode(values: values, layout: layout, file: source.file, line: line, allowFlagWords: source.allowsFlagWords) {
                    case .audit(let audit): batch.append(.audit(audit))
                    case .rejected(let diagnostics): batch.append(.rejected(diagnostics))
                    }
                }
                if batch.count == BatchQueue.batchSize {
                    guard queue.put(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = queue.put(batch) }
            queue.finish(failure: nil)
        } catch {
            if !batch.isEmpty { _ = queue.put(batch) }
            queue.finish(failure: error)
        }
    }
}

/// A bounded queue of batches between one producer and one consumer.
private final class BatchQueue: @unchecked Sendable {
    static let batchSize = 1024

    private let lock = DispatchSemaphore(value: 1)
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private var batches: [[DecodedItem]] = []
    private var isFinished = false
    private var isCancelled = false
    private(set) var failure: InputError?

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Waits for room and adds a batch; `false` when the consumer has gone.
    func put(_ batch: [DecodedItem]) -> Bool {
        free.wait()
        lock.wait()
        defer { lock.signal() }
        guard !isCancelled else { return false }
        batches.append(batch)
        filled.signal()
        return true
    }

    /// No more batches; `failure` is the error that stopped the reading, if any.
    func finish(failure: InputError?) {
        lock.wait()
        self.failure = failure
        isFinished = true
        lock.signal()
        filled.signal()
    }

    /// The next batch, or `nil` once the producer has finished and everything was taken.
    func take() -> [DecodedItem]? {
        filled.wait()
        lock.wait()
        defer { lock.signal() }
        guard !batches.isEmpty else { return nil }
        free.signal()
        return batches.removeFirst()
    }

    /// The consumer stops early (an error while scoring): unblock and stop the producer.
    func cancel() {
        lock.wait()
        isCancelled = true
        batches.removeAll()
        lock.signal()
        free.signal()
    }
}
