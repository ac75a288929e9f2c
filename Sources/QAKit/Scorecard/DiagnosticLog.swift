import QAKitYAML

/// Collects the diagnostics of one file while its node tree is validated.
///
/// A reference type so that every reader of one file appends to the same list.
final class DiagnosticLog {
    let file: String
    /// Whether warnings are reported as errors (`--strict`).
    let isStrict: Bool
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, isStrict: Bool) {
        self.file = file
        self.isStrict = isStrict
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Records `problem` at `mark`; a warning is recorded as an error when strict.
    func report(_ problem: ScorecardProblem, at mark: Mark) {
        let severity: Diagnostic.Severity = problem.isWarning && !isStrict ? .warning : .error
        diagnostics.append(Diagnostic(severity, problem.message, file: file, at: mark))
    }

    /// Records an error whose wording belongs to a reader built on this one (an import profile's
    /// `ProfileProblem`, docs/imports.md), so that the scorecard layer need not know its problems.
    func report(error message: String, at mark: Mark) {
        diagnostics.append(Diagnostic(.error, message, file: file, at: mark))
    }
}
