#if canImport(Glibc)
import Glibc
/// The C library's `write(2)`, named once per platform (`AtomicFile.write` hides the global).
private let systemWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes output files so that a reader sees the old file or the complete new one, never a part,
/// and so that no kill leaves a name behind where it can be helped (docs/output-files.md).
///
/// On Linux the data goes to an unnamed file in the target's directory (`O_TMPFILE`): a run that
/// is killed, even by SIGKILL, leaves nothing, because the kernel frees a file without a name.
/// On commit the file is flushed to disk and linked in: straight to the target when there is
/// none, else to a temporary name that is at once renamed over the target.
///
/// Where there are no unnamed files (macOS, a file system that refuses `O_TMPFILE`, or
/// `QAKIT_NAMED_TEMPORARY` set) the data goes to `.NAME.qakit-tmp-PID-XXXXXX` beside the target.
/// SIGINT, SIGTERM and SIGHUP remove it (`TemporaryNames`); a name that SIGKILL leaves is swept
/// by the next output to the same file, once the process named in it is gone.
public final class AtomicFile {
    /// Why an output file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }

    /// The target.
    public let path: String
    private let directory: String
    private let name: String
    private let descriptor: Int32
    /// The named temporary holding the data, or `nil` for an unnamed file.
    private let temporaryPath: String?
    /// `temporaryPath`'s slot in `TemporaryNames`.
    private let slot: Int?
    private var buffer: [UInt8] = []
    private var isFinished = false

    /// Whether unnamed files may be used; `QAKIT_NAMED_TEMPORARY` (any value) turns them off, to
    /// test the fallback or to work round a file system that mishandles them.
    static let allowsUnnamedFiles = getenv("QAKIT_NAMED_TEMPORARY") == nil

    /// Opens an unnamed file in `path`'s directory, or else a named temporary beside it, after
    /// sweeping the temporaries that dead runs left for the same target.
    public convenience init(path: String) throws(WriteError) {
        try self.init(path: path, allowsUnnamedFile: Self.allowsUnnamedFiles)
    }

    init(path: String, allowsUnnamedFile: Bool) throws(WriteError) {
        self.path = path
        (directory, name) = Self.split(path)
        Self.sweepStaleTemporaries(directory: directory, name: name)
        if allowsUnnamedFile, let descriptor = Self.openUnnamed(in: directory) {
            self.descriptor = descriptor
            temporaryPath = nil
            slot = nil
        } else {
            var template = Array("\(directory)/\(Self.temporaryPrefix(name))\(getpid())-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw WriteError(path: path, reason: Self.errorText()) }
            let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            slot = TemporaryNames.register(temporaryPath)
            self.descriptor = descriptor
            self.temporaryPath = temporaryPath
            // Readable by others like any file the user creates (mkstemp makes it 0600).
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        guard !isFinished else { return }
        close(descriptor)
        if let temporaryPath { unlink(temporaryPath) }
        TemporaryNames.unregister(slot)
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

    /// Flushes and syncs the data, puts it in place of the target, and syncs the directory.
    public func commit() throws(WriteError) {
        try flush()
        guard fsync(descriptor) == 0 else { throw WriteError(path: path, reason: Self.errorText()) }
        isFinished = true
        defer {
            close(descriptor)
            TemporaryNames.unregister(slot)
        }
        if let temporaryPath {
            try replaceTarget(with: temporaryPath)
        } else {
            try linkUnnamed()
        }
        syncDirectory()
    }

    /// Gives the unnamed file the target's name: a link straight to it when it does not exist,
    /// else a link to a temporary name renamed over it (a link cannot replace a file).
    private func linkUnnamed() throws(WriteError) {
        let source = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else { throw WriteError(path: path, reason: Self.errorText()) }
        let temporary = "\(directory)/\(Self.temporaryPrefix(name))\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        let slot = TemporaryNames.register(temporary)
        defer { TemporaryNames.unregister(slot) }
        guard linkat(AT_FDCWD, source, AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
            throw WriteError(path: path, reason: Self.errorText())
        }
        try replaceTarget(with: temporary)
    }

    /// Renames `temporary` over the target, removing it if that fails.
    private func replaceTarget(with temporary: String) throws(WriteError) {
        guard rename(temporary, path) == 0 else {
            let reason = Self.errorText()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Makes the new name durable (a power cut after the commit must not bring the old file
    /// back). Best effort: the output is already complete and in place.
    private func syncDirectory() {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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
                systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// The start of every temporary name for the target `name`; the PID and a random part follow.
    static func temporaryPrefix(_ name: String) -> String {
        ".\(name).qakit-tmp-"
    }

    /// Removes `.NAME.qakit-tmp-PID-…` files in `directory` whose process no longer exists
    /// (`kill(PID, 0)` fails with ESRCH). A live process's temporaries, this process's, and names
    /// without a PID (older qakit versions) are left alone.
    static func sweepStaleTemporaries(directory: String, name: String) {
        let prefix = Array(temporaryPrefix(name).utf8)
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let entryName = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard entryName.utf8.starts(with: prefix) else { continue }
            let rest = entryName.utf8.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: UInt8(ascii: "-")),
                  let pid = pid_t(String(decoding: rest[..<dash], as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(directory)/\(entryName)") }
        }
    }

    /// The directory (`.` for a bare name, `/` at the root) and the file name of `path`.
    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// An unnamed file for writing in `directory`, or `nil` where the platform, the file system
    /// or a missing `/proc` (needed to link it in) rules one out.
    private static func openUnnamed(in directory: String) -> Int32? {
        #if os(Linux)
        // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY`, a macro Swift does not import; __O_TMPFILE
        // is 0o20000000 on every architecture Swift runs on (asm-generic/fcntl.h).
        let descriptor = open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return nil }
        guard access("/proc/self/fd/\(descriptor)", F_OK) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
        #else
        return nil
        #endif
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
