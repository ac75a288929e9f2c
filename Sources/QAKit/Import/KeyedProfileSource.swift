/// Audits in a JSON Lines file (one object per line) or a JSON file (an array of objects, the
/// array at the profile's `records` path, or a single object), read through a profile
/// (docs/imports.md): each `columns` entry is a dotted path into the object (`agent.email`,
/// `answers.0.value`), the keys not under a path are read as in qakit's own JSON Lines.
///
/// A JSON file is read whole (at most 512 MiB); messages give the line and column of the record
/// (or of the value at fault in it), a JSON Lines file the line.
struct KeyedProfileSource: AuditRecordSource {
    let file: String
    var allowsFlagWords: Bool { true }
    private let profile: ImportProfile
    private let decoder: AuditDecoder
    private var builder: KeyedRecordBuilder
    private let transform: CellTransform
    /// The paths of `profile.columns`, split once.
    private let paths: [(rule: ColumnRule, path: [String], notApplicable: [String]?)]
    private let consumedKeys: Set<String>
    private var lines: JSONLinesReader?
    /// A JSON file's records, reversed, with their numbers.
    private var pending: [(Int, JSONRecord)] = []
    private var isStarted = false
    /// Items read ahead to check the profile's paths against the first records, in reverse order.
    private var readAhead: [SourceItem] = []
    private var isDecided = false
    /// Whether any record read so far had each of `paths` (as a key, even null).
    private var pathSeen: [Bool]
    /// The keys met at the level where each path was not found, for a did-you-mean.
    private var keysNear: [Set<String>]

