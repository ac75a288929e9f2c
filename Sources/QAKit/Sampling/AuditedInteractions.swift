/// `--exclude`: the interaction ids of audit files, so that interactions already audited are not
/// sampled again. Only the `interaction_id` column (CSV, TSV) or field (JSON Lines) is read; the
/// audits are not validated or scored.
public struct AuditedInteractions: Sendable {
    /// The ids, trimmed as interaction ids are; empty cells are ignored.
    public var ids: Set<String> = []
    /// Audit records that could not be read at all (so their id, if any, is unknown): exit 1.
    public var rejections: [Diagnostic] = []
    /// An unreadable file or one without an `interaction_id` column: exit 2.
    public var fatalErrors: [Diagnostic] = []

    /// Reads every input.
    public init(reading inputs: [InteractionInput]) {
        for input in inputs { read(input) }
    }

    private mutating func read(_ input: InteractionInput) {
        do {
            let reader = try InteractionReader(input)
            var column: Int?
            var layout = 0
            if reader.layoutNumber != 0, !hasIDColumn(reader) { return }
            while let step = try reader.next() {
                guard case .record = step else {
                    if case .problem(let diagnostic) = step { rejections.append(diagnostic) }
                    continue
                }
                if reader.layoutNumber != layout {
                    if layout == 0, !hasIDColumn(reader) { return }
                    column = reader.columns.firstIndex(of: "interaction_id")
                    layout = reader.layoutNumber
                }
                let id = reader.text(column)
                if !id.isEmpty { ids.insert(id) }
            }
        } catch {
            fatalErrors.append(error.diagnostic)
        }
    }

    /// Whether the file names an `interaction_id` column (header or first JSON record); if not,
    /// one error for the file.
    private mutating func hasIDColumn(_ reader: InteractionReader) -> Bool {
        guard !reader.columns.contains("interaction_id") else { return true }
        fatalErrors.append(Diagnostic(.error, "missing required column " + ColumnPlan.describe(missing: "interaction_id", among: reader.columns)
                                      + "; --exclude needs it to know which interactions are audited", file: reader.file, line: reader.line))
        return false
    }
}
