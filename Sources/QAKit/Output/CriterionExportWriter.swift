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
    /// Whether rows end with `original_answer`, the reviewer's answer before disputes
    /// (`--disputes`, docs/disputes.md).
    private let includesOriginalAnswer: Bool
    /// Per scorecard: the points-lost arithmetic and, per criterion, its fixed cells
    /// (`section`, `criterion`, `type` and `weight`) encoded once.
    private let layouts: [ScorecardLayout]
    /// Per scorecard, its criteria in order (`Scorecard.criteria` builds them anew on each call).
    private let criteria: [[Criterion]]
    private let fixedCells: [[CriterionCells]]
    private var buffer: [UInt8] = []
    /// Per scorecard and criterion, the cells of each answer seen so far (at most 256 each).
    private var answerCells: [[[Answer: [UInt8]]]]
    /// The cells of recent credits and points lost: both repeat (`1`, `0.5`, `3.0303`).
    private let decimalCells = DecimalCells()
    /// Per scorecard, the cells of a criterion's points lost in a standard audit, by lost credit units.
    private let lossCells: [LossCells]
    /// Per scorecard, its `scorecard` and `scorecard_version` cells with their separators.
    private let scorecardCells: [[UInt8]]
    /// The `date` cells of the dates seen so far.
    private let dateCells = DateCells()
    /// Per scorecard, the criterion cells of standard rows seen so far.
    private let rowCells: [RowCells]
    /// Per scorecard, the criterion cells of the other rows seen so far.
    private let otherRowCells: [OtherRowCells]
    /// Rows written so far.
    public private(set) var rowCount = 0

    /// The cells of one criterion that do not change between audits, with their separators:
    /// `section`, `criterion` and `type` together, and `weight`.
    private struct CriterionCells {
        var lead: [UInt8]
        var weight: [UInt8]
    }

    /// `metadataColumns` are the audit fields other than `team` to give a CSV column each, in
    /// order; an audit without one has an empty cell there. JSON Lines rows carry each audit's
    /// own metadata instead.
    /// `includesOriginalAnswer` adds the last column, `original_answer`.
    public init(format: Format, sink: TextSink, scorecards: [Scorecard], metadataColumns: [String], includesOriginalAnswer: Bool = false) {
        self.includesOriginalAnswer = includesOriginalAnswer
        self.format = format
        self.sink = sink
        self.metadataColumns = metadataColumns.filter { $0 != "team" }
        layouts = scorecards.map(ScorecardLayout.init)
        criteria = scorecards.map { $0.criteria.map(\.criterion) }
        lossCells = layouts.map(LossCells.init)
        rowCells = layouts.map { _ in RowCells() }
        otherRowCells = layouts.map { _ in OtherRowCells() }
        scorecardCells = scorecards.map { scorecard in
            let version = Array(String(scorecard.version).utf8)
            var cells: [UInt8] = []
            switch format {
            case .csv:
                cells = Self.cell(scorecard.id) + [UInt8(ascii: ",")] + version + [UInt8(ascii: ",")]
            case .jsonl:
                Self.appendMember("scorecard", raw: Self.jsonString(scorecard.id), to: &cells)
                Self.appendMember("scorecard_version", raw: version, to: &cells)
            }
            return cells
        }
        fixedCells = scorecards.map { scorecard in
            scorecard.criteria.map { entry in
                let (section, criterion, type) = (scorecard.sections[entry.section].id, entry.criterion.id, entry.criterion.kind.name)
                let weight = Array(entry.criterion.weight.decimalString(maximumPlaces: 4).utf8)
                var cells = CriterionCells(lead: [], weight: [])
                switch format {
                case .csv:
                    for text in [section, criterion, type] { cells.lead += Self.cell(text) + [UInt8(ascii: ",")] }
                    cells.weight = weight + [UInt8(ascii: ",")]
                case .jsonl:
                    for (name, text) in [("section", section), ("criterion", criterion), ("type", type)] {
                        Self.appendMember(name, raw: Self.jsonString(text), to: &cells.lead)
                    }
                    Self.appendMember("weight", raw: weight, to: &cells.weight)
                }
                return cells
            }
        }
        answerCells = scorecards.map { Array(repeating: [:], count: $0.criteria.count) }
        buffer.reserveCapacity(1 << 17)
    }

    /// The header row (CSV: with the byte-order mark spreadsheets need to read UTF-8), written
    /// before the first row, so that a run that exports nothing writes nothing.
    private func begin() throws {
        guard format == .csv else { return }
        var header = Array(CSVStyle.spreadsheet.preamble.utf8)
        for (index, name) in (Self.standardColumns + metadataColumns + (includesOriginalAnswer ? ["original_answer"] : [])).enumerated() {
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
        let criteria = scored.result.criteria
        let result = ScoredResult(score: scored.result, sections: scored.result.sections, criteria: criteria)
        let layout = layouts[audit.scorecardIndex]
        let loss = layout.lossContext(of: result)
        let (head, tail) = encodeAuditCells(scored)
        let entries = self.criteria[audit.scorecardIndex]
        let cardCells = fixedCells[audit.scorecardIndex]
        // The rows are built in a local buffer: appending to a stored property of a class is
        // checked for exclusive access on every call, which cost more than the bytes.
        var out = buffer
        buffer = []
        var answers = answerCells[audit.scorecardIndex]
        let decimals = decimalCells
        let losses = lossCells[audit.scorecardIndex]
        let rows = rowCells[audit.scorecardIndex]
        let otherRows = otherRowCells[audit.scorecardIndex]
        var shape: AuditShape?
        let commentNull = Self.jsonCommentNull
        out.reserveCapacity(out.count + entries.count * (head.count + tail.count + 96))
        for index in entries.indices {
            let outcome = criteria[index]
            let comment = audit.comments[index]
            out += head
            // In a standard audit, the cells from `section` to `failed_critical` are a function of
            // the criterion, its answer and its lost credit units (which fix its credit and points
            // lost): written once per distinct combination and copied after.
            if outcome.scored, let loss, let credit = outcome.credit, let answer = outcome.answer, let code = Self.answerCode(answer),
               let lost = losses.standardUnits(index, credit: credit, loss: loss, in: result),
               let key = RowCells.key(criterion: index, answer: code, lost: lost, failedCritical: outcome.failedCritical) {
                if let cell = rows.cell(key) {
                    out += cell
                } else {
                    var cell: [UInt8] = []
                    appendCriterionCells(index, outcome: outcome, cells: cardCells[index], criterion: entries[index], loss: loss, layout: layout,
                                         losses: losses, result: result, answers: &answers[index], decimals: decimals, to: &cell)
                    rows.store(cell, key: key)
                    out += cell
                }
            } else {
                // Outside the standard case the cells are a function of the criterion, its answer,
                // its credit (as lost credit units), whether it was scored and failed a critical
                // rule, and, for points lost, of which regular sections counted (ΣW_regular) and
                // which criteria of its section were scored (Σw of the section): the two masks of
                // `AuditShape`. Cached under all of these; anything that does not fit a key is
                // built directly.
                if shape == nil { shape = AuditShape(result: result, layout: layout) }
                if let key = OtherRowCells.key(criterion: index, outcome: outcome, shape: shape!, layout: layout) {
                    if let cell = otherRows.cell(key) {
                        out += cell
                    } else {
                        var cell: [UInt8] = []
                        appendCriterionCells(index, outcome: outcome, cells: cardCells[index], criterion: entries[index], loss: loss, layout: layout,
                                             losses: losses, result: result, answers: &answers[index], decimals: decimals, to: &cell)
                        otherRows.store(cell, key: key)
                        out += cell
                    }
                } else {
                    appendCriterionCells(index, outcome: outcome, cells: cardCells[index], criterion: entries[index], loss: loss, layout: layout,
                                         losses: losses, result: result, answers: &answers[index], decimals: decimals, to: &out)
                }
            }
            switch format {
            case .csv:
                if let comment { Self.appendCell(comment, to: &out) }
            case .jsonl:
                if let comment {
                    Self.appendMember("comment", raw: Self.jsonString(comment), to: &out)
                } else {
                    out += commentNull
                }
            }
            // The CSV tail starts with the comma that ends the comment cell.
            out += tail
            if includesOriginalAnswer {
                let original = scored.disputes?.overturnedAnswer(criterion: index)?.original ?? outcome.answer
                let cell = original.map { answerCell($0, criterion: entries[index], cache: &answers[index]) }
                switch format {
                case .csv:
                    out.append(UInt8(ascii: ","))
                    if let cell { out += cell }
                    out.append(0x0A)
                case .jsonl:
                    Self.appendMember("original_answer", raw: cell ?? Self.null, to: &out)
                    out.removeLast(2)
                    out += Self.objectEnd
                }
            }
        }
        answerCells[audit.scorecardIndex] = answers
        rowCount += entries.count
        buffer = out
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// The cells of one row from `section` to `failed_critical`, with their separators.
    @inline(__always)
    private func appendCriterionCells(
        _ index: Int, outcome: CriterionResult, cells: CriterionCells, criterion: Criterion, loss: LossContext?, layout: ScorecardLayout,
        losses: LossCells, result: ScoredResult, answers: inout [Answer: [UInt8]], decimals: DecimalCells, to out: inout [UInt8]
    ) {
        let (yes, no) = format == .csv ? (Self.csvTrue, Self.csvFalse) : (Self.jsonTrue, Self.jsonFalse)
        let answer = outcome.answer.map { answerCell($0, criterion: criterion, cache: &answers) }
        let credit = outcome.credit.map(decimals.cell)
        let lostCell: [UInt8]?
        if outcome.scored, let loss, let credit = outcome.credit, let cell = losses.standardCell(index, credit: credit, loss: loss, in: result) {
            lostCell = cell
        } else {
            let lost = outcome.scored ? (loss.map { layout.pointsLost(index, in: result, regularWeight: $0.regularWeight) } ?? .zero) : nil
            lostCell = lost.map(decimals.cell)
        }
        out += cells.lead
        switch format {
        case .csv:
            if let answer { out += answer }
            out.append(UInt8(ascii: ","))
            if let credit { out += credit }
            out.append(UInt8(ascii: ","))
            out += cells.weight
            out += outcome.scored ? yes : no
            if let lostCell { out += lostCell }
            out.append(UInt8(ascii: ","))
            out += outcome.failedCritical ? yes : no
        case .jsonl:
            Self.appendMember("answer", raw: answer ?? Self.null, to: &out)
            Self.appendMember("credit", raw: credit ?? Self.null, to: &out)
            out += cells.weight
            Self.appendMember("scored", raw: outcome.scored ? yes : no, to: &out)
            Self.appendMember("points_lost", raw: lostCell ?? Self.null, to: &out)
            Self.appendMember("failed_critical", raw: outcome.failedCritical ? yes : no, to: &out)
        }
    }

    /// A number for an answer, distinct for distinct answers, for `RowCells` keys; `nil` for the
    /// answers that are not kept (large values, points beyond two decimals).
    private static func answerCode(_ answer: Answer) -> Int? {
        let limit = 1 << 20
        switch answer {
        case .yes: return 0
        case .no: return 1
        case .notApplicable: return 2
        case .scale(let value): return value >= 0 && value < limit ? value << 3 | 3 : nil
        case .choice(let index): return index >= 0 && index < limit ? index << 3 | 4 : nil
        case .points(let value):
            guard value.denominator > 0, 100 % value.denominator == 0 else { return nil }
            let hundredths = value.numerator * (100 / value.denominator)
            guard hundredths >= 0, hundredths < Int128(limit) else { return nil }
            return Int(hundredths) << 3 | 5
        case .number, .date, .text, .options: return nil
        }
    }

    /// A direct-mapped cache of the cells from `section` to `failed_critical` of standard rows,
    /// keyed by criterion, answer code, lost credit units and critical failure.
    private final class RowCells {
        private static let slots = 4096
        private let keys = UnsafeMutablePointer<Int>.allocate(capacity: slots)
        private let cells = UnsafeMutablePointer<[UInt8]>.allocate(capacity: slots)

        init() {
            // -1 marks an empty slot: no key is negative.
            keys.initialize(repeating: -1, count: Self.slots)
            cells.initialize(repeating: [], count: Self.slots)
        }

        deinit {
            keys.deallocate()
            cells.deinitialize(count: Self.slots)
            cells.deallocate()
        }

        /// `answer` below 2²³, `lost` below 64; `nil` for a criterion index beyond 1023.
        static func key(criterion: Int, answer: Int, lost: Int, failedCritical: Bool) -> Int? {
            guard criterion < 1024 else { return nil }
            return ((answer << 10 | criterion) << 6 | lost) << 1 | (failedCritical ? 1 : 0)
        }

        private static func slot(_ key: Int) -> Int {
            Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> 52)
        }

        func cell(_ key: Int) -> [UInt8]? {
            let slot = Self.slot(key)
            return keys[slot] == key ? cells[slot] : nil
        }

        func store(_ cell: [UInt8], key: Int) {
            let slot = Self.slot(key)
            keys[slot] = key
            cells[slot] = cell
        }
    }

    /// What, beyond a criterion's own outcome, fixes its points lost in one audit: the regular
    /// sections that counted (which fix ΣW_regular, and whether the audit has a raw score at
    /// all) and, per section, which of its criteria were scored (which fix Σw of the section).
    /// `nil` masks for scorecards beyond 64 sections or sections beyond 64 criteria.
    private struct AuditShape {
        var counted: UInt64 = 0
        var scoredBySection: [UInt64]?

        init(result: ScoredResult, layout: ScorecardLayout) {
            guard result.sections.count <= 64 else { return }
            for (index, section) in result.sections.enumerated() where section.counted { counted |= 1 << UInt64(index) }
            var masks = [UInt64](repeating: 0, count: layout.sectionCriteria.count)
            for (section, range) in layout.sectionCriteria.enumerated() {
                guard range.count <= 64 else { return }
                for index in range where result.criteria[index].scored { masks[section] |= 1 << UInt64(index - range.lowerBound) }
            }
            scoredBySection = masks
        }
    }

    /// A direct-mapped cache of the cells from `section` to `failed_critical` of rows outside the
    /// standard case, keyed by two words: the criterion, answer, lost credit units, scored and
    /// critical-failure flags (`first`), and the audit's section masks (`second`), compared exactly.
    private final class OtherRowCells {
        struct Key: Equatable {
            var first: Int
            var second: UInt64
            var third: UInt64
        }

        private static let slots = 8192
        private let keys = UnsafeMutablePointer<Key>.allocate(capacity: slots)
        private let cells = UnsafeMutablePointer<[UInt8]>.allocate(capacity: slots)

        init() {
            // -1 marks an empty slot: no `first` is negative.
            keys.initialize(repeating: Key(first: -1, second: 0, third: 0), count: Self.slots)
            cells.initialize(repeating: [], count: Self.slots)
        }

        deinit {
            keys.deallocate()
            cells.deinitialize(count: Self.slots)
            cells.deallocate()
        }

        /// `nil` when a part does not fit: no answer code, a credit that is not a whole number of
        /// credit units or loses 64 or more, a criterion index beyond 1023, no masks.
        static func key(criterion: Int, outcome: CriterionResult, shape: AuditShape, layout: ScorecardLayout) -> Key? {
            guard criterion < 1024, let masks = shape.scoredBySection else { return nil }
            // 6 marks a blank answer: `answerCode` tags use 0…5.
            guard let answer = outcome.answer.map(CriterionExportWriter.answerCode) ?? 6 else { return nil }
            // Lost units 0…63 for a credit, 64 for none.
            var lost = 64
            if let credit = outcome.credit {
                guard let earned = CriterionTally.units(of: credit, unit: layout.creditUnits[criterion]),
                      let whole = Int(exactly: layout.creditUnits[criterion]), whole - earned >= 0, whole - earned < 64 else { return nil }
                lost = whole - earned
            }
            let flags = (outcome.scored ? 2 : 0) | (outcome.failedCritical ? 1 : 0)
            let first = ((answer << 10 | criterion) << 7 | lost) << 2 | flags
            // An unscored row has no points lost: the masks do not matter.
            guard outcome.scored else { return Key(first: first, second: 0, third: 0) }
            return Key(first: first, second: shape.counted, third: masks[layout.sectionOfCriterion[criterion]])
        }

        private static func slot(_ key: Key) -> Int {
            let mix = UInt64(truncatingIfNeeded: key.first) &* 0x9E37_79B9_7F4A_7C15 ^ key.second &* 0xC2B2_AE3D_27D4_EB4F
                ^ key.third &* 0x1656_67B1_9E37_79F9
            return Int(truncatingIfNeeded: mix >> 51)
        }

        func cell(_ key: Key) -> [UInt8]? {
            let slot = Self.slot(key)
            return keys[slot] == key ? cells[slot] : nil
        }

        func store(_ cell: [UInt8], key: Key) {
            let slot = Self.slot(key)
            keys[slot] = key
            cells[slot] = cell
        }
    }

    /// An answer's cell as this format writes it (the normalised answer), worked out once per
    /// criterion and distinct answer: answers repeat (`yes`, `4`, `resolved`).
    private func answerCell(_ answer: Answer, criterion: Criterion, cache: inout [Answer: [UInt8]]) -> [UInt8] {
        if let cell = cache[answer] { return cell }
        let text = ScoredAudit.answerText(answer, criterion: criterion)
        let cell: [UInt8] = switch format {
        case .csv: Self.cell(text)
        case .jsonl: Self.answerJSON(text, answer)
        }
        if cache.count < 256 { cache[answer] = cell }
        return cell
    }

    /// Writes out what is buffered.
    public func end() throws {
        try flush()
    }

    private func flush() throws {
        try buffer.withUnsafeBufferPointer { try sink.write(utf8: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The cells before `section` (each followed by its separator) and the cells from `score`
    /// on (ending the row), the same on every row of the audit.
    private func encodeAuditCells(_ scored: ScoredAudit) -> (head: [UInt8], tail: [UInt8]) {
        let audit = scored.audit
        let result = scored.result
        var head: [UInt8] = []
        var tail: [UInt8] = []
        let date = dateCells.cell(audit.date, format: format)
        let score = result.score.map { $0.formatted() }
        let passed = result.passed.map { $0 ? "true" : "false" }
        switch format {
        case .csv:
            let comma = UInt8(ascii: ",")
            head.reserveCapacity(160)
            Self.appendCell(audit.id, to: &head)
            head.append(comma)
            Self.appendCell(audit.interactionID, to: &head)
            head.append(comma)
            Self.appendCell(audit.agent, to: &head)
            head.append(comma)
            if let team = audit.value(of: "team") { Self.appendCell(team, to: &head) }
            head.append(comma)
            Self.appendCell(audit.reviewer, to: &head)
            head.append(comma)
            head += date
            head.append(comma)
            head += scorecardCells[audit.scorecardIndex]
            tail.reserveCapacity(64)
            tail.append(UInt8(ascii: ","))
            if let score { tail.append(contentsOf: score.utf8) }
            for value in [passed, audit.isCalibration ? "true" : "false", audit.comment] {
                tail.append(UInt8(ascii: ","))
                if let value { Self.appendCell(value, to: &tail) }
            }
            for name in metadataColumns {
                tail.append(UInt8(ascii: ","))
                if let value = audit.value(of: name) { Self.appendCell(value, to: &tail) }
            }
            // With `original_answer`, each row ends after its own last cell.
            if !includesOriginalAnswer { tail.append(0x0A) }
        case .jsonl:
            head.append(UInt8(ascii: "{"))
            let leading: [(String, String?)] = [
                ("audit_id", audit.id), ("interaction_id", audit.interactionID), ("agent", audit.agent),
                ("team", audit.value(of: "team")), ("reviewer", audit.reviewer),
            ]
            for (name, value) in leading {
                Self.appendMember(name, raw: value.map(Self.jsonString) ?? Self.null, to: &head)
            }
            Self.appendMember("date", raw: date, to: &head)
            head += scorecardCells[audit.scorecardIndex]
            Self.appendMember("score", raw: score.map { Array($0.utf8) } ?? Self.null, to: &tail)
            Self.appendMember("passed", raw: passed.map { Array($0.utf8) } ?? Self.null, to: &tail)
            Self.appendMember("calibration", raw: Array((audit.isCalibration ? "true" : "false").utf8), to: &tail)
            Self.appendMember("audit_comment", raw: audit.comment.map(Self.jsonString) ?? Self.null, to: &tail)
            // JSON Lines needs no common header: each row carries its own audit's metadata.
            var written: Set<String> = ["team"]
            for name in audit.metadata.names where written.insert(name).inserted {
                Self.appendMember(name, raw: audit.value(of: name).map(Self.jsonString) ?? Self.null, to: &tail)
            }
            if !includesOriginalAnswer {
                tail.removeLast(2)
                tail += Self.objectEnd
            }
        }
        return (head, tail)
    }

    /// A direct-mapped cache of `date` cells (`CalendarDate.description` as a CSV cell or a JSON
    /// string): an export's audits share a few hundred dates, and formatting is dearer than a look-up.
    private final class DateCells {
        private static let slots = 64 * 16 * 32
        private let keys = UnsafeMutablePointer<Int>.allocate(capacity: slots)
        private let cells = UnsafeMutablePointer<[UInt8]>.allocate(capacity: slots)

        init() {
            keys.initialize(repeating: Int.min, count: Self.slots)
            cells.initialize(repeating: [], count: Self.slots)
        }

        deinit {
            keys.deallocate()
            cells.deinitialize(count: Self.slots)
            cells.deallocate()
        }

        func cell(_ date: CalendarDate, format: Format) -> [UInt8] {
            let key = (date.year * 16 + date.month) * 32 + date.day
            let slot = ((date.year & 63) * 16 + (date.month & 15)) * 32 + (date.day & 31)
            if keys[slot] == key { return cells[slot] }
            let cell = format == .csv ? CriterionExportWriter.cell(date.description) : CriterionExportWriter.jsonString(date.description)
            keys[slot] = key
            cells[slot] = cell
            return cell
        }
    }

    /// A direct-mapped cache of the cells of rationals at most four decimals long, as
    /// `decimalString(maximumPlaces: 4)` writes them (the same in CSV and JSON): a credit or a
    /// criterion's points lost repeats from audit to audit, and formatting is dearer than a look-up.
    /// A class over its own memory, so that a look-up costs no copy-on-write or exclusivity check.
    private final class DecimalCells {
        private static let slots = 1024
        private let keys = UnsafeMutablePointer<(numerator: Int128, denominator: Int128)>.allocate(capacity: slots)
        private let cells = UnsafeMutablePointer<[UInt8]>.allocate(capacity: slots)

        init() {
            // A denominator of 0 marks an empty slot: no rational has one.
            keys.initialize(repeating: (0, 0), count: Self.slots)
            cells.initialize(repeating: [], count: Self.slots)
        }

        deinit {
            keys.deallocate()
            cells.deinitialize(count: Self.slots)
            cells.deallocate()
        }

        func cell(_ value: Rational) -> [UInt8] {
            let (numerator, denominator) = (value.numerator, value.denominator)
            let mix = UInt64(truncatingIfNeeded: numerator) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: denominator) &* 0xC2B2_AE3D_27D4_EB4F
            let slot = Int(truncatingIfNeeded: mix >> 54)
            if keys[slot].denominator == denominator && keys[slot].numerator == numerator { return cells[slot] }
            let cell = Array(value.decimalString(maximumPlaces: 4).utf8)
            keys[slot] = (numerator, denominator)
            cells[slot] = cell
            return cell
        }
    }

    /// The points-lost cells of one scorecard's criteria in standard audits (every regular
    /// section counted, the criterion's whole section scored), where a criterion's points lost is
    /// its `ScorecardLayout.standardLossFactors` × the credit units lost: the same exact value as
    /// `ScorecardLayout.pointsLost`, so the same cell, worked out once per criterion and count.
    private final class LossCells {
        private static let unitLimit = 64
        private let layout: ScorecardLayout
        private let cells: UnsafeMutablePointer<[UInt8]?>
        private let count: Int

        init(_ layout: ScorecardLayout) {
            self.layout = layout
            count = layout.weights.count * Self.unitLimit
            cells = .allocate(capacity: count)
            cells.initialize(repeating: nil, count: count)
        }

        deinit {
            cells.deinitialize(count: count)
            cells.deallocate()
        }

        /// The credit units lost in the standard case; `nil` outside it, or for more lost units
        /// than are kept.
        @inline(__always)
        func standardUnits(_ index: Int, credit: Rational, loss: LossContext, in result: ScoredResult) -> Int? {
            let section = layout.sectionOfCriterion[index]
            guard loss.isStandard(section), result.sections[section].counted,
                  let earned = CriterionTally.units(of: credit, unit: layout.creditUnits[index]),
                  let whole = Int(exactly: layout.creditUnits[index]) else { return nil }
            let lost = whole - earned
            guard lost >= 0, lost < Self.unitLimit else { return nil }
            return lost
        }

        /// `nil` outside the standard case, or for more lost units than are kept.
        func standardCell(_ index: Int, credit: Rational, loss: LossContext, in result: ScoredResult) -> [UInt8]? {
            guard let lost = standardUnits(index, credit: credit, loss: loss, in: result) else { return nil }
            let slot = index * Self.unitLimit + lost
            if let cell = cells[slot] { return cell }
            let cell = Array((layout.standardLossFactors[index] * Rational(lost)).decimalString(maximumPlaces: 4).utf8)
            cells[slot] = cell
            return cell
        }
    }

    /// `"name": value, ` (the object's last `, ` is replaced by its closing brace).
    private static func appendMember(_ name: String, raw: [UInt8], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        bytes += name.utf8
        bytes += memberColon
        bytes += raw
        bytes += memberComma
    }

    private static let memberColon = Array("\": ".utf8)
    private static let memberComma = Array(", ".utf8)
    private static let null = Array("null".utf8)
    private static let objectEnd = Array("}\n".utf8)
    private static let jsonCommentNull = Array("\"comment\": null, ".utf8)
    private static let csvTrue = Array("true,".utf8)
    private static let csvFalse = Array("false,".utf8)
    private static let jsonTrue = Array("true".utf8)
    private static let jsonFalse = Array("false".utf8)

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
