/// Turns raw records from any format into validated `Audit`s, or located rejections.
///
/// Records are validated one at a time so that scoring streams; the only state kept across
/// records is an 8-byte fingerprint per audit id, for the duplicate check.
public final class AuditDecoder {
    /// The decoded audit, or every problem found in the record (at least one).
    public enum Outcome {
        case audit(Audit)
        case rejected([Diagnostic])
    }

    public let scorecards: [Scorecard]
    /// The loaded versions of each scorecard id, to pick an audit's version.
    public let versions: ScorecardVersions
    /// Every criterion id of every loaded scorecard, to tell answer columns from metadata.
    public let criterionIDs: Set<String>
    /// The ids of every loaded `multi_select` field, whose JSON and YAML answers may be lists.
    let multiSelectIDs: Set<String>
    /// The top-level keys of a JSON or YAML audit that qakit reads: the standard fields, answer
    /// and comment columns (`greeting`, `greeting.comment`), and every field a loaded scorecard's
    /// `when` or `applies_to` tests. A list or an object under any other key is ignored.
    let readFields: Set<String>
    private var seenIDs = AuditIDSet()
    /// Each scorecard compiled for reading answers, in the same order as `scorecards`.
    let readings: [AnswerReading]
    /// The version that scores every audit of its id, when one is forced (`qakit compare`).
    let forced: ForcedVersion?

    /// A decoder for `scorecards`; `forcing`, the index of one of them, makes that version score
    /// every audit of its id, whatever its `scorecard_version` or date (docs/compare.md).
    public convenience init(scorecards: [Scorecard], forcing: Int? = nil) {
        self.init(scorecards: scorecards, readings: scorecards.map(AnswerReading.init), forcing: forcing)
    }

    /// A decoder reading with `readings`, one per scorecard, compiled by the caller
    /// (`ScoringRun`'s `CompiledScorecard`s) so that a run compiles each scorecard once.
    init(scorecards: [Scorecard], readings: [AnswerReading], forcing: Int? = nil) {
        precondition(readings.count == scorecards.count)
        self.scorecards = scorecards
        self.readings = readings
        forced = forcing.map { ForcedVersion(index: $0, scorecards: scorecards) }
        criterionIDs = Set(scorecards.flatMap { $0.criteria.map(\.criterion.id) })
        multiSelectIDs = Set(scorecards.flatMap { $0.criteria.compactMap { entry -> String? in
            if case .multiSelect = entry.criterion.kind { return entry.criterion.id }
            return nil
        } })
        let conditions = scorecards.flatMap { [$0.appliesTo] + $0.criteria.map(\.criterion.when) }.compactMap { $0 }
        readFields = Set(RecordLayout.StandardField.allCases.map(\.rawValue))
            .union(criterionIDs).union(criterionIDs.map { $0 + ".comment" })
            .union(conditions.flatMap { $0.clauses.map(\.field) })
        versions = ScorecardVersions(scorecards)
    }

    /// A decoder of the same compiled scorecards (and forced version) with a duplicate check of
    /// its own, for a reader that checks its records before the run decodes them again
    /// (a workbook's rows, located at their cells).
    public func sharingScorecards() -> AuditDecoder {
        AuditDecoder(scorecards: scorecards, readings: readings, forcing: forced?.index)
    }

    /// Empties the duplicate check, for a caller that scores unrelated records one at a time
    /// with one decoder (`ScoringRun.score(object:file:line:)`).
    func forgetIDs() {
        seenIDs = AuditIDSet()
    }

    /// Adds an audit id to the run's duplicate check, as `decode` does; `false` when an earlier
    /// record had it.
    func insertID(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        seenIDs.insert(bytes: bytes)
    }

    /// Whether an earlier record had this audit id (valid or not).
    func hasSeen(id: String) -> Bool {
        seenIDs.contains(id)
    }

    /// What a header row says about every record below it (docs/audits.md, "One error for the
    /// file"): `nil` when it can hold audits, else the one error for the whole file. For readers of
    /// header-row formats in other modules (workbooks); CSV and TSV call it themselves.
    public func headerProblem(for layout: RecordLayout, file: String, line: Int) -> InputError? {
        HeaderCheck.problem(with: layout, scorecards: scorecards, file: file, line: line)
    }

