import Foundation
import Testing

/// The audit file under load, after `kill -9`, and when someone else changes it (docs/serve.md,
/// "Durability" and "When the file changes").
@Suite(.serialized) struct ServeDurabilityTests {
    /// A valid audit with id `id` (the example audit QA-10405 renamed).
    static func audit(_ id: String) throws -> String {
        try ServeProcess.exampleAudit(id: id)
    }

    /// What concurrent clients saw: the ids acknowledged with 201 and every other status.
    final class SubmissionLog: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: Set<String> = []
        private var statuses: [Int] = []

        func record(_ id: String, status: Int) {
            lock.lock()
            defer { lock.unlock() }
            if status == 201 { ids.insert(id) } else { statuses.append(status) }
        }

        var acknowledged: Set<String> {
            lock.lock()
            defer { lock.unlock() }
            return ids
        }

        var others: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return statuses
        }
    }

    /// Starts `clients` threads, each posting up to `perClient` audits `<prefix>-<client>-<n>` one
    /// after the other and stopping at its first failure; `group` is left when all are done.
    static func startClients(_ server: ServeProcess, clients: Int, perClient: Int, prefix: String, log: SubmissionLog, group: DispatchGroup) throws {
        let template = try audit("ID")
        for client in 0..<clients {
            DispatchQueue.global().async(group: group) {
                for index in 0..<perClient {
                    let id = "\(prefix)-\(client)-\(index)"
                    let body = template.replacingOccurrences(of: "\"audit_id\": \"ID\"", with: "\"audit_id\": \"\(id)\"")
                    let status = (try? server.json("POST", "/api/audits", body).status) ?? -1
                    log.record(id, status: status)
                    if status != 201 { return }
                }
            }
        }
    }

    /// The audit ids of the file's lines; every line must be one whole JSON object.
    static func storedIDs(_ server: ServeProcess) throws -> [String] {
        try server.storedLines().map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not one JSON object: \(line.prefix(80))")
            return try #require(object["audit_id"] as? String)
        }
    }

    /// 16 clients × 60 submissions: 960 acknowledgements, 960 lines, each id once.
    @Test func concurrentSubmissionsNeverInterleave() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let log = SubmissionLog()
        let group = DispatchGroup()
        try Self.startClients(server, clients: 16, perClient: 60, prefix: "C", log: log, group: group)
        group.wait()
        #expect(log.others.isEmpty, "statuses other than 201: \(Set(log.others))")
        #expect(log.acknowledged.count == 16 * 60)
        let ids = try Self.storedIDs(server)
        #expect(ids.count == 960)
        #expect(Set(ids) == log.acknowledged)
        // Every line is the same record but for its id: same length up to the id's digits.
        let text = try String(contentsOf: server.audits, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("\n\n"))
    }

    /// `kill -9` in the middle of a load: every audit acknowledged before is in the file, no line is
    /// torn, and the server starts again on the file and carries on.
    @Test func killNineUnderLoadLosesNothingAcknowledged() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let server = try ServeProcess(directory: directory)
        let log = SubmissionLog()
        let done = DispatchGroup()
        try Self.startClients(server, clients: 16, perClient: 10_000, prefix: "K", log: log, group: done)
        // Let some hundreds be acknowledged, then kill the server without warning.
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, log.acknowledged.count < 300 { usleep(5_000) }
        server.stop(signal: SIGKILL)
        done.wait()
        let acknowledgedIDs = log.acknowledged
        #expect(acknowledgedIDs.count >= 300)

        let text = try String(contentsOf: server.audits, encoding: .utf8)
        let complete = text.hasSuffix("\n") ? text : String(text[..<(text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex)])
        let stored = Set(try complete.split(separator: "\n").map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["audit_id"] as? String)
        })
        #expect(acknowledgedIDs.isSubset(of: stored), "lost: \(acknowledgedIDs.subtracting(stored).sorted().prefix(5))")

        let restarted = try ServeProcess(directory: directory, audits: server.audits)
        defer { restarted.stop() }
        #expect(try restarted.request("GET", "/healthz").status == 200)
        // The ids already stored are known again: a repeat is refused, a new audit stored.
        let first = try #require(acknowledgedIDs.first)
        #expect(try restarted.json("POST", "/api/audits", try Self.audit(first)).status == 409)
        #expect(try restarted.json("POST", "/api/audits", try Self.audit("AFTER-RESTART")).status == 201)
        restarted.stop()
        let score = try QAKitProcess.run(["score", "-s", QAKitProcess.packageRoot.appendingPathComponent("scorecards").path, "--format", "jsonl",
                                          restarted.audits.path])
        #expect(score.status == 0, "\(score.standardError.prefix(400))")
        #expect(score.standardError.contains("rejected 0"))
    }

    /// A line cut short by a crash is moved aside at start (it was never acknowledged); the file
    /// then reads cleanly. A complete last record without its newline is kept and continued.
    @Test func tornLastLineIsMovedAsideAtStart() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let audits = directory.appendingPathComponent("audits.jsonl")
        let whole = try Self.audit("WHOLE-1")
        let torn = String(try Self.audit("TORN-1").prefix(57))
        try (whole + "\n" + torn).write(to: audits, atomically: true, encoding: .utf8)
        let server = try ServeProcess(directory: directory, audits: audits)
        #expect(server.log.contains("ended in an incomplete line (57 bytes"), "\(server.log)")
        #expect(try server.json("POST", "/api/audits", try Self.audit("NEXT-1")).status == 201)
        #expect(try Self.storedIDs(server) == ["WHOLE-1", "NEXT-1"])
        server.stop()
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("audits.jsonl.torn-") }
        #expect(aside.count == 1)
        #expect(try String(contentsOf: directory.appendingPathComponent(aside[0]), encoding: .utf8) == torn)

        // A last record without a newline, written by hand, is complete: kept, and the next line
        // starts on a line of its own.
        try (whole).write(to: audits, atomically: true, encoding: .utf8)
        let again = try ServeProcess(directory: directory, audits: audits)
        defer { again.stop() }
        #expect(try again.json("POST", "/api/audits", try Self.audit("NEXT-2")).status == 201)
        #expect(try Self.storedIDs(again) == ["WHOLE-1", "NEXT-2"])
    }

    /// Lines added by hand while the server runs, or the file replaced as `git pull` does, are
    /// read again before the next append; nothing anyone wrote is overwritten.
    @Test func outsideChangesArePickedUp() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        #expect(try server.json("POST", "/api/audits", try Self.audit("S-1")).status == 201)
        // Appended by hand (an editor, another tool).
        let handle = try FileHandle(forWritingTo: server.audits)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((try Self.audit("HAND-1") + "\n").utf8))
        try handle.close()
        #expect(try server.json("POST", "/api/audits", try Self.audit("HAND-1")).status == 409)
        #expect(try server.json("POST", "/api/audits", try Self.audit("S-2")).status == 201)
        #expect(try Self.storedIDs(server) == ["S-1", "HAND-1", "S-2"])
        #expect(server.log.contains("was changed outside the server"))

        // Replaced by a new file (rename over it, as git does).
        let replacement = server.directory.appendingPathComponent("pulled.jsonl")
        try (try Self.audit("PULLED-1") + "\n" + Self.audit("PULLED-2") + "\n").write(to: replacement, atomically: false, encoding: .utf8)
        #expect(rename(replacement.path, server.audits.path) == 0)
        #expect(try server.json("POST", "/api/audits", try Self.audit("PULLED-2")).status == 409)
        #expect(try server.json("POST", "/api/audits", try Self.audit("S-1")).status == 201)
        #expect(try Self.storedIDs(server) == ["PULLED-1", "PULLED-2", "S-1"])

        // An unfinished edit (a last line that is not yet JSON) is never written after: 503, then
        // fine again once the line is finished.
        let edit = try FileHandle(forWritingTo: server.audits)
        try edit.seekToEnd()
        try edit.write(contentsOf: Data("{\"audit_id\": \"HALF".utf8))
        try edit.close()
        let refused = try server.json("POST", "/api/audits", try Self.audit("S-3"))
        #expect(refused.status == 503)
        #expect(refused.body.contains("ends in an incomplete line"))
        let finish = try FileHandle(forWritingTo: server.audits)
        try finish.seekToEnd()
        try finish.write(contentsOf: Data("\"}\n".utf8))
        try finish.close()
        #expect(try server.json("POST", "/api/audits", try Self.audit("S-3")).status == 201)
        #expect(try Self.storedIDs(server) == ["PULLED-1", "PULLED-2", "S-1", "HALF", "S-3"])
    }

    /// SIGTERM while submissions are in flight: each one either got its 201 and is in the file,
    /// or was never acknowledged.
    @Test func gracefulShutdownFinishesInFlightRequests() throws {
        let server = try ServeProcess()
        let log = SubmissionLog()
        let done = DispatchGroup()
        try Self.startClients(server, clients: 8, perClient: 10_000, prefix: "G", log: log, group: done)
        usleep(700_000)
        let status = server.stop(signal: SIGTERM)
        done.wait()
        #expect(status == 0, "\(server.log.suffix(300))")
        #expect(server.log.contains("qakit: stopped"))
        let stored = Set(try Self.storedIDs(server))
        #expect(log.acknowledged.isSubset(of: stored))
        #expect(!log.acknowledged.isEmpty)
        let text = try String(contentsOf: server.audits, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
    }
}
