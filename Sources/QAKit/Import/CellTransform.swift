/// Rewrites the cells a profile translates (docs/imports.md) into qakit's own words before a
/// record is decoded: a column's value map, the `values` words of an answer, a decimal comma,
/// a date in another format, an N/A column.
///
/// A CSV record's cells are rewritten in place (the new text is appended to the record's bytes
/// and the cell pointed at it), so the fast row path downstream reads them as if the file had
/// been written in qakit's layout. Cells repeat (`Yes`, `20/10/2025`), so each column keeps what
/// its recent short cells read as, and most cells cost one integer comparison.
public final class CellTransform {
    /// What a column holds, as far as the profile's rewriting goes.
    enum Purpose {
        /// The answer to criterion `id` (values maps, decimal comma).
        case answer(String)
        /// A date field: `asDay` for an audit's `date`, else a ticket's date-time.
        case date(asDay: Bool)
        /// A ticket number (minutes, counts, scores): decimal comma, and the field's `values`.
        case number(String)
        /// A ticket word field (`sla_breached`, `status`): its `values`.
        case word(String)
        case other
    }

    private enum Operation {
        case columnMap(ValueMap)
        /// `ignoringCase`: the column is read ignoring case (an answer, docs/audits.md), so a
        /// word that maps to itself in another case (`Yes` to `yes`) needs no rewriting.
        case words([ValueMap], ignoringCase: Bool)
        case decimal(UInt8)
        case date([DateFormat], asDay: Bool)
    }

    private final class Column {
        let index: Int
        /// The qakit field the column fills, and its source column, for messages.
        let field: String
        let source: String
        let operations: [Operation]
        /// The column whose true value makes this cell `na`, or -1.
        let notApplicableColumn: Int
        /// The last few short cells and what they became, searched first (`recentSize` slots,
        /// filled round-robin), then every short cell met so far, up to `cacheLimit`.
        var recentKeys = [UInt128](repeating: 0, count: CellTransform.recentSize)
        var recentValues = [Rewrite](repeating: .same, count: CellTransform.recentSize)
        var nextSlot = 0
        var cache: [UInt128: Rewrite] = [:]
        /// Codes of the short cells met (`CellTransform.apply(to:cells:)`), up to `cacheLimit`.
        var codes: [UInt128: Int32] = [:]

        init(index: Int, field: String, source: String, operations: [Operation], notApplicableColumn: Int) {
            self.index = index
            self.field = field
            self.source = source
            self.operations = operations
            self.notApplicableColumn = notApplicableColumn
        }
    }

    /// What a cell becomes.
    enum Rewrite {
        case same
        case text([UInt8])
        /// The record's problem (`field 'date' (column 'created_at'): …`).
        case problem(ImportProblem)
    }

    private let columns: [Column]
    private static let cacheLimit = 4096
    static let recentSize = 8

    var isEmpty: Bool { columns.isEmpty }

    /// The transform for a file whose columns fill `fields` (after renaming), read from the
    /// columns named `sources`; `purpose` says what each field holds. `nil` columns of
    /// `notApplicableColumns` have no N/A column.
    init(profile: ImportProfile, fields: [String], sources: [String], purpose: (Int) -> Purpose) {
        self.profile = profile
        columns = fields.enumerated().compactMap { index, field in
            let notApplicable = profile.rule(for: field)?.notApplicableSource.flatMap { sources.firstIndex(of: $0) } ?? -1
            return Self.column(profile, index: index, field: field, source: index < sources.count ? sources[index] : field,
                               purpose: purpose(index), notApplicableColumn: notApplicable)
        }
        cellIndexes = .allocate(capacity: max(1, columns.count))
        notApplicableIndexes = .allocate(capacity: max(1, columns.count))
        for (offset, column) in columns.enumerated() {
            cellIndexes[offset] = column.index
            notApplicableIndexes[offset] = column.notApplicableColumn
        }
        recentKeys = .allocate(capacity: max(1, columns.count) * Self.recentSize)
        recentKeys.initialize(repeating: 0)
        recentCodes = .allocate(capacity: max(1, columns.count) * Self.recentSize)
        recentCodes.initialize(repeating: Self.sameCode)
        nextSlots = .allocate(capacity: max(1, columns.count))
        nextSlots.initialize(repeating: 0)
        codes = .allocate(capacity: max(1, columns.count))
        codes.initialize(repeating: Self.sameCode)
        replacementBytes = Array("na".utf8)
        replacementRanges = [0..<2]
        replacementIndex = [Array("na".utf8): 0]
    }

