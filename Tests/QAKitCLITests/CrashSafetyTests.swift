import Foundation
import Testing

/// `-o FILE` is written atomically (SPEC.md section 4): a run killed in the middle of a large
/// write leaves the old file byte for byte, and a finished run replaces it whole.
@Suite("Crash safety of -o")
struct CrashSafetyTests {
    /// Audits in the generated input; each gives one JSON line of about 600 bytes, so the output
    /// (about 36 MB) takes long enough to write that the kill lands mid-write.
    static let auditCount = 60_000

    /// A CSV of `auditCount` valid audits for `Corpus/scorecards/tiny.yaml`, generated here so
    /// that the test needs no Python and commits no large file.
    static func writeAudits(to url: URL) throws {
        var text = "audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone\n"
        for index in 0..<auditCount {
            text += "A-\(index),T-\(index),Agent \(index % 50),Reviewer \(index % 7),2026-08-\(10 + index % 19),"
            text += "\(index % 3 == 0 ? "no" : "yes"),\(index % 11),\(1 + index % 5)\n"
        }
        try Data(text.utf8).write(to: url)
    }

    @Test("SIGKILL mid-write keeps the old file intact; a finished run replaces it whole")
    func killMidWrite() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = FileManager.default
        try manager.createDirectory(at: directory.appendingPathComponent("scorecards"), withIntermediateDirectories: true)
        try manager.copyItem(at: CorpusCase.directory.appendingPathComponent("scorecards/tiny.yaml"),
                             to: directory.appendingPathComponent("scorecards/tiny.yaml"))
        try Self.writeAudits(to: directory.appendingPathComponent("audits.csv"))
        let output = directory.appendingPathComponent("scores.jsonl")
        let old = Data("the previous run's output\n".utf8)
        try old.write(to: output)
        let arguments = ["score", "-s", "scorecards", "audits.csv", "--format", "jsonl", "-o", "scores.jsonl"]

        // Start a run and kill it once its temporary file holds at least 1 MiB.
        let process = Process()
        process.executableURL = try QAKitProcess.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 120)
        var temporarySize = 0
        while process.isRunning && Date() < deadline {
            temporarySize = try Self.temporaryFiles(in: directory).map { try Self.size(of: $0) }.max() ?? 0
            if temporarySize >= 1 << 20 { break }
            usleep(1_000)
        }
        try #require(process.isRunning, "the run ended before the kill; make the input larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        #expect(temporarySize >= 1 << 20, "killed before any output was written")
        #expect(try Data(contentsOf: output) == old, "the old output was replaced or damaged")

        // A run that finishes replaces the file with the complete output: one line per audit.
        let finished = try QAKitProcess.run(arguments, in: directory, timeout: 600)
        #expect(finished.status == 0, "\(finished.standardError)")
        let written = try Data(contentsOf: output)
        #expect(written.last == UInt8(ascii: "\n"))
        #expect(written.split(separator: UInt8(ascii: "\n")).count == Self.auditCount)
        let lastLine = try #require(written.split(separator: UInt8(ascii: "\n")).last)
        #expect(String(decoding: lastLine, as: UTF8.self).hasPrefix("{\"audit_id\": \"A-\(Self.auditCount - 1)\""))
        // The killed run's temporary file is the only leftover: the finished run cleaned up its own.
        #expect(try Self.temporaryFiles(in: directory).count == 1)
    }

    private static func temporaryFiles(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(".scores.jsonl.qakit-tmp-") }
            .map { directory.appendingPathComponent($0) }
    }

    private static func size(of url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}
