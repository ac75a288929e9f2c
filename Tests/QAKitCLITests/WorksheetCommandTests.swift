import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation

/// `qakit worksheet` run as a lead would, and its workbook filled in and re-saved by LibreOffice
/// as a reviewer would, then scored (docs/spreadsheets.md, "Worksheets for reviewers").
@Suite("qakit worksheet")
struct WorksheetCommandTests {
    /// One criterion of each kind, and each way N/A and dropdowns meet: a yes/no with N/A, a
    /// scale without N/A (a whole-number range), a scale with N/A (a list 0..4 and na), a
    /// choice whose value has a comma (its list goes on the hidden sheet), points with N/A (a
    /// formula). The guidance has characters XML must escape.
    static let scorecard = """
        scorecard: worksheet-check
        title: Worksheet check
        version: 1
        sections:
          - id: main
            title: Main
            criteria:
              - id: greeting
                title: Greeting
                guidance: Greets by name. "Hi there" & <nothing> are a no.
                type: yes_no
                na: true
                coaching: { tip: Use the name. }
              - id: empathy
                title: Empathy
                guidance: Acknowledges feelings.
                coaching: { tip: Practise. }
                type: scale
                min: 1
                max: 5
                levels: { 1: Cold, 5: Warm }
              - id: clarity
                title: Clarity
                guidance: Short sentences.
                coaching: { tip: Practise. }
                type: scale
                min: 0
                max: 4
                levels: { 0: Unreadable, 4: Crystal clear }
                na: true
              - id: resolution
                title: Resolution
                guidance: Solved on first contact.
                coaching: { tip: Practise. }
                type: choice
                options:
                  - { value: resolved, label: Resolved, credit: 1 }
                  - { value: partial, label: Partly resolved, credit: 0.5 }
                  - { value: "no, not at all", label: Not resolved, credit: 0 }
              - id: accuracy
                title: Accuracy
                guidance: Every fact right.
                coaching: { tip: Practise. }
                type: points
                max: 10
                na: true

        """

    static let interactions = """
        interaction_id,agent,team,channel
        T-1,Ana,Billing,email
        T-2,Bo,Tier 1,chat
        T-3,Cy,Tier 1,email

        """

