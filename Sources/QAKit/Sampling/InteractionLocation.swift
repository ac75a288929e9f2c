/// Where an interaction was read: a file and the line its record starts on.
public struct InteractionLocation: Sendable, Hashable {
    /// The path as the user gave it (`-` for standard input).
    public var file: String
    /// 1-based line where the record starts.
    public var line: Int

    /// A location in `file` (as the user named it) at 1-based `line`.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `line 3` in the same file as `other`, else `file:3`, for messages about two records.
    func described(relativeTo other: InteractionLocation) -> String {
        file == other.file ? "line \(line)" : "\(file):\(line)"
    }
}