    /// A layout for these column names, classified against the loaded scorecards.
    ///
    /// Its column plans are built here, for every scorecard, so that from now on the layout is
    /// only read: a run may use it on two threads.
    public func layout(names: [String], explicitRoles: [RecordLayout.Role?]? = nil) -> RecordLayout {
        let layout = RecordLayout(names: names, explicitRoles: explicitRoles, criterionIDs: criterionIDs)
        for index in scorecards.indices { _ = layout.plan(for: scorecards, index: index) }
        return layout
    }

    /// Header problems worth a warning: columns that look like misspelt criterion ids.
    public func headerWarnings(for layout: RecordLayout, file: String, line: Int) -> [Diagnostic] {
        layout.misspeltColumns(criterionIDs: criterionIDs).map { column, suggestion in
            let caseNote = layout.names[column].lowercased() == suggestion.lowercased() ? " (names are case-sensitive)" : ""
            return Diagnostic(.warning, "column '\(layout.names[column])' is not a criterion or known field; did you mean '\(suggestion)'?\(caseNote)",
                       file: file, line: line)
        }
    }

    /// Validates one record. `values[i]` is the cell of column `i`; an empty cell (or JSON null,
    /// or a missing trailing cell) is unanswered. `allowFlagWords` accepts yes/no/1/0 for
    /// `calibration` (CSV).
    public func decode(values: [String], layout: RecordLayout, file: String, line: Int, allowFlagWords: Bool) -> Outcome {
        decode(cells: StringCells(values: values), layout: layout, file: file, line: line, allowFlagWords: allowFlagWords)
    }

    /// `decode(values:…)` over any view of a record's cells: a CSV record is decoded from its
    /// bytes, with a string made only for what the audit keeps (docs/scoring.md, "One compiled
    /// scorecard").
    func decode<Cells: RecordCells>(cells values: Cells, layout: RecordLayout, file: String, line: Int, allowFlagWords: Bool) -> Outcome {
        guard HeaderCheck.hasRequiredField(layout) else {
            // A help-desk ticket or some other object: five "missing field" errors would bury it.
            let message = "record skipped: not an audit: it has none of the fields \(HeaderCheck.requiredFieldList)"
            return .rejected([Diagnostic(.error, message, file: file, line: line,
                                         sharedCause: .init(message, listedRecords: RecordProblems.listedRecords(layout)))])
        }
        var problems = RecordProblems(file: file, line: line, layout: layout)
        func field(_ name: RecordLayout.StandardField) -> String? {
            guard let column = layout.column(of: name), column < values.count, !values.isBlank(column) else { return nil }
            return values.trimmed(column)
        }
        let id = field(.auditID)
        problems.auditID = id
        func missing(_ name: RecordLayout.StandardField) {
            let hint = layout.misspelling(of: name.rawValue).map { "; is column '\($0)' meant to be '\(name.rawValue)'?" } ?? ""
            // With no column or key at all, every record of this layout has the same problem.
            problems.add(field: name.rawValue, "missing required field '\(name.rawValue)'\(hint)", isShared: layout.column(of: name) == nil)
        }
        if id == nil { missing(.auditID) }
        func required(_ name: RecordLayout.StandardField) -> String {
            if let value = field(name) { return value }
            missing(name)
            return ""
        }
        let interactionID = required(.interactionID)
        let agent = required(.agent)
        let reviewer = required(.reviewer)
        let dateText = required(.date)
        var date = CalendarDate(year: 1970, month: 1, day: 1)!
        var isDateValid = false
        if !dateText.isEmpty {
            let text = dateText
            if let parsed = CalendarDate.parse(text) {
                date = parsed
                isDateValid = true
            } else {
                problems.add(field: "date", "'\(text)' is not a date; expected YYYY-MM-DD or an RFC 3339 date-time")
            }
        }
        var isCalibration = false
        if let text = field(.calibration) {
            if let flag = AnswerParser.parseFlag(text, allowWords: allowFlagWords) { isCalibration = flag } else {
                problems.add(field: "calibration", "'\(text)' is not true or false")
            }
        }
        var metadataValues = [String?](repeating: nil, count: layout.metadataCount)
        for (offset, column) in layout.metadataColumns.enumerated() where column < values.count && !values.isBlank(column) {
            let text = values.trimmed(column)
            if layout.metadataNames[offset].isEmpty {
                problems.add(field: "column \(column + 1)", "value '\(text)' is in a column with no name in the header; name the column or remove the value")
                continue
            }
            metadataValues[offset] = text
        }
        let metadata = AuditFields(names: layout.metadataNames, values: metadataValues)
        let lookup: (String) -> String? = { name in
            switch name {
            case "audit_id": id
            case "interaction_id": interactionID.isEmpty ? nil : interactionID
            case "agent": agent.isEmpty ? nil : agent
            case "reviewer": reviewer.isEmpty ? nil : reviewer
            case "date": dateText.isEmpty ? nil : date.description
            case "month": dateText.isEmpty ? nil : date.monthKey
            default: metadata.value(named: name)
            }
        }
        let cardIndex = resolveScorecard(named: field(.scorecard), version: field(.scorecardVersion), date: isDateValid ? date : nil,
                                         lookup: lookup, problems: &problems)
        var answers: [Answer?] = []
        var comments: [String?] = []
        if let cardIndex {
            (answers, comments) = readAnswers(values, layout: layout, scorecard: cardIndex, lookup: lookup, problems: &problems)
        }
        if let id {
            if !seenIDs.insert(id) {
                problems.add(field: "audit_id", "duplicate audit_id '\(id)': an earlier record in this run has the same id")
            }
        }
        guard problems.isEmpty, let id, let cardIndex else { return .rejected(problems.diagnostics) }
        return .audit(Audit(
            id: id, interactionID: interactionID, agent: agent, reviewer: reviewer, date: date,
            scorecardIndex: cardIndex, isCalibration: isCalibration, metadata: metadata, answers: answers,
            comments: comments, comment: field(.comment), file: file, line: line
        ))
    }