    /// The header row, column A to S.
    static let header = ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "team", "channel",
                         "greeting", "greeting.comment", "empathy", "empathy.comment", "clarity", "clarity.comment",
                         "resolution", "resolution.comment", "accuracy", "accuracy.comment", "comment"]

    static let soffice = WorkbookInputTests.soffice

    /// A directory with the scorecard and the interactions, removed by the caller.
    static func workspace() throws -> (directory: URL, scorecard: String, interactions: String) {
        let directory = try QAKitProcess.temporaryDirectory()
        let scorecard = directory.appendingPathComponent("worksheet-check.yaml")
        try Self.scorecard.write(to: scorecard, atomically: true, encoding: .utf8)
        let interactions = directory.appendingPathComponent("interactions.csv")
        try Self.interactions.write(to: interactions, atomically: true, encoding: .utf8)
        return (directory, scorecard.path, interactions.path)
    }

    /// Every part of the archive by path, as text.
    static func parts(of path: String) throws -> [String: String] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }

    static func isWellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    // MARK: - The workbook

    @Test func writesAWorkbookWhosePartsParse() throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions, "-o", workbook])
        #expect(run.status == 0)
        #expect(run.standardError == "qakit: wrote worksheet 'worksheet-check' for scorecard 'worksheet-check' with 3 interactions to \(workbook)\n")
        let parts = try Self.parts(of: workbook)
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                    "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/worksheets/sheet2.xml",
                                    "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/styles.xml", "xl/sharedStrings.xml"])
        for (path, text) in parts { #expect(Self.isWellFormed(text), "\(path) is not well-formed XML") }
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(parts["xl/workbook.xml"]!.contains("<sheet name=\"worksheet-check\" sheetId=\"1\""))
        #expect(parts["xl/workbook.xml"]!.contains("<sheet name=\"qakit lists\" sheetId=\"2\" state=\"hidden\""))
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        // Rows 2 to 4 are the three interactions: the validations cover exactly them.
        #expect(sheet.contains("type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"greeting\" error=\"Choose one of: yes, no, na\" sqref=\"I2:I4\"><formula1>&quot;yes,no,na&quot;</formula1>"))
        #expect(sheet.contains("type=\"whole\" operator=\"between\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"empathy\" error=\"A whole number from 1 to 5\" sqref=\"K2:K4\"><formula1>1</formula1><formula2>5</formula2>"))
        #expect(sheet.contains("sqref=\"M2:M4\"><formula1>&quot;0,1,2,3,4,na&quot;</formula1>"))
        #expect(sheet.contains("sqref=\"O2:O4\"><formula1>'qakit lists'!$A$1:$A$3</formula1>"))
        #expect(sheet.contains("type=\"custom\"") && sheet.contains("sqref=\"Q2:Q4\"><formula1>OR(AND(ISNUMBER(Q2),Q2&gt;=0,Q2&lt;=10),LOWER(Q2)=&quot;na&quot;)</formula1>"))
        #expect(sheet.contains("<dataValidations count=\"5\">"))
        // Notes: the six standard fields and `comment`, each criterion and its comment column (5 + 5).
        let comments = try #require(parts["xl/comments1.xml"])
        #expect(comments.components(separatedBy: "<comment ref=").count - 1 == 7 + 10)
        #expect(comments.contains("<comment ref=\"I1\" authorId=\"0\"><text><t xml:space=\"preserve\">Greeting\nGreets by name. &quot;Hi there&quot; &amp; &lt;nothing&gt; are a no.\nAnswer yes or no.\nna: not applicable.</t></text></comment>"))
        #expect(comments.contains("Empathy\nAcknowledges feelings.\nAnswer a whole number from 1 to 5.\n1: Cold\n5: Warm"))
        #expect(parts["xl/drawings/vmlDrawing1.vml"]!.components(separatedBy: "<x:ClientData ObjectType=\"Note\">").count - 1 == 17)
    }

    /// Nothing filled in: every row is an interaction nobody has audited, so none is scored and
    /// none is an error; one warning says which rows (docs/spreadsheets.md).
    @Test(arguments: [true, false])
    func unfilledWorksheetScoresNothing(withInteractions: Bool) throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let input = withInteractions ? ["--interactions", interactions] : []
        #expect(try QAKitProcess.run(["worksheet", "-s", scorecard, "-o", workbook] + input).status == 0)
        let score = try QAKitProcess.run(["score", "-s", scorecard, workbook, "--format", "csv"])
        #expect(score.status == 0)
        #expect(score.standardOutput.split(separator: "\n").count == 1)
        let rows = withInteractions ? "3 rows (2 to 4)" : "500 rows (2 to 501)"
        #expect(score.standardError == """
            \(workbook):'worksheet-check': warning: \(rows) are not filled in (no audit_id, reviewer, answer or comment), so not scored
            qakit: scored 0 audits, rejected 0

            """)
        if !withInteractions {
            let sheet = try #require(try Self.parts(of: workbook)["xl/worksheets/sheet1.xml"])
            #expect(sheet.contains("sqref=\"I2:I501\""))
            #expect(sheet.contains("<row r=\"501\"><c r=\"F501\" t=\"s\"><v>"))
        }
    }

    /// A half-filled row is an audit: what it lacks is reported at its cells, as for any workbook.
    @Test func partlyFilledRowIsRejectedAtItsCells() throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        #expect(try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions, "-o", workbook]).status == 0)
        try Self.fill(workbook, rows: [2: ["A": .text("QA-9"), "I": .text("yes")]])
        let score = try QAKitProcess.run(["score", "-s", scorecard, workbook])
        #expect(score.status == 1)
        #expect(score.standardError.contains("\(workbook):'worksheet-check'!D2: error: audit 'QA-9', field 'reviewer': missing required field 'reviewer'"))
        #expect(score.standardError.contains("warning: 2 rows (3 to 4) are not filled in"))
    }

    // MARK: - Filled in and re-saved by LibreOffice

    /// A cell a reviewer types: text, or a number (Excel and LibreOffice store typed numbers as numbers).
    enum Cell {
        case text(String)
        case number(String)
    }

    /// Writes `rows` (row number → column letter → cell) into the worksheet's sheet in place of
    /// those rows' cells, keeping the prefilled ones that are not overwritten, as typing would.
    static func fill(_ path: String, rows: [Int: [String: Cell]]) throws {
        var parts = try parts(of: path)
        var sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        let strings = try sharedStrings(parts["xl/sharedStrings.xml"]!)
        for (number, typed) in rows {
            let start = try #require(sheet.range(of: "<row r=\"\(number)\">"))
            let end = try #require(sheet.range(of: "</row>", range: start.upperBound..<sheet.endIndex))
            var cells: [String: Cell] = [:]
            // Prefilled cells are shared strings: `<c r="B2" s="2" t="s"><v>7</v></c>`.
            for match in sheet[start.upperBound..<end.lowerBound].components(separatedBy: "<c r=\"").dropFirst() {
                let reference = String(match.prefix { $0 != "\"" })
                let index = Int(match.components(separatedBy: "<v>")[1].prefix { $0 != "<" })!
                cells[String(reference.prefix { $0.isLetter })] = .text(strings[index])
            }
            cells.merge(typed) { $1 }
            let xml = header.indices.compactMap { column -> String? in
                let letter = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(column)))
                switch cells[letter] {
                case .text(let text)?: return "<c r=\"\(letter)\(number)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
                case .number(let text)?: return "<c r=\"\(letter)\(number)\"><v>\(text)</v></c>"
                case nil: return nil
                }
            }.joined()
            sheet.replaceSubrange(start.upperBound..<end.lowerBound, with: xml)
        }
        parts["xl/worksheets/sheet1.xml"] = sheet
        try FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in parts.sorted(by: { $0.key < $1.key }) { try WorkbookInputTests.add(name, text, to: archive) }
    }

    static func sharedStrings(_ xml: String) throws -> [String] {
        xml.components(separatedBy: "<si><t").dropFirst().map { item in
            let text = item.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            return String(text).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// Runs soffice with a private profile (so that a running LibreOffice of the user's does not
    /// take the job over) and returns the converted file.
    static func convert(_ path: String, to filter: String, extension fileExtension: String, in directory: URL) throws -> String {
        let out = directory.appendingPathComponent("converted-\(fileExtension)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(soffice))
        process.arguments = ["-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--convert-to", filter,
                             "--outdir", out.path, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let converted = out.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + "." + fileExtension)
        try #require(FileManager.default.fileExists(atPath: converted.path), "soffice wrote no \(converted.lastPathComponent)")
        return converted.path
    }

    /// Two rows filled in as a reviewer types them (numbers as numbers, N/A as `na`), the third
    /// left alone; LibreOffice opens and re-saves the workbook; the re-saved file still has its
    /// dropdowns and notes, and scores.
    ///
    /// Scores by hand (one section, every criterion weight 1, N/A left out: 100 × Σ credit / n):
    /// - QA-1: greeting yes 1; empathy 4 on 1..5 (4−1)/(5−1) = 0.75; clarity na (out); resolution
    ///   partial 0.5; accuracy 7.5/10 = 0.75. 100 × (1 + 0.75 + 0.5 + 0.75) / 4 = 75.00.
    /// - QA-2: greeting no 0; empathy 5 → 1; clarity 2 on 0..4 → 0.5; resolution "no, not at
    ///   all" 0; accuracy na (out). 100 × (0 + 1 + 0.5 + 0) / 4 = 37.50.
    @Test(.enabled(if: soffice != nil, "LibreOffice's soffice is not installed (apt-get install -y libreoffice-calc)"))
    func filledInAndResavedByLibreOfficeScores() throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        #expect(try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions, "-o", workbook]).status == 0)
        try Self.fill(workbook, rows: [
            2: ["A": .text("QA-1"), "D": .text("Sam"), "E": .text("2026-11-02"), "I": .text("yes"), "K": .number("4"),
                "M": .text("na"), "O": .text("partial"), "Q": .number("7.5"), "R": .text("Quoted the old fee"), "S": .text("Good call")],
            3: ["A": .text("QA-2"), "D": .text("Sam"), "E": .text("2026-11-02"), "I": .text("no"), "K": .number("5"),
                "M": .number("2"), "O": .text("no, not at all"), "Q": .text("na")],
        ])
        let resaved = try Self.convert(workbook, to: "xlsx:Calc MS Excel 2007 XML", extension: "xlsx", in: directory)
        let parts = try Self.parts(of: resaved)
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        for (type, range) in [("list", "I2:I4"), ("whole", "K2:K4"), ("list", "M2:M4"), ("list", "O2:O4"), ("custom", "Q2:Q4")] {
            #expect(sheet.range(of: "type=\"\(type)\"[^>]*sqref=\"\(range)\"|sqref=\"\(range)\"[^>]*type=\"\(type)\"", options: .regularExpression) != nil,
                    "LibreOffice dropped the \(type) validation of \(range)")
        }
        let comments = try #require(parts["xl/comments1.xml"], "LibreOffice dropped the notes")
        #expect(comments.components(separatedBy: "<comment ref=").count - 1 == 17)
        // LibreOffice writes the line breaks as character references.
        #expect(comments.contains("Empathy&#10;Acknowledges feelings.&#10;Answer a whole number from 1 to 5.&#10;1: Cold&#10;5: Warm"))
        #expect(parts.keys.contains { $0.hasPrefix("xl/drawings/vmlDrawing") })
        let score = try QAKitProcess.run(["score", "-s", scorecard, resaved, "--format", "csv"])
        #expect(score.status == 0)
        let lines = score.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let columns = try #require(lines.first)
        let scores = lines.dropFirst().map { row in [row[columns.firstIndex(of: "audit_id")!], row[columns.firstIndex(of: "score")!]] }
        #expect(scores == [["QA-1", "75.00"], ["QA-2", "37.50"]])
        #expect(score.standardError.contains("row 4 is not filled in"))
        #expect(score.standardError.hasSuffix("qakit: scored 2 audits, rejected 0\n"))
    }

    /// LibreOffice reads the header as qakit writes it, and the prefilled rows.
    @Test(.enabled(if: soffice != nil, "LibreOffice's soffice is not installed (apt-get install -y libreoffice-calc)"))
    func libreOfficeReadsTheHeader() throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        #expect(try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions, "-o", workbook]).status == 0)
        let csv = try String(contentsOfFile: try Self.convert(workbook, to: "csv", extension: "csv", in: directory), encoding: .utf8)
        let blanks = String(repeating: ",", count: 11)
        #expect(csv.split(separator: "\n").map(String.init) == [
            Self.header.joined(separator: ","),
            ",T-1,Ana,,,worksheet-check,Billing,email" + blanks,
            ",T-2,Bo,,,worksheet-check,Tier 1,chat" + blanks,
            ",T-3,Cy,,,worksheet-check,Tier 1,email" + blanks,
        ])
    }

    // MARK: - From qakit sample

    /// A `qakit sample --worksheet` file already has the answer columns: they fill the
    /// worksheet's own rather than appearing twice; `sample_seed` and `stratum` are kept.
    @Test func takesSampleOutput() throws {
        let (directory, scorecard, interactions) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = directory.appendingPathComponent("sample.csv").path
        #expect(try QAKitProcess.run(["sample", interactions, "--per-agent", "1", "--worksheet", "-s", scorecard, "-o", sample]).status == 0)
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", sample, "-o", workbook])
        #expect(run.status == 0)
        let parts = try Self.parts(of: workbook)
        let strings = try Self.sharedStrings(parts["xl/sharedStrings.xml"]!)
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        let headerRow = sheet.components(separatedBy: "<row r=\"1\">")[1].components(separatedBy: "</row>")[0]
        let names = headerRow.components(separatedBy: "<v>").dropFirst().map { strings[Int($0.prefix { $0 != "<" })!] }
        var expected = Self.header
        expected.insert(contentsOf: ["sample_seed", "stratum"], at: 8)
        #expect(names == expected)
    }

    /// JSON Lines: the columns are every key in order of first appearance; a record without an
    /// agent is skipped at its line, the others written, exit 1.
    @Test func takesJSONLinesAndSkipsRecordsWithoutAgent() throws {
        let (directory, scorecard, _) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let interactions = directory.appendingPathComponent("export.jsonl")
        try """
            {"interaction_id": "C-1", "agent": "Ana", "channel": "chat"}
            {"interaction_id": "C-2", "channel": "chat"}
            {"interaction_id": "C-3", "agent": "Bo", "queue": "vip"}

            """.write(to: interactions, atomically: true, encoding: .utf8)
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions.path, "-o", workbook])
        #expect(run.status == 1)
        #expect(run.standardError == """
            \(interactions.path):2: error: interaction 'C-2': missing or empty 'agent'; the record is skipped
            qakit: wrote worksheet 'worksheet-check' for scorecard 'worksheet-check' with 2 interactions to \(workbook)
            qakit: 1 interaction record skipped

            """)
        let parts = try Self.parts(of: workbook)
        let strings = try Self.sharedStrings(parts["xl/sharedStrings.xml"]!)
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        let values = { (row: Int) in
            sheet.components(separatedBy: "<row r=\"\(row)\">")[1].components(separatedBy: "</row>")[0]
                .components(separatedBy: "<v>").dropFirst().map { strings[Int($0.prefix { $0 != "<" })!] }
        }
        #expect(values(1).prefix(8) == ["audit_id", "interaction_id", "agent", "reviewer", "date", "scorecard", "channel", "queue"])
        #expect(values(2) == ["C-1", "Ana", "worksheet-check", "chat"])
        #expect(values(3) == ["C-3", "Bo", "worksheet-check", "vip"])
    }

    // MARK: - Bad input

    @Test func unknownScorecardSuggestsTheNearest() throws {
        let (directory, scorecard, _) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard, "--scorecard", "worksheet-chek", "-o", workbook])
        #expect(run.status == 2)
        #expect(run.standardError == "qakit: error: no scorecard 'worksheet-chek' among worksheet-check; did you mean 'worksheet-check'?\n")
        #expect(!FileManager.default.fileExists(atPath: workbook))
    }

    /// A directory of several scorecards needs `--scorecard`; with it, the one named is laid out.
    @Test func severalScorecardsNeedAChoice() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scorecards = QAKitProcess.packageRoot.appendingPathComponent("scorecards").path
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        let run = try QAKitProcess.run(["worksheet", "-s", scorecards, "-o", workbook])
        #expect(run.status == 2)
        #expect(run.standardError == "qakit: error: -s loaded 3 scorecards (email-support, live-chat, phone-support); choose one with --scorecard ID\n")
        #expect(!FileManager.default.fileExists(atPath: workbook))
        let chosen = try QAKitProcess.run(["worksheet", "-s", scorecards, "--scorecard", "live-chat", "-o", workbook])
        #expect(chosen.status == 0)
        #expect(try Self.parts(of: workbook)["xl/workbook.xml"]!.contains("<sheet name=\"live-chat\""))
    }

    /// A missing column is one error for the file, exit 2, and an existing workbook is left as it was.
    @Test func interactionsWithoutAgentColumn() throws {
        let (directory, scorecard, _) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let interactions = directory.appendingPathComponent("export.csv")
        try "interaction_id,agnet\nT-1,Ana\nT-2,Bo\n".write(to: interactions, atomically: true, encoding: .utf8)
        let workbook = directory.appendingPathComponent("audits.xlsx")
        try "old".write(to: workbook, atomically: true, encoding: .utf8)
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard, "--interactions", interactions.path, "-o", workbook.path])
        #expect(run.status == 2)
        #expect(run.standardError == """
            \(interactions.path):1: error: missing required column 'agent' (did you mean 'agnet'?)
            qakit: error: no worksheet written

            """)
        #expect(try String(contentsOf: workbook, encoding: .utf8) == "old")
    }

    @Test(arguments: [["-o", "audits.csv"], ["-o", "-"], []])
    func outputMustBeAnXLSXFile(_ output: [String]) throws {
        let (directory, scorecard, _) = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try QAKitProcess.run(["worksheet", "-s", scorecard] + output, in: directory)
        #expect(run.status == 2)
        let message = output.isEmpty ? "say where to write the workbook: -o FILE.xlsx"
            : "-o must name an .xlsx file (the worksheet is an Excel workbook), found '\(output[1])'"
        #expect(run.standardError.hasPrefix("Error: \(message)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["interactions.csv", "worksheet-check.yaml"])
    }
}
