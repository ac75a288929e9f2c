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

    /// `1 audit`, `0 audits`, `2 criteria`: the count with its noun in the number it takes.
    static func plural(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// `was` for one, `were` for any other count (0 included).
    static func was(_ count: Int) -> String { count == 1 ? "was" : "were" }

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
        case (.choice(let index), .select(let options)) where options.indices.contains(index): return options[index].label
        case (.options(let indices), .multiSelect(let options)):
            return indices.filter(options.indices.contains).map { options[$0].label }.joined(separator: ", ")
        case (.number(let value), _): return value.decimalString(maximumPlaces: Criterion.numberPlaces)
        case (.date(let date), _): return date.description
        case (.text(let text), _): return text
        default: return "—"
        }
    }

    /// What the top of the rubric looks like: `levels[max]` of a scale, the best option's label.
    static func topLevel(of criterion: Criterion) -> String? {
        switch criterion.kind {
        case .scale(_, let maximum, let levels): levels[maximum].map { "\(maximum): \($0)" }
        case .choice(let options): options.max { $0.credit < $1.credit }.map(\.label)
        case .yesNo, .points, .number, .text, .date, .select, .multiSelect: nil
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
        case .number, .text, .date, .select, .multiSelect:
            let against = team.map { ", against \(percent($0)) for \(teamPhrase)" } ?? ""
            return "\(percent(mean)) of full credit over \(plural(item.scored, "audit"))\(against)."
        }
    }

    /// What the criterion cost: points per audit (and whether no criterion cost more), and
    /// what its critical failures took away: the audits, and the points between their raw
    /// scores and their scores.
    static func cost(_ item: CriterionPerformance, isCostliest: Bool, scorecard: Scorecard, audits: Int, evidence: [Evidence]) -> String {
        var sentence = ""
        if !item.pointsLost.isZero {
            let rankText = isCostliest ? ", more than any other criterion" : ""
            sentence = "It cost \(score(item.pointsLost)) points of score per audit on average across your \(plural(audits, "audit"))\(rankText)."
            if let lead = item.leadOverTeam, lead > .zero {
                sentence += " You are already ahead of the team average here; the points come from the \(plural(item.shortfalls, "audit")) that fell short."
            }
        }
        if item.criticalFailures > 0 {
            sentence += (sentence.isEmpty ? "" : " ") + criticalCost(item, scorecard: scorecard, audits: audits, evidence: evidence)
        }
        return sentence
    }

    /// "It failed as a critical criterion in 2 audits (S-03, S-01), each of which auto-failed the
    /// audit and set its score to 0: 130.00 points of score in all between …, 32.50 per audit …".
    static func criticalCost(_ item: CriterionPerformance, scorecard: Scorecard, audits: Int, evidence: [Evidence]) -> String {
        let count = item.criticalFailures
        let once = count == 1
        let cited = evidence.filter { $0.criticalCost != nil }.map(\.auditID)
        let ids = cited.isEmpty ? "" : cited.count == count ? " (\(cited.joined(separator: ", ")))" : " (most recent: \(cited.joined(separator: ", ")))"
        let opening = "It failed as a critical criterion in \(plural(count, "audit"))\(ids)"
        switch (item.criterion.critical, scorecard.criticalPolicy) {
        case (_, .flag):
            let recorded = item.criterion.critical == .scorecard ? "an auto-fail" : "a section failure"
            return "\(opening), \(once ? "recorded" : "each recorded") as \(recorded); under critical_policy: flag that costs no points of score."
        default:
            let what = item.criterion.critical == .scorecard
                ? (once ? "which auto-failed it and set its score to 0" : "each of which auto-failed the audit and set its score to 0")
                : (once ? "which set its section's score to 0" : "each of which set its section's score to 0")
            guard !item.criticalPoints.isZero else {
                return "\(opening), \(what), but the critical rule cost no points there beyond what the answers had already lost."
            }
            let between = once ? "between that audit's raw score and its score" : "in all between those audits' raw scores and their scores"
            let perAudit = audits > 0 ? ", \(score(item.criticalPoints / Rational(audits))) per audit across your \(plural(audits, "audit"))" : ""
            return "\(opening), \(what): \(score(item.criticalPoints)) points of score \(between)\(perAudit)."
        }
    }

    /// The points-lost cell of a piece of evidence: `3.03`, or `3.03 + 90.91 critical` when the
    /// criterion failed as critical there.
    static func evidencePoints(_ evidence: Evidence) -> String {
        guard let critical = evidence.criticalCost else { return score(evidence.pointsLost) }
        return "\(score(evidence.pointsLost)) + \(score(critical)) critical"
    }

    // MARK: Summary and strengths

    /// The opening paragraph of an agent's notes.
    static func summary(_ summary: CoachingSummary, team: String?, teamPhrase: String, period: CoachingPeriod) -> String {
        var text = "Between \(period.from) and \(period.to), \(plural(summary.audits, "audit")) of your work \(was(summary.audits)) reviewed."
        if let mean = summary.meanScore {
            text += " Your mean score was \(score(mean))"
            if let team = summary.teamMeanScore { text += ", against \(score(team)) for \(teamPhrase)" }
            text += "."
        }
        if !summary.isTeamShown { text += " " + teamWithheld(summary, team: team, on: nil) }
        if summary.judged > 0, let rate = summary.passRate {
            text += " You passed \(summary.passes) of \(summary.judged) (\(percent(rate * .hundred)))."
        }
        if summary.autoFails > 0 {
            text += " \(plural(summary.autoFails, "audit")) \(was(summary.autoFails)) auto-failed on a critical criterion."
        }
        if let trend = summary.trend {
            let size = trend < .zero ? .zero - trend : trend
            if summary.isTrendReliable == false {
                text += " Your scores' least-squares trend was \(signed(trend)) points per 30 days, but it rests on \(plural(summary.scoredAudits, "audit")) over \(plural(summary.spanDays, "day")): too few to rely on, since a trend needs at least \(plural(CoachingSummary.reliableTrendAudits, "audit")) spanning \(plural(CoachingSummary.reliableTrendDays, "day")) before it says more than any single audit."
            } else if size.rounded().isZero {
                text += " Over the period your scores held steady (least-squares trend \(signed(trend)) points per 30 days)."
            } else {
                text += " Over the period your scores \(trend < .zero ? "fell" : "rose") by \(score(size)) points per 30 days (least-squares trend)."
            }
        } else {
            text += " There are too few audits or audit dates to show a trend yet."
        }
        return text
    }

    /// Why no team figure is shown: the comparison group has fewer agents than
    /// `coaching.min_team_size` (on the scorecard titled `scorecard`, when given).
    static func teamWithheld(_ summary: CoachingSummary, team: String?, on scorecard: String?) -> String {
        let count = summary.teamAgents
        let group = team.map { " in the \($0) team" } ?? ""
        let place = scorecard.map { " on \($0)" } ?? ""
        return "Team figures are not shown: only \(plural(count, "agent")) \(was(count)) audited\(group)\(place) in this period, fewer than the \(summary.minimumTeamSize) that coaching.min_team_size asks for, and with so few the team's averages would give away a colleague's scores. Goals aim at your baseline plus the target gain instead."
    }

    /// "Personalised greeting: 100.0% against 82.4% for the Tier 1 team, over 12 audits."
    static func strength(_ item: CriterionPerformance, teamPhrase: String) -> String {
        let team = item.teamMeanCredit.map { " against \(percent($0)) for \(teamPhrase)" } ?? ""
        let mean = item.meanCredit.map(percent) ?? "—"
        return "\(item.criterion.title): \(mean) of full credit\(team), over \(plural(item.scored, "audit"))."
    }

    /// The label of the reviewers' overall comments beside a note's evidence.
    static let overallCommentsHeading = "The reviewer's overall comments on these audits"

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

    /// `Bring CSAT from 80.0% to at least 90.0% (the team: 85.0%).`
    static func kpiActions(_ target: KPITarget, current: Rational, team: Rational?) -> [String] {
        let measure = target.measure
        let direction = target.bound == .min ? "at least" : "at most"
        let teamText = team.map { " (the team: \(measure.formatted($0)))" } ?? ""
        return ["Bring the \(measure.title) from \(measure.formatted(current)) to \(direction) \(measure.formatted(target.value))\(teamText)."]
    }

    /// How a KPI goal is checked: the KPI again over at least `min_audits` tickets by `due`.
    static func kpiFollowUp(_ target: KPITarget, minimumTickets: Int, due: CalendarDate) -> String {
        "Measure the \(target.measure.title) again over at least \(plural(minimumTickets, "ticket")) by \(due) (coach --metrics)."
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
