import Testing
@testable import QAKit

extension StatisticsTests {
@Suite("Leave-one-out consensus")
struct ConsensusTests {
    /// 80, 90, 100: the others' means are (90 + 100)/2 = 95, (80 + 100)/2 = 90, (80 + 90)/2 = 85.
    @Test("means of the other values")
    func means() {
        #expect(Consensus.leaveOneOutMeans([80, 90, 100]) == [95, 90, 85])
    }

    @Test("with two raters each one's reference is the other's value")
    func twoRaters() {
        #expect(Consensus.leaveOneOutMeans([70.1, 85.3]) == [85.3, 70.1])
    }

    @Test("a lone value has no consensus")
    func loneValue() {
        #expect(Consensus.leaveOneOutMeans([5]) == [nil])
        #expect(Consensus.leaveOneOutMeans([]) == [])
        #expect(Consensus.leaveOneOutModes(["yes"]) == [nil])
    }

    /// yes, yes, no: the first two see (yes, no), a tie, so both count; the third sees (yes, yes).
    @Test("modes keep ties")
    func modesWithTies() {
        #expect(Consensus.leaveOneOutModes(["yes", "yes", "no"]) == [["yes", "no"], ["yes", "no"], ["yes"]])
    }

    /// a, b, b, c: a sees (b, b, c) → b; each b sees (a, b, c) → a three-way tie; c sees (a, b, b) → b.
    @Test("modes of the other answers")
    func modes() {
        #expect(Consensus.leaveOneOutModes(["a", "b", "b", "c"]) == [["b"], ["a", "b", "c"], ["a", "b", "c"], ["b"]])
    }

    /// yes, yes, no: each yes sees a yes/no tie, which counts as a match; no sees (yes, yes).
    /// a, b, b, c: a and c see b as the mode; each b sees a three-way tie that includes b.
    @Test("matches count ties")
    func matches() {
        #expect(Consensus.leaveOneOutMatches(["yes", "yes", "no"]) == [true, true, false])
        #expect(Consensus.leaveOneOutMatches(["a", "b", "b", "c"]) == [false, true, true, false])
        #expect(Consensus.leaveOneOutMatches(["yes"]) == [nil])
    }

    @Test("matches agree with membership in the modes", arguments: AgreementFixture.all)
    func matchesAgreeWithModes(fixture: AgreementFixture) {
        for unit in fixture.units {
            let answers = unit.compactMap { $0 }
            let modes = Consensus.leaveOneOutModes(answers)
            let expected = zip(answers, modes).map { answer, modes in modes.map { $0.contains(answer) } }
            #expect(Consensus.leaveOneOutMatches(answers) == expected)
        }
    }
}
}
