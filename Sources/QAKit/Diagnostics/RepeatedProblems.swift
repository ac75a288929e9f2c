/// Reports a problem that every record of a file shares (`Diagnostic.sharedCause`) once, then
/// counts its repeats and reports the count at the end of the file, so that a key missing from
/// every line of a 400,000-line export is two lines of output, not 400,000.
///
/// The first record with the problem is reported in full (file, line, audit id, field); records
/// after it are still rejected and counted by the run, only not listed one by one. A class, so
/// that the run's reporting closure can update it.
final class RepeatedProblems {
    /// Whether repeats are held back at all; when not, every diagnostic is passed on.
    let isEnabled: Bool
    /// Per shared cause: the first report and how many records repeated it since.
    private var seen: [String: (first: Diagnostic, repeats: Int)] = [:]
    /// The causes in the order first seen, for a stable summary.
    private var order: [String] = []

    init(isEnabled: Bool = true) {
        self.isEnabled = isEnabled
    }

    /// Hands `diagnostic` to `report` unless it repeats a shared cause already reported (then
    /// it is counted for `summary()`).
    func pass(_ diagnostic: Diagnostic, to report: (Diagnostic) -> Void) {
        guard isEnabled, let cause = diagnostic.sharedCause else { return report(diagnostic) }
        if seen[cause] != nil {
            seen[cause]!.repeats += 1
            return
        }
        seen[cause] = (diagnostic, 0)
        order.append(cause)
        report(diagnostic)
    }

    /// One line per problem that repeated: `a.jsonl: error: 399999 more records rejected for the
    /// same reason as line 1 (field 'reviewer': …)`; empties the tally, for the next file.
    func summary() -> [Diagnostic] {
        defer {
            seen = [:]
            order = []
        }
        return order.compactMap { cause in
            guard let (first, repeats) = seen[cause], repeats > 0 else { return nil }
            let place = first.line.map { " as line \($0)" } ?? ""
            let noun = repeats == 1 ? "record" : "records"
            return Diagnostic(first.severity, "\(repeats) more \(noun) rejected for the same reason\(place) (\(cause))", file: first.file)
        }
    }
}
