#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import QAKit

/// The audit file of `qakit serve`: one JSON Lines record appended per accepted audit, flushed
/// to disk before the caller hears back (docs/serve.md, "Durability").
///
/// One writer thread owns the file descriptor. Submissions queue up while it writes; each round
/// takes every queued line, checks that nobody else changed the file, writes them with one
/// `write` under an exclusive `flock`, calls `fsync` once, and only then answers each
/// submission (group commit). A line is always written whole by one call, so lines never
/// interleave; a failed write is cut back off, so no half line stays behind.
final class AuditStore: @unchecked Sendable {
    /// What became of one submission.
    enum AppendOutcome: Sendable, Equatable {
        case stored
        /// The id is already in the file (or queued).
        case duplicate
        /// Nothing was stored; the message says why and what to do.
        case unavailable(String)
    }

    /// An audit as the pages list it.
    struct Summary: Sendable {
        var auditID: String
        var reviewer: String
        var agent: String
        var scorecard: String
        var date: String
        var score: String
    }

    /// A startup failure: the file cannot be opened or read.
    struct OpenError: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    /// How many recent audits are kept in memory for the pages.
    static let recentLimit = 500

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var ids: Set<String> = []
    private var queue: [Pending] = []
    private var recent: [Summary] = []
    private var isClosing = false
    private var writerDone = false
    /// Set after an `fsync` failure: what is on disk is unknown, so nothing more is accepted.
    private var fatalProblem: String?
    /// Notes for the operator (a torn line moved aside, a reload), printed by the caller.
    private(set) var notices: [String] = []

    // Owned by the writer thread after `init`:
    private var descriptor: Int32 = -1
    private var identity = FileIdentity()
    /// Whether the file ends without a newline after a complete record (written by hand), so the
    /// next append starts with one.
    private var needsLeadingNewline = false
    private let summarize: @Sendable ([UInt8]) -> Summary?

    private struct Pending {
        var id: String
        var line: [UInt8]
        var summary: Summary
        var done: @Sendable (AppendOutcome) -> Void
    }

    /// Opens (creating when missing) the file at `path` and reads its ids. `summarize` turns a
    /// stored line into its summary for the recent list (it scores the line).
    ///
    /// A last line without a newline that is not a complete JSON object is the torn write of a
    /// crash, never acknowledged: it is moved to `<path>.torn-<time>` and cut off (a notice
    /// says so). A complete record without a newline is kept as it is.
    init(path: String, summarize: @escaping @Sendable ([UInt8]) -> Summary?) throws(OpenError) {
        self.path = path
        self.summarize = summarize
        descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OpenError(description: "cannot open the audit file '\(path)': \(Self.errorText())") }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        do {
            try recoverTornTail()
            let loaded = try readFile()
            ids = loaded.ids
            recent = loaded.recent
            identity = FileIdentity(descriptor: descriptor)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        let thread = Thread { [self] in writerLoop() }
        thread.name = "qakit-audit-writer"
        thread.start()
    }

