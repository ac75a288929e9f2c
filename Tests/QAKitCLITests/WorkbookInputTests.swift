import Foundation
import Testing
import ZIPFoundation

/// `qakit score audits.xlsx` run as a user would: on a workbook LibreOffice wrote from
/// examples/audits.csv, and on workbooks written here part by part, so that each cell type of
/// docs/spreadsheets.md is present exactly once and can be checked against an equivalent CSV.
@Suite("qakit score on .xlsx workbooks")
struct WorkbookInputTests {
    static let scorecards = QAKitProcess.fixtures.appendingPathComponent("score/scorecards").path
    static let exampleScorecards = QAKitProcess.packageRoot.appendingPathComponent("scorecards").path
    static let exampleAudits = QAKitProcess.packageRoot.appendingPathComponent("examples/audits.csv").path
    /// examples/audits.csv as LibreOffice 7.4 (Debian 12) saved it, with the command of
    /// `convertedByLibreOffice`; committed so that this comparison runs without LibreOffice.
    static let committedWorkbook = QAKitProcess.fixtures.appendingPathComponent("xlsx/examples-audits.xlsx").path

    /// LibreOffice's command-line binary, if installed (Debian/Ubuntu: `apt-get install libreoffice-calc`).
    static let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                          "/Applications/LibreOffice.app/Contents/MacOS/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }

    // MARK: - Workbooks written by LibreOffice

