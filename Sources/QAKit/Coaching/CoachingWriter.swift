/// The sentences of coaching notes and plans, written from the rubric's own words and the
/// agent's figures. Every number it writes comes with the counts it was computed from.
enum CoachingWriter {
    // MARK: Numbers

    /// `42.9%` from a percentage.
    static func percent(_ value: Rational) -> String { "\(value.formatted(places: 1))%" }

    /// A score with two decimals, as reports round it.
    static func score(_ value: Rational) -> String { value.formatted() }

    /// `+2.31` / `-0.50`.
    static func signed(_ value: Rational) -> String {
        value < .zero ? value.formatted() : "+" + value.formatted()
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    // MARK: Answers

    /// An answer as a reader understands it.
    static func label(_ answer: Answer?, for criterion: Criterion) -> String {
        guard let answer else { return "not answered" }
        switch (answer, criterion.kind) {
        case (.yes, _): return "yes"
        case (.no, _): return "no"
        case (.notApplicable, _): return "N/A"
        case (.scale(let value), .scale(_, let maximum, _)): return "\(value) of \(maximum)"
        case (.choice(let index), .choice(let options)) where options.indices.contains(index): return options[index].label
        case (.points(let points), .points(let maximum)):
            return "\(points.decimalString(maximumPlaces: 2)) of \(maximum.decimalString(maximumPlaces: 2)) points"
        default: return "—"
        }
    }

    /// What the top of the rubric looks like: `levels[max]` of a scale, the best option's label.
    static func topLevel(of criterion: Criterion) -> String? {
        switch criterion.kind {
        case .scale(_, let maximum, let levels): levels[maximum].map { "\(maximum): \($0)" }
        case .choice(let options): options.max { $0.credit < $1.credit }.map(\.label)
        case .yesNo, .points: nil
        }
    }

    // MARK: Performance

    /// "Met in 3 of 7 audits (42.9%), against 81.3% for the Tier 1 team." and the like.
    static func performance(_ item: CriterionPerformance, teamPhrase: String) -> String {
        guard let mean = item.meanCredit else {
            return "Not scored in this period (it carries no weight), so only its critical failures count."
        }
        let team = item.teamMeanCredit
        switch item.criterion.kind {
        case .yesNo:
            let met = item.answerMet
            let against = team.map { ", against \(percent($0)) for \(teamPhrase)" } ?? ""
            return "Met in \(met) of \(plural(item.scored, "audit")) (\(percent(mean)))\(against)."
        case .scale(let minimum, let maximum, _):
            let average = { (credit: Rational) in
                (Rational(minimum) + credit / .hundred * Rational(maximum - minimum)).formatted(places: 1)
            }
            let against = team.map { ", against \(average($0)) for \(teamPhrase)" } ?? ""
            return "Average \(average(mean)) of \(maximum) over \(plural(item.scored, "audit"))\(against)."
        case .choice(let options):
            var parts: [String] = []
            for (index, option) in options.enumerated() where item.answerCounts.indices.contains(index) && item.answerCounts[index] > 0 {
                parts.append("\(option.label.lowercasedFirst) in \(item.answerCounts[index])")
            }
            if let na = item.answerCounts.last, item.answerCounts.count == options.count + 1, na > 0 {
                parts.append("N/A in \(na)")
            }
            let against = team.map { ", against \(percent($0)) for \(teamPhrase)" } ?? ""
            return "Over \(plural(item.scored, "audit")): \(parts.joined(separator: ", ")); \(percent(mean)) of full credit\(against)."
        case .points(let maximum):
            let average = { (credit: Rational) in (credit / .hundred * maximum).formatted(places: 1) }
            let against = team.map { ", against \(average($0)) for \(teamPhrase)" } ?? ""
            return "Average \(average(mean)) of \(maximum.decimalString(maximumPlaces: 2)) points over \(plural(item.scored, "audit"))\(against)."
        }
    }

    /// What the criterion cost: points per audit (and whether no criterion cost more), and
    /// critical failures.
    static func cost(_ item: CriterionPerformance, isCostliest: Bool, scorecard: Scorecard, audits: Int) -> String {
        var sentence = ""
        if !item.pointsLost.isZero {
            let rankText = isCostliest ? ", more than any other criterion" : ""
            sentence = "It cost \(score(item.pointsLost)) points of score per audit on average across your \(plural(audits, "audit"))\(rankText)."
            if let lead = item.leadOverTeam, lead > .zero {
                sentence += " You are already ahead of the team average here; the points come from the \(plural(item.shortfalls, "audit")) that fell short."
            }
        }
        if item.criticalFailures > 0 {
            let once = item.criticalFailures == 1
            let what: String
            switch (item.criterion.critical, scorecard.criticalPolicy) {
            case (.scorecard, .zero): what = once ? "which auto-failed the audit and set its score to 0" : "each one auto-failed the audit and set its score to 0"
            case (.section, .zero): what = once ? "which set its section's score to 0" : "each one set its section's score to 0"
            case (.scorecard, .flag): what = once ? "which is recorded as an auto-fail" : "each one is recorded as an auto-fail"
            default: what = once ? "which is recorded as a section failure" : "each one is recorded as a section failure"
            }
            let failures = once ? "once" : "\(item.criticalFailures) times"
            sentence += (sentence.isEmpty ? "" : " ") + "It failed as a critical criterion \(failures), \(what)."
        }
        return sentence
    }

    // MARK: Summary and strengths

    /// The opening paragraph of an agent's notes.
    static func summary(_ summary: CoachingSummary, teamPhrase: String, period: CoachingPeriod) -> String {
        var text = "Between \(period.from) and \(period.to), \(plural(summary.audits, "audit")) of your work were reviewed."
        if let mean = summary.meanScore {
            text += " Your mean score was \(score(mean))"
            if let team = summary.teamMeanScore { text += ", against \(score(team)) for \(teamPhrase)" }
            text += "."
        }
        if summary.judged > 0, let rate = summary.passRate {
            text += " You passed \(summary.passes) of \(summary.judged) (\(percent(rate * .hundred)))."
        }
        if summary.autoFails > 0 {
            text += " \(plural(summary.autoFails, "audit")) \(summary.autoFails == 1 ? "was" : "were") auto-failed on a critical criterion."
        }
        if let trend = summary.trend {
            let size = trend < .zero ? .zero - trend : trend
            if size.rounded().isZero {
                text += " Over the period your scores held steady (least-squares trend \(signed(trend)) points per 30 days)."
            } else {
                text += " Over the period your scores \(trend < .zero ? "fell" : "rose") by \(score(size)) points per 30 days (least-squares trend)."
            }
        } else {
            text += " There are too few audits or audit dates to show a trend yet."
        }
        return text
    }

    /// "Personalised greeting: 100.0% against 82.4% for the Tier 1 team, over 12 audits."
    static func strength(_ item: CriterionPerformance, teamPhrase: String) -> String {
        let team = item.teamMeanCredit.map { " against \(percent($0)) for \(teamPhrase)" } ?? ""
        let mean = item.meanCredit.map(percent) ?? "—"
        return "\(item.criterion.title): \(mean) of full credit\(team), over \(plural(item.scored, "audit"))."
    }

    // MARK: Goals

    static func actions(for note: CoachingNote) -> [String] {
        var actions: [String] = []
        if let tip = note.tip { actions.append(tip) }
        if !note.resources.isEmpty { actions.append("Read \(note.resources.joined(separator: "; ")).") }
        if !note.evidence.isEmpty {
            let ids = note.evidence.map(\.auditID).joined(separator: ", ")
            let yardstick = note.topLevel == nil ? "the rubric's guidance" : "the rubric's top level"
            let which = note.evidence.count == 1 ? "it" : "each"
            actions.append("Go through \(ids) with your team lead and compare \(which) with \(yardstick).")
        }
        return actions
    }

    static func followUp(minimumAudits: Int, scorecard: Scorecard, due: CalendarDate) -> String {
        "Re-audit at least \(plural(minimumAudits, "interaction")) on \(scorecard.title) by \(due)."
    }
}

extension String {
    /// "Fully resolved" → "fully resolved", leaving acronyms ("KB article") alone.
    var lowercasedFirst: String {
        guard let first = first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}

extension CriterionPerformance {
    /// For yes/no criteria: audits answered yes (credit 1), derived from the mean credit.
    var answerMet: Int {
        guard let meanCredit else { return 0 }
        let met = meanCredit / .hundred * Rational(scored)
        return Int(met.numerator / met.denominator)
    }
}
