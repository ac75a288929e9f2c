/// Tickets read ahead on the reading thread and handed to the counting one in a block: their cell
/// bytes copied one after another, each ticket's column ranges into them, and what could not be
/// read. Every batch is a fresh value, so the two threads never share one.
struct TicketBatch {
    /// Tickets per batch: large enough that handing over costs nothing, small enough that memory
    /// stays flat (a few hundred kilobytes).
    static let capacity = 2048
    private static let columnCount = TicketColumn.allCases.count

    /// The cells' bytes of every ticket in the batch.
    private(set) var bytes: [UInt8] = []
    /// `columnCount` ranges into `bytes` per ticket, by `TicketColumn` raw value.
    private(set) var ranges: [Range<Int>] = []
    /// The line each ticket starts on.
    private(set) var lines: [Int] = []
    /// Per ticket, the problem of a record that could not be read at all; `nil` for a ticket.
    private(set) var unreadable: [Diagnostic?] = []
    /// Values of the wrong JSON type, by ticket index in the batch, in order.
    private(set) var typeProblems: [(item: Int, column: TicketColumn, message: String)] = []
    /// Why reading stopped after the last ticket, if it stopped early.
    var failure: InputError?

    var count: Int { lines.count }

    /// Copies in what a source just read into `cells`.
    mutating func append(_ result: TicketReadResult, from cells: TicketCells) {
        let item = lines.count
        switch result {
        case .problem(let diagnostic):
            lines.append(diagnostic.line ?? 0)
            unreadable.append(diagnostic)
            ranges.append(contentsOf: repeatElement(0..<0, count: Self.columnCount))
        case .ticket:
            lines.append(cells.line)
            unreadable.append(nil)
            let base = bytes.count
            bytes.append(contentsOf: cells.record.bytes)
            for range in cells.ranges {
                ranges.append(range.isEmpty ? 0..<0 : (range.lowerBound + base)..<(range.upperBound + base))
            }
            for problem in cells.typeProblems { typeProblems.append((item, problem.column, problem.message)) }
        }
    }

    /// The ranges of ticket `item`, out of `all` (this batch's `ranges`).
    static func ranges(of item: Int, in all: UnsafeBufferPointer<Range<Int>>) -> UnsafeBufferPointer<Range<Int>> {
        UnsafeBufferPointer(rebasing: all[(item * columnCount)..<((item + 1) * columnCount)])
    }
}

/// A ticket source and its reusable cells, owned by the reading thread while a file is read.
final class TicketReader<Source: TicketSource> {
    var source: Source
    private var cells = TicketCells()

    init(_ source: Source) {
        self.source = source
    }

    /// Fills `batch` with up to `TicketBatch.capacity` tickets; `false` once the source is done
    /// (at its end, or after a failure, which the batch then carries).
    func fill(_ batch: inout TicketBatch) -> Bool {
        while batch.count < TicketBatch.capacity {
            do {
                guard let result = try source.next(into: &cells) else { return false }
                batch.append(result, from: cells)
            } catch {
                batch.failure = error
                return false
            }
        }
        return true
    }
}
