/// Writes `qakit export`: one row per audit × criterion of its scorecard, for BI tools and
/// spreadsheets (docs/export.md). Rows are built as bytes: a million audits of twenty criteria
/// are twenty million rows.
///
/// Each audit's own cells (the columns before `section` and from `score` on) are encoded once and
/// repeated on each of its rows; only the criterion's cells are built per row.
public final class CriterionExportWriter {
    /// The output formats of `qakit export`.
    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    /// The columns before the metadata columns, in order (docs/export.md).
    public static let standardColumns = [
        "audit_id", "interaction_id", "agent", "team", "reviewer", "date", "scorecard", "scorecard_version", "section",
        "criterion", "type", "answer", "credit", "weight", "scored", "points_lost", "failed_critical", "comment", "score",
        "passed", "calibration", "audit_comment",
    ]

    private let format: Format
    private let sink: TextSink
    private let metadataColumns: [String]
    /// Per scorecard: the points-lost arithmetic and, per criterion, its fixed cells
    /// (`section`, `criterion`, `type` and `weight`) encoded once.
    private let layouts: [ScorecardLayout]
    private let fixedCells: [[CriterionCells]]
    private var buffer: [UInt8] = []
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    /// Rows written so far.
    public private(set) var rowCount = 0

    /// The cells of one criterion that do not change between audits.
    private struct CriterionCells {
        var section: [UInt8]
        var criterion: [UInt8]
        var type: [UInt8]
        var weight: [UInt8]
    }

    /// `metadataColumns` are the audit fields other than `team` to give a CSV column each, in
    /// order; an audit without one has an empty cell there. JSON Lines rows carry each audit's
    /// own metadata instead.
    public init(format: Format, sink: TextSink, scorecards: [Scorecard], metadataColumns: [String]) {
        self.format = format
        self.sink = sink
        self.metadataColumns = metadataColumns.filter { $0 != "team" }
        layouts = scorecards.map(ScorecardLayout.init)
        fixedCells = scorecards.map { scorecard in
            scorecard.criteria.map { entry in
                let encode: (String) -> [UInt8] = format == .csv ? { Self.cell($0) } : { Self.jsonString($0) }
                return CriterionCells(section: encode(scorecard.sections[entry.section].id), criterion: encode(entry.criterion.id),
                                      type: encode(entry.criterion.kind.name),
                                      weight: Array(entry.criterion.weight.decimalString(maximumPlaces: 4).utf8))
            }
        }
        buffer.reserveCapacity(1 << 17)
    }

    /// The header row (CSV: with the byte-order mark spreadsheets need to read UTF-8), written
    /// before the first row, so that a run that exports nothing writes nothing.
    private func begin() throws {
        guard format == .csv else { return }
        var header = Array(CSVStyle.spreadsheet.preamble.utf8)
        for (index, name) in (Self.standardColumns + metadataColumns).enumerated() {
            if index > 0 { header.append(UInt8(ascii: ",")) }
            header += Self.cell(name)
        }
        header.append(0x0A)
        try header.withUnsafeBufferPointer { try sink.write(utf8: $0) }
    }

