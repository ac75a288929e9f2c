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
final class RecordPipeline<Batch>: @unchecked Sendable {
    /// How many batches may wait for the consumer.
    static var capacity: Int { 8 }

    private let fill: (inout Batch, _ backlog: Int) -> Bool
    private let makeBatch: () -> Batch
    private var batches: [Batch] = []
    private var isFinished = false
    private var isCancelled = false
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var thread: pthread_t?

    /// Whether a second thread is worth starting at all.
    static var isUseful: Bool { processorCount > 1 }

    /// `fill` fills an empty batch from `makeBatch` with the next items and returns `false` once
    /// the last one is in; it runs on the pipeline's thread only.
    convenience init(makeBatch: @escaping () -> Batch, fill: @escaping (inout Batch) -> Bool) {
        self.init(makeBatch: makeBatch, balancing: { batch, _ in fill(&batch) })
    }

    /// As `init(makeBatch:fill:)`, but `fill` is also told the backlog: how many filled batches
    /// were waiting for the consumer when it started this one. 0 means the consumer is about to
    /// wait for this thread, so a `fill` that can leave part of its work to the consumer should
    /// (`ScoringRun.run`).
    init(makeBatch: @escaping () -> Batch, balancing fill: @escaping (inout Batch, _ backlog: Int) -> Bool) {
        self.makeBatch = makeBatch
        self.fill = fill
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
        guard let handle = startThread({ self.run() }) else { return false }
        thread = handle
        return true
    }

    /// The next batch, waiting for it; `nil` once everything has been handed over.
    func next() -> Batch? {
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
            var batch = makeBatch()
            pthread_mutex_lock(mutex)
            let backlog = batches.count
            pthread_mutex_unlock(mutex)
            more = fill(&batch, backlog)
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

/// The body of a thread, boxed to pass through `pthread_create`.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Starts a thread running `body`; `nil` if it could not be started. (Not a method of the generic
/// pipeline: the compiler's sendability checker fails on that.)
private func startThread(_ body: @escaping () -> Void) -> pthread_t? {
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var handle = pthread_t()
    let status = pthread_create(&handle, nil, { context in
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    guard status == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(context).release()
        return nil
    }
    return handle
}

/// The processors online.
let processorCount = sysconf(Int32(_SC_NPROCESSORS_ONLN))
