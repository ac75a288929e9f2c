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
        // The fields and numbers of real-world forms (docs/scorecards.md).
        Criterion(id: "minutes", title: "minutes", kind: .number(ranges: []), allowsNA: true),
        Criterion(id: "ranged", title: "ranged", kind: .number(ranges: [
            NumberRange(minimum: Rational(-2), maximum: Rational(5, 2), credit: .one),
            NumberRange(minimum: Rational(10), maximum: Rational(12), credit: .zero),
        ])),
        Criterion(id: "fine", title: "fine", kind: .number(ranges: [NumberRange(minimum: Rational(1, 3), maximum: Rational(1), credit: .one)])),
        Criterion(id: "day", title: "day", kind: .date),
        Criterion(id: "note", title: "note", kind: .text, allowsNA: true),
        Criterion(id: "reason", title: "reason", kind: .select([
            ChoiceOption(value: "Billing", label: "b", credit: .zero), ChoiceOption(value: "n", label: "n", credit: .zero),
        ])),
        Criterion(id: "causes", title: "causes", kind: .multiSelect([
            ChoiceOption(value: "process", label: "p", credit: .zero), ChoiceOption(value: "Tooling", label: "t", credit: .zero),
            ChoiceOption(value: "résumé", label: "r", credit: .zero),
        ]), allowsNA: true),
    ]

    static let cells = [
        "", "  ", "\t", "yes", "YES", " y ", "Pass", "FAIL", "true", "1", "0", "no", "n/a", "N/A", "na", "nA", "maybe", "+3", "-1",
        "-2", "6", "03", "3.0", "++3", "+-1", "5.5", "5.55", "5.555", "10", "10.00", "10.01", "2.5", "2.51", ".5", "5.", "-0",
        "0.00", "o0", "O1", "o3", "resolved", "RESOLVED", "Résolu", "résolu", "A_VERY_LONG_OPTION_VALUE", "１", "y\u{301}",
        "9999999999999999999999", "123456789012345678",
        // numbers, dates, text and options
        "2.5", "2.500000", "2.5000001", "-2", "-2.000001", "12", "12.0", "0.333333", "0.3333333", "1e3", "+10.5", "123456789012",
        "1234567890123", "2026-02-28", "2026-02-29", "2024-02-29", "2026-2-28", "2026-02-28T10:00:00Z", " 2026-03-01 ", "billing",
        "BILLING", "N", "process", "process;tooling", "Tooling ; process;", ";;", "process;;x", "process; process", "Résumé",
        "résumé;process", "hello world", " padded text\t",
    ]

    static func general(_ cell: String, _ criterion: Criterion) -> String {
        do { return String(describing: try AnswerParser.parse(cell, for: criterion)) } catch { return "error \(error)" }
    }

    @Test("reads a cell as AnswerParser does, or leaves it to AnswerParser")
    func readerAgreesWithParser() {
        for criterion in Self.criteria {
            var tables = AnswerSpec.Tables()
            let spec = AnswerSpec(criterion, tables: &tables)
            for cell in Self.cells {
                switch spec.read(cell, tables: tables) {
                case .general: continue
                case .unanswered: #expect(Self.general(cell, criterion) == "nil", "'\(cell)' for \(criterion.id)")
                case .text:
                    #expect(Self.general(cell, criterion) == String(describing: Optional(Answer.text(AnswerParser.trimmed(cell)))),
                            "'\(cell)' for \(criterion.id)")
                case .answer(let answer):
                    #expect(Self.general(cell, criterion) == String(describing: Optional(answer)), "'\(cell)' for \(criterion.id)")
                }
            }
        }
    }

    @Test("takes the common answers itself")
    func readerCoversCommonAnswers() {
        // Each criterion with cells its reader must take itself, not leave to the parser.
        let common: [String: [String]] = [
            "yn": ["yes", "No", " y ", "PASS", "0"], "minutes": ["4", "2.5", "-0.000001", "N/A"], "ranged": ["2.5", "-2", "11.25"],
            "day": ["2026-02-28"], "note": ["any text at all"], "reason": ["billing", "N"], "causes": ["process;tooling", "Tooling ; process;"],
        ]
        for criterion in Self.criteria {
            var tables = AnswerSpec.Tables()
            let spec = AnswerSpec(criterion, tables: &tables)
            for cell in common[criterion.id] ?? [] {
                switch spec.read(cell, tables: tables) {
                case .answer, .text: continue
                case .general, .unanswered: Issue.record("'\(cell)' for \(criterion.id) went to the general path")
                }
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
