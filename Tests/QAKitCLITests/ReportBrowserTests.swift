import Foundation
import Testing

/// Opens `qakit report`'s HTML in headless Chromium: it must render to a non-trivial screenshot
/// and PDF, load nothing from the network and log no console error. Skips, saying why, when no
/// `chromium` is installed (CI installs it: `apt-get install chromium`).
@Suite struct ReportBrowserTests {
    /// The first Chromium on PATH, or nil.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Runs Chromium headless with `arguments`, returning what it logged on standard error.
    static func run(_ chromium: String, _ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                             "--enable-logging=stderr", "--v=0"] + arguments
        let log = directory.appendingPathComponent("chromium-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 120)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("chromium still running after 120 s: killed")
        }
        process.waitUntilExit()
        try handle.close()
        return try String(contentsOf: log, encoding: .utf8)
    }

    @Test func rendersPrintsAndStaysOffline() throws {
        guard let chromium = Self.chromium else {
            print("ReportBrowserTests skipped: no chromium on PATH (apt-get install chromium)")
            return
        }
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        let output = try ReportCommandTests.report(["--metrics", ReportCommandTests.tickets, "-o", page.path])
        #expect(output.status == 0, "\(output.standardError)")
        let html = try String(contentsOf: page, encoding: .utf8)

        // No external request: no src/href/url() pointing at http(s); the only http(s) URL allowed
        // is the SVG namespace, which is a name, not a request.
        for pattern in ["src=\"http", "href=\"http", "src='http", "href='http", "url(http", "url(\"http", "@import", "<script", "<link"] {
            #expect(!html.contains(pattern), "the report contains \(pattern)")
        }
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") }, "unexpected URLs: \(urls)")

        let screenshot = directory.appendingPathComponent("report.png")
        let pdf = directory.appendingPathComponent("report.pdf")
        let shotLog = try Self.run(chromium, ["--screenshot=\(screenshot.path)", "--window-size=1280,2000", page.absoluteString], in: directory)
        let pdfLog = try Self.run(chromium, ["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString], in: directory)

        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(png.count > 50_000, "screenshot of \(png.count) bytes: blank?")
        let document = try Data(contentsOf: pdf)
        #expect(document.starts(with: Array("%PDF".utf8)), "not a PDF")
        #expect(document.count > 20_000, "PDF of \(document.count) bytes")
        // A report of several pages: the PDF has more than one /Type /Page object.
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.components(separatedBy: "/Type /Page\n").count + text.components(separatedBy: "/Type /Page ").count > 2)

        for line in (shotLog + pdfLog).split(separator: "\n") {
            #expect(!line.contains("Uncaught") && !line.contains("ERROR:CONSOLE") && !line.contains("CONSOLE("),
                    "console error: \(line)")
        }
    }
}
