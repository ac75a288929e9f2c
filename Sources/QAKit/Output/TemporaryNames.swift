#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary output names this process has on disk, removed if SIGINT, SIGTERM or SIGHUP
/// ends it (docs/output-files.md).
///
/// The names live in a fixed table allocated once, so that the handler touches no Swift object
/// and calls only async-signal-safe functions (`unlink`, `signal`, `raise`). A name is written
/// before its slot is marked in use, and a slot is marked free before it is reused; the table is
/// changed under a lock, with the three signals blocked on the changing thread. A name that does
/// not fit (more than `capacity` at once, or a path longer than `pathCapacity`) is not
/// registered: a signal then leaves it, and the next run's sweep removes it.
enum TemporaryNames {
    static let capacity = 64
    static let pathCapacity = 4096
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// `capacity` slots of `pathCapacity` bytes, each a NUL-terminated path.
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let paths = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * pathCapacity)
        paths.initialize(repeating: 0, count: capacity * pathCapacity)
        return paths
    }()
    /// 1 where the slot holds a live name.
    nonisolated(unsafe) private static let inUse: UnsafeMutablePointer<Int32> = {
        let inUse = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        inUse.initialize(repeating: 0, count: capacity)
        return inUse
    }()
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()
    /// Installs the handler once, leaving alone a signal the process was started ignoring
    /// (`nohup`, a background job): qakit must not make it fatal.
    private static let installed: Bool = {
        _ = (paths, inUse)
        for number in signals {
            let previous = signal(number, handle)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { _ = signal(number, SIG_IGN) }
        }
        return true
    }()

    /// Registers `path` for removal on a signal; returns its slot, or `nil` when it does not fit.
    static func register(_ path: String) -> Int? {
        _ = installed
        guard path.utf8.count < pathCapacity else { return nil }
        return changing {
            guard let slot = (0..<capacity).first(where: { inUse[$0] == 0 }) else { return nil }
            let start = paths + slot * pathCapacity
            path.withCString { _ = strcpy(start, $0) }
            inUse[slot] = 1
            return slot
        }
    }

    /// Forgets the name in `slot` (it was renamed into place or removed).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        changing { inUse[slot] = 0 }
    }

    /// Runs `body` under the lock with the signals blocked on this thread, so that the handler
    /// never runs here between the two halves of a change.
    private static func changing<T>(_ body: () -> T) -> T {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        for signal in signals { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        pthread_mutex_lock(lock)
        defer {
            pthread_mutex_unlock(lock)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }

    /// The handler: removes every registered name, then ends the process by the same signal
    /// with its default action, so the parent sees how it ended.
    private static let handle: @convention(c) (Int32) -> Void = { number in
        for slot in 0..<TemporaryNames.capacity where TemporaryNames.inUse[slot] == 1 {
            unlink(TemporaryNames.paths + slot * TemporaryNames.pathCapacity)
        }
        _ = signal(number, SIG_DFL)
        raise(number)
    }
}
