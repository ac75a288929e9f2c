/// The audit files that the paths on a command line name.
public enum AuditPaths {
    /// `path` itself, unless it is a directory: then every audit file in it, sorted by name.
    ///
    /// A directory contributes its files whose extension names an audit format
    /// (`AuditFormat.inferred(from:)`: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`, `.yaml`/`.yml`),
    /// without searching subdirectories and skipping hidden files, as `-s` does for scorecards:
    /// exports and archives kept in a subdirectory stay out. `-` (standard input) and a path that
    /// does not exist are returned as given, for `AuditSources.open` to read or report.
    ///
    /// - Throws: `InputError` (unreadable) for a directory that holds no audit file, or that
    ///   cannot be listed: an empty export folder is almost always a mistake, never "no audits".
    public static func files(at path: String) throws(InputError) -> [String] {
        guard path != "-", FileSystem.isDirectory(path) else { return [path] }
        switch FileSystem.files(at: path, where: { AuditFormat.inferred(from: $0) != nil }) {
        case .success(let files) where files.isEmpty:
            throw InputError(file: path, message: "directory holds no audit files (*.csv, *.tsv, *.jsonl, *.ndjson, *.yaml, *.yml); subdirectories are not searched",
                             isUnreadable: true)
        case .success(let files):
            return files
        case .failure(let failure):
            throw InputError(file: path, message: "cannot read directory: \(failure.reason)", isUnreadable: true)
        }
    }
}
