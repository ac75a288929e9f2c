#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Validates and scores CSV records straight from their bytes, for `ScoringRun.run` (a consumer of rows): no
/// string per cell, no `Audit`, no fraction reduction. `prepare` runs on whichever thread the
/// run's balance gives it (docs/scoring.md, "Two threads, one balance") and leaves `ScoringRun`
/// only the duplicate-id check and the arithmetic.
///
/// It only takes the records it can prove valid, and then they get exactly the outcome the
/// general path (`AuditDecoder.decode`, then `ScoreEngine.score`) would give: answers are read
/// with the same `AnswerSpec`s (the run's `CompiledScorecard`s), `when` conditions evaluated
/// with the same matcher, and `ScoringRun` scores with the same `ScoringPlan` and adds the id to
/// the same duplicate check.
/// Every other record (any problem at all, a cell the specs leave to `AnswerParser`, an
/// `applies_to` choice, a scorecard whose arithmetic could overflow, and, found by `ScoringRun`,
/// a duplicate id) is left to the general path, which reports or scores it; so diagnostics have
/// one source.
final class CSVRowDecoder {
    let layout: RecordLayout
    private let decoder: AuditDecoder
    private let scorecards: [Scorecard]
    private let versions: ScorecardVersions
    /// The run's compiled scorecards, whose answer readers and plans this reads with.
    private let compiled: [CompiledScorecard]
    /// Standard field columns, -1 when absent.
    private let idColumn, interactionColumn, agentColumn, reviewerColumn, dateColumn, scorecardColumn, versionColumn, calibrationColumn: Int
    /// Metadata columns without a name: a value under one rejects the record.
    private let unnamedColumns: [Int]
    /// Metadata columns with their names, in column order.
    private let metadata: [(column: Int, name: String)]
    /// The metadata columns named `team`, when name variants are checked (else empty).
    private let teamColumns: [Int]
    /// Where each `--by` key's value comes from; empty without `--by`.
    private let keys: [KeySource]
    /// The scorecards' ids as bytes (the run's).
    private let scorecardIDs: ByteStrings
    /// Per scorecard index, built when first needed; `nil` inside when the scorecard's records
    /// take the general path (no plan, or one whose arithmetic could overflow).
    private var cards: [Card??]
    private let credits: UnsafeMutableBufferPointer<Int64>
    /// Whether the run's consumer reads the audits' answers (the field columns of the per-audit
    /// CSV), which rows read here do not carry: scorecards with fields then take the general path.
    private let readsAnswers: Bool

    /// Where a `--by` key's value comes from (the cases of `Aggregator.Dimension.key(of:)`).
    private enum KeySource {
        case column(Int)
        case date
        case month
        /// The ISO week of the date: not a range of the cell, so written into the batch's keys.
        case week
        case scorecard
        case metadata(String)
    }

    /// One scorecard as this layout reads it, in buffers read without reference counting or
    /// exclusivity checks on the hot path.
    private final class Card {
        let plan: ScoringPlan
        let count: Int
        let answerColumns: UnsafeMutableBufferPointer<Int>
        let required: UnsafeMutableBufferPointer<Bool>
        let foreignColumns: [Int]
        let specs: [AnswerSpec]
        let tables: AnswerSpec.Tables
        /// Recent cells per criterion and what they read as (`cacheSize` slots each): answer
        /// cells repeat (`yes`, `4`, `within_target`), so most are one integer comparison away
        /// from their credit.
        let cacheKeys: UnsafeMutableBufferPointer<UInt128>
        let cacheValues: UnsafeMutableBufferPointer<Int64>
        let cacheCounts: UnsafeMutableBufferPointer<Int>

        init(compiled: CompiledScorecard, plan: ScoringPlan, columns: RecordLayout.Plan, foreignColumns: [Int]) {
            self.plan = plan
            count = plan.items.count
            answerColumns = .allocate(capacity: count)
            _ = answerColumns.initialize(from: columns.answerColumn.map { $0 ?? -1 })
            required = .allocate(capacity: count)
            _ = required.initialize(from: plan.criteria.map(\.isRequired))
            self.foreignColumns = foreignColumns
            specs = compiled.reading.specs
            tables = compiled.reading.tables
            cacheKeys = .allocate(capacity: count * CSVRowDecoder.cacheSize)
            cacheKeys.initialize(repeating: 0)
            cacheValues = .allocate(capacity: count * CSVRowDecoder.cacheSize)
            cacheValues.initialize(repeating: 0)
            cacheCounts = .allocate(capacity: count)
            cacheCounts.initialize(repeating: 0)
        }

        deinit {
            for buffer in [answerColumns, cacheCounts] { buffer.deallocate() }
            required.deallocate()
            cacheKeys.deallocate()
            cacheValues.deallocate()
        }
    }

