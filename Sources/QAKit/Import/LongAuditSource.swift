/// Audits in a CSV or TSV file with one row per answer, or a JSON file with one record per answer
/// (docs/imports.md, `long`), pivoted to one record per audit. A JSON record is read as a row
/// whose cells are the values at the profile's paths (looked up in its enclosing records too). Every column but the audit, criterion, value, N/A and comment columns
/// is a field of the audit (renamed by `columns`), read from the first of its rows that has it.
///
/// The rows of one audit may come in any order and need not be adjacent, so every audit is
/// held until the end of the input and handed on then, in the order audits first appear: memory
/// grows with the number of audits (a few hundred bytes per answer). With `grouped: true` the
/// rows of one audit are promised to be adjacent: an audit is handed on as soon as the next one
/// starts, in constant memory (a later row for an audit already handed on becomes a second
/// audit with the same id, which the run rejects as a duplicate).
struct LongAuditSource: AuditRecordSource {
    let file: String
    var allowsFlagWords: Bool { true }
    var metadataNames: [String] { layout.metadataNames }
    var declaredFieldNames: [String]? { layout.metadataNames.filter { !$0.isEmpty } }

    /// Where the rows come from: a CSV reader, or a JSON file's records already made rows.
    private enum Input {
        case csv(CSVReader)
        /// Reversed, so the next is the last; a record that is no row is its problem.
        case rows([Result<CSVReadResult, DiagnosticBox>])
    }
    private var input: Input
    private let long: LongLayout
    private let layout: RecordLayout
    private let transform: CellTransform?
    /// Column indexes in the file: the audit id, criterion, value, N/A and comment columns.
    private let auditColumn, criterionColumn, valueColumn: Int
    private let notApplicableColumn, commentColumn: Int?
    /// For each audit-level field of the layout (after `audit_id`), its column in the file.
    private let fieldColumns: [Int]
    /// Our criterion id of each source id (`criteria`), or `nil` to read ids as they are.
    private let criteria: [String: String]?
    /// The layout column of each criterion's answer, and of its comment.
    private let answerColumn: [String: Int]
    private let commentColumnOfCriterion: [String: Int]
    private var warnedIDs: Set<String> = []

    /// One audit being put together.
    private struct Pending {
        var line: Int
        var values: [String]
        /// The line of each answer, by layout column (0: none yet), to name both lines of a
        /// criterion answered twice.
        var answerLines: [Int32]
    }
    /// The audits being put together, by id: their place in `pending`, in the order they first appear.
    private var open: [String: Int] = [:]
    private var pending: [Pending?] = []
    private var current: String?
    /// Items to hand on, `ready[readyIndex...]`.
    private var ready: [SourceItem] = []
    private var readyIndex = 0
    private var isAtEnd = false

