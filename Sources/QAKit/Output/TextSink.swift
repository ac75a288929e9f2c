#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere text output goes: standard output, an atomically written file, or memory (tests).
public protocol TextSink: AnyObject {
    func write(_ text: String) throws
    /// Writes UTF-8 text given as bytes.
    func write(utf8 bytes: UnsafeBufferPointer<UInt8>) throws
}

extension AtomicFile: TextSink {
    /// Appends UTF-8 text given as bytes, as `write(bytes:)`.
    public func write(utf8 bytes: UnsafeBufferPointer<UInt8>) throws {
        try write(bytes: bytes)
    }
}

/// Collects output in memory, for tests and small reports.
public final class StringSink: TextSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
    /// Appends UTF-8 text given as bytes.
    public func write(utf8 bytes: UnsafeBufferPointer<UInt8>) { text += String(decoding: bytes, as: UTF8.self) }
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

    /// Buffers UTF-8 text given as bytes, writing out every 64 KiB.
    public func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered; a closed pipe (`qakit … | head`) ends quietly.
    public func flush() {
        _ = AtomicFile.writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }
}