    /// Whether `calibration` may be yes/no/1/0 (`AuditRecordSource.allowsFlagWords`).
    private let allowsFlagWords: Bool
    private static let cacheSize = 8
    /// Cached value of a cell that answers nothing.
    private static let unanswered = Int64.min + 1

    init(layout: RecordLayout, decoder: AuditDecoder, compiled: [CompiledScorecard], scorecardIDs: ByteStrings, grouping: Grouping?,
         readsTeam: Bool, readsAnswers: Bool = true, allowsFlagWords: Bool = true) {
        self.layout = layout
        self.allowsFlagWords = allowsFlagWords
        self.readsAnswers = readsAnswers
        self.decoder = decoder
        self.compiled = compiled
        scorecards = decoder.scorecards
        versions = decoder.versions
        idColumn = layout.column(of: .auditID) ?? -1
        interactionColumn = layout.column(of: .interactionID) ?? -1
        agentColumn = layout.column(of: .agent) ?? -1
        reviewerColumn = layout.column(of: .reviewer) ?? -1
        dateColumn = layout.column(of: .date) ?? -1
        scorecardColumn = layout.column(of: .scorecard) ?? -1
        versionColumn = layout.column(of: .scorecardVersion) ?? -1
        calibrationColumn = layout.column(of: .calibration) ?? -1
        let metadata = zip(layout.metadataColumns, layout.metadataNames).map { (column: $0, name: $1) }
        self.metadata = metadata.filter { !$0.name.isEmpty }
        unnamedColumns = metadata.filter { $0.name.isEmpty }.map(\.column)
        teamColumns = readsTeam ? metadata.filter { $0.name == "team" }.map(\.column) : []
        self.scorecardIDs = scorecardIDs
        cards = Array(repeating: nil, count: decoder.scorecards.count)
        let agentColumn = agentColumn, reviewerColumn = reviewerColumn, idColumn = idColumn, interactionColumn = interactionColumn
        keys = (grouping?.dimensions ?? []).map { dimension -> KeySource in
            switch dimension {
            case .agent: .column(agentColumn)
            case .reviewer: .column(reviewerColumn)
            case .team: .metadata("team")
            case .month: .month
            case .week: .week
            case .scorecard: .scorecard
            case .field(let name):
                switch name {
                case "audit_id": .column(idColumn)
                case "interaction_id": .column(interactionColumn)
                case "agent": .column(agentColumn)
                case "reviewer": .column(reviewerColumn)
                case "date": .date
                case "month": .month
                default: .metadata(name)
                }
            }
        }
        credits = .allocate(capacity: 64)
    }

    deinit {
        credits.deallocate()
    }

    /// A record's cells: `starts[i]..<ends[i]` in `bytes` is the cell of column `i`.
    typealias Cells = ByteCells

    /// What `prepare` found in a record that the general path need not take, for the consuming
    /// thread to finish: ranges are in the record's bytes, credits in the batch's `credits`.
    struct Prepared {
        var id: Range<Int>
        var interactionID: Range<Int>
        var agent: Range<Int>
        var reviewer: Range<Int>
        var date: Range<Int>
        /// The first non-empty `team` cell, when name variants are checked.
        var team: Range<Int>?
        var key: Key
        var scorecardIndex: Int
        var isCalibration: Bool
        var applies: UInt64
        var creditStart: Int
    }

    /// Where a prepared record's `--by` key is.
    enum Key {
        /// No `--by`, or a single key whose field the record lacks.
        case none
        /// A single key's value: a range of the record's bytes.
        case cell(Range<Int>)
        /// A single `--by scorecard`: the id of the record's scorecard.
        case scorecard
        /// Several keys: a range of the batch's `keys`, in `Grouping`'s joined encoding; or a
        /// single key's value worked out from the record (`--by week`), held there as it is.
        case joined(Range<Int>)
    }

