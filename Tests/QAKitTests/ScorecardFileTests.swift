#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QAKit
import Testing

@Suite("YAML problems become scorecard diagnostics")
struct ScorecardYAMLDiagnosticTests {
    static let cases: [DiagnosticCase] = [
        DiagnosticCase(name: "tab indentation", fixture: "scorecard: s\nsections:\n1️⃣\t- id: a\n",
                       message: "tab character in indentation; YAML indents with spaces only"),
        DiagnosticCase(name: "billion laughs", fixture: "a: &a [lol, lol]\nb: &b [1️⃣*a, *a]\nc: [*b, *b]\n",
                       message: "aliases ('*name') are not allowed; write the value out"),
        DiagnosticCase(name: "two documents", fixture: "scorecard: a\n1️⃣---\nscorecard: b\n",
                       message: "a second YAML document ('---'); a file holds exactly one"),
        DiagnosticCase(name: "non-core tag", fixture: "scorecard: 1️⃣!custom s\n",
                       message: "unsupported tag '!custom'; only YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are allowed"),
        DiagnosticCase(name: "empty file", fixture: "1️⃣",
                       message: "the file is empty; a scorecard needs at least 'scorecard', 'title', 'version' and 'sections'"),
        DiagnosticCase(name: "comments only", fixture: "1️⃣# nothing yet\n\n# still nothing\n",
                       message: "the file is empty; a scorecard needs at least 'scorecard', 'title', 'version' and 'sections'"),
        DiagnosticCase(name: "bare document marker", fixture: "1️⃣---\n",
                       message: "the file is empty; a scorecard needs at least 'scorecard', 'title', 'version' and 'sections'"),
        DiagnosticCase(name: "10,000-deep flow nesting, stopped at level 65",
                       fixture: String(repeating: "[", count: 64) + "1️⃣" + String(repeating: "[", count: 9_936) + String(repeating: "]", count: 10_000),
                       message: "nesting deeper than 64 levels"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnostic(_ testCase: DiagnosticCase) throws {
        let marked = MarkedText(testCase.fixture)
        let result = ScorecardLoader().load(bytes: Array(marked.text.utf8), file: "card.yaml")
        let expected = try #require(marked.expected)
        #expect(result.diagnostics.map(\.description) == ["card.yaml:\(expected.line):\(expected.column): error: \(testCase.message)"])
        #expect(result.scorecards.isEmpty)
    }

    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let marked = MarkedText("scorecard: s\ntitle: é1️⃣")
        let result = ScorecardLoader().load(bytes: Array(marked.text.utf8) + [0xFF], file: "card.yaml")
        let expected = try #require(marked.expected)
        #expect(result.diagnostics.map(\.description) == ["card.yaml:\(expected.line):\(expected.column): error: invalid UTF-8 byte sequence; save the file as UTF-8"])
    }

    @Test func oversizeFileIsReportedAtTheStart() {
        let loader = ScorecardLoader(parser: .init(maximumBytes: 16))
        let result = loader.load(bytes: Array("scorecard: too-long-for-the-limit\n".utf8), file: "card.yaml")
        #expect(result.diagnostics.map(\.description) == ["card.yaml:1:1: error: file is larger than the limit of 16 bytes"])
    }
}

@Suite("A valid scorecard")
struct ValidScorecardTests {
    static let text = """
        scorecard: email-support
        title: Email support quality
        version: 3
        description: Reviews of email tickets.
        applies_to: { channel: [email] }
        passing_score: 85.5
        bands:
          - { name: Below, min: 0 }
          - { name: Exceeds, min: 95 }
          - { name: Meets, min: 85 }
        na_policy: pass
        critical_policy: flag
        calibration: { tolerance: 3, min_alpha: 0.8 }
        coaching: { focus_areas: 2, min_audits: 4, target_gain: 7.5, review_after_days: 14, min_team_size: 5 }
        sections:
          - id: opening
            title: Opening
            weight: 20
            criteria:
              - id: greeting
                title: Personalised greeting
                guidance: Greets the customer by name in the first line.
                type: yes_no
                weight: 1.25
                na: true
                required: false
                critical: section
                when: { channel: [email, chat], team: [tier-1] }
                coaching:
                  tip: Use the customer's first name.
                  resources: ["KB-112 Greeting templates"]
          - id: handling
            title: Handling
            criteria:
              - id: empathy
                title: Empathy
                guidance: Acknowledges the situation.
                type: scale
                min: 1
                max: 5
                levels: { 1: None, 5: Specific }
                coaching: { tip: Quote the customer. }
              - id: resolution
                title: Resolution
                guidance: Resolves the request.
                type: choice
                options:
                  - { value: resolved, label: Fully resolved, credit: 1 }
                  - { value: partial, credit: 0.5 }
                coaching: { tip: Close with next steps. }
              - id: accuracy
                title: Accurate information
                guidance: Correct statements only.
                type: points
                max: 10
                critical: scorecard
                coaching: { tip: Check the knowledge base. }
          - id: extra
            title: Extra mile
            weight: 0.0001
            bonus: true
            criteria:
              - id: proactive
                title: Proactive help
                guidance: Solves an unmentioned problem.
                type: yes_no
                coaching: { tip: Look for open issues. }

        """

