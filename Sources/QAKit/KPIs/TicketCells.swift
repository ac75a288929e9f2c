/// One ticket record as read from a file: the bytes of each canonical column's cell, before any
/// of them is interpreted. Reused from record to record, so reading allocates nothing per ticket.
public struct TicketCells {
    /// The cells' bytes (a CSV record's, or a JSON line's values copied in).
    var record = CSVRecord()
    /// Where each `TicketColumn`'s cell is in `record.bytes`, by raw value; empty when the file
    /// has no such column or the cell is blank.
    var ranges = [Range<Int>](repeating: 0..<0, count: TicketColumn.allCases.count)
    /// 1-based line where the record starts.
    var line = 0
    /// Values that have the wrong JSON type (an object where a string belongs), by column.
    var typeProblems: [(column: TicketColumn, message: String)] = []

    /// An empty record.
    public init() {}

    /// Forgets the previous record, keeping the buffers.
    mutating func reset() {
        record.removeAll()
        ranges.withUnsafeMutableBufferPointer { $0.update(repeating: 0..<0) }
        if !typeProblems.isEmpty { typeProblems.removeAll(keepingCapacity: true) }
    }
}

/// What a `TicketSource` read next.
public enum TicketReadResult {
    /// A record, now in the `TicketCells` passed in.
    case ticket
    /// A record that could not be read at all (broken quoting, invalid UTF-8, malformed JSON).
    case problem(Diagnostic)
}

/// A reader of one ticket file, one record at a time, so memory stays flat.
public protocol TicketSource {
    /// The path as the user gave it (`-` for standard input).
    var file: String { get }
    /// Whether the file has `column` (a CSV header names it, or some JSON line so far had it).
    func has(_ column: TicketColumn) -> Bool
    /// Whether `has` is final before any ticket is read (a header names the columns).
    var declaresColumns: Bool { get }
    /// Reads the next record into `cells`; `nil` at the end of the input.
    ///
    /// - Throws: `InputError` when the file cannot be read any further.
    mutating func next(into cells: inout TicketCells) throws(InputError) -> TicketReadResult?
}

/// Opens ticket files.
public enum TicketSources {
    /// Opens `path` in `format`, reading a CSV or TSV header at once, so that a missing file or a
    /// header without `ticket_id`, `agent` or `created_at` stops the run before anything is counted.
    ///
    /// - Throws: `InputError` with `isUnreadable` set.
    ///
    /// With a `profile` (docs/imports.md), its encoding and delimiter read the file, its `columns`
    /// name the canonical fields, and its `values`, `dates` and `decimal` rewrite the cells.
    public static func open(path: String, format: TicketFormat, profile: ImportProfile? = nil) throws(InputError) -> any TicketSource {
        switch format {
        case .csv: try CSVTicketSource(path: path, delimiter: ",", profile: profile)
        case .tsv: try CSVTicketSource(path: path, delimiter: "\t", profile: profile)
        case .jsonl: try JSONLinesTicketSource(path: path, profile: profile)
        case .json: try JSONLinesTicketSource(path: path, isLines: false, profile: profile)
        }
    }
}
