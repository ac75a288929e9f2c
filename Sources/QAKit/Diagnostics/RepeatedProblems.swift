/// Reports a problem that many records of a file share (`Diagnostic.sharedCause`) for the first
/// few of them, then counts its repeats and reports the count at the end of the file, so that a
/// key missing from every line of a 400,000-line export is a few lines of output, not 400,000.
///
/// The first records with the problem are reported in full (file, line, audit id, field); records
/// after them are still rejected and counted by the run, only not listed one by one. A class, so
/// that the run's reporting closure can update it.
final class RepeatedProblems {
    /// Whether repeats are held back at all; when not, every diagnostic is passed on.
    let isEnabled: Bool
    /// Per shared cause: the first report, how many records were listed, and how many repeated
    /// it without being listed.
    private var seen: [Diagnostic.SharedCause: (first: Diagnostic, listed: Int, repeats: Int)] = [:]
    /// The causes in the order first seen, for a stable summary.
    private var order: [Diagnostic.SharedCause] = []

    init(isEnabled: Bool = true) {
        self.isEnabled = isEnabled
    }

    /// Hands `diagnostic` to `report` unless it repeats a shared cause already listed as often as
    /// the cause allows (then it is counted for `summary()`).
    func pass(_ diagnostic: Diagnostic, to report: (Diagnostic) -> Void) {
        guard isEnabled, let cause = diagnostic.sharedCause else { return report(diagnostic) }
        guard let entry = seen[cause] else {
            seen[cause] = (diagnostic, 1, 0)
            order.append(cause)
            return report(diagnostic)
        }
        if entry.listed < cause.listedRecords {
            seen[cause]!.listed += 1
            return report(diagnostic)
        }
        seen[cause]!.repeats += 1
    }

    /// One line per problem with records left unlisted: `a.jsonl: error: 399990 more records
    /// rejected for the same reason as line 1 (field 'reviewer': …)`; empties the tally, for the
    /// next file.
    func summary() -> [Diagnostic] {
        defer {
            seen = [:]
            order = []
        }
        return order.compactMap { cause in
            guard let (first, _, repeats) = seen[cause], repeats > 0 else { return nil }
            let place = first.line.map { " as line \($0)" } ?? ""
            let noun = repeats == 1 ? "record" : "records"
            return Diagnostic(first.severity, "\(repeats) more \(noun) rejected for the same reason\(place) (\(cause.text))", file: first.file)
        }
    }
}