    /// Queues `line` (one JSON object, no newline) under `id` and waits until it is on disk.
    func append(id: String, line: [UInt8], summary: Summary) async -> AppendOutcome {
        await withCheckedContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            if let fatalProblem { return continuation.resume(returning: .unavailable(fatalProblem)) }
            if isClosing { return continuation.resume(returning: .unavailable("the server is shutting down; submit again once it is back")) }
            guard ids.insert(id).inserted else { return continuation.resume(returning: .duplicate) }
            queue.append(Pending(id: id, line: line, summary: summary, done: { continuation.resume(returning: $0) }))
            condition.signal()
        }
    }

    /// Whether `id` is stored or queued.
    func contains(_ id: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return ids.contains(id)
    }

    /// The latest audits, newest first, of `reviewer` (all reviewers when `nil`).
    func recentAudits(reviewer: String?, limit: Int = 10) -> [Summary] {
        condition.lock()
        defer { condition.unlock() }
        return Array(recent.reversed().lazy.filter { reviewer == nil || $0.reviewer == reviewer }.prefix(limit))
    }

    /// Takes the operator notes gathered so far.
    func takeNotices() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        defer { notices = [] }
        return notices
    }

    /// Writes what is queued, then stops the writer; later submissions are refused.
    func close() {
        condition.lock()
        isClosing = true
        condition.broadcast()
        while !writerDone { condition.wait() }
        condition.unlock()
        Glibc.close(descriptor)
    }

    // MARK: The writer thread

    private func writerLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !isClosing { condition.wait() }
            if queue.isEmpty {
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue
            queue = []
            condition.unlock()
            let outcomes = write(batch)
            condition.lock()
            for (pending, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .stored:
                    recent.append(pending.summary)
                    if recent.count > Self.recentLimit * 2 { recent.removeFirst(recent.count - Self.recentLimit) }
                case .duplicate:
                    break
                case .unavailable:
                    ids.remove(pending.id)
                }
            }
            condition.unlock()
            for (pending, outcome) in zip(batch, outcomes) { pending.done(outcome) }
        }
    }

    /// Appends the batch's lines and flushes them; one outcome per line.
    private func write(_ batch: [Pending]) -> [AppendOutcome] {
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        var outcomes = [AppendOutcome](repeating: .stored, count: batch.count)
        if let problem = checkOutsideChange() {
            return outcomes.map { _ in .unavailable(problem) }
        }
        var bytes: [UInt8] = needsLeadingNewline ? [0x0A] : []
        for (index, pending) in batch.enumerated() where outcomes[index] == .stored {
            if reloadedIDs?.contains(pending.id) == true {
                outcomes[index] = .duplicate
                continue
            }
            bytes += pending.line
            bytes.append(0x0A)
        }
        reloadedIDs = nil
        guard bytes.count > (needsLeadingNewline ? 1 : 0) else { return outcomes }
        let start = lseek(descriptor, 0, SEEK_END)
        if let problem = writeAll(bytes) {
            // Cut our own partial bytes off again: no half line may stay behind.
            if start >= 0 { _ = ftruncate(descriptor, start) }
            return outcomes.map { $0 == .stored ? .unavailable("cannot write to the audit file '\(path)': \(problem); nothing was stored") : $0 }
        }
        if fsync(descriptor) != 0 {
            let problem = "flushing the audit file '\(path)' to disk failed (\(Self.errorText())); restart the server after checking the disk"
            condition.lock()
            fatalProblem = problem
            condition.unlock()
            return outcomes.map { $0 == .stored ? .unavailable(problem) : $0 }
        }
        needsLeadingNewline = false
        identity = FileIdentity(descriptor: descriptor)
        return outcomes
    }

    /// Ids read back from the file by the last `checkOutsideChange`, for the batch's duplicate check.
    private var reloadedIDs: Set<String>?

    /// Compares the file at `path` with what this server last wrote (device, inode, size,
    /// modification time). When someone else changed it, replaced it (`git pull`, an editor) or
    /// removed it, it is opened and read again, and the server carries on on the new content; a
    /// problem that makes appending unsafe is returned instead, and nothing is written.
    private func checkOutsideChange() -> String? {
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists, FileIdentity(info) == identity { return nil }
        if !exists || info.st_ino != identity.inode || info.st_dev != identity.device {
            let fresh = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard fresh >= 0 else { return "the audit file '\(path)' was replaced and cannot be opened again: \(Self.errorText())" }
            flock(fresh, LOCK_EX)
            flock(descriptor, LOCK_UN)
            Glibc.close(descriptor)
            descriptor = fresh
        }
        let loaded: (ids: Set<String>, recent: [Summary])
        do {
            loaded = try readFile()
        } catch {
            return error.description
        }
        if let problem = tornTailProblem() { return problem }
        condition.lock()
        // Queued submissions keep their claim on their ids; the file's own ids join them.
        ids = loaded.ids.union(queue.map(\.id))
        recent = loaded.recent
        notices.append("qakit: note: the audit file '\(path)' was changed outside the server; read it again (\(loaded.ids.count) audit ids)")
        condition.unlock()
        reloadedIDs = loaded.ids
        identity = FileIdentity(descriptor: descriptor)
        return nil
    }

    // MARK: Reading the file

    /// The ids of every line and the summaries of the last ones.
    private func readFile() throws(OpenError) -> (ids: Set<String>, recent: [Summary]) {
        var ids: Set<String> = []
        var lastLines: [[UInt8]] = []
        let parser = JSONParser()
        do {
            try LineReader.forEachLine(descriptor: descriptor) { line in
                guard let record = try? parser.parse(line), case .object = record, let id = Self.auditID(record) else { return }
                ids.insert(id)
                lastLines.append(line)
                if lastLines.count > Self.recentLimit * 2 { lastLines.removeFirst(lastLines.count - Self.recentLimit) }
            }
        } catch {
            throw OpenError(description: "cannot read the audit file '\(path)': \(error)")
        }
        return (ids, lastLines.suffix(Self.recentLimit).compactMap(summarize))
    }

    /// `audit_id` of a record as the decoder reads it (trimmed text of a string or number).
    static func auditID(_ record: JSONValue) -> String? {
        switch record["audit_id"] {
        case .string(let text)?: text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text.trimmingCharacters(in: .whitespaces)
        case .number(let text)?: text
        default: nil
        }
    }

    /// Startup rule for a last line without a newline (docs/serve.md, "After a crash").
    private func recoverTornTail() throws(OpenError) {
        guard let tail = lastLineWithoutNewline() else { return }
        if case .object? = try? JSONParser().parse(tail.bytes) {
            needsLeadingNewline = true
            return
        }
        let aside = "\(path).torn-\(time(nil))"
        let saved = aside.withCString { name -> Bool in
            let file = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard file >= 0 else { return false }
            defer { Glibc.close(file) }
            return tail.bytes.withUnsafeBytes { Glibc.write(file, $0.baseAddress, $0.count) == $0.count } && fsync(file) == 0
        }
        guard saved else { throw OpenError(description: "the audit file '\(path)' ends in an incomplete line and it cannot be saved aside to '\(aside)': \(Self.errorText())") }
        guard ftruncate(descriptor, tail.offset) == 0, fsync(descriptor) == 0 else {
            throw OpenError(description: "cannot cut the incomplete last line off the audit file '\(path)': \(Self.errorText())")
        }
        notices.append("qakit: warning: the audit file '\(path)' ended in an incomplete line (\(tail.bytes.count) bytes, a write cut short by a crash; "
            + "never acknowledged); moved it to '\(aside)'")
    }

    /// While the server runs, a torn last line is somebody's unfinished edit: refuse to append.
    private func tornTailProblem() -> String? {
        guard let tail = lastLineWithoutNewline() else {
            needsLeadingNewline = false
            return nil
        }
        if case .object? = try? JSONParser().parse(tail.bytes) {
            needsLeadingNewline = true
            return nil
        }
        return "the audit file '\(path)' was changed outside the server and now ends in an incomplete line; "
            + "finish or remove that line, then submit again (nothing was stored)"
    }

    /// The bytes after the file's last newline and where they start, when the file does not end in one.
    private func lastLineWithoutNewline() -> (bytes: [UInt8], offset: off_t)? {
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        var offset = size
        var tail: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while offset > 0 {
            let length = min(off_t(chunk.count), offset)
            offset -= length
            let read = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(length), offset) }
            guard read == Int(length) else { return nil }
            if let newline = chunk[..<Int(length)].lastIndex(of: 0x0A) {
                tail = Array(chunk[(newline + 1)..<Int(length)]) + tail
                return tail.isEmpty ? nil : (tail, offset + off_t(newline + 1))
            }
            tail = Array(chunk[..<Int(length)]) + tail
        }
        return (tail, 0)
    }

    /// Writes every byte, going on after a short write or an interrupted call; the error's text on failure.
    private func writeAll(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Self.errorText()
                }
                offset += written
            }
            return nil
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// What identifies the file's state: an outside change alters at least one of these.
struct FileIdentity: Equatable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = -1
    var modified: timespec = timespec()

    init() {}

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = info.st_mtim
    }

    init(descriptor: Int32) {
        var info = stat()
        if fstat(descriptor, &info) == 0 { self.init(info) } else { self.init() }
    }

    static func == (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
        lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
            && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
    }
}

/// Reads a file line by line in 64 KiB chunks, from the start, without loading it whole.
enum LineReader {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `body` with each non-empty line (without its newline); the last line counts even
    /// without a newline.
    static func forEachLine(descriptor: Int32, _ body: ([UInt8]) throws -> Void) throws {
        var offset: off_t = 0
        var carry: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 { throw ReadError(description: String(cString: strerror(errno))) }
            if count == 0 { break }
            offset += off_t(count)
            var start = 0
            for index in 0..<count where chunk[index] == 0x0A {
                carry += chunk[start..<index]
                if !carry.isEmpty { try body(carry) }
                carry.removeAll(keepingCapacity: true)
                start = index + 1
            }
            carry += chunk[start..<count]
        }
        if !carry.isEmpty { try body(carry) }
    }

    /// `forEachLine` on the file at `path`.
    static func forEachLine(path: String, _ body: ([UInt8]) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try forEachLine(descriptor: descriptor, body)
    }
}
