import Testing
import Foundation
@testable import QAKit

/// Random scorecards using every key of docs/scorecards.md "Keys for real-world forms", and
/// random audits for them, scored three ways: by `Oracle` below (a plain re-statement of
/// docs/scoring.md rules 1 to 8, written from the docs and sharing nothing with `ScoreEngine`
/// but `Rational`), by `ScoreEngine.referenceScore`, and by `ScoreEngine.score` (the compiled
/// `ScoringPlan` where the scorecard gets one). All three must agree on every figure.
///
/// Audits hold every kind of answer, N/A, blanks, and answers of the wrong kind (which no
/// decoder produces: the rules give them no credit, no failure and no penalty, and a condition
/// sees their own value). Deterministic (`SplitMix64`): a failure names its seed.
@Suite("Form keys: random differential test against a re-statement of docs/scoring.md")
struct FormKeyDifferentialTests {
    typealias Random = RowRunTests.Random
    static func r(_ text: String) -> Rational { Rational.parseDecimal(text)!.value }

    // MARK: The oracle

    /// docs/scoring.md, rules 1 to 8, one audit at a time.
    enum Oracle {
        struct Item { var criterion: Criterion; var section: Int }
        struct CriterionFigures: Equatable { var applies: Bool; var credit: Rational?; var scored: Bool; var failed: Bool; var penalty: Rational? }
        struct SectionFigures: Equatable { var score: Rational?; var raw: Rational?; var failed: Bool }
        struct Figures: Equatable {
            var score: Rational?, raw: Rational?, autoFailed: Bool, passed: Bool?, band: String?
            var sections: [SectionFigures], criteria: [CriterionFigures]
        }

