/// Writes `qakit score --format csv` (docs/output-files.md): one row per audit with the scalar
/// fields, `team`, the inputs' other metadata columns, then one `section:<id>` column per
/// section id of the run's scorecards (first-seen order), built as bytes in a reusable buffer.
public final class ScoreCSVWriter: ScoreRowConsumer {
    /// The per-audit fields every row has, in order, before the metadata columns.
    public static let scalarColumns = ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "scorecard_version",
                                       "score", "raw_score", "passed", "auto_failed", "band", "calibration"]

    private let sink: TextSink
    private let scorecards: [Scorecard]
    private let style: CSVStyle
    /// Whether rows end with `original_score` and `disputes` (`--disputes`, docs/disputes.md).
    private let includesDisputes: Bool
    /// The metadata columns, in order: `team`, then the inputs' other metadata fields.
    public let metadataColumns: [String]
    /// The `section:<id>` columns, in order.
    let sectionColumns: [String]
    /// Per scorecard: for each section column, the index of that section in the scorecard.
    private let sectionIndices: [[Int?]]
    /// The field columns (docs/output-files.md), in first-seen order, and per scorecard the
    /// position in `Scorecard.criteria` of each column's field.
    let fieldColumns: [String]
    private let fieldIndices: [[Int?]]
    /// Per scorecard: `,<id>,<version>,` already escaped.
    private let scorecardCells: [[UInt8]]
    private var buffer: [UInt8] = []
    /// The layout of the last CSV row, and its column for each metadata column (-1 when absent):
    /// a file has one layout, so this is worked out once per input.
    private var layout: RecordLayout?
    private var layoutColumns: [Int] = []

    /// Metadata fields that had a value in some audit but no column: a JSON Lines or YAML field
    /// first seen after the header was written. In first-seen order.
    public private(set) var fieldsLeftOut: [String] = []

    /// `metadataFields` are the inputs' metadata field names as known when the header is written
    /// (every CSV header; the first record of a JSON Lines or YAML input), in first-seen order;
    /// repeats, empty names and names of the output's own columns are skipped.
    /// `includesDisputes` adds the columns `original_score` and `disputes` at the end.
    public init(sink: TextSink, scorecards: [Scorecard], metadataFields: [String] = [], style: CSVStyle = .plain,
                includesDisputes: Bool = false) {
        self.includesDisputes = includesDisputes
        self.sink = sink
        self.scorecards = scorecards
        self.style = style
        var sections: [String] = []
        for section in scorecards.flatMap(\.sections) where !sections.contains(section.id) {
            sections.append(section.id)
        }
        sectionColumns = sections
        var metadata = ["team"]
        for name in metadataFields where !name.isEmpty && !metadata.contains(name) && !Self.scalarColumns.contains(name)
            && !name.hasPrefix("section:") {
            metadata.append(name)
        }
        metadataColumns = metadata
        sectionIndices = scorecards.map { scorecard in
            sections.map { column in scorecard.sections.firstIndex { $0.id == column } }
        }
        var fields: [String] = []
        for scorecard in scorecards {
            for entry in scorecard.criteria where entry.criterion.isField && !fields.contains(entry.criterion.id) {
                fields.append(entry.criterion.id)
            }
        }
        fieldColumns = fields
        fieldIndices = scorecards.map { scorecard in
            let criteria = scorecard.criteria.map(\.criterion)
            return fields.map { column in criteria.firstIndex { $0.isField && $0.id == column } }
        }
        scorecardCells = scorecards.map { Array(",\(CSVText.field($0.id, style: style)),\($0.version),".utf8) }
        buffer.reserveCapacity(1 << 17)
    }

    /// The byte-order mark for spreadsheets, then the header row.
    public func begin() throws {
        let header = Self.scalarColumns + metadataColumns + sectionColumns.map { "section:\($0)" } + fieldColumns
            + (includesDisputes ? Self.disputeColumns : [])
        try sink.write(style.preamble + CSVText.row(header, style: style))
    }

    /// Adds the row's line, writing out every 64 KiB.
    /// Only for the field columns.
    public var readsAnswers: Bool { !fieldColumns.isEmpty }

    public func consume(_ row: ScoreRow) throws {
        append(row.id)
        buffer.append(UInt8(ascii: ","))
        append(row.interactionID)
        buffer.append(UInt8(ascii: ","))
        append(row.agent)
        buffer.append(UInt8(ascii: ","))
        append(row.reviewer)
        buffer.append(UInt8(ascii: ","))
        append(row.date)
        buffer += scorecardCells[row.scorecardIndex]
        row.score?.appendFormatted(to: &buffer)
        buffer.append(UInt8(ascii: ","))
        row.rawScore?.appendFormatted(to: &buffer)
        buffer.append(UInt8(ascii: ","))
        if let passed = row.passed { buffer += passed ? Self.true : Self.false }
        buffer.append(UInt8(ascii: ","))
        buffer += row.isAutoFailed ? Self.true : Self.false
        buffer.append(UInt8(ascii: ","))
        if let band = row.band(in: scorecards) {
            var band = band
            band.withUTF8 { append($0) }
        }
        buffer.append(UInt8(ascii: ","))
        buffer += row.isCalibration ? Self.true : Self.false
        appendMetadata(row.metadata)
        for section in sectionIndices[row.scorecardIndex] {
            buffer.append(UInt8(ascii: ","))
            if let section { row.sectionPercentage(section)?.appendFormatted(to: &buffer) }
        }
        if !fieldColumns.isEmpty { appendFields(row) }
        if includesDisputes { appendDisputes(row.disputes) }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// One cell per field column: the answer's values (`;` between a `multi_select`'s), empty
    /// when unanswered or the scorecard has no such field.
    private func appendFields(_ row: ScoreRow) {
        let criteria = scorecards[row.scorecardIndex].criteria
        var outcomes: [CriterionResult] = []
        if case .result(let result) = row.figures { outcomes = result.criteria }
        for index in fieldIndices[row.scorecardIndex] {
            buffer.append(UInt8(ascii: ","))
            guard let index, index < row.answers.count, let answer = row.answers[index],
                  index < outcomes.count, outcomes[index].applies else { continue }
            let text = answer.values(for: criteria[index].criterion.kind).joined(separator: ";")
            buffer += CSVText.field(text, style: style).utf8
        }
    }

    /// Writes out what is buffered; call once after the last row.
    public func end() throws {
        try flush()
    }

    /// One comma and one cell per metadata column: the cells' bytes copied straight from a CSV
    /// record, or the decoded audit's values.
    private func appendMetadata(_ metadata: ScoreRow.Metadata) {
        switch metadata {
        case .cells(let cells, let layout):
            if layout !== self.layout { use(layout) }
            for column in layoutColumns {
                buffer.append(UInt8(ascii: ","))
                if column >= 0 { append(cells.span(cells.trimmedRange(column))) }
            }
        case .fields(let fields):
            check(fields)
            for name in metadataColumns {
                buffer.append(UInt8(ascii: ","))
                if var value = fields.value(named: name) { value.withUTF8 { append($0) } }
            }
        }
    }

    /// The columns that `includesDisputes` adds.
    public static let disputeColumns = ["original_score", "disputes"]

    /// `original_score` and `disputes` (`D-1 overturned; D-2 upheld`), both empty for an
    /// undisputed audit.
    private func appendDisputes(_ disputes: AuditDisputes?) {
        buffer.append(UInt8(ascii: ","))
        guard let disputes else {
            buffer.append(UInt8(ascii: ","))
            return
        }
        if let score = disputes.originalScore { buffer += score.formatted().utf8 }
        buffer.append(UInt8(ascii: ","))
        var list = disputes.entries.map { "\($0.disputeID) \($0.status.rawValue)" }.joined(separator: "; ")
        list.withUTF8 { append($0) }
    }

    /// Works out `layout`'s column for each metadata column.
    private func use(_ layout: RecordLayout) {
        self.layout = layout
        layoutColumns = metadataColumns.map { name in
            layout.metadataNames.firstIndex(of: name).map { layout.metadataColumns[$0] } ?? -1
        }
    }

    /// Notes the names of `fields` that have a value but no column.
    private func check(_ fields: AuditFields) {
        for (name, value) in zip(fields.names, fields.values) where value != nil && !metadataColumns.contains(name) {
            if !name.isEmpty && !Self.scalarColumns.contains(name) && !name.hasPrefix("section:") && !fieldsLeftOut.contains(name) {
                fieldsLeftOut.append(name)
            }
        }
    }

    private func append(_ cell: UnsafeBufferPointer<UInt8>) {
        CSVText.append(cell, to: &buffer, style: style)
    }

    private func flush() throws {
        try buffer.withUnsafeBufferPointer { try sink.write(utf8: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)
}
