#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import QAKitYAML

/// Loads and validates scorecard files and directories (docs/scorecards.md).
///
/// Every problem in every file is reported in one run, sorted by file and position. A directory
/// contributes its `*.yaml` and `*.yml` files, sorted by name, then those of its subdirectories
/// (so `scorecards/archive/` with earlier versions is loaded too), skipping hidden files and
/// folders; a file named explicitly is read whatever its name.
public struct ScorecardLoader: Sendable {
    /// Whether warnings count as errors (`--strict`): a scorecard with a warning is then rejected.
    public var isStrict: Bool
    /// Limits for the YAML layer: nesting depth and file size.
    public var parser: YAMLParser

    /// A loader with the YAML layer's default limits (64 levels, 1 MiB).
    public init(isStrict: Bool = false, parser: YAMLParser = YAMLParser()) {
        self.isStrict = isStrict
        self.parser = parser
    }

    /// Loads files and directories; `(scorecard, version)` must be unique across all of them, and
    /// so must `effective_from` among the versions of one id (docs/versions.md).
    ///
    /// A path that does not exist or cannot be read lands in `unreadablePaths`, not in
    /// `diagnostics`, so that a command can tell "fix your scorecard" from "wrong path".
    public func load(paths: [String]) -> ScorecardLoadResult {
        var result = ScorecardLoadResult()
        var files: [String] = []
        for path in paths {
            switch FileSystem.scorecardFiles(at: path) {
            case .success(let found):
                if found.isEmpty {
                    result.diagnostics.append(Diagnostic(.error, ScorecardProblem.noScorecardFiles.message, file: path))
                }
                files += found
            case .failure(let failure):
                result.unreadablePaths.append(failure)
            }
        }
        for file in files {
            switch FileSystem.read(file, limit: parser.maximumBytes) {
            case .success(let bytes): result.merge(load(bytes: bytes, file: file))
            case .failure(let failure): result.unreadablePaths.append(failure)
            }
        }
        result.rejectDuplicateVersions()
        result.diagnostics.sort()
        return result
    }

    /// Validates one file's bytes; `file` is the name diagnostics carry.
    public func load(bytes: [UInt8], file: String) -> ScorecardLoadResult {
        let log = DiagnosticLog(file: file, isStrict: isStrict)
        var result = ScorecardLoadResult(checkedFiles: [file])
        if let loaded = decode(bytes, log: log), !log.hasErrors {
            result.scorecards.append(loaded.scorecard)
            result.marks.append(loaded.marks)
        }
        result.diagnostics = log.diagnostics.sorted()
        return result
    }

    private func decode(_ bytes: [UInt8], log: DiagnosticLog) -> (scorecard: Scorecard, marks: ScorecardDecoder.Marks)? {
        let root: Node?
        do {
            root = try parser.parse(bytes)
        } catch {
            log.report(.yaml(error), at: error.mark)
            return nil
        }
        guard let root, !(root.scalar?.isNull ?? false) else {
            log.report(.emptyFile, at: .start)
            return nil
        }
        guard let loaded = ScorecardDecoder(log: log).scorecard(from: root) else { return nil }
        // Whole-scorecard rules would only echo an earlier error (an empty or unreadable section).
        if !log.hasErrors { ScorecardRules(log: log).check(loaded.scorecard, root: root) }
        return loaded
    }
}

/// What a load produced: the valid scorecards and everything wrong with the rest.
public struct ScorecardLoadResult: Sendable {
    /// Scorecards without errors, in file order. Warnings do not reject a scorecard unless strict.
    public var scorecards: [Scorecard] = []
    /// Errors and warnings, sorted by file, line and column.
    public var diagnostics: [Diagnostic] = []
    /// Paths that do not exist or could not be read at all (a usage error: exit code 2).
    public var unreadablePaths: [UnreadablePath] = []
    /// Every scorecard file that was read and checked, valid or not, in load order.
    public var checkedFiles: [String] = []
    /// Where each returned scorecard's id, version and date are written, parallel to `scorecards`.
    var marks: [ScorecardDecoder.Marks] = []

    /// The number of diagnostics of `severity`.
    public func count(_ severity: Diagnostic.Severity) -> Int {
        diagnostics.filter { $0.severity == severity }.count
    }

    /// Whether there is any error.
    public var hasErrors: Bool { count(.error) > 0 }

    mutating func merge(_ other: ScorecardLoadResult) {
        scorecards += other.scorecards
        marks += other.marks
        diagnostics += other.diagnostics
        checkedFiles += other.checkedFiles
    }

    /// Rejects every scorecard whose `(id, version)` an earlier file already loaded, and every
    /// version whose `effective_from` an earlier version of the same id has, naming where the
    /// earlier one is written.
    mutating func rejectDuplicateVersions() {
        struct Seen { var file: String; var mark: Mark; var version: Int }
        var versions: [String: [Int: Seen]] = [:]
        var dates: [String: [CalendarDate: Seen]] = [:]
        var kept: [(Scorecard, ScorecardDecoder.Marks)] = []
        for (scorecard, marks) in zip(scorecards, marks) {
            let id = scorecard.id
            if let first = versions[id]?[scorecard.version] {
                let problem = ScorecardProblem.duplicateScorecardVersion(id, version: scorecard.version, first: "\(first.file):\(first.mark.line)")
                diagnostics.append(Diagnostic(.error, problem.message, file: scorecard.file, at: marks.version))
                continue
            }
            if let date = scorecard.effectiveFrom, let mark = marks.effectiveFrom, let first = dates[id]?[date] {
                let problem = ScorecardProblem.duplicateEffectiveFrom(id, date: date.description, version: scorecard.version,
                                                                      firstVersion: first.version, first: "\(first.file):\(first.mark.line)")
                diagnostics.append(Diagnostic(.error, problem.message, file: scorecard.file, at: mark))
                continue
            }
            versions[id, default: [:]][scorecard.version] = Seen(file: scorecard.file, mark: marks.version, version: scorecard.version)
            if let date = scorecard.effectiveFrom, let mark = marks.effectiveFrom {
                dates[id, default: [:]][date] = Seen(file: scorecard.file, mark: mark, version: scorecard.version)
            }
            kept.append((scorecard, marks))
        }
        scorecards = kept.map(\.0)
        self.marks = kept.map(\.1)
    }
}

/// A path that could not be read, and why (the system's words).
public struct UnreadablePath: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// Why, e.g. "No such file or directory".
    public var reason: String

    /// A failure to read `path`, with the system's `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot read 'path': reason`.
    public var description: String { "cannot read '\(path)': \(reason)" }
}
