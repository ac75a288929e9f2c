/// A batch of `ScoringRun.run`'s records, handed from the reading thread to the scoring one.
struct RowBatch {
    enum Item {
        /// A CSV record: cells `cells` of the batch's `cells`, starting on `line`; `prepared`
        /// indexes `prepared`, or is `general` for a record the general path must take, or
        /// `unprepared` for one the reading thread left to the consumer.
        case csv(RecordLayout, cells: Range<Int>, line: Int, prepared: Int)
        /// A record of another format, not decoded yet.
        case values([String], RecordLayout, line: Int)
        /// A valid audit the reading thread decoded and scored (for a consumer that reads whole
        /// audits, `ScoreRowConsumer.readsAudits`): `audits[index]`. Held apart so that an item
        /// stays small for the byte path's records.
        case scored(index: Int, layout: RecordLayout)
        /// A record the reading thread decoded and rejected.
        case rejected([Diagnostic], layout: RecordLayout)
        case problem(Diagnostic)
        case warning(Diagnostic)
        case failure(InputError)
        /// What is left in a slot once its item has been moved out (`ScoringRun.consume`).
        case taken
    }

    static let general = -1, unprepared = -2

    var items: [Item] = []
    /// The audits of `scored` items, with their results and whether `readingThreadConsumer`
    /// took their share.
    var audits: [ScoredItem?] = []
    var cells = CSVRecord()
    var prepared: [CSVRowDecoder.Prepared] = []
    var credits: [Int64] = []
    /// The joined `--by` keys of prepared records, when there are several keys.
    var keys: [UInt8] = []

    struct ScoredItem {
        var audit: Audit
        var result: AuditScore
        var taken: Bool
    }

    /// Whether the batch should be handed on.
    var isFull: Bool { items.count >= ScoringRun.batchSize || cells.bytes.count >= 1 << 16 }
}
