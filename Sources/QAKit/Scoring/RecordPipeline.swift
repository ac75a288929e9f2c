#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and validates records on a second thread while the caller's thread scores them and hands
/// them on, in batches through a small bounded queue: on two cores the two halves of a run
/// overlap, and memory stays flat (at most `capacity` batches are in flight).
///
/// Order is kept exactly: items come out in the order the source yields them, a read failure
/// arrives after the records before it, and nothing but the source and the decoder is touched
/// on the second thread. The caller joins the thread before it returns, also when it throws.
final class RecordPipeline: @unchecked Sendable {
    /// One step of a run, in source order.
    enum Item {
        case decoded(AuditDecoder.Outcome)
        case problem(Diagnostic)
        case warning(Diagnostic)
        case failure(InputError)
        /// What is left in a batch slot once its item has been taken out.
        case taken
    }

    static let batchSize = 256
    static let capacity = 8

    private let produce: (inout [Item]) -> Bool
    private var batches: [[Item]] = []
    private var isFinished = false
    private var isCancelled = false
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread: pthread_t?

    /// Whether a second thread is worth starting at all.
    static var isUseful: Bool { sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 }

    /// `produce` appends the next items to its argument and returns `false` after the last one;
    /// it runs on the pipeline's thread only.
    init(produce: @escaping (inout [Item]) -> Bool) {
        self.produce = produce
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        changed.deallocate()
    }

    /// Starts the producing thread; `false` if it could not be started.
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { context in
            let pipeline = Unmanaged<RecordPipeline>.fromOpaque(context!).takeRetainedValue()
            pipeline.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<RecordPipeline>.fromOpaque(context).release()
            return false
        }
        thread = handle
        return true
    }

    /// The next batch, waiting for it; `nil` once everything has been handed over.
    func next() -> [Item]? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while batches.isEmpty && !isFinished { pthread_cond_wait(changed, mutex) }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        pthread_cond_broadcast(changed)
        return batch
    }

    /// Stops the producer (if it is still going) and waits for its thread to end.
    func finish() {
        pthread_mutex_lock(mutex)
        isCancelled = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    private func run() {
        var more = true
        while more {
            var batch: [Item] = []
            batch.reserveCapacity(Self.batchSize)
            while more && batch.count < Self.batchSize { more = produce(&batch) }
            pthread_mutex_lock(mutex)
            while batches.count >= Self.capacity && !isCancelled { pthread_cond_wait(changed, mutex) }
            if isCancelled { more = false }
            batches.append(batch)
            if !more { isFinished = true }
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
    }
}
