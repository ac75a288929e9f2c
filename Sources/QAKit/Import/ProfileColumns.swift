/// How a profile's `columns` rename a header (docs/imports.md): the header is renamed once, so
/// that every record below is read as if the file had qakit's column names.
enum ProfileColumns {
    /// `sources` (a header's names) with each profile column renamed to its qakit field.
    ///
    /// - Throws: one `InputError` for the file naming every column the profile names and the
    ///   header lacks, each with a did-you-mean from the header; or a field the renaming would
    ///   give two columns.
    static func rename(_ sources: [String], profile: ImportProfile, file: String, line: Int) throws(InputError) -> [String] {
        try checkPresent(profile.columns.map(\.source) + profile.columns.compactMap(\.notApplicableSource), in: sources,
                         profile: profile, file: file, line: line)
        var names = sources
        for rule in profile.columns {
            guard let index = sources.firstIndex(of: rule.source) else { continue }
            if names[index] != sources[index] {
                throw InputError(file: file, line: line, message: "\(profileName(profile)) reads column '\(rule.source)' as both '\(names[index])' and '\(rule.field)'; a column can fill one field",
                                 isUnreadable: true)
            }
            names[index] = rule.field
        }
        for rule in profile.columns {
            guard let index = sources.firstIndex(of: rule.source),
                  let other = names.indices.first(where: { $0 != index && names[$0] == rule.field }) else { continue }
            throw InputError(file: file, line: line,
                             message: "the header has a column '\(sources[other])' and \(profileName(profile)) reads column '\(rule.source)' as '\(rule.field)' too; map only one of them",
                             isUnreadable: true)
        }
        return names
    }

    /// One error for every name in `wanted` that `header` lacks.
    static func checkPresent(_ wanted: [String], in header: [String], profile: ImportProfile, file: String, line: Int) throws(InputError) {
        var missing: [String] = []
        for name in wanted where !header.contains(name) && !missing.contains(name) { missing.append(name) }
        guard !missing.isEmpty else { return }
        let described = missing.map { name in
            let hint = Suggestion.closest(to: name, among: header).map { " (did you mean '\($0)'?)" }
                ?? header.first { $0.lowercased() == name.lowercased() }.map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(name)'\(hint)"
        }
        let noun = missing.count == 1 ? "column" : "columns"
        throw InputError(file: file, line: line,
                         message: "\(profileName(profile)) names \(noun) \(described.joined(separator: ", ")) that the header lacks; the header has \(header.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", "))",
                         isUnreadable: true)
    }

    /// `profile 'maestroqa-raw'`, or `the profile` for one run's options.
    static func profileName(_ profile: ImportProfile) -> String {
        profile.name.map { "profile '\($0)'" } ?? "the profile"
    }

    /// What a column of an audit layout holds, for `CellTransform`.
    static func purpose(of role: RecordLayout.Role) -> CellTransform.Purpose {
        switch role {
        case .answer(let id): .answer(id)
        case .standard(.date): .date(asDay: true)
        default: .other
        }
    }
}

/// Messages for what goes wrong reading a file through a profile (docs/imports.md).
enum ImportProblems {
    /// A record the profile cannot translate: rejected, listed once per distinct problem, with a
    /// count for repeats (`RepeatedProblems`).
    static func recordProblem(_ problem: ImportProblem, auditID: String?, file: String, line: Int) -> Diagnostic {
        problem.diagnostic(subject: auditID.map { AnswerParser.trimmed($0) }.flatMap { $0.isEmpty ? nil : "audit '\($0)'" }, file: file, line: line)
    }
}

extension ImportProfile {
    /// A header's names (`sources`) renamed by this profile's `columns`.
    ///
    /// - Throws: one `InputError` for the file when a column the profile names is missing.
    public func renamed(header sources: [String], file: String, line: Int) throws(InputError) -> [String] {
        try ProfileColumns.rename(sources, profile: self, file: file, line: line)
    }
}

/// A cell a profile cannot translate: its field (and source column), its value and why.
public struct ImportProblem: Sendable, Hashable {
    /// `field 'calibration' (column 'Answer Type')`.
    public var field: String
    public var value: String
    /// `is not one of the words its map knows ('grading' and 'calibration_review')`.
    public var problem: String
    /// What records with this problem share, to count repeats as one mistake
    /// (`Diagnostic.sharedCause`): the unknown word itself, or for dates the formats tried.
    public var cause: String

    /// `field 'date' (column 'Created At'): '2025-13-01' matches none of …`.
    public var message: String { "\(field): '\(value)' \(problem)" }

    /// The record's diagnostic: `subject` is `audit 'A-1'` or `ticket 'T-1'`, `nil` when the
    /// record has no id; repeats of the mistake are listed once and counted.
    public func diagnostic(subject: String?, file: String, line: Int) -> Diagnostic {
        Diagnostic(.error, (subject.map { $0 + ", " } ?? "record skipped: ") + message, file: file, line: line,
                   sharedCause: .init(cause, listedRecords: 1))
    }
}

/// An import profile as the CSV audit reader sees it (docs/imports.md).
extension ImportProfile: CSVAuditReading {
    public func rename(_ sources: [String], file: String, line: Int) throws(InputError) -> [String] {
        try ProfileColumns.rename(sources, profile: self, file: file, line: line)
    }

    public func cellRewriter(sources: [String], layout: RecordLayout) -> (any CSVCellRewriter)? {
        CellTransform.forAudits(profile: self, sources: sources, layout: layout)
    }
}

extension CellTransform: CSVCellRewriter {
    public func rewrite(_ record: inout CSVRecord, cells: Range<Int>, idColumn: Int?, file: String, line: Int) -> Diagnostic? {
        guard let problem = apply(to: &record, cells: cells) else { return nil }
        let id = idColumn.flatMap { $0 < cells.count ? record.string(at: cells.lowerBound + $0) : nil }
        return ImportProblems.recordProblem(problem, auditID: id, file: file, line: line)
    }
}
