/// The audit file formats of docs/audits.md.
public enum AuditFormat: String, Sendable, CaseIterable {
    case csv, tsv, jsonl, yaml

    /// The format implied by a file's extension: `.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.yaml`/`.yml`.
    public static func inferred(from path: String) -> AuditFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "jsonl", "ndjson": return .jsonl
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }
}
