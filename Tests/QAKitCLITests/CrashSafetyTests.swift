import Foundation
import Testing

/// `-o FILE` is written atomically (docs/output-files.md): a run killed in the middle of a large
/// write leaves the old file byte for byte and no stray file (SIGKILL with named temporaries
/// leaves one, swept by the next run), and a finished run replaces it whole.
@Suite("Crash safety of -o")
struct CrashSafetyTests {
    /// Audits in the generated input; each gives one JSON line of about 600 bytes, so the output
    /// (about 36 MB) takes long enough to write that the kill lands mid-write.
    static let auditCount = 60_000
    static let arguments = ["score", "-s", "scorecards", "audits.csv", "--format", "jsonl", "-o", "scores.jsonl"]
    static let old = Data("the previous run's output\n".utf8)

    /// A CSV of `count` valid audits for `Corpus/scorecards/tiny.yaml`, generated here so that
    /// the test needs no Python and commits no large file.
    static func audits(count: Int) -> String {
        var text = "audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone\n"
        for index in 0..<count {
            text += "A-\(index),T-\(index),Agent \(index % 50),Reviewer \(index % 7),2026-08-\(10 + index % 19),"
            text += "\(index % 3 == 0 ? "no" : "yes"),\(index % 11),\(1 + index % 5)\n"
        }
        return text
    }

    /// How a run ends, and whether it writes through a named temporary (`QAKIT_NAMED_TEMPORARY`,
    /// the fallback where unnamed files are not available) or an unnamed file.
    struct Kill: CustomTestStringConvertible, Sendable {
        var signal: Int32
        var isNamed: Bool
        var testDescription: String {
            "\(signal == SIGKILL ? "SIGKILL" : signal == SIGTERM ? "SIGTERM" : "SIGINT")\(isNamed ? ", named temporary" : "")"
        }
    }

    static let kills = [SIGINT, SIGTERM, SIGKILL].flatMap { [Kill(signal: $0, isNamed: false), Kill(signal: $0, isNamed: true)] }

    @Test("a signal mid-write keeps the old file and leaves no stray file", arguments: kills)
    func signalMidWrite(_ kill: Kill) throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.audits(count: Self.auditCount), to: "audits.csv")
        try Self.old.write(to: workspace.url("scores.jsonl"))
        let environment = kill.isNamed ? ["QAKIT_NAMED_TEMPORARY": "1"] : [:]

        let pid = try Self.spawn(Self.arguments(in: workspace.directory), environment: environment)
        // Kill it once the output in progress (named, or unnamed and seen through /proc) holds 1 MiB.
        let deadline = Date(timeIntervalSinceNow: 120)
        var size = 0
        var status: Int32 = 0
        var isRunning = true
        while isRunning && Date() < deadline {
            size = Self.sizeInProgress(of: pid, in: workspace.directory)
            if size >= 1 << 20 { break }
            usleep(1_000)
            isRunning = waitpid(pid, &status, WNOHANG) == 0
        }
        try #require(isRunning, "the run ended before the kill; make the input larger")
        Foundation.kill(pid, kill.signal)
        waitpid(pid, &status, 0)
        // A wait status whose low seven bits are neither 0 (an exit) nor 0x7f (a stop) names the
        // signal that ended the process.
        #expect(status & 0x7f == kill.signal, "wait status \(status)")
        #expect(size >= 1 << 20, "killed before any output was written")
        #expect(try Data(contentsOf: workspace.url("scores.jsonl")) == Self.old, "the old output was replaced or damaged")

        let stray = try workspace.strayFiles(besides: ["audits.csv", "scores.jsonl"])
        guard kill.isNamed && kill.signal == SIGKILL else {
            #expect(stray == [])
            return
        }
        // Nothing can clean up after SIGKILL: its named temporary stays, with the dead PID in
        // its name, until the next output to the same file sweeps it.
        #expect(stray.count == 1 && stray[0].hasPrefix(".scores.jsonl.qakit-tmp-\(pid)-"), "\(stray)")
        try workspace.write(Self.audits(count: 2), to: "audits.csv")
        let next = try QAKitProcess.run(Self.arguments, in: workspace.directory, environment: ["NO_COLOR": "1"].merging(environment) { $1 })
        #expect(next.status == 0, "\(next.standardError)")
        #expect(try workspace.strayFiles(besides: ["audits.csv", "scores.jsonl"]) == [])
    }

    @Test("a finished run replaces the file whole")
    func finishedRun() throws {
        let workspace = try OutputWorkspace()
        defer { workspace.remove() }
        try workspace.write(Self.audits(count: Self.auditCount), to: "audits.csv")
        try Self.old.write(to: workspace.url("scores.jsonl"))
        let finished = try QAKitProcess.run(Self.arguments, in: workspace.directory, timeout: 600)
        #expect(finished.status == 0, "\(finished.standardError)")
        let written = try Data(contentsOf: workspace.url("scores.jsonl"))
        #expect(written.last == UInt8(ascii: "\n"))
        #expect(written.split(separator: UInt8(ascii: "\n")).count == Self.auditCount)
        let lastLine = try #require(written.split(separator: UInt8(ascii: "\n")).last)
        #expect(String(decoding: lastLine, as: UTF8.self).hasPrefix("{\"audit_id\": \"A-\(Self.auditCount - 1)\""))
        #expect(try workspace.strayFiles(besides: ["audits.csv", "scores.jsonl"]) == [])
    }

    /// `arguments` with the workspace's paths spelt out, for `spawn`, which has no working directory.
    static func arguments(in directory: URL) -> [String] {
        ["score", "-s", directory.appendingPathComponent("scorecards").path, directory.appendingPathComponent("audits.csv").path,
         "--format", "jsonl", "-o", directory.appendingPathComponent("scores.jsonl").path]
    }

    /// Starts qakit as a shell would, with no signal blocked and SIGINT, SIGTERM and SIGHUP at
    /// their default action; its output goes to /dev/null. (Foundation's `Process` passes on the
    /// test runner's blocked signals, so SIGINT and SIGTERM would never arrive.)
    static func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let binary = try QAKitProcess.binary().path
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        try #require(result == 0, "posix_spawn: \(String(cString: strerror(result)))")
        return pid
    }

    /// The largest output file `pid` has open in `directory`: a named temporary, or an unnamed
    /// file, which `/proc/PID/fd` shows as `DIRECTORY/#INODE (deleted)`.
    static func sizeInProgress(of pid: Int32, in directory: URL) -> Int {
        var sizes: [Int] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".scores.jsonl.qakit-tmp-") {
            sizes.append(size(at: directory.appendingPathComponent(name).path))
        }
        let descriptors = "/proc/\(pid)/fd"
        for descriptor in (try? FileManager.default.contentsOfDirectory(atPath: descriptors)) ?? [] {
            let link = "\(descriptors)/\(descriptor)"
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link), target.hasPrefix(directory.path + "/#") {
                sizes.append(size(at: link))
            }
        }
        return sizes.max() ?? 0
    }

    /// The size of the file at `path`, following a `/proc` link (`stat`, not `lstat`).
    private static func size(at path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }
}
