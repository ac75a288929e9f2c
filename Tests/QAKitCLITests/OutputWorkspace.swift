import Foundation

/// A fresh directory holding `scorecards/tiny.yaml` (one section `main`: `greeting` yes/no,
/// `accuracy` points out of 10, `tone` scale 1–5 that may be N/A; pass mark 80; no bands), for
/// tests of output files that write their own audits.
struct OutputWorkspace {
    let directory: URL

    init() throws {
        directory = try QAKitProcess.temporaryDirectory()
        let scorecards = directory.appendingPathComponent("scorecards")
        try FileManager.default.createDirectory(at: scorecards, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CorpusCase.directory.appendingPathComponent("scorecards/tiny.yaml"),
                                         to: scorecards.appendingPathComponent("tiny.yaml"))
    }

    /// Writes `text` to `name` in the directory.
    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: url(name))
    }

    func url(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }

    /// Runs `qakit arguments…` in the directory.
    func run(_ arguments: [String]) throws -> QAKitProcess.Output {
        try QAKitProcess.run(arguments, in: directory)
    }

    /// Every name in the directory but `scorecards` and the files the test wrote itself.
    func strayFiles(besides expected: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "scorecards" && !expected.contains($0) }.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
