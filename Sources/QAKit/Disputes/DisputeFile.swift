import QAKitYAML

/// Reads one dispute file: CSV or TSV with a header row, JSON Lines (one object per line) or YAML
/// (a list of mappings), chosen by extension (docs/disputes.md, "Dispute files").
///
/// Each record is checked on its own: required fields for its status, dates, the status word. A
/// bad record is one located error and is left out; the others are returned. Checks that need
/// the audit (its criteria, its date) or the other files (duplicate ids) are `DisputeBook`'s.
public enum DisputeFile {
    /// The fields of a dispute record, in the documented order.
    public static let fields = ["dispute_id", "audit_id", "criterion", "raised_by", "raised_on", "reason", "status", "new_answer",
                                "decided_by", "decided_on", "note"]

    /// The disputes of `path` in file order, and the problems of its records.
    ///
    /// - Throws: `InputError` (unreadable) for a file that cannot be read at all: missing, of an
    ///   unknown extension, a CSV header without `dispute_id`, a YAML file that is not a list.
    public static func read(path: String) throws(InputError) -> (disputes: [Dispute], problems: [Diagnostic]) {
        let records: [Record]
        var problems: [Diagnostic] = []
        switch AuditFormat.inferred(from: path) {
        case .csv?: records = try csvRecords(path: path, delimiter: ",", problems: &problems)
        case .tsv?: records = try csvRecords(path: path, delimiter: "\t", problems: &problems)
        case .jsonl?: records = try jsonLinesRecords(path: path, problems: &problems)
        case .yaml?: records = try yamlRecords(path: path, problems: &problems)
        case nil:
            throw InputError(file: path, message: "cannot tell the format of dispute file '\(path)' from its extension; use .csv, .tsv, .jsonl or .yaml",
                             isUnreadable: true)
        }
        var disputes: [Dispute] = []
        var warnedKeys: Set<String> = []
        for record in records {
            for key in record.otherKeys where warnedKeys.insert(key).inserted {
                problems.append(Diagnostic(.warning, "field '\(key)' is not a dispute field and is ignored\(Suggestion.hint(for: key, among: fields))",
                                           file: path, line: record.line))
            }
            switch decode(record, file: path) {
            case .success(let dispute): disputes.append(dispute)
            case .failure(let problem): problems.append(problem.diagnostic)
            }
        }
        return (disputes, problems)
    }

