#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere text output goes: standard output, an atomically written file, or memory (tests).
public protocol TextSink: AnyObject {
    func write(_ text: String) throws
}

extension AtomicFile: TextSink {}

/// Collects output in memory, for tests and small reports.
public final class StringSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}

/// Buffered standard output.
public final class StandardOutput: TextSink {
    private var buffer: [UInt8] = []

    public init() {
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered; a closed pipe (`qakit … | head`) ends quietly.
    public func flush() {
        _ = AtomicFile.writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }
}
