import Foundation
import Testing

/// Sign-in, CSRF and escaping of `qakit serve` (docs/serve.md, "Security").
@Suite(.serialized) struct ServeSecurityTests {
    /// Dana's token; the reviewers file holds its SHA-256 as the system's `sha256sum` computes it.
    static let danaToken = "dana-secret-token"

    /// A reviewers file for Dana, its digest computed by the system's `sha256sum`.
    static func reviewersFile(in directory: URL) throws -> URL {
        let digest = try sha256sum(danaToken)
        let file = directory.appendingPathComponent("reviewers.yaml")
        try "reviewers:\n  - {name: Dana Whitfield, token_sha256: \(digest)}\n".write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func sha256sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    static func signedInServer() throws -> ServeProcess {
        let directory = try QAKitProcess.temporaryDirectory()
        return try ServeProcess(directory: directory, extra: ["--reviewers", try reviewersFile(in: directory).path])
    }

    @Test func apiNeedsAToken() throws {
        let server = try Self.signedInServer()
        defer { server.stop() }
        #expect(try server.request("GET", "/healthz").status == 200)
        let anonymous = try server.request("GET", "/api/scorecards")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(try server.json("POST", "/api/audits", try ServeProcess.exampleAudit()).status == 401)
        let wrong = try server.request("GET", "/api/scorecards", headers: ["Authorization": "Bearer not-the-token"])
        #expect(wrong.status == 401)
        #expect(try server.storedLines().isEmpty)

        // With the token the audit is stored, and its reviewer is Dana whatever the body says
        // (the example names Sofia Lindqvist).
        let stored = try server.json("POST", "/api/audits", try ServeProcess.exampleAudit(), headers: ["Authorization": "Bearer \(Self.danaToken)"])
        #expect(stored.status == 201, "\(stored.body)")
        let lines = try server.storedLines()
        #expect(lines.count == 1)
        #expect(lines[0].contains("\"reviewer\":\"Dana Whitfield\""))
        #expect(!lines[0].contains("Sofia Lindqvist"))
        // Pages send the browser to the sign-in page.
        let page = try server.request("GET", "/audit/phone-support")
        #expect(page.status == 303)
        #expect(page.header("Location") == "/login?next=/audit/phone-support")
        // The token is never logged.
        server.stop()
        #expect(!server.log.contains(Self.danaToken))
        #expect(server.log.contains("\"reviewer\": \"Dana Whitfield\""))
    }

    /// A CSRF cookie and the matching token, read from a page.
    static func csrf(_ server: ServeProcess, path: String, headers: [String: String] = [:]) throws -> (cookie: String, token: String, page: String) {
        let page = try server.request("GET", path, headers: headers)
        #expect(page.status == 200, "\(page.status) \(page.body.prefix(200))")
        let setCookie = try #require(page.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("qakit_csrf=") }?.1)
        let cookie = String(setCookie.split(separator: ";")[0])
        let marker = "name=\"csrf_token\" value=\""
        let start = try #require(page.body.range(of: marker))
        let token = String(page.body[start.upperBound...].prefix { $0 != "\"" })
        return (cookie, token, page.body)
    }

    @Test func loginSetsASessionCookie() throws {
        let server = try Self.signedInServer()
        defer { server.stop() }
        let login = try Self.csrf(server, path: "/login")
        let form = "csrf_token=\(login.token)&token=\(Self.danaToken)"
        let reply = try server.request("POST", "/login?next=/audit/phone-support", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": login.cookie],
                                       body: Array(form.utf8))
        #expect(reply.status == 303)
        #expect(reply.header("Location") == "/audit/phone-support")
        let session = try #require(reply.headers.first { $0.1.hasPrefix("qakit_session=") }?.1)
        #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
        let cookie = String(session.split(separator: ";")[0])
        let page = try server.request("GET", "/audit/phone-support", headers: ["Cookie": cookie])
        #expect(page.status == 200)
        #expect(page.body.contains("Signed in as <strong>Dana Whitfield</strong>"))
        // A wrong token is refused on the sign-in page.
        let bad = try server.request("POST", "/login", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": login.cookie],
                                     body: Array("csrf_token=\(login.token)&token=guess".utf8))
        #expect(bad.status == 401)
        // An address elsewhere is not followed after sign-in.
        let away = try server.request("POST", "/login?next=//evil.example/", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": login.cookie],
                                      body: Array(form.utf8))
        #expect(away.header("Location") == "/")
    }

    /// A form post with a missing or wrong csrf_token is 403 and stores nothing; with the right
    /// one it is stored.
    @Test func formNeedsTheCSRFToken() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let (cookie, token, page) = try Self.csrf(server, path: "/audit/email-support")
        // N/A only where the scorecard allows it: history_checked has na: true, greeting not.
        #expect(page.contains("name=\"history_checked\" value=\"na\""))
        #expect(!page.contains("name=\"greeting\" value=\"na\""))
        let answers = Self.emailAnswers(id: "CSRF-1", agent: "Ana")
        let headers = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie]
        #expect(try server.request("POST", "/audit/email-support", headers: headers, body: Array(answers.utf8)).status == 403)
        #expect(try server.request("POST", "/audit/email-support", headers: headers, body: Array((answers + "&csrf_token=\(String(repeating: "0", count: 64))").utf8)).status == 403)
        // The right token without its cookie is refused too.
        #expect(try server.request("POST", "/audit/email-support", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                   body: Array((answers + "&csrf_token=\(token)").utf8)).status == 403)
        #expect(try server.storedLines().isEmpty)
        let stored = try server.request("POST", "/audit/email-support", headers: headers, body: Array((answers + "&csrf_token=\(token)").utf8))
        #expect(stored.status == 303, "\(stored.body)")
        #expect(stored.header("Location") == "/audit/email-support?saved=CSRF%2D1")
        #expect(try server.storedLines().count == 1)
    }

    /// Every answer of email-support v3 as form fields (the scorecard's criteria, read from
    /// scorecards/email-support.yaml), all at full marks.
    static func emailAnswers(id: String, agent: String) -> String {
        let fields = ["audit_id": id, "interaction_id": "T-1", "agent": agent, "reviewer": "Dana Whitfield", "date": "2026-11-02"]
        return fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
            + "&" + ServeBrowserTests.emailFullMarks.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    /// A script in a stored value or a rejected form value shows as text, never as markup.
    @Test func markupInValuesIsEscaped() throws {
        let server = try ServeProcess()
        defer { server.stop() }
        let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'"
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;"
        let (cookie, token, _) = try Self.csrf(server, path: "/audit/email-support")
        let headers = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie]
        let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let stored = try server.request("POST", "/audit/email-support", headers: headers,
                                        body: Array((Self.emailAnswers(id: "XSS-1", agent: "Ana") + "&comment=\(encoded)&csrf_token=\(token)").utf8))
        #expect(stored.status == 303)
        // A rejected form comes back with its values, escaped.
        let rejected = try server.request("POST", "/audit/email-support", headers: headers,
                                          body: Array("agent=\(encoded)&csrf_token=\(token)&interaction_id=\(encoded)".utf8))
        #expect(rejected.status == 422)
        // The CLI's message, next to its field.
        #expect(rejected.body.contains("<p class=\"error\" id=\"error-greeting\">audit &#39;"))
        #expect(rejected.body.contains("field &#39;greeting&#39;: required criterion &#39;greeting&#39; is unanswered"))
        #expect(rejected.body.contains(escaped))
        #expect(!rejected.body.contains(payload))
        // The stored agent name comes back in the recent audits, escaped.
        let api = try server.json("POST", "/api/audits", try ServeProcess.exampleAudit(id: "XSS-2").replacingOccurrences(of: "Tom Becker", with: "<b>Tom</b>"))
        #expect(api.status == 201)
        let list = try server.request("GET", "/")
        #expect(list.body.contains("&lt;b&gt;Tom&lt;/b&gt;"))
        #expect(!list.body.contains("<b>Tom</b>"))
        // Scripts run only with the page's nonce.
        #expect(rejected.header("Content-Security-Policy")?.contains("script-src 'nonce-") == true)
        // The audit's own line keeps the value as typed.
        #expect(try server.storedLines().contains { $0.contains("\"comment\":\"<script>alert(1)</script>") })
    }
}