    /// Checks everything about a record that does not depend on the records before it, and
    /// works out its credits (appended to `credits`); `nil` when the general path must take it.
    /// Only the duplicate-id check is left, for `ScoringRun` to make in record order, just
    /// before it scores the record with `ScoringPlan.evaluate` (a plain plan cannot overflow there; a
    /// form plan that overflows sends the record to the general path).
    func prepare(_ cells: Cells, credits batchCredits: inout [Int64], keys joinedKeys: inout [UInt8]) -> Prepared? {
        let id = cells.trimmedRange(idColumn)
        let interaction = cells.trimmedRange(interactionColumn)
        let agent = cells.trimmedRange(agentColumn)
        let reviewer = cells.trimmedRange(reviewerColumn)
        let date = cells.trimmedRange(dateColumn)
        // The general decoder's own readers of a date (its `YYYY-MM-DD` form) and the flag.
        guard !id.isEmpty, !interaction.isEmpty, !agent.isEmpty, !reviewer.isEmpty, let day = CalendarDate.plain(cells.span(date))?.daysSince1970,
              let isCalibration = AnswerParser.flag(bytes: cells.span(cells.trimmedRange(calibrationColumn)), allowWords: allowsFlagWords)
        else { return nil }
        for column in unnamedColumns where !cells.trimmedRange(column).isEmpty { return nil }
        guard let ordinal = scorecardOrdinal(cells.span(cells.trimmedRange(scorecardColumn))),
              let cardIndex = versionIndex(cells.span(cells.trimmedRange(versionColumn)), ordinal: ordinal, day: day),
              let card = card(cardIndex) else { return nil }
        let plan = card.plan

        /// The audit's fields for `when` conditions, as the general path's look-up gives them.
        func value(_ field: String) -> String? {
            switch field {
            case "audit_id": return cells.string(id)
            case "interaction_id": return cells.string(interaction)
            case "agent": return cells.string(agent)
            case "reviewer": return cells.string(reviewer)
            case "date": return cells.string(date)
            case "month": return cells.string(date.lowerBound..<date.lowerBound + 7)
            default: return metadataValue(field, cells).map(cells.string)
            }
        }
        var applies: UInt64 = 0
        for (index, condition) in plan.conditions where condition.matchesWithoutAllocating(value) {
            applies |= 1 << UInt64(index)
        }

        let isForm = plan.form != nil
        var unanswered: UInt64 = 0
        for index in 0..<card.count {
            let cell = cells.range(card.answerColumns[index])
            guard let credit = credit(cells.span(cell), criterion: index, card: card) else { return nil }
            if credit == Self.unanswered {
                let bit: UInt64 = 1 << UInt64(index)
                if card.required[index] {
                    if isForm {
                        unanswered |= bit
                    } else if plan.conditionMask & bit == 0 || applies & bit != 0 {
                        return nil
                    }
                }
                credits[index] = ScoringPlan.noCredit
            } else {
                credits[index] = credit
            }
        }
        // A form's applicability may depend on answers: known only now (docs/scorecards.md, "Conditions").
        if unanswered != 0,
           plan.formApplicability(codes: UnsafeBufferPointer(rebasing: credits[0..<card.count]), fieldMask: applies) & unanswered != 0 {
            return nil
        }
        for column in card.foreignColumns where !cells.trimmedRange(column).isEmpty { return nil }

        let key = key(cells, date: date, day: day, scorecardIndex: cardIndex, joined: &joinedKeys)
        let creditStart = batchCredits.count
        batchCredits.append(contentsOf: UnsafeBufferPointer(rebasing: credits[0..<card.count]))
        var team: Range<Int>?
        for column in teamColumns where team == nil {
            let value = cells.trimmedRange(column)
            if !value.isEmpty { team = value }
        }
        return Prepared(id: id, interactionID: interaction, agent: agent, reviewer: reviewer, date: date, team: team, key: key,
                        scorecardIndex: cardIndex, isCalibration: isCalibration, applies: applies, creditStart: creditStart)
    }

    /// The record's `--by` key; several keys' values are appended to `joined`.
    private func key(_ cells: Cells, date: Range<Int>, day: Int, scorecardIndex: Int, joined: inout [UInt8]) -> Key {
        func range(_ source: KeySource) -> Range<Int>? {
            switch source {
            case .column(let column): cells.trimmedRange(column)
            case .date: date
            case .month: date.lowerBound..<date.lowerBound + 7
            case .scorecard, .week: nil
            case .metadata(let name): metadataValue(name, cells)
            }
        }
        switch keys.count {
        case 0: return .none
        case 1:
            if case .scorecard = keys[0] { return .scorecard }
            if case .week = keys[0] {
                // A single key's plain value, held in the batch's keys like a joined one.
                let start = joined.count
                joined += CalendarDate(daysSince1970: day).weekKey.utf8
                return .joined(start..<joined.count)
            }
            return range(keys[0]).map(Key.cell) ?? .none
        default:
            let start = joined.count
            for source in keys {
                if case .scorecard = source {
                    Grouping.appendComponent(scorecardIDs.span(scorecardIndex), to: &joined)
                } else if case .week = source {
                    var week = CalendarDate(daysSince1970: day).weekKey
                    week.withUTF8 { Grouping.appendComponent($0, to: &joined) }
                } else {
                    Grouping.appendComponent(range(source).map(cells.span), to: &joined)
                }
            }
            return .joined(start..<joined.count)
        }
    }

    /// The first non-empty value of a metadata column named `name`, as `AuditFields.value(named:)`.
    private func metadataValue(_ name: String, _ cells: Cells) -> Range<Int>? {
        for entry in metadata where entry.name == name {
            let value = cells.trimmedRange(entry.column)
            if !value.isEmpty { return value }
        }
        return nil
    }

