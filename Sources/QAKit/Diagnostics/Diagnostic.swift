import QAKitYAML

/// One problem found in a user's file, located so that an editor can jump to it.
///
/// The library produces diagnostics; only the command-line tool prints them, compiler style:
/// `scorecards/email.yaml:14:15: error: weight must be a number, found 'high'`.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a problem is. Warnings become errors under `--strict`.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    /// What is wrong and what was expected, quoting user values as `'…'`.
    public var message: String
    /// The path as the user gave it.
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// 1-based column in Unicode scalars, when known.
    public var column: Int?
    /// For a record's problem caused by the columns or keys the record has, not by its values
    /// (a required criterion with no column), what every record of the same shape shares: a run
    /// lists the first few such records and counts the rest (`RepeatedProblems`). `nil` for a
    /// problem of the record's own values.
    public var sharedCause: SharedCause?
    /// For a problem of one audit record's field: the audit id, the field and the problem as
    /// data (the message says the same in words); `nil` otherwise.
    public var record: RecordField?

    /// The audit, field and problem of a record's diagnostic.
    public struct RecordField: Sendable, Hashable {
        /// `nil` when the record has no `audit_id`.
        public var auditID: String?
        public var field: String
        /// `field 'empathy': '7' is not a valid answer …`: the message without the audit's name.
        public var problem: String

        public init(auditID: String?, field: String, problem: String) {
            self.auditID = auditID
            self.field = field
            self.problem = problem
        }
    }

    /// The audit id of a record's diagnostic (`record?.auditID`).
    public var auditID: String? { record?.auditID }
    /// The field of a record's diagnostic (`record?.field`).
    public var field: String? { record?.field }

    /// A problem many records may share, without any one record's audit id.
    public struct SharedCause: Sendable, Hashable {
        /// `field 'reviewer': missing required field 'reviewer'`.
        public var text: String
        /// How many records with it are listed in full before the rest are only counted: 1 when
        /// a CSV header's column is missing (every record below has the problem), more when a
        /// JSON or YAML record lacks a key (a few records may lack it for reasons of their own).
        public var listedRecords: Int

        public init(_ text: String, listedRecords: Int) {
            self.text = text
            self.listedRecords = listedRecords
        }
    }

    public init(_ severity: Severity, _ message: String, file: String, line: Int? = nil, column: Int? = nil, sharedCause: SharedCause? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.sharedCause = sharedCause
    }

    public init(_ severity: Severity, _ message: String, file: String, at mark: Mark) {
        self.init(severity, message, file: file, line: mark.line, column: mark.column)
    }

    /// `file:line:column: severity: message`, leaving out what is unknown.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }

    /// Diagnostics sort by file, then position, then message, so output is stable.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0, rhs.message)
    }
}