    /// The audit's scorecard and version (docs/versions.md): the id named, the only one loaded, or
    /// the one whose `applies_to` matches; then the version named in `scorecard_version`, or else
    /// the one in force on the audit's date. `date` is `nil` when the record's date is missing or
    /// invalid (already reported).
    private func resolveScorecard(named name: String?, version: String?, date: CalendarDate?, lookup: (String) -> String?,
                                  problems: inout RecordProblems) -> Int? {
        guard let ordinal = resolveID(named: name, date: date, lookup: lookup, problems: &problems) else { return nil }
        if let forced, versions.idOrdinal[forced.index] == ordinal { return forced.index }
        let id = versions.ids[ordinal]
        // Only the error messages name the loaded versions: built when one is written.
        var loaded: String { versions.versionNumbers(ordinal: ordinal).map(String.init).joined(separator: ", ") }
        if var version {
            // The one reader of a version number, for the byte path of `score` too.
            guard let number = version.withUTF8(AnswerSpec.integer), number >= 1 else {
                problems.add(field: "scorecard_version", "'\(version)' is not a version number; expected a whole number such as 2 (loaded versions of '\(id)': \(loaded))")
                return nil
            }
            if let index = versions.index(ordinal: ordinal, version: number) { return index }
            problems.add(field: "scorecard_version", "scorecard '\(id)' has no version \(number) loaded; loaded versions: \(loaded)")
            return nil
        }
        // The record is rejected for its date; its answers are still checked, against the latest version.
        guard let date else { return versions.latest(ordinal: ordinal) }
        if let index = versions.inForce(ordinal: ordinal, day: date.daysSince1970) { return index }
        let earliest = scorecards[versions.earliest(ordinal: ordinal).index]
        let start = earliest.effectiveFrom.map { "effective_from \($0)" } ?? "the beginning"
        problems.add(field: "date", "no version of scorecard '\(id)' is in force on \(date): the earliest, version \(earliest.version), starts at \(start); "
                     + "name a version in 'scorecard_version' (loaded versions: \(loaded))")
        return nil
    }

