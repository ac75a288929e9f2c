/// Writes `qakit score --format csv` (SPEC.md section 5): one row per audit, the scalar fields
/// then one `section:<id>` column per section id of the run's scorecards (first-seen order),
/// built as bytes in a reusable buffer.
public final class ScoreCSVWriter: ScoreRowConsumer {
    private let sink: TextSink
    private let scorecards: [Scorecard]
    /// The `section:<id>` columns, in order.
    let sectionColumns: [String]
    /// Per scorecard: for each section column, the index of that section in the scorecard.
    private let sectionIndices: [[Int?]]
    /// Per scorecard: `,<id>,<version>,` already escaped.
    private let scorecardCells: [[UInt8]]
    private var buffer: [UInt8] = []

    public init(sink: TextSink, scorecards: [Scorecard]) {
        self.sink = sink
        self.scorecards = scorecards
        var columns: [String] = []
        for section in scorecards.flatMap(\.sections) where !columns.contains(section.id) {
            columns.append(section.id)
        }
        sectionColumns = columns
        sectionIndices = scorecards.map { scorecard in
            columns.map { column in scorecard.sections.firstIndex { $0.id == column } }
        }
        scorecardCells = scorecards.map { Array(",\(CSVText.field($0.id)),\($0.version),".utf8) }
        buffer.reserveCapacity(1 << 17)
    }

    /// The header row.
    public func begin() throws {
        let header = ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "scorecard_version", "score",
                      "raw_score", "passed", "auto_failed", "band", "calibration"] + sectionColumns.map { "section:\($0)" }
        try sink.write(CSVText.row(header))
    }

    /// Adds the row's line, writing out every 64 KiB.
    public func consume(_ row: ScoreRow) throws {
        Self.appendField(row.id, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        Self.appendField(row.interactionID, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        Self.appendField(row.agent, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        Self.appendField(row.reviewer, to: &buffer)
        buffer.append(UInt8(ascii: ","))
        Self.appendField(row.date, to: &buffer)
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
            band.withUTF8 { Self.appendField($0, to: &buffer) }
        }
        buffer.append(UInt8(ascii: ","))
        buffer += row.isCalibration ? Self.true : Self.false
        for section in sectionIndices[row.scorecardIndex] {
            buffer.append(UInt8(ascii: ","))
            if let section { row.sectionPercentage(section)?.appendFormatted(to: &buffer) }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered; call once after the last row.
    public func end() throws {
        try flush()
    }

    private func flush() throws {
        try buffer.withUnsafeBufferPointer { try sink.write(utf8: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)

    /// Appends one field as `CSVText.field` writes it: quoted, with quotes doubled, only when it
    /// holds a delimiter, quote or line break.
    static func appendField(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let needsQuotes = text.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            bytes.append(contentsOf: text)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in text {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
