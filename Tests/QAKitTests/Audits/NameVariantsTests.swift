import QAKit
import Testing

/// `NameVariants` on names as a CSV export would spell them, one audit per call.
@Suite("NameVariants")
struct NameVariantsTests {
    /// The variants found over `audits` (agent, team, reviewer), as `field spelling<-earlier@line`.
    static func variants(_ audits: [(String, String?, String)]) -> [String] {
        var detector = NameVariants()
        var found: [String] = []
        for (line, audit) in audits.enumerated() {
            detector.note(agent: audit.0, team: audit.1, reviewer: audit.2, file: "a.csv", line: line + 2) { variant in
                found.append("\(variant.field) \(variant.spelling.text)@\(variant.spelling.line)<-\(variant.earlier.text)@\(variant.earlier.line)")
            }
        }
        return found
    }

    @Test func caseAndWhitespaceVariantsAreFoundOncePerSpelling() {
        #expect(Self.variants([
            ("Sofia Reyes", "North", "Rev"), ("sofia reyes", "north", "Rev"), ("Sofia Reyes", "North", "Rev"),
            ("Sofia \t Reyes", nil, "REV"), ("sofia reyes", "north", "Rev"),
        ]) == [
            "agent sofia reyes@3<-Sofia Reyes@2", "team north@3<-North@2",
            "agent Sofia \t Reyes@5<-Sofia Reyes@2", "reviewer REV@5<-Rev@2",
        ])
    }

    /// A space inside a name counts (`Ann Alee` is not `Anna Lee`), and fields are apart: an agent
    /// called `North` is no variant of the team `north`.
    @Test func otherNamesAreNotVariants() {
        #expect(Self.variants([("Anna Lee", "north", "Rev"), ("Ann Alee", nil, "Rev"), ("North", nil, "Rev")]).isEmpty)
    }

    @Test func manySpellingsAreEachNotedOnce() {
        let audits = (0..<5000).map { ("Agent \($0)", "Team \($0 % 7)", "Reviewer \($0 % 13)") }
        #expect(Self.variants(audits + audits).isEmpty)
        #expect(Self.variants(audits + [("AGENT 4999", "team 6", "Reviewer 1")]).count == 2)
    }
}