    deinit {
        cellIndexes.deallocate()
        notApplicableIndexes.deallocate()
        recentKeys.deallocate()
        recentCodes.deallocate()
        nextSlots.deallocate()
        codes.deallocate()
    }

    // The CSV hot path (`apply(to:cells:)`) reads flat buffers, not the `Column` objects: per
    // transformed column its cell and N/A cell, and its recent short cells with their codes.
    private let cellIndexes: UnsafeMutableBufferPointer<Int>
    private let notApplicableIndexes: UnsafeMutableBufferPointer<Int>
    private let recentKeys: UnsafeMutableBufferPointer<UInt128>
    private let recentCodes: UnsafeMutableBufferPointer<Int32>
    private let nextSlots: UnsafeMutableBufferPointer<Int>
    /// Each column's code for the record being rewritten.
    private let codes: UnsafeMutableBufferPointer<Int32>
    /// A cell's outcome as a code: the cell as it is, a problem, or the index of its new text in
    /// `replacements` (0 is `na`).
    private static let sameCode: Int32 = -1
    private static let problemCode: Int32 = -2
    private var replacementBytes: [UInt8]
    private var replacementRanges: [Range<Int>]
    private var replacementIndex: [[UInt8]: Int32]

    /// The code of a rewrite, its new text interned in `replacements`.
    private func code(of rewrite: Rewrite) -> Int32 {
        switch rewrite {
        case .same: return Self.sameCode
        case .problem: return Self.problemCode
        case .text(let text):
            if let known = replacementIndex[text] { return known }
            let index = Int32(replacementRanges.count)
            replacementRanges.append(replacementBytes.count..<replacementBytes.count + text.count)
            replacementBytes += text
            replacementIndex[text] = index
            return index
        }
    }

    private let profile: ImportProfile
    /// Keyed records' columns by field name, made when a field is first met (`nil`: nothing to do).
    private var keyed: [String: Column?] = [:]

    /// The rewriting of one column, `nil` when the profile leaves it alone.
    private static func column(_ profile: ImportProfile, index: Int, field: String, source: String, purpose: Purpose,
                               notApplicableColumn: Int) -> Column? {
        var operations: [Operation] = []
        if let map = profile.rule(for: field)?.map { operations.append(.columnMap(map)) }
        switch purpose {
        case .answer(let id), .number(let id), .word(let id):
            let maps = profile.valueMaps(for: id)
            if case .answer = purpose, !maps.isEmpty {
                operations.append(.words(maps, ignoringCase: true))
            } else if !maps.isEmpty {
                operations.append(.words(maps, ignoringCase: false))
            }
            if case .word = purpose { break }
            if let decimal = profile.decimal, decimal != "." { operations.append(.decimal(UInt8(decimal.value))) }
        case .date(let asDay):
            if !profile.dates.isEmpty { operations.append(.date(profile.dates, asDay: asDay)) }
        case .other:
            break
        }
        guard !operations.isEmpty || notApplicableColumn >= 0 else { return nil }
        return Column(index: index, field: field, source: source, operations: operations, notApplicableColumn: notApplicableColumn)
    }

    /// The text of keyed field `field` (read from `source`) rewritten; `isNotApplicable` when
    /// its N/A column says so.
    func rewrite(field: String, source: String, purpose: Purpose, text: String, isNotApplicable: Bool) -> Rewrite {
        if isNotApplicable { return .text(Array("na".utf8)) }
        let column: Column?
        if let known = keyed[field] {
            column = known
        } else {
            column = Self.column(profile, index: 0, field: field, source: source, purpose: purpose, notApplicableColumn: -1)
            keyed[field] = .some(column)
        }
        guard let column else { return .same }
        var text = text
        return text.withUTF8 { rewrite(column, $0) }
    }

    /// Whether a keyed N/A field's text says yes.
    static func isTrue(_ text: String) -> Bool {
        isTrue(Array(text.utf8), 0..<text.utf8.count)
    }

    /// The transform of an audit file whose header `sources` a profile renamed to `layout`'s
    /// names; `nil` when the profile rewrites no cell.
    public static func forAudits(profile: ImportProfile, sources: [String], layout: RecordLayout) -> CellTransform? {
        guard profile.transformsCells else { return nil }
        let transform = CellTransform(profile: profile, fields: layout.names, sources: sources) { ProfileColumns.purpose(of: layout.roles[$0]) }
        return transform.isEmpty ? nil : transform
    }