        /// The shortest decimal form of a value with a finite expansion of at most 6 places.
        static func decimal(_ value: Rational) -> String {
            let scaled = value * Rational(1_000_000)
            precondition(scaled.denominator == 1)
            let negative = scaled.numerator < 0
            let magnitude = negative ? -scaled.numerator : scaled.numerator
            var fraction = String(magnitude % 1_000_000)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.last == "0" { fraction.removeLast() }
            return (negative ? "-" : "") + String(magnitude / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
        }

        /// "Conditions on answers": the values an answer shows a condition.
        static func shown(_ answer: Answer, _ criterion: Criterion) -> [String] {
            let options = criterion.kind.options ?? []
            switch answer {
            case .yes: return ["yes"]
            case .no: return ["no"]
            case .notApplicable: return ["na"]
            case .scale(let v): return [String(v)]
            case .choice(let i): return i >= 0 && i < options.count ? [options[i].value] : []
            case .points(let v), .number(let v): return [decimal(v)]
            case .date(let d): return [d.description]
            case .text(let t): return [t]
            case .options(let list): return options.indices.filter(list.contains).map { options[$0].value }
            }
        }

        static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

        static func holds(_ condition: Condition, fields: [String: String], answers: [Answer?], items: [Item], applies: [Bool]) -> Bool {
            for clause in condition.clauses {
                if let item = clause.item {
                    guard item < applies.count, applies[item], let answer = answers[item] else { return false }
                    let values = shown(answer, items[item].criterion)
                    if !values.contains(where: { v in clause.values.contains { same($0, v) } }) { return false }
                } else {
                    guard let value = fields[clause.field], clause.values.contains(where: { same($0, value) }) else { return false }
                }
            }
            return true
        }

        /// Rule 1 (and what rules 4 and 8 need): credit, `fails`, penalty of a non-N/A answer.
        static func judge(_ answer: Answer, _ criterion: Criterion) -> (credit: Rational, fails: Bool, penalty: Rational?)? {
            switch (answer, criterion.kind) {
            case (.yes, .yesNo): return (.one, false, nil)
            case (.no, .yesNo): return (.zero, false, criterion.penalty)
            case (.scale(let v), .scale(let low, let high, _)): return (Rational(Int128(v - low), Int128(high - low)), false, nil)
            case (.choice(let i), .choice(let options)):
                guard i >= 0 && i < options.count else { return nil }
                return (options[i].credit, options[i].fails, options[i].penalty)
            case (.points(let v), .points(let top)): return (v / top, false, nil)
            case (.number(let v), .number(let ranges)):
                guard let range = ranges.first(where: { $0.minimum <= v && v <= $0.maximum }) else { return nil }
                return (range.credit, range.fails, range.penalty)
            default: return nil
            }
        }

        static func score(_ card: Scorecard, _ audit: Audit) -> Figures {
            let items = card.sections.enumerated().flatMap { s, section in section.criteria.map { Item(criterion: $0, section: s) } }
            let answers = items.indices.map { $0 < audit.answers.count ? audit.answers[$0] : nil }
            var applies: [Bool] = []
            var criteria: [CriterionFigures] = []
            for (index, item) in items.enumerated() {
                let section = card.sections[item.section]
                var ok = true
                for (when, unless) in [(section.when, section.unless), (item.criterion.when, item.criterion.unless)] {
                    if let when, !holds(when, fields: audit.fields, answers: answers, items: items, applies: applies) { ok = false }
                    if let unless, holds(unless, fields: audit.fields, answers: answers, items: items, applies: applies) { ok = false }
                }
                applies.append(ok)
                var figures = CriterionFigures(applies: ok, credit: nil, scored: false, failed: false, penalty: nil)
                let c = item.criterion
                if ok, let answer = answers[index], !c.kind.isField {
                    var credit: Rational?
                    var fails = false
                    if answer == .notApplicable {
                        switch c.naPolicy ?? card.naPolicy {
                        case .exclude: credit = nil
                        case .pass: credit = .one
                        case .fail: credit = .zero
                        }
                    } else if let judged = judge(answer, c) {
                        (credit, fails, figures.penalty) = (judged.credit, judged.fails, judged.penalty)
                    }
                    if let credit {
                        if c.critical != .none { figures.failed = fails || (c.criticalBelow.map { credit < $0 } ?? (credit == .zero)) }
                        if c.weight > .zero { figures.credit = credit; figures.scored = true }
                    }
                }
                criteria.append(figures)
            }
            let zero = card.criticalPolicy == .zero
            let autoFailed = zip(items, criteria).contains { $0.criterion.critical == .scorecard && $1.failed }
            var sections: [SectionFigures] = []
            var sums: [(earned: Rational, possible: Rational)] = []
            for s in card.sections.indices {
                var earned = Rational.zero, possible = Rational.zero, failed = false
                for (item, figures) in zip(items, criteria) where item.section == s {
                    if item.criterion.critical == .section && figures.failed { failed = true }
                    if figures.scored { earned += item.criterion.weight * figures.credit!; possible += item.criterion.weight }
                }
                let raw: Rational? = possible == .zero ? nil : earned / possible
                sections.append(SectionFigures(score: raw.map { failed && zero ? .zero : $0 }, raw: raw, failed: failed))
                sums.append((earned, possible))
            }
            let penalty = criteria.reduce(Rational.zero) { $0 + ($1.penalty ?? .zero) }
            var rawNumerator = Rational.zero, finalNumerator = Rational.zero, denominator = Rational.zero
            for (s, section) in card.sections.enumerated() where section.weight > .zero {
                let w = section.weight
                let zeroed = sections[s].failed && zero
                if card.scoring == .points {
                    rawNumerator += w * sums[s].earned
                    if !zeroed { finalNumerator += w * sums[s].earned }
                    if !section.isBonus { denominator += w * sums[s].possible }
                } else if let raw = sections[s].raw {
                    rawNumerator += w * raw
                    if !zeroed { finalNumerator += w * raw }
                    if !section.isBonus { denominator += w }
                }
            }
            var raw: Rational?, score: Rational?
            if denominator > .zero {
                func value(_ numerator: Rational) -> Rational {
                    let v = card.scoring == .points ? Rational(100) * (numerator - penalty) / denominator
                        : Rational(100) * numerator / denominator - penalty
                    return v < .zero ? .zero : v
                }
                raw = value(rawNumerator)
                score = zero ? (autoFailed ? .zero : value(finalNumerator)) : raw
            } else if autoFailed && zero {
                score = .zero
            }
            // Half away from zero to hundredths (scores are never negative here).
            let rounded = score.map { s -> Rational in
                let cents = s * Rational(100) + Rational(1, 2)
                return Rational(cents.numerator / cents.denominator, 100)
            }
            var passed: Bool? = autoFailed ? false : nil
            if !autoFailed, let passing = card.passingScore, let rounded { passed = rounded >= passing }
            let band = rounded.flatMap { value in card.bands.filter { $0.minimum <= value }.max { $0.minimum < $1.minimum }?.name }
            return Figures(score: score, raw: raw, autoFailed: autoFailed, passed: passed, band: band, sections: sections, criteria: criteria)
        }

        static func figures(of result: AuditScore) -> Figures {
            Figures(score: result.score, raw: result.rawScore, autoFailed: result.isAutoFailed, passed: result.passed, band: result.band,
                    sections: result.sections.map { SectionFigures(score: $0.score, raw: $0.rawScore, failed: $0.failed) },
                    criteria: result.criteria.map {
                        CriterionFigures(applies: $0.applies, credit: $0.credit, scored: $0.scored, failed: $0.failedCritical, penalty: $0.penalty)
                    })
        }
    }

