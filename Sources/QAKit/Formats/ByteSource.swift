#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of a file, standard input or memory, handed out in chunks so that memory stays constant
/// however large the input is.
///
/// A file is read with `open`/`read` in pieces of at most `chunkSize` bytes (256 KiB by default);
/// the path `-` is standard input (file descriptor 0, never closed). Readers pass their own buffer,
/// so no bytes are copied twice. Interrupted reads (`EINTR`) are retried.
public final class ByteSource {
    /// The default read size: large enough that system calls are rare, small enough for any cache.
    public static let defaultChunkSize = 256 * 1024

    /// The largest chunk size honoured, so that buffer sizes cannot overflow.
    public static let largestChunkSize = 64 << 20

    /// The path as given, `-` for standard input, or the name given to in-memory bytes.
    public let path: String
    /// The most bytes one `read(into:)` returns: the requested size, clamped to 1 byte … 64 MiB.
    public let chunkSize: Int

    private enum Backing {
        case descriptor(Int32, owned: Bool)
        case memory([UInt8], offset: Int)
    }
    private var backing: Backing
    /// Turns the file's bytes into UTF-8 when it is in another encoding (docs/imports.md).
    private var transcoder: Transcoder?
    /// The file's own bytes, before they are turned into UTF-8.
    private var raw: UnsafeMutableBufferPointer<UInt8>?
    /// UTF-8 made from `raw` and not yet handed out: `decoded[decodedStart..<decodedEnd]`.
    private var decoded: UnsafeMutableBufferPointer<UInt8>?
    private var decodedStart = 0, decodedEnd = 0

    /// Opens `path` for reading; `-` means standard input.
    ///
    /// - Throws: `FormatError.fileNotFound`, `.isDirectory`, `.permissionDenied` or `.cannotOpen`,
    ///   each naming the path.
    public init(path: String, chunkSize: Int = ByteSource.defaultChunkSize) throws(FormatError) {
        self.path = path
        self.chunkSize = min(max(1, chunkSize), ByteSource.largestChunkSize)
        if path == "-" {
            backing = .descriptor(0, owned: false)
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw .fileNotFound(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path)
            case EISDIR: throw .isDirectory(path: path)
            default: throw .cannotOpen(path: path, reason: ByteSource.systemText(code))
            }
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .isDirectory(path: path)
        }
        backing = .descriptor(descriptor, owned: true)
    }

    /// Serves `bytes` from memory, `chunkSize` at a time; used for tests and for text already loaded.
    public init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = ByteSource.defaultChunkSize) {
        path = name
        self.chunkSize = min(max(1, chunkSize), ByteSource.largestChunkSize)
        backing = .memory(bytes, offset: 0)
    }

    /// Opens `path` as `init(path:chunkSize:)` does, reading text in `encoding`: every chunk is
    /// handed out as UTF-8.
    public convenience init(path: String, chunkSize: Int = ByteSource.defaultChunkSize, encoding: TextEncoding) throws(FormatError) {
        try self.init(path: path, chunkSize: chunkSize)
        guard encoding != .utf8 else { return }
        transcoder = Transcoder(encoding)
        raw = .allocate(capacity: Transcoder.sourceBytes(for: self.chunkSize, encoding) + 4)
        decoded = .allocate(capacity: self.chunkSize + 16)
    }

    deinit {
        if case .descriptor(let descriptor, true) = backing { close(descriptor) }
        raw?.deallocate()
        decoded?.deallocate()
    }

    /// Fills the start of `buffer` with up to `min(buffer.count, chunkSize)` bytes.
    ///
    /// - Returns: the number of bytes read; 0 only at the end of the input (or for an empty buffer).
    /// - Throws: `FormatError.readFailed` (or `.isDirectory` where the system reports `EISDIR`).
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(FormatError) -> Int {
        guard let raw, let decoded else { return try readBytes(into: buffer) }
        guard !buffer.isEmpty else { return 0 }
        while decodedStart == decodedEnd {
            let wanted = max(2, Transcoder.sourceBytes(for: chunkSize, transcoder!.encoding))
            let count = try readBytes(into: UnsafeMutableBufferPointer(rebasing: raw[0..<wanted]))
            decodedStart = 0
            decodedEnd = transcoder!.transcode(UnsafeBufferPointer(rebasing: raw[0..<count]), into: decoded)
            if count == 0 && decodedEnd == 0 { return 0 }
        }
        let count = min(buffer.count, decodedEnd - decodedStart)
        buffer.baseAddress!.update(from: decoded.baseAddress! + decodedStart, count: count)
        decodedStart += count
        return count
    }

    /// The file's next bytes as they are.
    private func readBytes(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(FormatError) -> Int {
        let wanted = min(buffer.count, chunkSize)
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        switch backing {
        case .descriptor(let descriptor, _):
            while true {
                let count = systemRead(descriptor, base, wanted)
                if count >= 0 { return count }
                let code = errno
                if code == EINTR { continue }
                if code == EISDIR { throw .isDirectory(path: path) }
                throw .readFailed(path: path, reason: ByteSource.systemText(code))
            }
        case .memory(let bytes, let offset):
            let count = min(wanted, bytes.count - offset)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBufferPointer { source in
                guard let start = source.baseAddress else { return }
                base.update(from: start + offset, count: count)
            }
            backing = .memory(bytes, offset: offset + count)
            return count
        }
    }

    static func systemText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// The C `read`, named apart from `ByteSource.read(into:)`.
private func systemRead(_ descriptor: Int32, _ base: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, base, count)
    #elseif canImport(Musl)
    Musl.read(descriptor, base, count)
    #else
    Darwin.read(descriptor, base, count)
    #endif
}
