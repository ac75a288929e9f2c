/// What the reading thread hands over, in source order: CSV records split into cells (their
/// bytes in `cells`), and the other items of a run.
struct RowBatch {
    enum Item {
        /// A CSV record: cells `cells` of the batch's `cells`, starting on `line`; `prepared`
        /// indexes `prepared`, or is `general` for a record the general path must take, or
        /// `unprepared` for one the reading thread left to the consumer.
        case csv(RecordLayout, cells: Range<Int>, line: Int, prepared: Int)
        /// A record of another format.
        case values([String], RecordLayout, line: Int)
        case problem(Diagnostic)
        case warning(Diagnostic)
        case failure(InputError)
    }

    static let general = -1, unprepared = -2

    var items: [Item] = []
    var cells = CSVRecord()
    var prepared: [CSVRowDecoder.Prepared] = []
    var credits: [Int64] = []
    /// The joined `--by` keys of prepared records, when there are several keys.
    var keys: [UInt8] = []

    /// Whether the batch should be handed on.
    var isFull: Bool { items.count >= ScoringRun.batchSize || cells.bytes.count >= 1 << 16 }
}
