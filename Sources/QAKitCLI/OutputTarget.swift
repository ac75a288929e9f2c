import ArgumentParser
import QAKit

/// Standard output, or a file written atomically and only put in place once complete.
struct OutputTarget {
    let sink: TextSink
    private let file: AtomicFile?
    private let standardOutput: StandardOutput?

    init(path: String?) throws {
        if let path, path != "-" {
            do {
                file = try AtomicFile(path: path)
            } catch {
                Terminal.printError("qakit: error: \(error)")
                throw ExitCode(2)
            }
            sink = file!
            standardOutput = nil
        } else {
            standardOutput = StandardOutput()
            sink = standardOutput!
            file = nil
        }
    }

    /// Puts the output in place: flushes standard output, or renames the file over its target.
    func commit() throws {
        standardOutput?.flush()
        do {
            try file?.commit()
        } catch {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Commits, unless nothing was scored and the output is a file: then an existing file is left
    /// as it was (an empty report must not replace a good one), nothing is created, and the run
    /// exits 1 after `summary` is printed.
    func commit(scoredCount: Int, summary: String) throws {
        guard scoredCount == 0, let file else { return try commit() }
        Terminal.printError(summary)
        Terminal.printError("qakit: error: no audit was scored, so '\(file.path)' was not written")
        throw ExitCode(1)
    }
}