    /// The position of each field in `fields`.
    static let fieldIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1, $0) })

    /// One record's fields as text (trimmed; empty and null are absent) and where it starts.
    struct Record {
        var line: Int
        /// Per field of `DisputeFile.fields`, in that order.
        var values: [String?]
        /// Keys that are none of the fields, in order.
        var otherKeys: [String]

        /// A record of `pairs`; empty values are absent.
        init(line: Int, pairs: some Sequence<(key: String, value: String)>) {
            self.line = line
            values = Array(repeating: nil, count: DisputeFile.fields.count)
            otherKeys = []
            for (key, value) in pairs {
                if let index = DisputeFile.fieldIndex[key] {
                    if !value.isEmpty { values[index] = value }
                } else {
                    otherKeys.append(key)
                }
            }
        }

        func value(_ key: String) -> String? {
            values[DisputeFile.fieldIndex[key]!]
        }
    }

    /// Why a record is left out: every problem of it, in one message.
    struct RecordProblem: Error {
        var diagnostic: Diagnostic
    }

    /// Checks one record on its own.
    static func decode(_ record: Record, file: String) -> Result<Dispute, RecordProblem> {
        var problems: [String] = []
        func required(_ key: String, _ why: String = "") -> String {
            if let value = record.value(key) { return value }
            problems.append("missing required field '\(key)'\(why)")
            return ""
        }
        func date(_ key: String, _ text: String?) -> CalendarDate? {
            guard let text else { return nil }
            if let date = CalendarDate.parse(text), text.utf8.count == 10 { return date }
            problems.append("field '\(key)': '\(text)' is not a date; expected YYYY-MM-DD")
            return nil
        }
        let id = required("dispute_id")
        let auditID = required("audit_id")
        let raisedBy = required("raised_by")
        let raisedOn = date("raised_on", record.value("raised_on")) ?? { _ = required("raised_on"); return nil }()
        let statusText = required("status")
        let status = Dispute.Status(rawValue: statusText.lowercased())
        if status == nil, !statusText.isEmpty {
            problems.append("field 'status': '\(statusText)' is not a status; expected open, upheld or overturned"
                + Suggestion.hint(for: statusText, among: Dispute.Status.allCases.map(\.rawValue)))
        }
        let criterion = record.value("criterion")
        let newAnswer = record.value("new_answer")
        var decidedBy = record.value("decided_by")
        var decidedOn = date("decided_on", record.value("decided_on"))
        if let status, status != .open {
            let why = " for a dispute that is \(status.rawValue) (who decided, and when)"
            if decidedBy == nil { decidedBy = required("decided_by", why) }
            if record.value("decided_on") == nil { _ = required("decided_on", why) }
            if status == .overturned, criterion != nil, newAnswer == nil {
                _ = required("new_answer", " for an overturned criterion (the answer that replaces the reviewer's)")
            }
        } else if status == .open, record.value("decided_by") != nil || record.value("decided_on") != nil {
            problems.append("an open dispute has no decided_by or decided_on; set status to upheld or overturned to record the decision")
            decidedBy = nil
            decidedOn = nil
        }
        if criterion == nil, newAnswer != nil {
            problems.append("field 'new_answer': a dispute of the whole audit (no criterion) takes no new_answer; name the criterion it replaces")
        }
        if let raisedOn, let decided = decidedOn, decided < raisedOn {
            problems.append("field 'decided_on': \(decided) is before raised_on \(raisedOn)")
        }
        guard problems.isEmpty, let status, let raisedOn else {
            let subject = id.isEmpty ? "dispute record" : "dispute '\(id)'"
            let message = "\(subject) does not apply: \(problems.joined(separator: "; "))"
            return .failure(RecordProblem(diagnostic: Diagnostic(.error, message, file: file, line: record.line)))
        }
        return .success(Dispute(id: id, auditID: auditID, criterion: criterion, raisedBy: raisedBy, raisedOn: raisedOn,
                                reason: record.value("reason"), status: status, newAnswer: newAnswer, decidedBy: decidedBy,
                                decidedOn: decidedOn, note: record.value("note"), file: file, line: record.line))
    }

    private static func unreadable(_ path: String, _ error: FormatError) -> InputError {
        InputError(file: path, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
    }

    private static func csvRecords(path: String, delimiter: Unicode.Scalar, problems: inout [Diagnostic]) throws(InputError) -> [Record] {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, delimiter: delimiter)
        } catch {
            throw unreadable(path, error)
        }
        var header: [String]?
        var records: [Record] = []
        while true {
            let result: CSVReadResult?
            do {
                result = try reader.next()
            } catch {
                throw unreadable(path, error)
            }
            switch result {
            case nil:
                guard header != nil else {
                    throw InputError(file: path, message: "empty file; expected a header naming \(fields.joined(separator: ", "))", isUnreadable: true)
                }
                return records
            case .invalid(let line, let column, let message)?:
                if header == nil { throw InputError(file: path, line: line, column: column, message: "header: \(message)", isUnreadable: true) }
                problems.append(Diagnostic(.error, "record skipped: \(message)", file: path, line: line, column: column))
            case .row(let row)?:
                guard let names = header else {
                    let names = row.fields.map(AnswerParser.trimmed)
                    if !names.contains("dispute_id") {
                        throw InputError(file: path, line: row.line, message: "not a dispute file: the header has no 'dispute_id' column"
                            + Suggestion.hint(for: "dispute_id", among: names), isUnreadable: true)
                    }
                    if let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                        throw InputError(file: path, line: row.line, message: "column '\(twice)' appears twice in the header", isUnreadable: true)
                    }
                    header = names
                    continue
                }
                if row.fields.count > names.count {
                    problems.append(Diagnostic(.error, "record skipped: it has \(row.fields.count) cells but the header has \(names.count)",
                                               file: path, line: row.line))
                    continue
                }
                records.append(Record(line: row.line, pairs: zip(names, row.fields).lazy.map { ($0, AnswerParser.trimmed($1)) }))
            }
        }
    }

    private static func jsonLinesRecords(path: String, problems: inout [Diagnostic]) throws(InputError) -> [Record] {
        let reader: JSONLinesReader
        do {
            reader = try JSONLinesReader(path: path)
        } catch {
            throw unreadable(path, error)
        }
        var records: [Record] = []
        while true {
            let result: JSONLinesResult?
            do {
                result = try reader.next()
            } catch {
                throw unreadable(path, error)
            }
            switch result {
            case nil:
                return records
            case .invalid(let line, let column, let message)?:
                problems.append(Diagnostic(.error, "record skipped: \(message)", file: path, line: line, column: column))
            case .value(let line, let value)?:
                guard case .object(let members) = value else {
                    problems.append(Diagnostic(.error, "record skipped: expected a dispute (an object), found \(value.typeName)", file: path, line: line))
                    continue
                }
                var values: [(key: String, value: String)] = []
                var wrongTypes: [String] = []
                for member in members {
                    switch member.value {
                    case .null: continue
                    case .string(let text): values.append((member.key, AnswerParser.trimmed(text)))
                    case .number(let text): values.append((member.key, text))
                    case .bool(let flag): values.append((member.key, flag ? "true" : "false"))
                    case .array, .object: wrongTypes.append(member.key)
                    }
                }
                if !wrongTypes.isEmpty {
                    let names = wrongTypes.map { "'\($0)'" }.joined(separator: ", ")
                    problems.append(Diagnostic(.error, "record skipped: field \(names) must be a single value (a string, number or boolean)",
                                               file: path, line: line))
                    continue
                }
                records.append(Record(line: line, pairs: values))
            }
        }
    }

    private static func yamlRecords(path: String, problems: inout [Diagnostic]) throws(InputError) -> [Record] {
        let bytes = try AuditSources.readAll(path)
        let root: Node?
        do {
            root = try YAMLParser(maximumDepth: 16, maximumBytes: 64 << 20).parse(bytes)
        } catch {
            throw InputError(file: path, line: error.mark.line, column: error.mark.column, message: error.message, isUnreadable: true)
        }
        guard case .sequence(let sequence)? = root else {
            if root == nil { return [] }
            throw InputError(file: path, line: root!.mark.line, column: root!.mark.column,
                             message: "expected a list of disputes, found \(root!.kindDescription)", isUnreadable: true)
        }
        var records: [Record] = []
        for item in sequence.items {
            guard case .mapping(let mapping) = item else {
                problems.append(Diagnostic(.error, "record skipped: expected a dispute (a mapping), found \(item.kindDescription)", file: path, at: item.mark))
                continue
            }
            var values: [(key: String, value: String)] = []
            var wrongTypes: [String] = []
            for pair in mapping.pairs {
                guard case .scalar(let scalar) = pair.value else {
                    wrongTypes.append(pair.key.string)
                    continue
                }
                let text = AnswerParser.trimmed(scalar.string)
                if !scalar.isNull, !text.isEmpty { values.append((pair.key.string, text)) }
            }
            if !wrongTypes.isEmpty {
                let names = wrongTypes.map { "'\($0)'" }.joined(separator: ", ")
                problems.append(Diagnostic(.error, "record skipped: field \(names) must be a single value", file: path, at: mapping.mark))
                continue
            }
            records.append(Record(line: mapping.mark.line, pairs: values))
        }
        return records
    }
}
