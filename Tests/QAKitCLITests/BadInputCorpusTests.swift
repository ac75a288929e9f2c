import Foundation
import Testing

/// One line of `Corpus/manifest.tsv`: a hostile input, how to run it, and exactly what qakit must say.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    /// The input's file name: in `Corpus/`, or made by `GeneratedInput` when too large to commit.
    var file: String
    var exitCode: Int32
    /// The command line, `{}` standing for the file.
    var arguments: [String]
    /// Standard error, line by line, exactly.
    var standardError: [String]

    var testDescription: String { file }

    static let directory = QAKitProcess.packageRoot.appendingPathComponent("Tests/QAKitCLITests/Corpus")

    /// The manifest's cases: tab-separated `file`, `exit`, `arguments`, then one field per line
    /// of standard error (none when it is empty); `#` starts a comment line.
    static let all: [CorpusCase] = {
        let url = directory.appendingPathComponent("manifest.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> CorpusCase? in
            guard !line.hasPrefix("#"), !line.allSatisfy(\.isWhitespace) else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let code = Int32(fields[1]) else {
                return CorpusCase(file: "malformed manifest line: \(line)", exitCode: -1, arguments: [], standardError: [])
            }
            return CorpusCase(file: fields[0], exitCode: code, arguments: fields[2].split(separator: " ").map(String.init),
                              standardError: fields[3...].filter { !$0.isEmpty })
        }
    }()
}

/// The bad-input corpus (issue #6): every file runs end to end through the `qakit` binary, which
/// must answer with the exact located diagnostics and exit code of the manifest, never a crash, a
/// hang or a silent success. Adding a case is one manifest line (and its file).
@Suite("Bad-input corpus", .serialized)
struct BadInputCorpusTests {
    @Test("the manifest names at least 60 inputs, each once, and every corpus file is in it")
    func manifestIsComplete() throws {
        let names = CorpusCase.all.map(\.file)
        #expect(names.count >= 60)
        #expect(Set(names).count == names.count, "a file is listed twice")
        let files = try FileManager.default.contentsOfDirectory(atPath: CorpusCase.directory.path)
            .filter { $0 != "manifest.tsv" && $0 != "scorecards" && $0 != "README.md" }
        #expect(Set(files).subtracting(names).sorted() == [], "corpus files without a manifest line")
        for name in names where !files.contains(name) {
            #expect(GeneratedInput.all[name] != nil, "\(name) is neither in Corpus/ nor generated")
        }
    }

    @Test("qakit answers with the manifest's diagnostics and exit code", arguments: CorpusCase.all)
    func corpusCase(_ test: CorpusCase) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try stage(test.file, in: directory)
        let output = try QAKitProcess.run(test.arguments.map { $0 == "{}" ? test.file : $0 }, in: directory, timeout: 120)
        let lines = output.standardError.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == test.standardError + [""], "standard error")
        #expect(output.status == test.exitCode, "exit code")
    }

    /// Copies (or generates) the input and the corpus scorecard into `directory`.
    private func stage(_ file: String, in directory: URL) throws {
        let manager = FileManager.default
        let scorecards = directory.appendingPathComponent("scorecards")
        try manager.createDirectory(at: scorecards, withIntermediateDirectories: true)
        try manager.copyItem(at: CorpusCase.directory.appendingPathComponent("scorecards/tiny.yaml"),
                             to: scorecards.appendingPathComponent("tiny.yaml"))
        let target = directory.appendingPathComponent(file)
        if let generate = GeneratedInput.all[file] {
            try generate(target)
        } else {
            try manager.copyItem(at: CorpusCase.directory.appendingPathComponent(file), to: target)
        }
    }
}

/// Inputs too large to commit, written at run time. Sizes are chosen just past each limit
/// (docs/robustness.md) so that every limit's own message is what the manifest expects.
enum GeneratedInput {
    static let header = "audit_id,interaction_id,agent,reviewer,date,greeting,accuracy,tone\n"

    static let all: [String: @Sendable (URL) throws -> Void] = [
        // A 10 MB line: its third cell is 10,000,000 bytes, over the 1 MiB cell limit.
        "csv-10mb-line.csv": { url in
            try write(header + "A-1,T-1,\"" + String(repeating: "x", count: 10_000_000) + "\",Rex,2026-08-03,yes,8,4\n"
                      + "A-2,T-2,Ann,Rex,2026-08-03,yes,8,4\n", to: url)
        },
        // 10,001 header cells named c00001…c10001 (6 characters and a comma each): the first cell
        // too many starts at column 10,000 × 7 + 1 = 70,001.
        "csv-10001-columns.csv": { url in
            let names = (1...10_001).map { "c" + String(repeating: "0", count: 5 - String($0).count) + String($0) }
            try write(names.joined(separator: ",") + "\n", to: url)
        },
        // 20 quoted cells of 1,000,000 bytes on line 2: the 17th takes the record over 16 MiB
        // (17,000,000 > 16,777,216 bytes); it starts at column 16 × 1,000,003 + 1 = 16,000,049.
        "csv-record-over-16mib.csv": { url in
            let cell = "\"" + String(repeating: "x", count: 1_000_000) + "\""
            try write(header + Array(repeating: cell, count: 20).joined(separator: ",") + "\n"
                      + "A-2,T-2,Ann,Rex,2026-08-03,yes,8,4\n", to: url)
        },
        // A JSON object with audit_id and 10,000 more keys: 10,001 fields, one over the limit.
        "jsonl-10001-fields.jsonl": { url in
            try write("{\"audit_id\": \"J-1\", " + (1...10_000).map { "\"f\($0)\": 1" }.joined(separator: ", ") + "}\n", to: url)
        },
        // A 17 MiB JSON line (over 16 MiB), then a valid audit on line 2.
        "jsonl-17mib-line.jsonl": { url in
            try write("{\"audit_id\": \"" + String(repeating: "x", count: 17 << 20) + "\"}\n"
                      + #"{"audit_id": "J-2", "interaction_id": "T-2", "agent": "Ann", "reviewer": "Rex", "date": "2026-08-03", "answers": {"greeting": "yes", "accuracy": 8}}"#
                      + "\n", to: url)
        },
        // 100,000 nested arrays: the parser must stop at level 65 rather than overflow its stack.
        "jsonl-100k-nesting.jsonl": { url in try write(String(repeating: "[", count: 100_000) + "\n", to: url) },
        "audits-100k-nesting.yaml": { url in try write(String(repeating: "[", count: 100_000) + "\n", to: url) },
        // A scorecard of 2 MiB (a long comment), over the 1 MiB limit.
        "scorecard-2mib.yaml": { url in try write("# " + String(repeating: "x", count: 2 << 20) + "\nscorecard: big\n", to: url) },
        // 100 nested mappings in a scorecard, over its 64 levels.
        "scorecard-100-levels.yaml": { url in
            try write("scorecard: deep\n" + (0..<100).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined(), to: url)
        },
        // A YAML audit file just over 64 MiB (a comment), which is not streamed and so is capped.
        "audits-65mib.yaml": { url in try write("# " + String(repeating: "x", count: 65 << 20) + "\n[]\n", to: url) },
    ]

    private static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }
}
