#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that a reader sees the old file or the complete new one, never a part.
///
/// Data goes to a temporary file beside the target (same directory, so the rename cannot cross
/// file systems), is flushed to disk, and is then renamed over the target. A failed or killed run
/// leaves at most a stray `.qakit-tmp-*` file, never a truncated output.
public final class AtomicFile {
    /// Why an output file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    public let path: String
    private let temporaryPath: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isFinished = false

    /// Opens a temporary file beside `path`.
    public init(path: String) throws(WriteError) {
        self.path = path
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(name).qakit-tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: AtomicFile.errorText()) }
        self.descriptor = descriptor
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !isFinished {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends text; written out in 64 KiB blocks.
    public func write(_ text: String) throws(WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes.
    public func write(bytes: some Collection<UInt8>) throws(WriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes, syncs and renames the temporary file over the target.
    public func commit() throws(WriteError) {
        try flush()
        // Readable by others like any file the user creates (mkstemp makes it 0600).
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: AtomicFile.errorText()) }
        close(descriptor)
        isFinished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = AtomicFile.errorText()
            unlink(temporaryPath)
            throw WriteError(path: path, reason: reason)
        }
        syncDirectory()
    }

    /// Makes the rename itself durable (a power cut after it must not bring the old name back).
    /// Best effort: the output is already complete and in place, so a failure here is ignored.
    private func syncDirectory() {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Writes `text` to `path` atomically in one call.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        let file = try AtomicFile(path: path)
        try file.write(text)
        try file.commit()
    }

    private func flush() throws(WriteError) {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard AtomicFile.writeAll(buffer, to: descriptor) else {
            throw WriteError(path: path, reason: AtomicFile.errorText())
        }
    }

    /// Writes every byte to `descriptor`, retrying interrupted and partial writes; `false` on an
    /// error, with `errno` set.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