    // MARK: The generator

    static let channels = ["email", "chat", "phone"]

    /// The values a condition on `criterion` may list (some in other case, some never taken).
    static func conditionValues(_ criterion: Criterion, _ random: inout Random) -> [String] {
        var all: [String]
        switch criterion.kind {
        case .yesNo: all = ["yes", "no", "NA", "Yes"]
        case .scale(let low, let high, _): all = (low...high).map(String.init)
        case .choice(let options), .select(let options), .multiSelect(let options): all = options.map(\.value) + options.map { $0.value.uppercased() }
        case .points: all = ["0", "1", "2.5", "10"]
        case .number: all = ["0", "5", "7.5", "60", "12.3"]
        case .date: all = ["2026-08-03", "2026-08-04"]
        case .text: all = ["ok", "OK", "late"]
        }
        return (0..<random.int(1..<3)).map { _ in random.pick(all) }
    }

    /// A `when` or `unless` on audit fields and on the items before `limit` (positions in `items`).
    static func condition(_ items: [Criterion], limit: Int, _ random: inout Random) -> Condition? {
        guard random.chance(35) else { return nil }
        var clauses: [Condition.Clause] = []
        if limit == 0 || random.chance(40) {
            clauses.append(.init(field: random.pick(["channel", "team"]), values: [random.pick(channels + ["a", "B"]), random.pick(channels)]))
        }
        if limit > 0 && (clauses.isEmpty || random.chance(30)) {
            let item = random.int(0..<limit)
            clauses.append(.init(field: items[item].id, values: conditionValues(items[item], &random), item: item))
        }
        return Condition(clauses: clauses)
    }

    static func scorecard(_ random: inout Random) -> Scorecard {
        var flat: [Criterion] = []
        var sections: [Section] = []
        let weights = ["0", "1", "1", "2", "0.5", "1.25", "3"]
        for s in 0..<random.int(1..<5) {
            let sectionStart = flat.count
            let when = condition(flat, limit: sectionStart, &random), unless = condition(flat, limit: sectionStart, &random)
            var criteria: [Criterion] = []
            for _ in 0..<random.int(1..<6) {
                let id = "c\(flat.count)"
                let critical: CriticalScope = random.chance(60) ? .none : random.pick([.section, .scorecard])
                let kind: Criterion.Kind
                var penalty: Rational?
                func outcome() -> (fails: Bool, penalty: Rational?) {
                    (critical != .none && random.chance(25), random.chance(25) ? r(random.pick(["5", "15", "2.5", "0.0001", "40"])) : nil)
                }
                switch random.int(0..<10) {
                case 0, 1:
                    kind = .yesNo
                    if random.chance(30) { penalty = r(random.pick(["5", "15", "2.5", "100"])) }
                case 2:
                    let low = random.int(0..<3)
                    kind = .scale(minimum: low, maximum: low + random.int(1..<5), levels: [:])
                case 3, 4:
                    let credits = ["0", "0.25", "0.5", "1", "0.3", "0.75", "1"]
                    kind = .choice((0..<random.int(2..<5)).map { i in
                        let (fails, penalty) = outcome()
                        return ChoiceOption(value: "v\(i)", label: "V\(i)", credit: r(random.pick(credits)), fails: fails, penalty: penalty)
                    })
                case 5:
                    kind = .points(maximum: r(random.pick(["10", "5", "2.5", "3", "0.75"])))
                case 6, 7:
                    // Contiguous ranges on tenths: [0, a], [a + 0.1, b], ..., some values left out.
                    var ranges: [NumberRange] = []
                    var low = 0
                    for _ in 0..<random.int(1..<4) {
                        let high = low + random.int(0..<400)
                        let (fails, penalty) = outcome()
                        ranges.append(NumberRange(minimum: Rational(Int128(low), 10), maximum: Rational(Int128(high), 10),
                                                  credit: r(random.pick(["0", "0.5", "1", "0.2"])), fails: fails, penalty: penalty))
                        low = high + random.pick([1, 1, 5])
                    }
                    kind = .number(ranges: ranges)
                default:
                    let options = (0..<3).map { ChoiceOption(value: "f\($0)", label: "F\($0)", credit: .zero) }
                    kind = random.pick([.text, .date, .select(options), .multiSelect(options), .number(ranges: [])])
                }
                let field = kind.isField
                let na = !field && random.chance(40)
                let criterion = Criterion(
                    id: id, title: id, kind: kind, weight: field ? .zero : r(random.pick(weights)), allowsNA: na,
                    isRequired: field ? false : random.chance(70), critical: field ? .none : critical,
                    when: condition(flat, limit: flat.count, &random), unless: condition(flat, limit: flat.count, &random),
                    naPolicy: na && random.chance(50) ? random.pick(NAPolicy.allCases) : nil,
                    criticalBelow: !field && critical != .none && random.chance(40) ? r(random.pick(["0.5", "1", "0.25", "0.6"])) : nil,
                    penalty: penalty)
                criteria.append(criterion)
                flat.append(criterion)
            }
            sections.append(Section(id: "s\(s)", title: "S\(s)", weight: r(random.pick(weights)), isBonus: s > 0 && random.chance(20),
                                    criteria: criteria, when: when, unless: unless))
        }
        var card = Scorecard(
            id: "random", title: "Random", version: 1,
            passingScore: random.chance(70) ? r(random.pick(["0", "50", "72.5", "85", "100", "33.335"])) : nil,
            bands: random.chance(50) ? [Band(name: "Top", minimum: r("90")), Band(name: "Mid", minimum: r("60.5")), Band(name: "Low", minimum: .zero)] : [],
            naPolicy: random.pick(NAPolicy.allCases), criticalPolicy: random.pick([.zero, .flag]), sections: sections)
        card.scoring = random.pick(ScoringMode.allCases)
        return card
    }

