import Testing
@testable import QAKit

/// The byte-level answer reader and the compact id set must agree with the plain definitions.
@Suite("Audit reading fast paths")
struct AuditReadingFastPathTests {
    static let criteria: [Criterion] = [
        Build.yesNo("yn"), Build.yesNo("yn_na", na: true), Build.scale("scale", -2, 5), Build.scale("stars", 1, 5),
        Build.choice("choice", credits: ["1", "0.5", "0"]), Build.points("points", max: "10"), Build.points("odd", max: "2.5"),
        Criterion(id: "words", title: "words", kind: .choice([
            ChoiceOption(value: "Resolved", label: "r", credit: .one), ChoiceOption(value: "résolu", label: "f", credit: .zero),
            ChoiceOption(value: "a_very_long_option_value", label: "l", credit: .zero),
        ]), allowsNA: true),
    ]

    static let cells = [
        "", "  ", "\t", "yes", "YES", " y ", "Pass", "FAIL", "true", "1", "0", "no", "n/a", "N/A", "na", "nA", "maybe", "+3", "-1",
        "-2", "6", "03", "3.0", "++3", "+-1", "5.5", "5.55", "5.555", "10", "10.00", "10.01", "2.5", "2.51", ".5", "5.", "-0",
        "0.00", "o0", "O1", "o3", "resolved", "RESOLVED", "Résolu", "résolu", "A_VERY_LONG_OPTION_VALUE", "１", "y\u{301}",
        "9999999999999999999999", "123456789012345678",
    ]

    static func general(_ cell: String, _ criterion: Criterion) -> String {
        do { return String(describing: try AnswerParser.parse(cell, for: criterion)) } catch { return "error \(error)" }
    }

    @Test("reads a cell as AnswerParser does, or leaves it to AnswerParser")
    func readerAgreesWithParser() {
        for criterion in Self.criteria {
            var words: [ASCIIWord?] = []
            let spec = AnswerSpec(criterion, words: &words)
            for cell in Self.cells {
                switch spec.read(cell, words: words) {
                case .general: continue
                case .unanswered: #expect(Self.general(cell, criterion) == "nil", "'\(cell)' for \(criterion.id)")
                case .answer(let answer):
                    #expect(Self.general(cell, criterion) == String(describing: Optional(answer)), "'\(cell)' for \(criterion.id)")
                }
            }
        }
    }

    @Test("takes the common answers itself")
    func readerCoversCommonAnswers() {
        var words: [ASCIIWord?] = []
        let spec = AnswerSpec(Self.criteria[0], words: &words)
        for cell in ["yes", "No", " y ", "PASS", "0"] {
            guard case .answer = spec.read(cell, words: words) else {
                Issue.record("'\(cell)' went to the general path")
                continue
            }
        }
    }

    @Test("the packed keyword codes are exactly the parser's words")
    func keywordCodesMatchTheWordLists() throws {
        for word in ["yes", "y", "true", "1", "pass", "no", "n", "false", "0", "fail", "na", "n/a", "maybe", "ye", "nah", "fails"] {
            let code = try #require(ASCIIWord(word))
            #expect(AnswerSpec.isYes(code) == AnswerParser.yesWords.contains(word), "\(word)")
            #expect(AnswerSpec.isNo(code) == AnswerParser.noWords.contains(word), "\(word)")
            #expect(AnswerSpec.isNotApplicable(code) == (word == "na" || word == "n/a"), "\(word)")
        }
    }

    @Test("finds every duplicate id and only those")
    func idSetFindsDuplicates() {
        var set = AuditIDSet()
        var plain = Set<String>()
        var ids: [String] = []
        for number in 1...300 { ids.append("A\(String(repeating: "0", count: 9 - String(number).count))\(number)") }
        ids += ["A1", "A01", "A001", "B000000001", "T-5", "T-05", "ticket", "TICKET", "X123456789012345678", "X123456789012345679"]
        ids += ["A000000005", "A000000299", "A1", "T-5", "ticket", "X123456789012345678", "A000000064", "A000000063"]
        for id in ids {
            #expect(set.insert(id) == plain.insert(id).inserted, "\(id)")
        }
    }
}
