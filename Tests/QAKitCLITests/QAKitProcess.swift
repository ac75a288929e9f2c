import Foundation
import Testing

/// Runs the `qakit` binary that `swift build`/`swift test` produced, as a user would.
struct QAKitProcess {
    /// What one run printed and returned.
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The package root, found from this file's path (`Tests/QAKitCLITests/QAKitProcess.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture directory of these tests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The binary: next to the test bundle (the build products directory) when run by
    /// `swift test`, else `.build/debug/qakit` under the package root.
    static func binary() throws -> URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent("qakit")]
        // A bundle on macOS is a directory: products/qakitPackageTests.xctest/Contents/MacOS/…
        candidates.append(bundle.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("qakit"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/qakit"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !isDirectory($0) }
        return try #require(found, "no qakit binary among \(candidates.map(\.path)); run swift build")
    }

    /// Runs `qakit arguments…` in `directory`, with `NO_COLOR` set unless `environment` says otherwise.
    ///
    /// A run still going after `timeout` seconds is killed and recorded as an issue (a hang).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = ["NO_COLOR": "1"],
                    timeout: Double = 300) throws -> Output {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("out")
        let errURL = capture.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("qakit \(arguments.joined(separator: " ")) still running after \(timeout) s: killed")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Output(status: process.terminationStatus,
                      standardOutput: try String(contentsOf: outURL, encoding: .utf8),
                      standardError: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A fresh empty directory, for commands that write files or need an empty working directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The 1-based line and column (in Unicode scalars) where `token` first occurs in `file`.
    static func position(of token: String, in file: URL) throws -> String {
        let text = try String(contentsOf: file, encoding: .utf8)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: token) {
                return "\(index + 1):\(line[..<range.lowerBound].unicodeScalars.count + 1)"
            }
        }
        Issue.record("'\(token)' not in \(file.path)")
        return "?"
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