    /// A valid answer for `criterion`, or N/A, a blank, or one of the wrong kind.
    static func answer(_ criterion: Criterion, _ random: inout Random) -> Answer? {
        if random.chance(12) { return nil }
        if criterion.allowsNA && random.chance(20) { return .notApplicable }
        if random.chance(4) {
            return random.pick([.yes, .no, .scale(2), .choice(1), .choice(7), .points(r("1")), .number(r("7.5")), .text("ok"), .options([0, 2])])
        }
        switch criterion.kind {
        case .yesNo: return random.chance(50) ? .yes : .no
        case .scale(let low, let high, _): return .scale(random.int(low..<high + 1))
        case .choice(let options), .select(let options): return .choice(random.int(0..<options.count))
        case .multiSelect(let options): return .options((0..<options.count).filter { _ in random.chance(50) })
        case .points(let top):
            let cents = Int((top * Rational(100)).numerator)
            return .points(Rational(Int128(random.int(0..<cents + 1)), 100))
        case .number(let ranges):
            // Mostly in a range (ends included), sometimes between or beyond them.
            if !ranges.isEmpty, random.chance(85) {
                let pick = random.pick(ranges)
                let low = Int((pick.minimum * Rational(10)).numerator), high = Int((pick.maximum * Rational(10)).numerator)
                return .number(Rational(Int128(random.pick([low, high, random.int(low..<high + 1)])), 10))
            } else {
                return .number(Rational(Int128(random.int(0..<5000)), 10))
            }
        case .date: return .date(CalendarDate(year: 2026, month: 8, day: random.pick([3, 4]))!)
        case .text: return .text(random.pick(["ok", "Ok", "late", "x"]))
        }
    }

    static func audit(_ card: Scorecard, _ random: inout Random) -> Audit {
        var fields: [String: String] = [:]
        if random.chance(85) { fields["channel"] = random.pick(channels + ["Email"]) }
        if random.chance(50) { fields["team"] = random.pick(["a", "b"]) }
        return Audit(id: "a", interactionID: "i", agent: "x", reviewer: "y", date: CalendarDate(year: 2026, month: 8, day: 3)!,
                     fields: fields, answers: card.criteria.map { answer($0.criterion, &random) })
    }

    // MARK: Tests