    /// Writes one row per criterion of the audit's scorecard, in scorecard order.
    public func write(_ scored: ScoredAudit) throws {
        if rowCount == 0 { try begin() }
        let audit = scored.audit
        let scorecard = scored.scorecard
        let criteria = scored.result.criteria
        let result = ScoredResult(score: scored.result, sections: scored.result.sections, criteria: criteria)
        let layout = layouts[audit.scorecardIndex]
        let loss = layout.lossContext(of: result)
        encodeAuditCells(scored)
        let entries = scorecard.criteria
        for index in entries.indices {
            let outcome = criteria[index]
            let cells = fixedCells[audit.scorecardIndex][index]
            let lost = loss.map { layout.pointsLost(index, in: result, regularWeight: $0.regularWeight) } ?? .zero
            let answer = outcome.answer.map { ScoredAudit.answerText($0, criterion: entries[index].criterion) }
            let credit = outcome.credit?.decimalString(maximumPlaces: 4)
            let lostText = outcome.scored ? lost.decimalString(maximumPlaces: 4) : nil
            let comment = audit.comments[index]
            switch format {
            case .csv:
                buffer += head
                buffer += cells.section
                buffer.append(UInt8(ascii: ","))
                buffer += cells.criterion
                buffer.append(UInt8(ascii: ","))
                buffer += cells.type
                buffer.append(UInt8(ascii: ","))
                appendCSV(answer)
                appendCSV(credit, isNumber: true)
                buffer += cells.weight
                buffer.append(UInt8(ascii: ","))
                appendCSV(outcome.scored ? "true" : "false")
                appendCSV(lostText, isNumber: true)
                appendCSV(outcome.failedCritical ? "true" : "false")
                appendCSV(comment)
                buffer += tail
            case .jsonl:
                buffer += head
                appendJSONMember("section", raw: cells.section)
                appendJSONMember("criterion", raw: cells.criterion)
                appendJSONMember("type", raw: cells.type)
                appendJSONMember("answer", raw: answer.map { Self.answerJSON($0, outcome.answer) } ?? Self.null)
                appendJSONMember("credit", raw: credit.map { Array($0.utf8) } ?? Self.null)
                appendJSONMember("weight", raw: cells.weight)
                appendJSONMember("scored", raw: Array((outcome.scored ? "true" : "false").utf8))
                appendJSONMember("points_lost", raw: lostText.map { Array($0.utf8) } ?? Self.null)
                appendJSONMember("failed_critical", raw: Array((outcome.failedCritical ? "true" : "false").utf8))
                appendJSONMember("comment", raw: comment.map(Self.jsonString) ?? Self.null)
                buffer += tail
            }
            rowCount += 1
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered.
    public func end() throws {
        try flush()
    }

    private func flush() throws {
        try buffer.withUnsafeBufferPointer { try sink.write(utf8: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Fills `head` (the cells before `section`, each followed by its separator) and `tail`
    /// (the cells from `score` on, ending the row).
    private func encodeAuditCells(_ scored: ScoredAudit) {
        let audit = scored.audit
        let result = scored.result
        let scorecard = scored.scorecard
        head.removeAll(keepingCapacity: true)
        tail.removeAll(keepingCapacity: true)
        let leading: [(String, String?)] = [
            ("audit_id", audit.id), ("interaction_id", audit.interactionID), ("agent", audit.agent),
            ("team", audit.value(of: "team")), ("reviewer", audit.reviewer), ("date", audit.date.description),
            ("scorecard", scorecard.id),
        ]
        let score = result.score.map { $0.formatted() }
        let passed = result.passed.map { $0 ? "true" : "false" }
        switch format {
        case .csv:
            for (_, value) in leading {
                head += Self.cell(value ?? "")
                head.append(UInt8(ascii: ","))
            }
            head += Array(String(scorecard.version).utf8)
            head.append(UInt8(ascii: ","))
            tail += Array((score ?? "").utf8)
            for value in [passed, audit.isCalibration ? "true" : "false", audit.comment] {
                tail.append(UInt8(ascii: ","))
                tail += Self.cell(value ?? "")
            }
            for name in metadataColumns {
                tail.append(UInt8(ascii: ","))
                tail += Self.cell(audit.value(of: name) ?? "")
            }
            tail.append(0x0A)
        case .jsonl:
            head.append(UInt8(ascii: "{"))
            for (name, value) in leading {
                Self.appendMember(name, raw: value.map(Self.jsonString) ?? Self.null, to: &head)
            }
            Self.appendMember("scorecard_version", raw: Array(String(scorecard.version).utf8), to: &head)
            Self.appendMember("score", raw: score.map { Array($0.utf8) } ?? Self.null, to: &tail)
            Self.appendMember("passed", raw: passed.map { Array($0.utf8) } ?? Self.null, to: &tail)
            Self.appendMember("calibration", raw: Array((audit.isCalibration ? "true" : "false").utf8), to: &tail)
            Self.appendMember("audit_comment", raw: audit.comment.map(Self.jsonString) ?? Self.null, to: &tail)
            // JSON Lines needs no common header: each row carries its own audit's metadata.
            var written: Set<String> = ["team"]
            for name in audit.metadata.names where written.insert(name).inserted {
                Self.appendMember(name, raw: audit.value(of: name).map(Self.jsonString) ?? Self.null, to: &tail)
            }
            tail.removeLast(2)
            tail += Array("}\n".utf8)
        }
    }

    /// A cell and its `,`; a decimal number is written as it is, anything else spreadsheet-safe.
    private func appendCSV(_ text: String?, isNumber: Bool = false) {
        if let text {
            if isNumber { buffer.append(contentsOf: text.utf8) } else { Self.appendCell(text, to: &buffer) }
        }
        buffer.append(UInt8(ascii: ","))
    }

    private func appendJSONMember(_ name: String, raw: [UInt8]) {
        Self.appendMember(name, raw: raw, to: &buffer)
    }

    /// `"name": value, ` (the object's last `, ` is replaced by its closing brace).
    private static func appendMember(_ name: String, raw: [UInt8], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes += name.utf8
        bytes += Array("\": ".utf8)
        bytes += raw
        bytes += Array(", ".utf8)
    }

    private static let null = Array("null".utf8)

    /// A CSV cell written for spreadsheets (docs/output-files.md): formulas neutralised.
    private static func cell(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        appendCell(text, to: &bytes)
        return bytes
    }

    private static func appendCell(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { CSVText.append($0, to: &bytes, style: .spreadsheet) }
    }

    private static func jsonString(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONText.appendString(text, to: &bytes)
        return bytes
    }

    /// Scale values and points as JSON numbers, the other answers as strings (as `score --format jsonl`).
    private static func answerJSON(_ text: String, _ answer: Answer?) -> [UInt8] {
        switch answer {
        case .scale, .points: Array(text.utf8)
        default: jsonString(text)
        }
    }
}