    /// The transform of an interaction export (`qakit sample`, `worksheet --interactions`): its
    /// `date` takes the profile's dates, every column its `values` words.
    static func forInteractions(profile: ImportProfile, sources: [String], fields: [String]) -> CellTransform? {
        guard profile.transformsCells else { return nil }
        let transform = CellTransform(profile: profile, fields: fields, sources: sources) { index in
            fields[index] == "date" ? .date(asDay: false) : fields[index] == "interaction_id" || fields[index] == "agent" ? .other : .word(fields[index])
        }
        return transform.isEmpty ? nil : transform
    }

    /// Rewrites cells `cells` of `record`; the problem of the record when a cell cannot be read.
    ///
    /// Each cell is first looked up among its column's last `recentSize` short cells by one
    /// 128-bit comparison each; only a miss reads the cell's text.
    func apply(to record: inout CSVRecord, cells: Range<Int>) -> ImportProblem? {
        let base = cells.lowerBound
        let count = cells.count
        let columnCount = columns.count
        let (cellIndexes, notApplicableIndexes, recentKeys, recentCodes, nextSlots, codes) =
            (self.cellIndexes, self.notApplicableIndexes, self.recentKeys, self.recentCodes, self.nextSlots, self.codes)
        var hasChange = false
        record.bytes.withUnsafeBufferPointer { bytes in
            record.starts.withUnsafeBufferPointer { starts in
                record.ends.withUnsafeBufferPointer { ends in
                    for offset in 0..<columnCount {
                        let column = cellIndexes[offset]
                        guard column < count else { codes[offset] = Self.sameCode; continue }
                        let notApplicable = notApplicableIndexes[offset]
                        if notApplicable >= 0, notApplicable < count,
                           Self.isTrue(UnsafeBufferPointer(rebasing: bytes[starts[base + notApplicable]..<ends[base + notApplicable]])) {
                            codes[offset] = 0
                            hasChange = true
                            continue
                        }
                        let start = starts[base + column], length = ends[base + column] - start
                        guard length > 0 else { codes[offset] = Self.sameCode; continue }
                        let cell = UnsafeBufferPointer(rebasing: bytes[start..<start + length])
                        var found: Int32?
                        var key: UInt128 = 0
                        let slots = offset * Self.recentSize
                        if length < 16 {
                            if start + 16 <= bytes.count {
                                // One unaligned load, the bytes past the cell masked off: no store
                                // to reload, as a byte copy into `key` would need.
                                let raw = UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt128.self)
                                key = UInt128(littleEndian: raw) & ((1 << (UInt128(length) * 8)) - 1)
                            } else {
                                withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(cell)) }
                            }
                            key |= UInt128(length) << 120
                            for slot in slots..<slots + Self.recentSize where recentKeys[slot] == key {
                                found = recentCodes[slot]
                                break
                            }
                        }
                        let code: Int32
                        if let found {
                            code = found
                        } else if length < 16, let known = columns[offset].codes[key] {
                            code = known
                        } else {
                            code = self.code(of: compute(columns[offset], cell))
                            if length < 16, columns[offset].codes.count < Self.cacheLimit { columns[offset].codes[key] = code }
                        }
                        if found == nil, length < 16 {
                            let slot = slots + nextSlots[offset]
                            recentKeys[slot] = key
                            recentCodes[slot] = code
                            nextSlots[offset] = (nextSlots[offset] + 1) % Self.recentSize
                        }
                        codes[offset] = code
                        if code != Self.sameCode { hasChange = true }
                    }
                }
            }
        }
        guard hasChange else { return nil }
        for offset in 0..<columnCount where codes[offset] != Self.sameCode {
            let cell = base + cellIndexes[offset]
            if codes[offset] == Self.problemCode {
                let rewrite = record.bytes.withUnsafeBufferPointer { bytes in
                    compute(columns[offset], UnsafeBufferPointer(rebasing: bytes[record.range(of: cell)]))
                }
                if case .problem(let problem) = rewrite { return problem }
                continue
            }
            let range = replacementRanges[Int(codes[offset])]
            replacementBytes.withUnsafeBufferPointer { record.replaceCell(cell, with: UnsafeBufferPointer(rebasing: $0[range])) }
        }
        return nil
    }

    /// Rewrites `values` (one string per column), as `apply(to:cells:)` does a CSV record; the
    /// record's problem when a cell cannot be read.
    public func apply(to values: inout [String]) -> ImportProblem? {
        for column in columns where column.index < values.count {
            var rewrite: Rewrite
            if column.notApplicableColumn >= 0, column.notApplicableColumn < values.count,
               Self.isTrue(Array(values[column.notApplicableColumn].utf8), 0..<values[column.notApplicableColumn].utf8.count) {
                rewrite = .text(Array("na".utf8))
            } else {
                var text = values[column.index]
                rewrite = text.withUTF8 { self.rewrite(column, $0) }
            }
            switch rewrite {
            case .same: continue
            case .problem(let message): return message
            case .text(let text): values[column.index] = String(decoding: text, as: UTF8.self)
            }
        }
        return nil
    }

    /// The cell's rewrite, from the column's cache when the cell is short.
    private func rewrite(_ column: Column, _ cell: UnsafeBufferPointer<UInt8>) -> Rewrite {
        guard cell.count < 16, !cell.isEmpty else { return cell.isEmpty ? .same : compute(column, cell) }
        var key: UInt128 = 0
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(cell)) }
        key |= UInt128(cell.count) << 120
        for slot in 0..<Self.recentSize where column.recentKeys[slot] == key { return column.recentValues[slot] }
        let rewrite: Rewrite
        if let cached = column.cache[key] {
            rewrite = cached
        } else {
            rewrite = compute(column, cell)
            if column.cache.count < Self.cacheLimit { column.cache[key] = rewrite }
        }
        column.recentKeys[column.nextSlot] = key
        column.recentValues[column.nextSlot] = rewrite
        column.nextSlot = (column.nextSlot + 1) % Self.recentSize
        return rewrite
    }

    private func compute(_ column: Column, _ cell: UnsafeBufferPointer<UInt8>) -> Rewrite {
        var text = Array(cell)
        var isChanged = false
        let trimmed = AnswerParser.trimmed(String(decoding: cell, as: UTF8.self))
        if trimmed.isEmpty { return .same }
        for operation in column.operations {
            switch operation {
            case .columnMap(let map):
                guard let value = map.value(of: trimmed) else {
                    let problem = "is not one of the words its map knows (\(map.knownWords))"
                    return .problem(ImportProblem(field: subject(column), value: trimmed, problem: problem,
                                                  cause: "\(subject(column)): '\(trimmed)' \(problem)"))
                }
                return .text(Array(value.utf8))
            case .words(let maps, let ignoringCase):
                if let value = maps.lazy.compactMap({ $0.value(of: trimmed) }).first {
                    if ignoringCase && value.lowercased() == trimmed.lowercased() { return .same }
                    return .text(Array(value.utf8))
                }
            case .decimal(let separator):
                if let index = text.firstIndex(of: separator), text.lastIndex(of: separator) == index,
                   text.allSatisfy({ $0 == separator || $0 == 0x20 || $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) }) {
                    text[index] = UInt8(ascii: ".")
                    isChanged = true
                }
            case .date(let formats, let asDay):
                let bytes = Array(trimmed.utf8)
                let reading = bytes.withUnsafeBufferPointer { buffer in formats.lazy.compactMap { $0.read(buffer) }.first }
                guard let reading else {
                    if Self.isOwnDate(bytes, asDay: asDay) { return .same }
                    let tried = formats.map { "'\($0.description)'" }.joined(separator: ", ")
                    let own = asDay ? "YYYY-MM-DD" : "RFC 3339 date-time"
                    return .problem(ImportProblem(field: subject(column), value: trimmed,
                                                  problem: "matches none of the date formats \(tried), nor qakit's own \(own)",
                                                  cause: "\(subject(column)): dates that match none of the date formats \(tried)"))
                }
                return .text(reading.text(asDay: asDay))
            }
        }
        return isChanged ? .text(text) : .same
    }

    /// Whether a date cell is already written as qakit reads dates (docs/audits.md, docs/kpis.md).
    private static func isOwnDate(_ bytes: [UInt8], asDay: Bool) -> Bool {
        if asDay { return CalendarDate.parse(String(decoding: bytes, as: UTF8.self)) != nil }
        return bytes.withUnsafeBufferPointer { TicketTime.parse($0) != nil }
    }

    private func subject(_ column: Column) -> String {
        column.source == column.field ? "field '\(column.field)'" : "field '\(column.field)' (column '\(column.source)')"
    }

    /// Whether an N/A column's cell says yes: `true`, `yes`, `1`, `y`, `x`, ignoring case and
    /// surrounding spaces.
    private static func isTrue(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { isTrue(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private static func isTrue(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0, end = cell.count
        while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
        guard end - start <= 4 else { return false }
        var word: [UInt8] = []
        for index in start..<end { word.append(cell[index] | 0x20) }
        return word == Array("true".utf8) || word == Array("yes".utf8) || word == [0x31 | 0x20] || word == [UInt8(ascii: "y")] || word == [UInt8(ascii: "x")]
    }
}

extension CSVRecord {
    /// Points cell `index` at `text`, appended to the record's bytes.
    mutating func replaceCell(_ index: Int, with text: some Collection<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        starts[index] = start
        ends[index] = bytes.count
    }
}