    @Test("the reference engine and the plan agree with the re-statement of the rules", arguments: [UInt64(11), 12, 13, 14])
    func randomCases(seed: UInt64) {
        var random = Random(state: seed)
        var mismatches = 0
        var planned = 0, cards = 0
        for round in 0..<250 {
            let card = Self.scorecard(&random)
            let engine = ScoreEngine(scorecard: card)
            cards += 1
            if engine.plan != nil { planned += 1 }
            for _ in 0..<8 {
                let audit = Self.audit(card, &random)
                let expected = Oracle.score(card, audit)
                let reference = Oracle.figures(of: engine.referenceScore(audit))
                let scored = Oracle.figures(of: engine.score(audit))
                if reference != expected || scored != expected {
                    mismatches += 1
                    if mismatches <= 3 {
                        Issue.record("seed \(seed) round \(round): oracle \(expected)\nreference \(reference)\nscore \(scored)")
                    }
                }
            }
        }
        #expect(mismatches == 0)
        print("FormKeyDifferentialTests seed \(seed): \(planned) of \(cards) scorecards got a plan")
    }

    /// The oracle itself, on docs/scoring.md's worked example: S_A = 1/4, S_B = 3/4, 41.67.
    @Test("the oracle reproduces the documented example")
    func oracleExample() {
        let card = Scorecard(id: "x", title: "x", version: 1, sections: [
            Section(id: "A", title: "A", weight: Rational(2), criteria: [
                Criterion(id: "a1", title: "a1", kind: .yesNo), Criterion(id: "a2", title: "a2", kind: .yesNo, weight: Rational(3)),
            ]),
            Section(id: "B", title: "B", criteria: [Criterion(id: "b1", title: "b1", kind: .scale(minimum: 1, maximum: 5, levels: [:]))]),
        ])
        let audit = Audit(id: "a", interactionID: "i", agent: "x", reviewer: "y", date: CalendarDate(year: 2026, month: 8, day: 3)!,
                          answers: [.yes, .no, .scale(4)])
        let figures = Oracle.score(card, audit)
        #expect(figures.sections.map(\.raw) == [Rational(1, 4), Rational(3, 4)])
        #expect(figures.score == Rational(125, 3))  // 100 × (2·1/4 + 1·3/4) / 3 = 41.666…
    }
}

/// `RowRunTests` for the form keys: CSV files of random audits for the random scorecards of
/// `FormKeyDifferentialTests`, read by `ScoringRun.run` for a consumer of rows (which takes most records straight
/// from their bytes, `CSVRowDecoder`) and by `ScoringRun.run` (every record decoded into an
/// `Audit` and scored by `ScoreEngine`): rows, aggregates, diagnostics and counts must be equal.
@Suite("Form keys: CSV fast path against the general path")
struct FormKeyRowRunTests {
    typealias Random = RowRunTests.Random

    /// A cell for `criterion`: valid in the spellings docs/audits.md accepts, or odd.
    static func cell(_ criterion: Criterion, _ random: inout Random) -> String {
        if random.chance(4) { return random.pick(["maybe", "N/A", "", "1e3", "2026-13-01", "f9", "7.1234567", "v9;f0", "ÿes"]) }
        if random.chance(10) { return random.pick(["", " "]) }
        if criterion.allowsNA && random.chance(15) { return random.pick(["N/A", "na", " n/a"]) }
        var text: String
        switch criterion.kind {
        case .yesNo: text = random.pick(["yes", "no", "Y", "n", "true", "0", "pass", "FAIL"])
        case .scale(let low, let high, _): text = String(random.int(low..<high + 1))
        case .choice(let options), .select(let options): text = random.pick(options).value
            if random.chance(10) { text = text.uppercased() }
        case .multiSelect(let options):
            text = (0..<random.int(1..<4)).map { _ in random.pick(options).value }.joined(separator: random.pick([";", " ; "]))
            if random.chance(5) { text = ";" }
        case .points(let top):
            let cents = random.int(0..<Int((top * Rational(100)).numerator) + 1)
            text = random.pick([Rational(Int128(cents), 100).decimalString(maximumPlaces: 2), Rational(Int128(cents), 100).formatted()])
        case .number(let ranges):
            var tenths = random.int(0..<5000)
            if let range = ranges.first, random.chance(85) {
                let pick = random.pick(ranges)
                _ = range
                let low = Int((pick.minimum * Rational(10)).numerator), high = Int((pick.maximum * Rational(10)).numerator)
                tenths = random.pick([low, high, random.int(low..<high + 1)])
            }
            let value = Rational(Int128(tenths), 10)
            text = random.pick([value.decimalString(maximumPlaces: 6), value.formatted(places: 3), "+" + value.formatted(places: 1)])
        case .date: text = random.pick(["2026-08-03", "2026-08-04", "2026-02-30"])
        case .text: text = random.pick(["ok", "OK", "late", "a text well beyond sixteen bytes, quoted"])
        }
        if random.chance(3) { text = " " + text + "\t" }
        return text
    }

