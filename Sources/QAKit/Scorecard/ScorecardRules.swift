import QAKitYAML

/// Checks that need the whole scorecard: something must be scored, and not by bonus alone.
struct ScorecardRules {
    let log: DiagnosticLog

    func check(_ scorecard: Scorecard, root: Node) {
        let scored = scorecard.sections.filter { section in
            section.weight > .zero && section.criteria.contains { $0.weight > .zero }
        }
        guard !scored.contains(where: { !$0.isBonus }) else { return }
        let sections = root.mapping?["sections"]
        if let bonus = scored.first, let mark = bonusMark(of: bonus.id, in: sections) {
            log.report(.bonusOnlyScored(section: bonus.id), at: mark)
        } else if !scorecard.sections.isEmpty, let mark = sections?.mark {
            log.report(.noScoredCriterion, at: mark)
        }
    }

    /// Where the `bonus` key of section `id` is written.
    private func bonusMark(of id: String, in sections: Node?) -> Mark? {
        let section = sections?.sequence?.items.first { $0.mapping?["id"]?.scalar?.string == id }
        return section?.mapping?.pair("bonus")?.key.mark
    }
}