    /// The audit's scorecard id, as a position in `versions.ids`. `applies_to` is read from each
    /// id's version in force on the audit's date, so that a later version's routing does not
    /// change earlier audits; an id with no version in force matches nothing. When the date is
    /// unusable (already reported), each id's highest version is read instead.
    private func resolveID(named name: String?, date: CalendarDate?, lookup: (String) -> String?, problems: inout RecordProblems) -> Int? {
        let ids = versions.ids
        if let name {
            if let ordinal = versions.ordinal(of: name) { return ordinal }
            // Most often the run loaded the wrong scorecard file, so every record says the same:
            // the first 10 are listed, the rest counted (docs/audits.md, "Repeated record errors").
            problems.add(field: "scorecard", "unknown scorecard '\(name)'\(Suggestion.hint(for: name, among: ids))", isShared: true, listing: 10)
            return nil
        }
        if ids.count == 1 { return 0 }
        let matching = ids.indices.filter { ordinal in
            let index = date.map { versions.inForce(ordinal: ordinal, day: $0.daysSince1970) } ?? versions.latest(ordinal: ordinal)
            return index.flatMap { scorecards[$0].appliesTo?.matches(lookup) } ?? false
        }
        if matching.count == 1 { return matching[0] }
        let names = ids.map { "'\($0)'" }.joined(separator: ", ")
        if matching.isEmpty {
            problems.add(field: "scorecard", "no 'scorecard' given and no scorecard's applies_to matches this audit; name one of \(names)")
        } else {
            let matched = matching.map { "'\(ids[$0])'" }.joined(separator: ", ")
            problems.add(field: "scorecard", "no 'scorecard' given and several scorecards' applies_to match (\(matched)); name one")
        }
        return nil
    }

    private func readAnswers<Cells: RecordCells>(
        _ values: Cells, layout: RecordLayout, scorecard index: Int, lookup: (String) -> String?, problems: inout RecordProblems
    ) -> ([Answer?], [String?]) {
        let plan = layout.plan(for: scorecards, index: index)
        let reading = readings[index]
        let criteria = reading.criteria
        let specs = reading.specs
        let tables = reading.tables
        var answers: [Answer?] = []
        answers.reserveCapacity(criteria.count)
        /// Applicability so far, kept only when a condition tests an answer or a section.
        var applicability: [Bool] = []
        /// Items whose answer was invalid: a criterion whose condition tests one is not also
        /// reported as unanswered (one mistake, one message).
        var invalidItems: [Int] = []
        let sectionOf = reading.sectionOf
        // The scorecard itself is needed only to work out applicability in order.
        let card: Scorecard? = reading.tracksApplicability ? scorecards[index] : nil
        if card != nil { applicability.reserveCapacity(criteria.count) }
        for offset in criteria.indices {
            var answer: Answer?
            var isInvalid = false
            if let column = plan.answerColumn[offset], column < values.count {
                switch values.read(column, spec: specs[offset], tables: tables) {
                case .unanswered: break
                case .answer(let value): answer = value
                case .text: answer = .text(values.trimmed(column))
                case .general:
                    let text = values.raw(column)
                    do {
                        answer = try AnswerParser.parse(text, for: criteria[offset])
                    } catch {
                        problems.add(field: criteria[offset].id, Self.describe(error, value: text, criterion: criteria[offset]))
                        isInvalid = true
                    }
                }
            }
            // The criterion is read in place: a copy of the whole `Criterion` per cell retained
            // each of its strings and lists.
            let applies: Bool
            if let card {
                applies = card.applies(criteria[offset], in: card.sections[sectionOf[offset]], answers: answers, applies: applicability, field: lookup)
                applicability.append(applies)
            } else {
                applies = criteria[offset].when?.matchesWithoutAllocating(lookup) ?? true
            }
            if isInvalid { invalidItems.append(offset) }
            if answer == nil, !isInvalid {
                let criterion = criteria[offset]
                let section = card?.sections[sectionOf[offset]]
                let dependsOnInvalid = !invalidItems.isEmpty && [section?.when, section?.unless, criterion.when, criterion.unless]
                    .contains { condition in condition?.clauses.contains { $0.item.map(invalidItems.contains) ?? false } ?? false }
                if applies, criterion.isRequired, !dependsOnInvalid, !problems.has(field: criterion.id) {
                    let hasColumn = plan.answerColumn[offset] != nil
                    problems.add(field: criterion.id, unansweredMessage(criterion, hasColumn: hasColumn, layout: layout), isShared: !hasColumn)
                }
            }
            answers.append(answer)
        }
        var comments = reading.noComments
        if plan.hasComments {
            comments = plan.commentColumn.map { column in
                column.flatMap { $0 < values.count && !values.isEmpty($0) ? values.raw($0) : nil }
            }
        }
        for column in plan.foreignAnswerColumns where column < values.count {
            guard !values.isBlank(column) else { continue }
            let name = layout.names[column]
            if let forced, forced.index == index, forced.ignoredAnswers.contains(name) { continue }
            problems.add(field: name, "scorecard '\(scorecards[index].id)' has no criterion '\(name)'\(Suggestion.hint(for: name, among: criteria.map(\.id)))")
        }
        return (answers, comments)
    }