    /// The credit numerator of a cell for criterion `index`, `unanswered`, or `nil` for the
    /// general path.
    private func credit(_ cell: UnsafeBufferPointer<UInt8>, criterion index: Int, card: Card) -> Int64? {
        if cell.isEmpty { return Self.unanswered }
        guard cell.count < 16 else { return read(cell, criterion: index, card: card) }
        var code: UInt128 = 0
        withUnsafeMutableBytes(of: &code) { $0.copyMemory(from: UnsafeRawBufferPointer(cell)) }
        code |= UInt128(cell.count) << 120
        let base = index * Self.cacheSize
        let count = card.cacheCounts[index]
        for slot in base..<base + count where card.cacheKeys[slot] == code { return card.cacheValues[slot] }
        guard let value = read(cell, criterion: index, card: card) else { return nil }
        if count < Self.cacheSize {
            card.cacheKeys[base + count] = code
            card.cacheValues[base + count] = value
            card.cacheCounts[index] = count + 1
        }
        return value
    }

    /// The cell read by its `AnswerSpec`, the general decoder's reader, and credited by the plan
    /// (coded, for a form plan).
    private func read(_ cell: UnsafeBufferPointer<UInt8>, criterion index: Int, card: Card) -> Int64? {
        switch card.specs[index].read(bytes: cell, tables: card.tables) {
        case .unanswered:
            return Self.unanswered
        case .general:
            return nil
        case .text:
            return card.plan.code(of: .text(""), index: index)
        case .answer(let answer) where card.plan.form != nil:
            return card.plan.code(of: answer, index: index)
        case .answer(let answer):
            switch card.plan.credit(of: answer, item: card.plan.items[index]) {
            case .none: return ScoringPlan.noCredit
            case .earned(let credit): return credit
            case .inexpressible: return nil
            }
        }
    }

    /// The audit's scorecard id (a position in `versions.ids`) by its `scorecard` cell; the only
    /// one when the cell is empty.
    private func scorecardOrdinal(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        if name.isEmpty { return versions.ids.count == 1 ? 0 : nil }
        let index = scorecards.indices.first { index in
            let id = scorecardIDs.span(index)
            return id.count == name.count && memcmp(id.baseAddress!, name.baseAddress!, name.count) == 0
        }
        return index.map { versions.idOrdinal[$0] }
    }

    /// The scorecard index of the audit's version, as `AuditDecoder` picks it: the number in the
    /// `scorecard_version` cell, read by the general decoder's reader, else the version in force
    /// on `day`. `nil` when the cell is no version number or names no loaded version, or no
    /// version is in force, for the general path to report.
    private func versionIndex(_ cell: UnsafeBufferPointer<UInt8>, ordinal: Int, day: Int) -> Int? {
        if let forced = decoder.forced, versions.idOrdinal[forced.index] == ordinal { return forced.index }
        guard !cell.isEmpty else { return versions.inForce(ordinal: ordinal, day: day) }
        guard let number = AnswerSpec.integer(cell), number >= 1 else { return nil }
        return versions.index(ordinal: ordinal, version: number)
    }

    private func card(_ index: Int) -> Card? {
        if let card = cards[index] { return card }
        var card: Card?
        // A plain plan gets a card only when `evaluate` cannot overflow. A form plan's
        // `evaluateForm` checks every step and returns nil on overflow, and `finish` then hands
        // the record to the general path, so it needs no such bound (the plain bound, a product
        // over sections, does not describe a points total and refused every large form).
        if let plan = compiled[index].plan, plan.cannotOverflow || plan.form != nil, plan.form == nil || !hidesFields(scorecards[index]) {
            let columns = layout.plan(for: scorecards, index: index)
            // A forced version ignores answers to its siblings' criteria, as `AuditDecoder` does.
            let ignored = decoder.forced.flatMap { $0.index == index ? $0.ignoredAnswers : nil } ?? []
            let foreign = columns.foreignAnswerColumns.filter { !ignored.contains(layout.names[$0]) }
            card = Card(compiled: compiled[index], plan: plan, columns: columns, foreignColumns: foreign)
        }
        cards[index] = .some(card)
        return card
    }

    /// Whether rows read here would lose what the run needs of `scorecard`'s fields: the
    /// consumer reads answers, or a `--by` key names a field (docs/aggregates.md).
    private func hidesFields(_ scorecard: Scorecard) -> Bool {
        let fields = scorecard.fieldIDs
        if fields.isEmpty { return false }
        if readsAnswers { return true }
        return keys.contains { key in
            if case .metadata(let name) = key { return fields.contains(name) }
            return false
        }
    }
}
