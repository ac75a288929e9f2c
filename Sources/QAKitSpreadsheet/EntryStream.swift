import Foundation
import ZIPFoundation

/// One zip entry decompressed on a thread of its own while the reader parses what has arrived.
///
/// ZIPFoundation pushes an entry's bytes to a callback, and audit sources are pulled record by
/// record; a thread with a small bounded queue between them joins the two without holding the
/// entry in memory (at most `capacity` chunks of 256 KiB), and lets decompression run alongside
/// parsing rather than before it.
final class EntryStream {
    /// The queue between the two threads, guarded by `condition`.
    private final class Channel: @unchecked Sendable {
        let condition = NSCondition()
        var chunks: [Data] = []
        var isFinished = false
        var failure: SpreadsheetError?
        var isCancelled = false
        static let capacity = 8
    }

    /// What the decompressing thread needs, handed over as one value.
    private struct Job: @unchecked Sendable {
        let archive: Archive
        let entry: Entry
        let part: String
        let limit: Int
        let channel: Channel
    }

    private struct Cancelled: Error {}

    private let channel = Channel()
    private var current = Data()
    private var offset = 0

    /// Starts decompressing `entry`; more than `limit` bytes is `SpreadsheetError.partTooLarge`.
    init(archive: Archive, entry: Entry, part: String, limit: Int) {
        let job = Job(archive: archive, entry: entry, part: part, limit: limit, channel: channel)
        Thread.detachNewThread { Self.run(job) }
    }

    /// Stops the decompressing thread when the reader is dropped before the end.
    deinit {
        channel.condition.lock()
        channel.isCancelled = true
        channel.condition.broadcast()
        channel.condition.unlock()
    }

    /// Copies the next bytes into `buffer`; 0 at the end of the entry.
    func read(_ buffer: UnsafeMutableRawBufferPointer) throws(SpreadsheetError) -> Int {
        if offset == current.count {
            channel.condition.lock()
            while channel.chunks.isEmpty, !channel.isFinished { channel.condition.wait() }
            guard !channel.chunks.isEmpty else {
                let failure = channel.failure
                channel.condition.unlock()
                if let failure { throw failure }
                return 0
            }
            current = channel.chunks.removeFirst()
            offset = 0
            channel.condition.broadcast()
            channel.condition.unlock()
        }
        let count = min(buffer.count, current.count - offset)
        current.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    private static func run(_ job: Job) {
        let channel = job.channel
        var written = 0
        var failure: SpreadsheetError?
        do {
            _ = try job.archive.extract(job.entry, bufferSize: 1 << 18) { chunk in
                written += chunk.count
                guard written <= job.limit else { throw SpreadsheetError.partTooLarge(part: job.part, limit: job.limit) }
                channel.condition.lock()
                defer { channel.condition.unlock() }
                while channel.chunks.count >= Channel.capacity, !channel.isCancelled { channel.condition.wait() }
                if channel.isCancelled { throw Cancelled() }
                channel.chunks.append(chunk)
                channel.condition.broadcast()
            }
        } catch let error as SpreadsheetError {
            failure = error
        } catch is Cancelled {
            failure = nil
        } catch {
            failure = .brokenZip("cannot extract \(job.part): \(SpreadsheetError.zipProblem(error))")
        }
        channel.condition.lock()
        channel.failure = failure
        channel.isFinished = true
        channel.condition.broadcast()
        channel.condition.unlock()
    }
}