    static func csv(_ card: Scorecard, count: Int, _ random: inout Random) -> String {
        let ids = card.criteria.map(\.criterion.id)
        let header = ["audit_id", "interaction_id", "agent", "reviewer", "date", "team", "channel"] + ids
        var lines = [header.joined(separator: ",")]
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for index in 0..<count {
            var cells = ["A\(random.chance(1) ? 0 : index)", "I\(index)", random.pick(["Ana", "Bo", "Cy"]), "R", "2026-08-0\(random.int(1..<10))",
                         random.pick(["a", "b", ""]), random.pick(["email", "chat", "phone", "Email", ""])]
            cells += card.criteria.map { cell($0.criterion, &random) }
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    final class Both: ScoreRowConsumer {
        let consumers: [ScoreRowConsumer]
        init(_ consumers: [ScoreRowConsumer]) { self.consumers = consumers }
        func consume(_ row: ScoreRow) throws { for consumer in consumers { try consumer.consume(row) } }
        var readsAnswers: Bool { consumers.contains { $0.readsAnswers } }
    }

    /// Rows (when `rows`), aggregates, diagnostics and counts of one run, and how many records
    /// were scored straight from their bytes.
    static func transcript(_ card: Scorecard, file: String, grouping: Grouping, direct: Bool, rows: Bool) throws -> (String, Int) {
        let run = ScoringRun(scorecards: [card])
        var source = try AuditSources.open(path: file, format: .csv, decoder: run.decoder)
        let sink = StringSink()
        let writer = ScoreCSVWriter(sink: sink, scorecards: [card], metadataFields: source.metadataNames, style: .spreadsheet)
        let aggregator = Aggregator(grouping: grouping, includesCalibration: false)
        let both = Both(rows ? [writer, aggregator] : [aggregator])
        var diagnostics: [String] = []
        if direct {
            try run.run(&source, key: grouping, consumer: both, report: { diagnostics.append($0.description) })
        } else {
            try run.run(&source, grouping: grouping, scored: { try ScoreRow.with($0, grouping: grouping, both.consume) },
                        report: { diagnostics.append($0.description) })
        }
        try writer.end()
        let totals = StringSink()
        try AggregateWriter.write(aggregator.aggregates, grouping: grouping, format: .csv, to: totals)
        let counts = "scored \(run.scoredCount) rejected \(run.rejectedCount) passed \(run.passedCount)"
        return ([sink.text, totals.text, diagnostics.joined(separator: "\n"), counts].joined(separator: "\n---\n"), run.directCount)
    }

    @Test("gives exactly the general path's rows, aggregates and diagnostics", arguments: [UInt64(21), 22, 23])
    func matchesGeneralPath(seed: UInt64) throws {
        var random = Random(state: seed)
        var direct = 0, scored = 0
        for round in 0..<12 {
            let card = FormKeyDifferentialTests.scorecard(&random)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("qakit-form-rows-\(seed)-\(round)-\(UUID().uuidString).csv").path
            try Self.csv(card, count: 200, &random).write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let fieldIDs = card.fieldIDs
            var groupings = [Grouping([.agent]), Grouping([.field("channel")]), Grouping([.team, .agent])]
            if let first = fieldIDs.first { groupings.append(Grouping([.field(first)])) }
            for grouping in groupings {
                for rows in [true, false] {
                    let (general, _) = try Self.transcript(card, file: file, grouping: grouping, direct: false, rows: rows)
                    let (fast, count) = try Self.transcript(card, file: file, grouping: grouping, direct: true, rows: rows)
                    #expect(fast == general, "seed \(seed) round \(round) --by \(grouping) rows \(rows)")
                    direct += count
                    scored += Int(general.split(separator: "\n").last!.split(separator: " ")[1])!
                }
            }
        }
        // The fast path must have taken a good share of the records.
        #expect(direct > scored / 4, "\(direct) of \(scored) scored directly")
        print("FormKeyRowRunTests seed \(seed): \(direct) of \(scored) scored directly")
    }
}