    @Test func loadsWithoutDiagnostics() throws {
        let result = ScorecardLoader().load(bytes: Array(Self.text.utf8), file: "email.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.checkedFiles == ["email.yaml"])
        #expect(result.scorecards.count == 1)
    }

    @Test func scorecardSettings() throws {
        let card = try #require(ScorecardLoader().load(bytes: Array(Self.text.utf8), file: "email.yaml").scorecards.first)
        #expect(card.id == "email-support" && card.title == "Email support quality" && card.version == 3)
        #expect(card.description == "Reviews of email tickets.")
        #expect(card.file == "email.yaml")
        #expect(card.appliesTo == Condition(clauses: [.init(field: "channel", values: ["email"])]))
        #expect(card.passingScore == Rational(171, 2))
        #expect(card.bands.map(\.name) == ["Exceeds", "Meets", "Below"])
        #expect(card.naPolicy == .pass && card.criticalPolicy == .flag)
        #expect(card.calibration == CalibrationSettings(tolerance: Rational(3), minimumAlpha: 0.8))
        #expect(card.coaching == CoachingSettings(focusAreas: 2, minimumAudits: 4, targetGain: Rational(15, 2), reviewAfterDays: 14, minimumTeamSize: 5))
    }

    @Test func sectionsAndCriteria() throws {
        let card = try #require(ScorecardLoader().load(bytes: Array(Self.text.utf8), file: "email.yaml").scorecards.first)
        #expect(card.sections.map(\.id) == ["opening", "handling", "extra"])
        #expect(card.sections.map(\.weight) == [Rational(20), .one, Rational(1, 10_000)])
        #expect(card.sections.map(\.isBonus) == [false, false, true])
        let greeting = try #require(card.criterion("greeting"))
        #expect(greeting.weight == Rational(5, 4) && greeting.allowsNA && !greeting.isRequired && greeting.critical == .section)
        #expect(greeting.when?.clauses == [.init(field: "channel", values: ["email", "chat"]), .init(field: "team", values: ["tier-1"])])
        #expect(greeting.coaching == CoachingTip(tip: "Use the customer's first name.", resources: ["KB-112 Greeting templates"]))
        let empathy = try #require(card.criterion("empathy"))
        #expect(empathy.weight == .one && !empathy.allowsNA && empathy.isRequired && empathy.critical == .none && empathy.when == nil)
        guard case .scale(1, 5, let levels) = empathy.kind else { Issue.record("empathy is \(empathy.kind.name)"); return }
        #expect(levels == [1: "None", 5: "Specific"])
        guard case .choice(let options) = card.criterion("resolution")?.kind else { Issue.record("resolution is not a choice"); return }
        #expect(options == [ChoiceOption(value: "resolved", label: "Fully resolved", credit: .one), ChoiceOption(value: "partial", label: "partial", credit: Rational(1, 2))])
        guard case .points(let maximum) = card.criterion("accuracy")?.kind else { Issue.record("accuracy is not points"); return }
        #expect(maximum == Rational(10))
        #expect(card.criterion("accuracy")?.critical == .scorecard)
    }
}

/// A fresh directory under /tmp, removed with its files when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/qakit-tests-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(created.map { String(cString: $0) })
    }

    deinit {
        var stack = [path]
        var directories: [String] = []
        while let directory = stack.popLast() {
            directories.append(directory)
            guard let handle = opendir(directory) else { continue }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard name != ".", name != ".." else { continue }
                let child = directory + "/" + name
                if unlink(child) != 0 { stack.append(child) }
            }
            closedir(handle)
        }
        for directory in directories.reversed() { rmdir(directory) }
    }

    /// Writes `text` to `name` inside the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try AtomicFile.write(text, to: path + "/" + name)
        return path + "/" + name
    }
}