    init(path: String, delimiter: Unicode.Scalar, profile: ImportProfile, long: LongLayout, decoder: AuditDecoder) throws(InputError) {
        let reader: CSVReader
        do {
            reader = CSVReader(source: try ByteSource(path: path, encoding: profile.encoding ?? .utf8), delimiter: profile.delimiter ?? delimiter)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        let header: CSVReadResult?
        do {
            header = try reader.next()
        } catch {
            throw InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        try self.init(path: path, input: .csv(reader), header: header, profile: profile, long: long, decoder: decoder)
    }

    /// One record per answer of a JSON file (docs/imports.md, `long`): each record is a row whose
    /// cells are the texts at the long roles' and `columns`' paths, in the record or, when it
    /// lacks a path's first key, in its enclosing records outward. A row's line is its record's line in the file.
    init(jsonPath path: String, profile: ImportProfile, long: LongLayout, decoder: AuditDecoder) throws(InputError) {
        let source: ByteSource
        do {
            source = try ByteSource(path: path, encoding: profile.encoding ?? .utf8)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        let all = try JSONRecord.records(of: source, file: path, profile: profile)
        let records = all.filter { !$0.holdsNoRecords }
        var names: [String] = []
        for name in [long.audit, long.criterion, long.value] + [long.notApplicable, long.comment].compactMap({ $0 }) + profile.columns.map(\.source)
        where !names.contains(name) { names.append(name) }
        let paths = names.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        var seen = [Bool](repeating: false, count: names.count)
        var rows: [Result<CSVReadResult, DiagnosticBox>] = []
        rows.reserveCapacity(all.count)
        var reported: Set<[Int]> = []
        let auditPath = long.audit.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for record in all {
            if record.holdsNoRecords {
                rows.append(.failure(DiagnosticBox(diagnostic: record.noRecordsProblem(file: path, recordsPath: profile.records ?? [], auditPath: auditPath))))
                continue
            }
            guard case .object = record.value else {
                rows.append(.success(.invalid(line: record.line, column: record.column, message: "expected an answer object, found \(JSONRecord.article(record.value))")))
                continue
            }
            var fields: [String] = []
            var problem: (message: String, path: [String])?
            for (column, path) in paths.enumerated() {
                let found = record.resolve(path)
                if found != nil { seen[column] = true }
                switch found {
                case nil, .null?: fields.append("")
                case .string(let text)?: fields.append(text)
                case .number(let text)?: fields.append(text)
                case .bool(let flag)?: fields.append(flag ? "true" : "false")
                case let other?:
                    problem = problem ?? ("'\(names[column])' is \(JSONRecord.article(other)); expected a string, number or boolean", path)
                    fields.append("")
                }
            }
            if let problem {
                // At the value's own line and column, in the record or the enclosing one it came
                // from: a review's value is named once, not once per rating.
                let (line, column) = record.position(of: problem.path)
                if reported.insert([line, column]).inserted {
                    rows.append(.success(.invalid(line: line, column: column, message: problem.message)))
                }
            } else {
                rows.append(.success(.row(CSVRow(line: record.line, fields: fields))))
            }
        }
        if !records.isEmpty, seen.contains(false) {
            let missing = names.indices.filter { !seen[$0] }.map { "'\(names[$0])'" }
            let counted = records.count == 1 ? "its only record has" : "none of its \(records.count) records has"
            throw InputError(file: path, line: 1,
                             message: "\(ProfileColumns.profileName(profile)) names \(missing.count == 1 ? "path" : "paths") \(missing.joined(separator: ", ")) that \(counted)",
                             isUnreadable: true)
        }
        try self.init(path: path, input: .rows(rows.reversed()), header: .row(CSVRow(line: 1, fields: names)), profile: profile, long: long, decoder: decoder)
    }

    /// A JSON record's problem found before the pivot (a review without ratings).
    struct DiagnosticBox: Error { var diagnostic: Diagnostic }

    private init(path: String, input: Input, header: CSVReadResult?, profile: ImportProfile, long: LongLayout, decoder: AuditDecoder) throws(InputError) {
        file = path
        self.long = long
        self.input = input
        guard case .row(let row)? = header else {
            if case .invalid(let line, let column, let message)? = header {
                throw InputError(file: path, line: line, column: column, message: "header row cannot be read: \(message)", isUnreadable: true)
            }
            throw InputError(file: path, line: 1, column: 1, message: "file is empty; expected a header row naming the columns", isUnreadable: true)
        }
        let sources = row.fields.map(AnswerParser.trimmed)
        let roles = [long.audit, long.criterion, long.value] + [long.notApplicable, long.comment].compactMap { $0 }
        try ProfileColumns.checkPresent(roles + profile.columns.map(\.source), in: sources, profile: profile, file: path, line: row.line)
        auditColumn = sources.firstIndex(of: long.audit)!
        criterionColumn = sources.firstIndex(of: long.criterion)!
        valueColumn = sources.firstIndex(of: long.value)!
        notApplicableColumn = long.notApplicable.flatMap { sources.firstIndex(of: $0) }
        commentColumn = long.comment.flatMap { sources.firstIndex(of: $0) }
        // Audit-level fields: every other column, under the profile's name for it.
        let renamed = try ProfileColumns.rename(sources, profile: profile, file: path, line: row.line)
        let roleColumns = roles.compactMap { sources.firstIndex(of: $0) }
        let fields: [(name: String, column: Int)] = renamed.enumerated().compactMap { index, name in
            roleColumns.contains(index) || name.isEmpty || name == "audit_id" ? nil : (name, index)
        }
        fieldColumns = fields.map(\.column)
        criteria = long.criteria.isEmpty ? nil : Dictionary(long.criteria.map { ($0.source, $0.id) }, uniquingKeysWith: { first, _ in first })
        var ids: [String] = []
        for scorecard in decoder.scorecards {
            for entry in scorecard.criteria where !ids.contains(entry.criterion.id) { ids.append(entry.criterion.id) }
        }
        var names = ["audit_id"] + fields.map(\.name)
        var answerColumn: [String: Int] = [:], commentColumns: [String: Int] = [:]
        for id in ids {
            answerColumn[id] = names.count
            names.append(id)
        }
        if long.comment != nil {
            for id in ids {
                commentColumns[id] = names.count
                names.append(id + ".comment")
            }
        }
        self.answerColumn = answerColumn
        commentColumnOfCriterion = commentColumns
        let layout = decoder.layout(names: names)
        if let problem = decoder.headerProblem(for: layout, file: path, line: row.line) { throw problem }
        self.layout = layout
        transform = CellTransform.forAudits(profile: profile, sources: names, layout: layout)
    }

    mutating func next() throws(InputError) -> SourceItem? {
        if readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
        }
        while ready.isEmpty && !isAtEnd { try readRow() }
        guard readyIndex < ready.count else { return nil }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    private mutating func readRow() throws(InputError) {
        let result: CSVReadResult?
        do {
            switch input {
            case .csv(let reader):
                result = try reader.next()
            case .rows(var rows):
                input = .rows([])
                let popped = rows.popLast()
                input = .rows(rows)
                switch popped {
                case nil: result = nil
                case .success(let row)?: result = row
                case .failure(let box)?:
                    ready.append(.problem(box.diagnostic))
                    return
                }
            }
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message,
                             isUnreadable: error.position == nil)
        }
        switch result {
        case nil:
            isAtEnd = true
            finishAll()
        case .invalid(let line, let column, let message)?:
            ready.append(.problem(Diagnostic(.error, "row skipped: \(message)", file: file, line: line, column: column,
                                             sharedCause: CSVAuditSource.encodingCause(message))))
        case .row(let row)?:
            take(row)
        }
    }

    private mutating func take(_ row: CSVRow) {
        func cell(_ column: Int?) -> String {
            guard let column, column < row.fields.count else { return "" }
            return row.fields[column]
        }
        let id = AnswerParser.trimmed(cell(auditColumn))
        guard !id.isEmpty else {
            ready.append(.problem(Diagnostic(.error, "row skipped: no audit id in column '\(long.audit)'", file: file, line: row.line)))
            return
        }
        let sourceCriterion = AnswerParser.trimmed(cell(criterionColumn))
        let criterion = criteria.map { $0[sourceCriterion] } ?? sourceCriterion
        if long.isGrouped, let current, current != id { finishAll() }
        current = id
        let slot: Int
        if let known = open[id] {
            slot = known
        } else {
            var values = [String](repeating: "", count: layout.names.count)
            values[0] = id
            slot = pending.count
            open[id] = slot
            pending.append(Pending(line: row.line, values: values, answerLines: [Int32](repeating: 0, count: values.count)))
        }
        for (offset, column) in fieldColumns.enumerated() where pending[slot]!.values[offset + 1].isEmpty {
            pending[slot]!.values[offset + 1] = cell(column)
        }
        guard let criterion, let column = answerColumn[criterion] else {
            if sourceCriterion.isEmpty || warnedIDs.contains(sourceCriterion) { return }
            warnedIDs.insert(sourceCriterion)
            let reason = criteria == nil || criterion != nil ? "is in no loaded scorecard" : "is not in the profile's long.criteria"
            let mapped = criterion.map { " (read as '\($0)')" } ?? ""
            ready.append(.warning(Diagnostic(.warning, "criterion id '\(sourceCriterion)'\(mapped) in column '\(long.criterion)' \(reason); its answers are left out",
                                             file: file, line: row.line)))
            return
        }
        if case let first = pending[slot]!.answerLines[column], first != 0 {
            ready.append(.problem(Diagnostic(.error, "audit '\(id)', field '\(criterion)': answered twice (lines \(first) and \(row.line)); the second answer is left out",
                                             file: file, line: row.line)))
            return
        }
        pending[slot]!.answerLines[column] = Int32(truncatingIfNeeded: row.line)
        let isNA = notApplicableColumn.map { CellTransform.isTrue(cell($0)) } ?? false
        pending[slot]!.values[column] = isNA ? "na" : cell(valueColumn)
        if let comment = commentColumnOfCriterion[criterion] { pending[slot]!.values[comment] = cell(commentColumn) }
    }

    /// Hands on every open audit, each as one record, in the order they first appeared.
    private mutating func finishAll() {
        for index in pending.indices {
            guard var audit = pending[index] else { continue }
            pending[index] = nil
            if let transform, let problem = transform.apply(to: &audit.values) {
                ready.append(.problem(ImportProblems.recordProblem(problem, auditID: audit.values[0], file: file, line: audit.line)))
            } else {
                ready.append(.record(values: audit.values, layout: layout, line: audit.line))
            }
        }
        pending.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
    }
}
