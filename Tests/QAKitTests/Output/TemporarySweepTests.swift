import Foundation
import Testing
@testable import QAKit

/// Opening an output sweeps the named temporaries that dead runs left for the same target
/// (docs/output-files.md), and nothing else.
@Suite("Sweeping stale temporaries")
struct TemporarySweepTests {
    /// A PID no process has: far above Linux's largest (2^22) and macOS's (99 999).
    static let deadPID: pid_t = 999_999_999

    @Test func removesOnlyTheDeadRunsTemporariesOfTheSameTarget() throws {
        errno = 0
        try #require(kill(Self.deadPID, 0) == -1 && errno == ESRCH, "PID \(Self.deadPID) exists here")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = getppid()
        let names = [
            ".out.csv.qakit-tmp-\(Self.deadPID)-a1b2c3",      // dead run, same target: swept
            ".out.csv.qakit-tmp-\(live)-d4e5f6",              // a live process's run: kept
            ".out.csv.qakit-tmp-\(getpid())-g7h8i9",          // this process's own: kept
            ".other.csv.qakit-tmp-\(Self.deadPID)-j1k2l3",    // another target: kept
            ".out.csv.qakit-tmp-XyZ123",                       // an older qakit's, no PID: kept
            "out.csv",
        ]
        for name in names {
            try Data("x".utf8).write(to: directory.appendingPathComponent(name))
        }
        let file = try AtomicFile(path: directory.appendingPathComponent("out.csv").path, allowsUnnamedFile: false)
        // Besides the names above, the directory now holds the new file's own named temporary.
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(!left.contains(names[0]))
        #expect(left.subtracting(names.dropFirst()).count == 1)
        try file.commit()
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == Set(names.dropFirst()))
        #expect(try String(contentsOf: directory.appendingPathComponent("out.csv"), encoding: .utf8) == "")
    }
}