@Suite("Loading files and directories")
struct ScorecardDirectoryTests {
    @Test func loadsYAMLFilesSortedThenSubfolders() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b.yml", ScorecardFixture.scorecard().replacingAll("email-support", with: "b"))
        try directory.write("a.yaml", ScorecardFixture.scorecard().replacingAll("email-support", with: "a"))
        try directory.write("notes.txt", "not a scorecard")
        try directory.write(".draft.yaml", "broken: [")
        mkdir(directory.path + "/archive", 0o700)
        try directory.write("archive/old.yaml", ScorecardFixture.scorecard().replacingAll("email-support", with: "old"))
        try directory.write("archive/.draft.yaml", "broken: [")
        mkdir(directory.path + "/.hidden", 0o700)
        try directory.write(".hidden/x.yaml", "broken: [")
        let result = ScorecardLoader().load(paths: [directory.path])
        #expect(result.diagnostics.isEmpty)
        #expect(result.scorecards.map(\.id) == ["a", "b", "old"])
        #expect(result.checkedFiles == [directory.path + "/a.yaml", directory.path + "/b.yml", directory.path + "/archive/old.yaml"])
    }

    @Test func sameIdAndVersionAcrossFilesNamesTheFirstFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write("a.yaml", ScorecardFixture.scorecard())
        let marked = MarkedText(ScorecardFixture.scorecard().replacingAll("version: 1", with: "version: 1️⃣1"))
        let second = try directory.write("b.yaml", marked.text)
        let result = ScorecardLoader().load(paths: [directory.path])
        let expected = try #require(marked.expected)
        #expect(result.diagnostics.map(\.description) == [
            "\(second):\(expected.line):\(expected.column): error: duplicate version 1 of scorecard 'email-support' "
                + "(already defined at \(first):3); give this version another number",
        ])
        #expect(result.scorecards.map(\.file) == [first])
    }

    @Test func versionsOfOneIdLoadTogether() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.yaml", ScorecardFixture.scorecard("effective_from: 2026-09-01").replacingAll("version: 1", with: "version: 2"))
        mkdir(directory.path + "/archive", 0o700)
        try directory.write("archive/a.v1.yaml", ScorecardFixture.scorecard())
        let result = ScorecardLoader().load(paths: [directory.path])
        #expect(result.diagnostics.isEmpty)
        #expect(result.scorecards.map(\.version) == [2, 1])
        #expect(result.scorecards.map(\.effectiveFrom?.description) == ["2026-09-01", nil])
    }

    @Test func sameEffectiveFromInTwoVersionsNamesTheFirst() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write("a.yaml", ScorecardFixture.scorecard("effective_from: 2026-09-01"))
        let marked = MarkedText(ScorecardFixture.scorecard("effective_from: 1️⃣2026-09-01").replacingAll("version: 1", with: "version: 2"))
        let second = try directory.write("b.yaml", marked.text)
        let result = ScorecardLoader().load(paths: [directory.path])
        let expected = try #require(marked.expected)
        #expect(result.diagnostics.map(\.description) == [
            "\(second):\(expected.line):\(expected.column): error: version 2 of scorecard 'email-support' has the same effective_from "
                + "2026-09-01 as version 1 (\(first):4); each version of a scorecard needs its own date",
        ])
        #expect(result.scorecards.map(\.version) == [1])
    }

    /// Each written value and how the message quotes it.
    @Test(arguments: [
        ("2026-13-01", "'2026-13-01'"), ("2026-02-30", "'2026-02-30'"), ("'2026-09-01T00:00:00Z'", "'2026-09-01T00:00:00Z'"),
        ("next monday", "'next monday'"), ("[2026]", "a list"), ("20260901", "'20260901'"), ("~", "nothing"),
    ])
    func effectiveFromMustBeAPlainDate(_ value: String, _ found: String) throws {
        let marked = MarkedText(ScorecardFixture.scorecard("effective_from: 1️⃣\(value)"))
        let result = ScorecardLoader().load(bytes: Array(marked.text.utf8), file: "s.yaml")
        let expected = try #require(marked.expected)
        #expect(result.diagnostics.map(\.description) == [
            "s.yaml:\(expected.line):\(expected.column): error: 'effective_from' must be a date written YYYY-MM-DD, found \(found)",
        ])
        #expect(result.scorecards.isEmpty)
    }

    @Test func missingPathIsUnreadableNotADiagnostic() {
        let result = ScorecardLoader().load(paths: ["/nonexistent/qakit/scorecards"])
        #expect(result.unreadablePaths == [UnreadablePath(path: "/nonexistent/qakit/scorecards", reason: "No such file or directory")])
        #expect(result.diagnostics.isEmpty && result.scorecards.isEmpty)
    }

    @Test func emptyDirectoryIsAnError() throws {
        let directory = try TemporaryDirectory()
        let result = ScorecardLoader().load(paths: [directory.path])
        #expect(result.diagnostics.map(\.description) == ["\(directory.path): error: no .yaml or .yml files in directory"])
    }

    @Test func diagnosticsOfSeveralFilesAreSortedByFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b.yaml", "scorecard: [")
        try directory.write("a.yaml", "")
        let result = ScorecardLoader().load(paths: [directory.path])
        #expect(result.diagnostics.map(\.file) == [directory.path + "/a.yaml", directory.path + "/b.yaml"])
    }
}
