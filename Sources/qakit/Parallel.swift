import Dispatch
import QAKit

/// Tallies scored audits on a second thread while the calling thread reads and scores, so that
/// a large coaching run uses both cores. Batches keep the hand-over cheap; at most `inFlight`
/// batches wait, so memory stays bounded however fast the reader is.
final class BackgroundTally: @unchecked Sendable {
    // `tally` is only touched on `queue`; `batch` only on the calling thread.
    private var tally: CoachingTally
    private var batch: [ScoredAudit] = []
    private let queue = DispatchQueue(label: "qakit.coach.tally")
    private let slots = DispatchSemaphore(value: 8)
    private static let batchSize = 2048

    init(_ tally: CoachingTally) {
        self.tally = tally
        batch.reserveCapacity(Self.batchSize)
    }

    func add(_ scored: ScoredAudit) {
        batch.append(scored)
        if batch.count == Self.batchSize { flush() }
    }

    /// Waits for every batch and returns the finished tally.
    func finish() -> CoachingTally {
        flush()
        return queue.sync { tally }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let items = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        slots.wait()
        queue.async {
            for item in items { self.tally.add(item) }
            self.slots.signal()
        }
    }
}

/// `transform` applied to every element on all cores; results in the elements' order.
func parallelMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
    results.initialize(repeating: nil)
    defer {
        _ = results.deinitialize()
        results.deallocate()
    }
    let box = UnsafeSendable(results)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
        box.value[index] = transform(elements[index])
    }
    return results.map { $0! }
}

/// Hands a buffer whose slots are written by distinct iterations to `concurrentPerform`.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
