import Foundation
import Testing

@Suite("qakit lint")
struct LintCommandTests {
    private func fixture(_ name: String) -> String {
        QAKitProcess.fixtures.appendingPathComponent(name).path
    }

    @Test func cleanDirectoryExitsZero() throws {
        let output = try QAKitProcess.run(["lint", fixture("valid")])
        #expect(output.status == 0)
        #expect(output.standardOutput == "1 scorecard checked: 0 errors, 0 warnings\n")
        #expect(output.standardError.isEmpty)
    }

    @Test func errorsAreReportedCompilerStyleAndExitOne() throws {
        let file = QAKitProcess.fixtures.appendingPathComponent("invalid/broken.yaml")
        let output = try QAKitProcess.run(["lint", fixture("invalid")])
        let weight = try QAKitProcess.position(of: "heavy", in: file)
        let type = try QAKitProcess.position(of: "yes-no", in: file)
        #expect(output.status == 1)
        #expect(output.standardError == """
            \(file.path):\(weight): error: 'weight' must be a number, found 'heavy'
            \(file.path):\(type): error: 'type' must be one of yes_no, scale, choice, points, number, text, date, select, multi_select, found 'yes-no'; did you mean 'yes_no'?

            """)
        #expect(output.standardOutput == "2 scorecards checked: 2 errors, 0 warnings\n")
    }

    @Test func warningsPassUnlessStrict() throws {
        let file = QAKitProcess.fixtures.appendingPathComponent("warnings/chat.yaml")
        let position = try QAKitProcess.position(of: "id: tone", in: file)
        let message = "criterion 'tone' is a scale without 'levels'; describe at least the lowest and highest level"
        let lenient = try QAKitProcess.run(["lint", file.path])
        #expect(lenient.status == 0)
        #expect(lenient.standardError == "\(file.path):\(position): warning: \(message)\n")
        #expect(lenient.standardOutput == "1 scorecard checked: 0 errors, 1 warning\n")
        let strict = try QAKitProcess.run(["lint", "--strict", file.path])
        #expect(strict.status == 1)
        #expect(strict.standardError == "\(file.path):\(position): error: \(message)\n")
    }

    @Test func missingPathExitsTwo() throws {
        let output = try QAKitProcess.run(["lint", fixture("valid"), "/nonexistent/qakit.yaml"])
        #expect(output.status == 2)
        #expect(output.standardError == "qakit: error: cannot read '/nonexistent/qakit.yaml': No such file or directory\n")
        #expect(output.standardOutput == "1 scorecard checked: 1 error, 0 warnings\n")
    }

    /// Issue 10: `qakit lint missing.yaml` ended with "0 errors" although nothing was checked.
    @Test func missingFileIsCountedAsAnError() throws {
        let output = try QAKitProcess.run(["lint", "/nonexistent/missing.yaml"])
        #expect(output.status == 2)
        #expect(output.standardError == "qakit: error: cannot read '/nonexistent/missing.yaml': No such file or directory\n")
        #expect(output.standardOutput == "0 scorecards checked: 1 error, 0 warnings\n")
    }

    @Test func defaultsToTheScorecardsDirectory() throws {
        let empty = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = try QAKitProcess.run(["lint"], in: empty)
        #expect(missing.status == 2)
        #expect(missing.standardError == "qakit: error: cannot read 'scorecards': No such file or directory\n")
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("scorecards"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture("valid/email.yaml"), toPath: empty.appendingPathComponent("scorecards/email.yaml").path)
        let found = try QAKitProcess.run(["lint"], in: empty)
        #expect(found.status == 0)
        #expect(found.standardOutput == "1 scorecard checked: 0 errors, 0 warnings\n")
    }

    @Test func unknownOptionExitsTwo() throws {
        let output = try QAKitProcess.run(["lint", "--stric", fixture("valid")])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--stric"))
    }
}

@Suite("qakit init and the root command")
struct InitCommandTests {
    @Test(arguments: ["email", "chat", "voice"])
    func templatePassesStrictLint(_ template: String) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("\(template).yaml").path
        let written = try QAKitProcess.run(["init", "--template", template, path])
        #expect(written.status == 0)
        #expect(written.standardOutput == "Wrote \(path) (\(template) template). Check it with: qakit lint --strict \(path)\n")
        let lint = try QAKitProcess.run(["lint", "--strict", path])
        #expect(lint.status == 0, "\(lint.standardError)")
        #expect(lint.standardOutput == "1 scorecard checked: 0 errors, 0 warnings\n")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("# "), "the starter scorecard explains itself in comments")
    }

    @Test func allTemplatesLoadTogether() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for template in ["email", "chat", "voice"] {
            _ = try QAKitProcess.run(["init", "--template", template, directory.appendingPathComponent("\(template).yaml").path])
        }
        let lint = try QAKitProcess.run(["lint", "--strict", directory.path])
        #expect(lint.status == 0)
        #expect(lint.standardOutput == "3 scorecards checked: 0 errors, 0 warnings\n")
    }

    @Test func refusesToOverwrite() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mine.yaml").path
        try "scorecard: mine\n".write(toFile: path, atomically: true, encoding: .utf8)
        let output = try QAKitProcess.run(["init", path])
        #expect(output.status == 1)
        #expect(output.standardError == "qakit: error: '\(path)' already exists; choose another name or remove it first\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "scorecard: mine\n")
    }

    @Test func unknownTemplateExitsTwo() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("x.yaml").path
        let output = try QAKitProcess.run(["init", "--template", "fax", path])
        #expect(output.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func versionIsPrinted() throws {
        let output = try QAKitProcess.run(["--version"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "0.1.0\n")
    }

    @Test func unknownOptionExitsTwo() throws {
        let output = try QAKitProcess.run(["--no-such-option"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("--no-such-option"))
    }
}
