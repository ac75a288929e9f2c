/// What `ScoringRun.score(object:file:line:)` makes of one audit object.
public enum RecordOutcome {
    /// The audit was valid; its result is the one `qakit score` gives.
    case scored(ScoredAudit)
    /// Every problem of the record, with the messages `qakit score` prints (at least one).
    case rejected([Diagnostic])
}

extension ScoringRun {
    /// Validates and scores one audit given as the members of a JSON Lines object (docs/audits.md),
    /// with the same decoder, engine and messages as a file run: `qakit serve`'s form and API
    /// (docs/serve.md) score through here so that a submitted audit scores exactly as the stored
    /// line later does. `file` and `line` locate the diagnostics.
    ///
    /// The run's duplicate check sees the record, so a second call with the same `audit_id` on the
    /// same run is rejected as a duplicate unless `forgetAuditIDs()` is called in between. Record
    /// layouts are kept from call to call (as a file run keeps them), so a run that is reused for
    /// records of the same shape builds each layout once. Not for two threads at once.
    public func score(object members: [JSONValue.Member], file: String, line: Int = 1) -> RecordOutcome {
        var builder = recordBuilder.flatMap { $0.file == file ? $0 : nil } ?? KeyedRecordBuilder(decoder: decoder, file: file)
        defer { recordBuilder = builder }
        let item = builder.item(from: members.map { ($0.key, JSONLinesAuditSource.value($0.value)) }, line: line)
        var outcome: RecordOutcome?
        var problems: [Diagnostic] = []
        switch item {
        case .problem(let diagnostic):
            rejectedCount += 1
            problems.append(diagnostic)
        case .warning(let diagnostic):
            problems.append(diagnostic)
        case .record(let values, let layout, let line):
            let decoded = decoder.decode(values: values, layout: layout, file: file, line: line, allowFlagWords: false)
            try? handle(decoded, naming: nil, scored: { outcome = .scored($0) }, report: { problems.append($0) })
        }
        if let outcome { return outcome }
        return .rejected(problems)
    }

    /// Empties the duplicate check of `score(object:file:line:)`, so that the run can take the
    /// next unrelated record.
    public func forgetAuditIDs() {
        decoder.forgetIDs()
    }
}