    init(path: String, isLines: Bool, profile: ImportProfile, decoder: AuditDecoder) throws(InputError) {
        file = path
        self.profile = profile
        self.decoder = decoder
        builder = KeyedRecordBuilder(decoder: decoder, file: path)
        transform = CellTransform(profile: profile, fields: [], sources: []) { _ in .other }
        paths = profile.columns.map { rule in
            (rule, rule.source.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
             rule.notApplicableSource.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) })
        }
        consumedKeys = Set(paths.compactMap(\.path.first))
        pathSeen = Array(repeating: false, count: profile.columns.count)
        keysNear = Array(repeating: [], count: profile.columns.count)
        let source: ByteSource
        do {
            source = try ByteSource(path: path, encoding: profile.encoding ?? .utf8)
        } catch {
            throw InputError(file: path, message: error.message, isUnreadable: true)
        }
        if isLines {
            lines = JSONLinesReader(source: source)
        } else {
            pending = try JSONRecord.records(of: source, file: path, profile: profile).map { ($0.line, $0) }.reversed()
        }
    }

    /// Notes which of the profile's paths `value` has, and the keys where one stops.
    private mutating func notePaths(in record: JSONRecord) {
        for (index, entry) in paths.enumerated() where !pathSeen[index] {
            if record.resolve(entry.path) != nil { pathSeen[index] = true; continue }
            var found: JSONValue? = record.value
            var keys: [String] = []
            for key in entry.path {
                if case .object(let members)? = found { keys = members.map(\.key) }
                found = found.flatMap { JSONRecord.member($0, key) }
                if found == nil { break }
            }
            keysNear[index].formUnion(keys.prefix(64))
        }
    }

    /// The next item; the first call reads up to `JSONLinesAuditSource.decidingRecords` records
    /// ahead, so that a path no record has, or a file of other objects, is one error for the file.
    mutating func next() throws(InputError) -> SourceItem? {
        if !isDecided { try decide() }
        if let item = readAhead.popLast() { return item }
        return try read()
    }

    private mutating func decide() throws(InputError) {
        isDecided = true
        var items: [SourceItem] = []
        var firstLine: Int?
        var hasRequired = false
        while items.count < JSONLinesAuditSource.decidingRecords, let item = try read() {
            items.append(item)
            if case .record(_, let layout, let line) = item {
                firstLine = firstLine ?? line
                hasRequired = hasRequired || HeaderCheck.hasRequiredField(layout)
            }
            if pathSeen.allSatisfy({ $0 }) && hasRequired { break }
        }
        readAhead = items.reversed()
        guard let firstLine else { return }
        let missing = profile.columns.indices.filter { !pathSeen[$0] }
        if !missing.isEmpty {
            let described = missing.map { index in
                let path = profile.columns[index].source
                let last = String(path.split(separator: ".").last ?? "")
                let hint = Suggestion.closest(to: last, among: keysNear[index]).map { " (did you mean '\($0)'?)" } ?? ""
                return "'\(path)'\(hint)"
            }
            let counted = items.count == 1 ? "its only record has" : "none of its first \(items.count) records has"
            throw InputError(file: file, line: firstLine,
                             message: "\(ProfileColumns.profileName(profile)) names \(missing.count == 1 ? "path" : "paths") \(described.joined(separator: ", ")) that \(counted)",
                             isUnreadable: true)
        }
        if !hasRequired {
            throw HeaderCheck.notAuditFile(file: file, line: firstLine, records: items.count, isAll: items.count < JSONLinesAuditSource.decidingRecords)
        }
    }

    private mutating func read() throws(InputError) -> SourceItem? {
        guard let lines else {
            guard let (number, record) = pending.popLast() else { return nil }
            return item(record, line: number)
        }
        let result: JSONLinesResult?
        do {
            result = try lines.next()
        } catch {
            throw InputError(file: file, line: error.position?.line, column: error.position?.column, message: error.message, isUnreadable: true)
        }
        defer { isStarted = true }
        switch result {
        case nil where !isStarted:
            throw InputError(file: file, line: 1, column: 1, message: "file is empty; expected one record object per line", isUnreadable: true)
        case nil:
            return nil
        case .invalid(let line, let column, let message)?:
            return .problem(Diagnostic(.error, "record skipped: \(message)", file: file, line: line, column: column))
        case .value(let line, let value)?:
            return item(JSONRecord(value: value), line: line)
        }
    }

    /// One object read through the profile's paths and words.
    private mutating func item(_ record: JSONRecord, line: Int) -> SourceItem {
        let value = record.value
        if record.holdsNoRecords {
            let auditPath = paths.first { $0.rule.field == "audit_id" }?.path
            return .problem(record.noRecordsProblem(file: file, recordsPath: profile.records ?? [], auditPath: auditPath))
        }
        let column = lines == nil ? record.column : 1
        /// Where the value at `path` is: in a JSON file its own line and column, in JSON Lines the line.
        func place(_ path: [String]) -> (line: Int, column: Int) { lines == nil ? record.position(of: path) : (line, 1) }
        guard case .object(let members) = value else {
            return .problem(Diagnostic(.error, "record skipped: expected an audit object, found \(value.typeName == "array" ? "an array" : "a \(value.typeName)")",
                                       file: file, line: line, column: column))
        }
        var entries: [(key: String, value: KeyedValue)] = []
        if !isDecided || pathSeen.contains(false) { notePaths(in: record) }
        for (rule, path, notApplicable) in paths {
            let isNA = notApplicable.map { path in
                if case .scalar(let text?)? = record.resolve(path).map(Self.keyed) { return CellTransform.isTrue(text) }
                return false
            } ?? false
            guard let found = record.resolve(path) else {
                if isNA { entries.append((rule.field, .scalar("na"))) }
                continue
            }
            var converted = Self.keyed(found)
            if !isNA, rule.field != "answers", rule.field != "comments", decoder.readFields.contains(rule.field) || decoder.criterionIDs.contains(rule.field) {
                switch found {
                case .array, .object:
                    // A value the audit needs, found as an array or object: at its own line and column.
                    let (atLine, atColumn) = place(path)
                    let id = entries.first { $0.key == "audit_id" }.flatMap { entry -> String? in
                        if case .scalar(let text?) = entry.value, !text.isEmpty { return text }
                        return nil
                    }
                    let subject = id.map { "audit '\($0)', " } ?? ""
                    return .problem(Diagnostic(.error, "\(subject)field '\(rule.field)' (path '\(rule.source)'): expected a string, number or boolean, found \(JSONRecord.article(found))",
                                               file: file, line: atLine, column: atColumn))
                default:
                    break
                }
            }
            if isNA {
                converted = .scalar("na")
            } else if case .scalar(let text?) = converted {
                switch rewrite(field: rule.field, source: rule.source, text: text, isNotApplicable: false) {
                case .same: break
                case .text(let bytes): converted = .scalar(String(decoding: bytes, as: UTF8.self))
                case .problem(let message): return problem(message, entries: entries, at: place(path))
                }
            }
            entries.append((rule.field, converted))
        }
        for member in members where !consumedKeys.contains(member.key) {
            var converted = Self.keyed(member.value)
            switch converted {
            case .scalar(let text?):
                switch rewrite(field: member.key, source: member.key, text: text, isNotApplicable: false) {
                case .same: break
                case .text(let bytes): converted = .scalar(String(decoding: bytes, as: UTF8.self))
                case .problem(let message): return problem(message, entries: entries, at: place([member.key]))
                }
            case .object(let inner) where member.key == "answers":
                var rewritten: [(key: String, value: KeyedValue)] = []
                for (id, answer) in inner {
                    guard case .scalar(let text?) = answer else { rewritten.append((id, answer)); continue }
                    switch transform.rewrite(field: id, source: "answers.\(id)", purpose: .answer(id), text: text, isNotApplicable: false) {
                    case .same: rewritten.append((id, answer))
                    case .text(let bytes): rewritten.append((id, .scalar(String(decoding: bytes, as: UTF8.self))))
                    case .problem(let message): return problem(message, entries: entries, at: place(["answers", id]))
                    }
                }
                converted = .object(rewritten)
            default:
                break
            }
            entries.append((member.key, converted))
        }
        let built = builder.item(from: entries, line: line)
        if case .problem(var diagnostic) = built, diagnostic.column == nil, diagnostic.line == line {
            diagnostic.column = column
            return .problem(diagnostic)
        }
        return built
    }

    private func rewrite(field: String, source: String, text: String, isNotApplicable: Bool) -> CellTransform.Rewrite {
        let purpose: CellTransform.Purpose = decoder.criterionIDs.contains(field) ? .answer(field) : field == "date" ? .date(asDay: true) : .other
        return transform.rewrite(field: field, source: source, purpose: purpose, text: text, isNotApplicable: isNotApplicable)
    }

    private func problem(_ message: ImportProblem, entries: [(key: String, value: KeyedValue)], at: (line: Int, column: Int)) -> SourceItem {
        let id = entries.first { $0.key == "audit_id" }.flatMap { entry -> String? in
            if case .scalar(let text) = entry.value { return text }
            return nil
        }
        var diagnostic = ImportProblems.recordProblem(message, auditID: id, file: file, line: at.line)
        if lines == nil, diagnostic.column == nil { diagnostic.column = at.column }
        return .problem(diagnostic)
    }

    private static func keyed(_ json: JSONValue) -> KeyedValue {
        switch json {
        case .null: .scalar(nil)
        case .bool(let flag): .scalar(flag ? "true" : "false")
        case .number(let text): .scalar(text)
        case .string(let text): .scalar(text)
        case .array: .list
        case .object(let members): .object(members.map { ($0.key, keyed($0.value)) })
        }
    }
}