    /// LibreOffice turns the CSV's dates into date-formatted serial numbers, `false`/`true` into
    /// boolean cells, numbers into numeric cells and text into shared strings; scored, the
    /// workbook must give the CSV's output byte for byte.
    @Test(.enabled(if: soffice != nil, "LibreOffice's soffice is not installed (apt-get install -y libreoffice-calc); the committed conversion is still tested"))
    func convertedByLibreOffice() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        // 44,34,76,1: comma-separated, double quotes, UTF-8 (76), from line 1; without it
        // LibreOffice guesses the encoding from the locale. A private profile keeps a running
        // LibreOffice of the user's from taking the job over.
        convert.arguments = ["-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--infilter=CSV:44,34,76,1",
                             "--convert-to", "xlsx", "--outdir", directory.path, Self.exampleAudits]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        let workbook = directory.appendingPathComponent("audits.xlsx").path
        try #require(FileManager.default.fileExists(atPath: workbook), "soffice wrote no audits.xlsx")
        try expectSameScores(workbook: workbook)
    }

    @Test func committedLibreOfficeConversion() throws {
        try expectSameScores(workbook: Self.committedWorkbook)
    }

    /// A directory of audit files includes its workbooks (docs/audits.md, "Directories").
    @Test func directoryIncludesWorkbooks() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: Self.committedWorkbook, toPath: directory.appendingPathComponent("audits.XLSX").path)
        let fromFile = try QAKitProcess.run(["score", "-s", Self.exampleScorecards, Self.committedWorkbook, "--by", "agent"])
        let fromDirectory = try QAKitProcess.run(["score", "-s", Self.exampleScorecards, directory.path, "--by", "agent"])
        #expect(fromFile.status == 0)
        #expect(fromDirectory.status == 0, "\(fromDirectory.standardError)")
        #expect(fromDirectory.standardOutput == fromFile.standardOutput)
    }

    /// The other reading commands take the workbook as they take the CSV.
    @Test(arguments: [["calibrate", "--calibration-only"], ["coach", "--agent", "Mei Chen"]])
    func otherCommandsReadWorkbooks(_ command: [String]) throws {
        let fromCSV = try QAKitProcess.run(command + ["-s", Self.exampleScorecards, Self.exampleAudits])
        let fromWorkbook = try QAKitProcess.run(command + ["-s", Self.exampleScorecards, Self.committedWorkbook])
        #expect(fromCSV.status == 0)
        #expect(!fromCSV.standardOutput.isEmpty)
        #expect(fromWorkbook.status == fromCSV.status)
        #expect(fromWorkbook.standardOutput == fromCSV.standardOutput)
    }

    private func expectSameScores(workbook: String) throws {
        let fromCSV = try QAKitProcess.run(["score", "-s", Self.exampleScorecards, Self.exampleAudits, "--format", "csv"])
        let fromWorkbook = try QAKitProcess.run(["score", "-s", Self.exampleScorecards, workbook, "--format", "csv"])
        #expect(fromCSV.status == 0)
        #expect(fromWorkbook.status == 0)
        #expect(!fromCSV.standardOutput.isEmpty)
        #expect(fromWorkbook.standardOutput == fromCSV.standardOutput)
        #expect(fromWorkbook.standardError == fromCSV.standardError)
    }

    // MARK: - Hand-built workbooks

    /// Header in shared strings, `audit_id` split over two rich-text runs. Row 2 holds every
    /// cell type: an inline string (A2), shared strings (B2, F2–H2), a rich-text agent whose
    /// phonetic guide `ZZ` is not part of the text (C2), the date serial 46000 in style 1
    /// (numFmtId 14, a date; 2025-12-09 by the 1900 system, see SpreadsheetNumberTests), accuracy
    /// stored as 8.3499999999999996 (8.35 at 15 digits), J2 and L2 skipped so K2 and M2 must be
    /// placed by their `r`, a boolean 0 (M2), and entities in an inline string (N2).
    static func sheetXML(dateSerial: String) -> String {
        sheet(rows: [
            header,
            """
            <row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="s"><v>14</v></c><c r="C2" t="s"><v>15</v></c>\
            <c r="D2" t="inlineStr"><is><t>Rev One</t></is></c><c r="E2" s="1"><v>\(dateSerial)</v></c>\
            <c r="F2" t="s"><v>16</v></c><c r="G2" t="s"><v>16</v></c><c r="H2" t="s"><v>17</v></c><c r="I2"><v>8.3499999999999996</v></c>\
            <c r="K2" s="0"><v>5</v></c><c r="M2" t="b"><v>0</v></c>\
            <c r="N2" t="inlineStr"><is><r><t xml:space="preserve">a &amp; b </t></r><r><t>&lt;ok&gt; &#233;&#x263A;</t></r></is></c></row>
            """,
        ])
    }

    /// The CSV that `sheetXML` stands for.
    static let equivalentCSV = """
        audit_id,interaction_id,agent,reviewer,date,greeting,verified,outcome,accuracy,refund_terms,empathy,proactive,calibration,comment
        X-1,I-1,Ana,Rev One,2025-12-09,yes,yes,resolved,8.35,,5,,false,a & b <ok> é☺

        """

    static let header = """
        <row r="1">\((0..<14).map { "<c r=\"\(columns[$0])1\" t=\"s\"><v>\($0)</v></c>" }.joined())</row>
        """
    static let columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N"]

    /// Shared strings 0–13 name the columns of `equivalentCSV`, 14–17 are cell values.
    static let sharedStrings = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="18" uniqueCount="18">\
        <si><r><t>audit</t></r><r><rPr><b/></rPr><t>_id</t></r></si>\
        \(["interaction_id", "agent", "reviewer", "date", "greeting", "verified", "outcome", "accuracy", "refund_terms", "empathy",
            "proactive", "calibration", "comment", "I-1"].map { "<si><t>\($0)</t></si>" }.joined())\
        <si><r><t>A</t></r><r><t>na</t></r><rPh sb="0" eb="1"><t>ZZ</t></rPh></si><si><t>yes</t></si><si><t>resolved</t></si></sst>
        """

    /// Style 0 is General, style 1 the built-in date format 14.
    static let styles = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
        """

    /// Score of X-1 on `support`: opening (1 + 1)/2 = 1; resolution (1 + 8.35/10)/2 = 0.9175;
    /// tone (5 − 1)/4 = 1; bonus (proactive blank) N/A → 100·(1 + 2·0.9175 + 1)/4 = 95.875,
    /// printed 95.88 (half away from zero).
    @Test(arguments: [(false, "46000"), (true, "44538")])
    func cellTypesAndDateSystems(is1904: Bool, serial: String) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = try Self.writeWorkbook(in: directory, sheets: [("Sheet1", Self.sheetXML(dateSerial: serial))], is1904: is1904)
        let csv = directory.appendingPathComponent("audits.csv")
        try Self.equivalentCSV.write(to: csv, atomically: true, encoding: .utf8)
        let fromWorkbook = try QAKitProcess.run(["score", "-s", Self.scorecards, workbook, "--format", "jsonl"])
        let fromCSV = try QAKitProcess.run(["score", "-s", Self.scorecards, csv.path, "--format", "jsonl"])
        #expect(fromWorkbook.status == 0, "\(fromWorkbook.standardError)")
        #expect(fromWorkbook.standardOutput == fromCSV.standardOutput)
        #expect(fromWorkbook.standardOutput.contains("\"date\": \"2025-12-09\""))
        #expect(fromWorkbook.standardOutput.contains("\"agent\": \"Ana\""))
        #expect(ScoreCommandTests.number("score", in: Substring(fromWorkbook.standardOutput)) == "95.88")
        #expect(fromWorkbook.standardError == "qakit: scored 1 audit, rejected 0; pass rate 100.0% (1 of 1)\n")
    }

    /// Rows 2–6 valid; F7 holds `#N/A` and K8 an empathy of 9 (scale 1–5): each rejection names
    /// its cell, and the five valid rows are still scored.
    @Test func errorsNameTheCell() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func row(_ number: Int, greeting: String = "<c r=\"F%d\" t=\"s\"><v>16</v></c>", empathy: String = "5") -> String {
            """
            <row r="\(number)"><c r="A\(number)" t="inlineStr"><is><t>X-\(number)</t></is></c><c r="B\(number)" t="s"><v>14</v></c>\
            <c r="C\(number)" t="s"><v>15</v></c><c r="D\(number)" t="inlineStr"><is><t>Rev One</t></is></c><c r="E\(number)" s="1"><v>46000</v></c>\
            \(greeting.replacingOccurrences(of: "%d", with: "\(number)"))<c r="G\(number)" t="s"><v>16</v></c><c r="H\(number)" t="s"><v>17</v></c>\
            <c r="I\(number)"><v>10</v></c><c r="K\(number)"><v>\(empathy)</v></c></row>
            """
        }
        let rows = [Self.header] + (2...6).map { row($0) }
            + [row(7, greeting: "<c r=\"F%d\" t=\"e\"><v>#N/A</v></c>"), row(8, empathy: "9")]
        let workbook = try Self.writeWorkbook(in: directory, sheets: [("Sheet1", Self.sheet(rows: rows))])
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, workbook, "--format", "csv"])
        #expect(output.status == 1)
        let lines = output.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first == "\(workbook):Sheet1!F7: error: audit 'X-7', field 'greeting': the cell holds the error '#N/A'")
        #expect(lines.dropFirst().first?.hasPrefix("\(workbook):Sheet1!K8: error: audit 'X-8', field 'empathy': '9' is not a valid answer") == true)
        #expect(lines.last == "qakit: scored 5 audits, rejected 2; pass rate 100.0% (5 of 5)")
    }

    /// Header cells listed from N1 back to A1: each lands in the column its `r` names.
    @Test func headerCellsInAnyOrder() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reversed = "<row r=\"1\">\((0..<14).reversed().map { "<c r=\"\(Self.columns[$0])1\" t=\"s\"><v>\($0)</v></c>" }.joined())</row>"
        let sheet = Self.sheetXML(dateSerial: "46000").replacingOccurrences(of: Self.header, with: reversed)
        #expect(sheet.contains(reversed))
        let workbook = try Self.writeWorkbook(in: directory, sheets: [("Sheet1", sheet)])
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, workbook, "--format", "jsonl"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(ScoreCommandTests.number("score", in: Substring(output.standardOutput)) == "95.88")
    }

    /// A cell of more than 1 MiB (1,048,576 x's, then the rest of N2's text) rejects its audit,
    /// as an over-long CSV cell rejects its record.
    @Test func oversizedCellIsRejected() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sheet = Self.sheetXML(dateSerial: "46000").replacingOccurrences(of: "a &amp; b ", with: String(repeating: "x", count: 1 << 20))
        let workbook = try Self.writeWorkbook(in: directory, sheets: [("Sheet1", sheet)])
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, workbook, "--format", "csv"])
        #expect(output.status == 1)
        #expect(output.standardError == """
            \(workbook):Sheet1!N2: error: audit 'X-1', field 'comment': cell longer than 1048576 bytes
            qakit: scored 0 audits, rejected 1

            """)
    }

    /// The first sheet, `Notes`, is not an audit list; the second is named after the loaded
    /// scorecard `support` (in another case) and is the one read.
    @Test func sheetNamedAfterTheScorecard() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = Self.sheet(rows: ["<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Read me first</t></is></c></row>"])
        let workbook = try Self.writeWorkbook(in: directory, sheets: [("Notes", notes), ("SUPPORT", Self.sheetXML(dateSerial: "46000"))])
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, workbook, "--format", "csv"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("X-1,I-1,Ana,Rev One,2025-12-09,support,"))
        #expect(output.standardError == "qakit: scored 1 audit, rejected 0; pass rate 100.0% (1 of 1)\n")
    }

    /// Files that are not workbooks: one error each, exit 2, nothing scored.
    @Test(arguments: [
        ("notes.xlsx", Data("audit_id,agent\n".utf8), "not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)"),
        ("old.xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)),
         "this is an Excel 97-2003 .xls file or a password-protected workbook, which qakit cannot read; open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) without a password"),
    ])
    func notAWorkbook(name: String, contents: Data, message: String) throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try contents.write(to: file)
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, file.path])
        #expect(output.status == 2)
        #expect(output.standardError == "\(file.path): error: \(message)\n")
    }

    /// The committed workbook cut after 20,000 of its 39,444 bytes: the zip directory, which
    /// sits at the end, is gone.
    @Test func truncatedWorkbook() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cut.xlsx")
        try Data(try Data(contentsOf: URL(fileURLWithPath: Self.committedWorkbook)).prefix(20_000)).write(to: file)
        let output = try QAKitProcess.run(["score", "-s", Self.exampleScorecards, file.path])
        #expect(output.status == 2)
        #expect(output.standardError == """
            \(file.path): error: the .xlsx zip archive is damaged: it has no zip directory at its end (the file is cut short, or not a zip archive)

            """)
    }

    @Test func zipWithoutWorkbook() throws {
        let directory = try QAKitProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("document.xlsx")
        let archive = try Archive(url: file, accessMode: .create)
        try Self.add("word/document.xml", "<document/>", to: archive)
        let output = try QAKitProcess.run(["score", "-s", Self.scorecards, file.path])
        #expect(output.status == 2)
        #expect(output.standardError == "\(file.path): error: not an .xlsx workbook: the archive has no xl/workbook.xml\n")
    }

    // MARK: - Writing workbooks

    static func sheet(rows: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:N2"/><sheetData>\(rows.joined())</sheetData></worksheet>
        """
    }

    /// A minimal package: workbook, its relationships, shared strings, styles and the sheets.
    static func writeWorkbook(in directory: URL, sheets: [(name: String, xml: String)], is1904: Bool = false) throws -> String {
        let file = directory.appendingPathComponent("audits.xlsx")
        let archive = try Archive(url: file, accessMode: .create)
        let sheetList = sheets.indices.map { "<sheet name=\"\(sheets[$0].name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="\(is1904 ? "1" : "0")"/>\
            <sheets>\(sheetList)</sheets></workbook>
            """, to: archive)
        let relationships = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)\
            <Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """, to: archive)
        try add("xl/sharedStrings.xml", sharedStrings, to: archive)
        try add("xl/styles.xml", styles, to: archive)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", sheet.xml, to: archive)
        }
        return file.path
    }

    static func add(_ path: String, _ text: String, to archive: Archive) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
