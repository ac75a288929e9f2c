import Foundation
import Testing

/// A whole audit in headless Chromium, keyboard only (Fixtures/serve_browser.py through
/// chromedriver and Selenium): answers, the live score, submitting, and the stored line. Skips,
/// saying why, when chromium, chromedriver or Selenium is missing (`.ci/run` installs them:
/// apt-get install chromium chromium-driver; pip install selenium into ~/.venvs/qakit-bench).
@Suite(.serialized) struct ServeBrowserTests {
    /// Full marks on every criterion of email-support v3 that applies without a ticket_type.
    static let emailFullMarks: [String: String] = [
        "greeting": "yes", "acknowledgement": "yes", "identified_issue": "yes", "history_checked": "yes",
        "clarifying_questions": "complete", "resolution": "resolved", "accuracy": "10", "tone_empathy": "5",
        "clarity": "5", "grammar": "5", "tagging": "yes", "macro_use": "personalised", "data_protection": "yes",
        "next_steps": "yes", "sign_off": "yes",
    ]

    static let python = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".venvs/qakit-bench/bin/python").path

    /// Why the test cannot run here, or nil.
    static func missing() -> String? {
        if ReportBrowserTests.chromium == nil { return "no chromium on PATH (apt-get install chromium)" }
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") { return "no /usr/bin/chromedriver (apt-get install chromium-driver)" }
        guard FileManager.default.isExecutableFile(atPath: python) else { return "no \(python) (see Benchmarks/README.md)" }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import selenium"]
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return "cannot run \(python)" }
        check.waitUntilExit()
        return check.terminationStatus == 0 ? nil : "no selenium in \(python) (pip install selenium)"
    }

    /// Runs a Selenium script of Fixtures against `server` (at most 180 s) and reads the JSON
    /// object it prints of what it saw; its screenshots go to the server's directory.
    static func runScript(_ name: String, server: ServeProcess) throws -> [String: Any] {
        let script = QAKitProcess.fixtures.appendingPathComponent(name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, "http://127.0.0.1:\(server.port)", server.directory.path]
        let output = server.directory.appendingPathComponent(name + ".json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 180)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("\(name) still ran after 180 s: killed")
        }
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0, "\(name)")
        let text = try String(contentsOf: output, encoding: .utf8)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func wholeAuditWithTheKeyboard() throws {
        if let reason = Self.missing() {
            print("ServeBrowserTests skipped: \(reason)")
            return
        }
        let server = try ServeProcess()
        defer { server.stop() }
        let seen = try Self.runScript("serve_browser.py", server: server)
        #expect(Set(seen["hidden_at_start"] as? [String] ?? []) == ["troubleshooting", "refund_policy"])
        #expect((seen["answered"] as? [String])?.count == 18)
        // One required answer short there is no score; with it, 94.32 (worked out in serve_browser.py).
        #expect(seen["before_last"] as? String == "–")
        #expect(seen["live_score"] as? String == "94.32")
        // Narrow screen: nothing wider than the 390 px window.
        #expect((seen["narrow_scroll_width"] as? Int ?? 9999) <= 390)
        #expect((seen["saved"] as? String)?.contains("score 94.32") == true, "\(seen)")
        #expect((seen["console"] as? [String])?.isEmpty == true, "\(seen["console"] ?? "")")
        let lines = try server.storedLines()
        #expect(lines.count == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["agent"] as? String == "Ana Lopez")
        #expect(record["scorecard_version"] as? String == "3")
        #expect((record["answers"] as? [String: Any])?["tone_empathy"] as? String == "3")
        let png = try Data(contentsOf: server.directory.appendingPathComponent("serve-form.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        if let keep = ProcessInfo.processInfo.environment["QAKIT_SERVE_SCREENSHOTS"] {
            for name in ["serve-form.png", "serve-form-narrow.png"] {
                try? FileManager.default.removeItem(atPath: keep + "/" + name)
                try FileManager.default.copyItem(atPath: server.directory.appendingPathComponent(name).path, toPath: keep + "/" + name)
            }
        }
    }

    /// The keys of real-world forms in the browser: sections and criteria hidden by `when` and
    /// `unless` on audit fields and on earlier answers, checkboxes for a multi_select, and the
    /// live score of audit RD-2, 71.67, worked out by hand in examples/forms/EXPECTED.md.
    @Test func formKeysInTheBrowser() throws {
        if let reason = Self.missing() {
            print("ServeBrowserTests skipped: \(reason)")
            return
        }
        let forms = QAKitProcess.packageRoot.appendingPathComponent("examples/forms").path
        let server = try ServeProcess(extra: ["-s", forms])
        defer { server.stop() }
        let seen = try Self.runScript("serve_form_keys.py", server: server)
        // No channel and no call reason yet: the voice-only section and both reason criteria hide.
        #expect(seen["hidden_at_start"] as? [String] == ["criterion-complaint_logged", "criterion-fee_disclosure", "section-hold"])
        // identity_verified = no hides the wrap-up section (and the recap inside it).
        #expect(Set(seen["hidden_identity_no"] as? [String] ?? []).isSuperset(of: ["section-wrap_up", "criterion-recap"]))
        #expect(seen["hidden_voice_billing"] as? [String] == ["criterion-complaint_logged"])
        #expect(seen["live_score"] as? String == "71.67")
        #expect(seen["saved"] as? Bool == true)
        #expect((seen["console_errors"] as? [String])?.isEmpty == true, "\(seen["console_errors"] ?? "")")
        let lines = try server.storedLines()
        #expect(lines.count == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let answers = try #require(record["answers"] as? [String: Any])
        // Both checkboxes, joined with ';' in the form's option order.
        #expect(answers["root_causes"] as? String == "knowledge;process")
        #expect(answers["complaint_logged"] == nil)
        #expect(record["channel"] as? String == "voice")
    }
}