    private func unansweredMessage(_ criterion: Criterion, hasColumn: Bool, layout: RecordLayout) -> String {
        var message = "required criterion '\(criterion.id)' is unanswered"
        if !hasColumn {
            message += layout.isKeyed ? "; 'answers' has no '\(criterion.id)'" : "; there is no '\(criterion.id)' column"
            if let misspelt = layout.names.first(where: { Suggestion.closest(to: $0, among: [criterion.id]) != nil && $0 != criterion.id }) {
                message += " (is '\(misspelt)' a misspelling of '\(criterion.id)'?)"
            }
        }
        return message
    }

    private static func describe(_ problem: AnswerParser.Problem, value: String, criterion: Criterion) -> String {
        switch problem {
        case .notApplicableNotAllowed:
            "'\(value)': N/A is not allowed for '\(criterion.id)' (its scorecard entry does not set na: true)"
        case .invalid(let expected):
            "'\(value)' is not a valid answer for \(criterion.kind.name) criterion '\(criterion.id)'; expected \(expected)"
        }
    }
}

/// A version forced on every audit of its scorecard id (`qakit compare`, docs/compare.md).
struct ForcedVersion: Sendable {
    /// The version's index in the run's scorecards.
    let index: Int
    /// The criteria of the id's other loaded versions that this one lacks: an answer to one is
    /// ignored by this version rather than rejecting the record.
    let ignoredAnswers: Set<String>

    init(index: Int, scorecards: [Scorecard]) {
        self.index = index
        let forced = scorecards[index]
        let own = Set(forced.criteria.map(\.criterion.id))
        let siblings = scorecards.filter { $0.id == forced.id }.flatMap { $0.criteria.map(\.criterion.id) }
        ignoredAnswers = Set(siblings).subtracting(own)
    }
}

/// The problems of one record, each naming its field, collected so all are reported at once.
struct RecordProblems {
    let file: String
    let line: Int
    var auditID: String?
    /// Each problem's field and message, and whether it comes from the record's layout rather
    /// than its values (`Diagnostic.sharedCause`).
    private(set) var entries: [(field: String, message: String, isShared: Bool, listing: Int?)] = []

    /// How many records with a shared problem are listed in full (`Diagnostic.SharedCause`).
    let listedRecords: Int

    init(file: String, line: Int, layout: RecordLayout) {
        self.file = file
        self.line = line
        listedRecords = Self.listedRecords(layout)
    }

    /// A CSV header's missing column is every record's problem, so one record shows it; a JSON or
    /// YAML record's missing key may be that record's own omission, so the first 10 are listed.
    static func listedRecords(_ layout: RecordLayout) -> Int {
        layout.isKeyed ? 10 : 1
    }

    var isEmpty: Bool { entries.isEmpty }

    /// `listing` overrides `listedRecords` for a shared problem.
    mutating func add(field: String, _ message: String, isShared: Bool = false, listing: Int? = nil) {
        entries.append((field, message, isShared, listing))
    }

    func has(field: String) -> Bool {
        entries.contains { $0.field == field }
    }

    /// `audit 'A-1', field 'empathy': …`, located at the record's line.
    var diagnostics: [Diagnostic] {
        let subject = auditID.map { "audit '\($0)'" } ?? "record without audit_id"
        return entries.map { entry in
            let problem = "field '\(entry.field)': \(entry.message)"
            var diagnostic = Diagnostic(.error, "\(subject), \(problem)", file: file, line: line,
                                        sharedCause: entry.isShared ? .init(problem, listedRecords: entry.listing ?? listedRecords) : nil)
            diagnostic.record = Diagnostic.RecordField(auditID: auditID, field: entry.field, problem: problem)
            return diagnostic
        }
    }
}
