/// The audit files that the paths on a command line name.
public enum AuditPaths {
    /// `path` itself, unless it is a directory: then every audit file in it, sorted by name.
    ///
    /// A directory contributes its files whose extension names an audit format
    /// (`AuditFormat.inferred(from:)`: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`, `.yaml`/`.yml`; and
    /// the workbooks `.xlsx`/`.xlsm`, which the command line reads with its spreadsheet reader),
    /// without searching subdirectories and skipping hidden files, as `-s` does for scorecards:
    /// exports and archives kept in a subdirectory stay out. `-` (standard input) and a path that
    /// does not exist are returned as given, for `AuditSources.open` to read or report.
    ///
    /// - Throws: `InputError` (unreadable) for a directory that holds no audit file, or that
    ///   cannot be listed: an empty export folder is almost always a mistake, never "no audits".
    public static func files(at path: String) throws(InputError) -> [String] {
        guard path != "-", FileSystem.isDirectory(path) else { return [path] }
        switch FileSystem.files(at: path, where: { AuditFormat.inferred(from: $0) != nil || isWorkbook($0) }) {
        case .success(let files) where files.isEmpty:
            throw InputError(file: path, message: "directory holds no audit files (*.csv, *.tsv, *.jsonl, *.ndjson, *.yaml, *.yml, *.xlsx); subdirectories are not searched",
                             isUnreadable: true)
        case .success(let files):
            return files
        case .failure(let failure):
            throw InputError(file: path, message: "cannot read directory: \(failure.reason)", isUnreadable: true)
        }
    }

    /// Whether `name` ends in `.xlsx` or `.xlsm` (any case): a workbook (docs/spreadsheets.md).
    static func isWorkbook(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }
}
