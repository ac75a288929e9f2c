/// The file formats `qakit sample` reads interaction exports (and `--exclude` audits) from.
public enum InteractionFormat: String, Sendable, CaseIterable {
    /// Comma-separated with a header row (RFC 4180).
    case csv
    /// Tab-separated with a header row.
    case tsv
    /// One JSON object per line; its keys are the columns.
    case jsonl

    /// The format implied by a file's extension: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`.
    public static func inferred(from path: String) -> InteractionFormat? {
        switch AuditFormat.inferred(from: path) {
        case .csv: .csv
        case .tsv: .tsv
        case .jsonl: .jsonl
        case .yaml, nil: nil
        }
    }
}

/// One input of a sampling run: a path (`-` for standard input) and its format.
public struct InteractionInput: Sendable {
    /// The path as the user gave it.
    public var path: String
    /// How to read it.
    public var format: InteractionFormat
    /// How another tool's export is read (docs/imports.md); `nil` for qakit's own columns.
    public var profile: ImportProfile?

    /// An input read as `format`, through `profile` when one is given.
    public init(path: String, format: InteractionFormat, profile: ImportProfile? = nil) {
        self.path = path
        self.format = format
        self.profile = profile
    }
}
