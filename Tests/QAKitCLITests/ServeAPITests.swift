import Foundation
import Testing

/// `qakit serve`'s JSON API end to end on the real binary (docs/serve.md, "API").
@Suite(.serialized) struct ServeAPITests {
    @Test func healthAndScorecards() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let health = try server.request("GET", "/healthz")
        #expect(health.status == 200)
        #expect(health.body.contains("\"ok\""))
        let list = try server.request("GET", "/api/scorecards")
        #expect(list.status == 200)
        let items = try #require(list.json as? [[String: Any]])
        // scorecards/: email-support v3, live-chat v2, phone-support v4, and archive/live-chat.v1.yaml.
        let pairs = Set(items.map { "\($0["scorecard"]!) v\($0["version"]!)" })
        #expect(pairs == ["email-support v3", "live-chat v2", "phone-support v4", "live-chat v1"])
        #expect(items.allSatisfy { $0["title"] is String })
    }

    /// `result` is exactly what `qakit score --format jsonl` prints for the same record.
    @Test func scoreMatchesTheCommandLine() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let record = try ServeProcess.exampleAudit()
        let reply = try server.json("POST", "/api/score", record)
        #expect(reply.status == 200)
        let body = try #require(reply.json as? [String: Any])
        let result = try #require(body["result"] as? NSDictionary)
        let file = server.directory.appendingPathComponent("one.jsonl")
        try (record + "\n").write(to: file, atomically: true, encoding: .utf8)
        let cli = try QAKitProcess.run(["score", "-s", QAKitProcess.packageRoot.appendingPathComponent("scorecards").path, "--format", "jsonl", file.path])
        #expect(cli.status == 0, "\(cli.standardError)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(cli.standardOutput.utf8)) as? NSDictionary)
        #expect(result == expected)
        let explain = try #require(body["explain"] as? String)
        #expect(explain.contains("Audit QA-10405"))
        #expect(explain.contains("Score \(expected["score"]!)"))
        // Nothing stored by a score.
        #expect(try server.storedLines().isEmpty)
    }

    @Test func storesRefusesDuplicatesAndGeneratesIDs() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let record = try ServeProcess.exampleAudit()
        let created = try server.json("POST", "/api/audits", record)
        #expect(created.status == 201, "\(created.body)")
        let body = try #require(created.json as? [String: Any])
        let audit = try #require(body["audit"] as? [String: Any])
        #expect(audit["audit_id"] as? String == "QA-10405")
        #expect((body["result"] as? [String: Any])?["audit_id"] as? String == "QA-10405")
        #expect(try server.storedLines().count == 1)

        let duplicate = try server.json("POST", "/api/audits", record)
        #expect(duplicate.status == 409)
        #expect(duplicate.body.contains("duplicate audit_id 'QA-10405'"))
        #expect(try server.storedLines().count == 1)

        // No audit_id: one is generated, web-YYYYMMDD-<8 hex digits>.
        let withoutID = record.replacingOccurrences(of: "\"audit_id\": \"QA-10405\", ", with: "")
        let generated = try server.json("POST", "/api/audits", withoutID)
        #expect(generated.status == 201, "\(generated.body)")
        let id = try #require(((generated.json as? [String: Any])?["audit"] as? [String: Any])?["audit_id"] as? String)
        #expect(id.hasPrefix("web-") && id.count == "web-20261202-0123abcd".count, "\(id)")
        #expect(try server.storedLines().count == 2)
    }

    /// A rejected audit gets the messages `qakit score` prints for the same record, each with its
    /// audit_id and field; nothing is stored.
    @Test func invalidAuditIsRejectedWithTheCommandLineMessages() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let record = try ServeProcess.exampleAudit(id: "BAD-1")
            .replacingOccurrences(of: "\"branded_greeting\": \"yes\"", with: "\"branded_greeting\": \"maybe\"")
            .replacingOccurrences(of: "\"date\": \"2026-08-04\"", with: "\"date\": \"2026-13-40\"")
        let reply = try server.json("POST", "/api/audits", record)
        #expect(reply.status == 422)
        let errors = try #require((reply.json as? [String: Any])?["errors"] as? [[String: Any]])
        #expect(Set(errors.compactMap { $0["field"] as? String }) == ["branded_greeting", "date"])
        #expect(errors.allSatisfy { $0["audit_id"] as? String == "BAD-1" })
        let file = server.directory.appendingPathComponent("bad.jsonl")
        try (record + "\n").write(to: file, atomically: true, encoding: .utf8)
        let cli = try QAKitProcess.run(["score", "-s", QAKitProcess.packageRoot.appendingPathComponent("scorecards").path, "--format", "jsonl", file.path])
        #expect(cli.status == 1)
        for error in errors {
            let message = try #require(error["message"] as? String)
            #expect(cli.standardError.contains(message), "\(message) not in \(cli.standardError)")
        }
        #expect(try server.storedLines().isEmpty)
    }

    @Test func errorStatusesKeepTheServerUp() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let malformed = try server.json("POST", "/api/audits", "{\"audit_id\": ")
        #expect(malformed.status == 400)
        #expect((malformed.json as? [String: Any])?["error"] is String)
        let array = try server.json("POST", "/api/score", "[1, 2]")
        #expect(array.status == 400)
        #expect(array.body.contains("found an array"))
        let form = try server.request("POST", "/api/audits", headers: ["Content-Type": "text/plain"], body: Array("{}".utf8))
        #expect(form.status == 415)
        let unknown = try server.request("GET", "/api/nothing-here")
        #expect(unknown.status == 404)
        #expect((unknown.json as? [String: Any])?["error"] as? String == "no route GET /api/nothing-here")

        // 1 MiB is 1,048,576 bytes: one byte more is refused, announced or chunked.
        let big = [UInt8](repeating: UInt8(ascii: " "), count: 1_048_577)
        let announced = try server.request("POST", "/api/audits", headers: ["Content-Type": "application/json"], body: big)
        #expect(announced.status == 413)
        let chunked = try server.request("POST", "/api/audits", headers: ["Content-Type": "application/json"], body: big, chunked: true)
        #expect(chunked.status == 413)
        // Exactly 1 MiB of padding around a valid audit is accepted.
        let record = Array(try ServeProcess.exampleAudit().utf8)
        let padded = record + [UInt8](repeating: UInt8(ascii: " "), count: 1_048_576 - record.count)
        let fits = try server.request("POST", "/api/audits", headers: ["Content-Type": "application/json"], body: padded, chunked: true)
        #expect(fits.status == 201, "\(fits.body)")
        #expect(try server.request("GET", "/healthz").status == 200)
        #expect(try server.storedLines().count == 1)
    }

    @Test func listsStoredAuditsByReviewerAndDate() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        // The first four lines of examples/audits.jsonl: QA-10405 (Sofia Lindqvist, 2026-08-04),
        // QA-10408 (Dana Whitfield, 08-05), QA-10409 (Marcus Oyelaran, 08-05), and the fourth.
        let text = try String(contentsOf: QAKitProcess.packageRoot.appendingPathComponent("examples/audits.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").prefix(4).map(String.init)
        for line in lines { #expect(try server.json("POST", "/api/audits", line).status == 201) }
        func ids(_ query: String) throws -> [String] {
            let reply = try server.request("GET", "/api/audits" + query)
            #expect(reply.status == 200)
            let audits = (reply.json as? [String: Any])?["audits"] as? [[String: Any]] ?? []
            return audits.compactMap { $0["audit_id"] as? String }
        }
        #expect(try ids("").count == 4)
        #expect(try ids("?reviewer=Dana%20Whitfield") == ["QA-10408"])
        #expect(try ids("?from=2026-08-05&to=2026-08-05") == ["QA-10408", "QA-10409"])
        #expect(try ids("?to=2026-08-04") == ["QA-10405"])
        #expect(try server.request("GET", "/api/audits?from=yesterday").status == 400)
    }

    /// The stored file is an audit file like any other: `score` and `coach` read it.
    @Test func storedFileScoresAndCoaches() throws {
        let server = try ServeProcess()
        let text = try String(contentsOf: QAKitProcess.packageRoot.appendingPathComponent("examples/audits.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        for line in lines { #expect(try server.json("POST", "/api/audits", line).status == 201) }
        // The pages show the file's management report and coaching notes, by the library's writers.
        let report = try server.request("GET", "/report")
        #expect(report.status == 200)
        #expect(report.body.contains("<h1>QA report</h1>") && report.body.contains("<svg"))
        let notes = try server.request("GET", "/coaching")
        #expect(notes.status == 200)
        #expect(notes.body.contains("Coaching notes: Ahmed Karimi"))
        server.stop()
        let scorecards = QAKitProcess.packageRoot.appendingPathComponent("scorecards").path
        let original = try QAKitProcess.run(["score", "-s", scorecards, "--format", "jsonl", QAKitProcess.packageRoot.appendingPathComponent("examples/audits.jsonl").path])
        let stored = try QAKitProcess.run(["score", "-s", scorecards, "--format", "jsonl", server.audits.path])
        #expect(stored.status == 0, "\(stored.standardError)")
        // Same audits, same results, in the same order: the server changed nothing that scores.
        #expect(stored.standardOutput == original.standardOutput)
        let coach = try QAKitProcess.run(["coach", "-s", scorecards, server.audits.path])
        #expect(coach.status == 0, "\(coach.standardError)")
        #expect(coach.standardOutput.contains("# Coaching notes"))
    }

    @Test func nonLoopbackNeedsReviewers() throws {
        let audits = try QAKitProcess.temporaryDirectory().appendingPathComponent("a.jsonl")
        let run = try QAKitProcess.run(["serve", "--audits", audits.path, "--host", "0.0.0.0", "--port", "0"],
                                       in: QAKitProcess.packageRoot, timeout: 60)
        #expect(run.status == 2)
        #expect(run.standardError.contains("--reviewers"))
        #expect(!FileManager.default.fileExists(atPath: audits.path))
    }

    @Test func reviewersFileIsLinted() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("reviewers.yaml")
        try """
        reviewers:
          - name: Dana Whitfield
            token_sha256: ABC
          - nmae: Sofia
        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try QAKitProcess.run(["serve", "--audits", directory.appendingPathComponent("a.jsonl").path, "--reviewers", file.path, "--port", "0"],
                                       in: QAKitProcess.packageRoot, timeout: 60)
        #expect(run.status == 2)
        #expect(run.standardError.contains("\(file.path):3:19: error: 'token_sha256' must be 64 lowercase hex digits"), "\(run.standardError)")
        #expect(run.standardError.contains("\(file.path):4:5: error: unknown key 'nmae' in reviewer 2; did you mean 'name'?"), "\(run.standardError)")
        #expect(run.standardError.contains("error: reviewer 2 is missing required key 'name'"), "\(run.standardError)")
        #expect(run.standardError.contains("the server did not start"))
    }
}
