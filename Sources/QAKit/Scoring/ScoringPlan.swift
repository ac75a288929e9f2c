/// A scorecard compiled once into flat integer tables, so that scoring an audit is integer
/// arithmetic over arrays instead of rational arithmetic over the scorecard's object graph.
///
/// Exactness: every credit is an integer numerator over a fixed per-criterion denominator, every
/// weight an integer over a fixed per-section (criteria) or per-scorecard (sections) scale, and
/// all sums are exact 64-bit integer sums with overflow checks. Nothing is approximated: an
/// overflow or an answer the tables cannot express (a points value with more than two decimals)
/// makes `score` return `nil`, and a scorecard with more than 64 criteria or with figures too
/// large for the tables gets no plan; the engine then uses the rational reference path
/// (`ScoreEngine.referenceScore`).
final class ScoringPlan: Sendable {
    /// One criterion, in `Scorecard.criteria` order.
    struct Item: Sendable {
        /// The criterion weight times its section's weight scale (an integer).
        var weight: Int64
        /// Credits are `numerator / denominator`; `multiplier` is `sectionDenominator / denominator`.
        var denominator: Int64
        var multiplier: Int64
        var kind: Kind
        var critical: CriticalScope
        var hasCondition: Bool
    }

    enum Kind: Sendable {
        case yesNo
        case scale(minimum: Int64)
        /// Credit numerators per option.
        case choice([Int64])
        /// Credit = value / maximum with maximum = `top / bottom` in lowest terms; the denominator is 100·top.
        case points(bottom: Int64)
    }

    struct SectionPlan: Sendable {
        /// `Section.weight` times the scorecard's section-weight scale (an integer).
        var weight: Int64
        var isBonus: Bool
        /// Common denominator of the credits of the section's weighted criteria.
        var denominator: Int64
        var items: Range<Int>
    }

    let items: [Item]
    /// `items`' fields that `tally` reads, as bit masks and a flat array: copying an `Item` out
    /// of `items` would retain a choice's credit list per criterion per audit.
    private let itemWeights: [(weight: Int64, multiplier: Int64)]
    /// Bit `i` set when criterion `i` has a `when`.
    let conditionMask: UInt64
    private let sectionCriticalMask: UInt64
    private let scorecardCriticalMask: UInt64
    let sections: [SectionPlan]
    let criteria: [Criterion]
    /// The criteria with a `when`, by index: the only ones whose applicability varies.
    let conditions: [(index: Int, condition: Condition)]
    let sectionIDs: [String]
    let naEarnsCredit: Bool
    let zeroesFailures: Bool
    /// The passing score and band minimums in hundredths, rounded up: a rounded score of `c`
    /// hundredths passes exactly when `c >= passingCents`.
    let passingCents: Int64?
    let bandCents: [(cents: Int64, name: String)]
    /// Whether `evaluate` can never overflow, whatever the answers, so that it may run apart
    /// from the audit (see `cannotOverflow(items:sections:)`).
    let cannotOverflow: Bool
    /// For a scorecard using docs/scorecards.md's "Keys for real-world forms": the tables of
    /// `FormTables.swift`. Then `items` hold only weights and multipliers (to the shared
    /// denominator), credits are answer codes, and `conditions` are the field clauses of the
    /// form's conditions, by condition index.
    let form: FormTables?

    /// The plan for `scorecard`, or `nil` when its figures do not fit the integer tables.
    init?(_ scorecard: Scorecard) {
        let flat = scorecard.sections.flatMap(\.criteria)
        guard flat.count <= 64 else { return nil }
        if scorecard.usesFormKeys {
            guard let plan = FormPlanParts(scorecard) else { return nil }
            items = plan.items
            itemWeights = items.map { ($0.weight, $0.multiplier) }
            (conditionMask, sectionCriticalMask, scorecardCriticalMask) = (0, 0, 0)
            sections = plan.sections
            criteria = flat
            conditions = plan.conditions
            form = plan.form
        } else {
            guard let plain = Self.plainParts(scorecard, flat: flat) else { return nil }
            (items, itemWeights, sections, criteria, conditions) = (plain.items, plain.itemWeights, plain.sections, flat, plain.conditions)
            (conditionMask, sectionCriticalMask, scorecardCriticalMask) = plain.masks
            form = nil
        }
        sectionIDs = scorecard.sections.map(\.id)
        naEarnsCredit = scorecard.naPolicy == .pass
        zeroesFailures = scorecard.criticalPolicy == .zero
        if let passing = scorecard.passingScore {
            guard let cents = Self.centsCeiling(passing) else { return nil }
            passingCents = cents
        } else {
            passingCents = nil
        }
        var bands: [(Int64, String)] = []
        for band in scorecard.bands {
            guard let cents = Self.centsCeiling(band.minimum) else { return nil }
            bands.append((cents, band.name))
        }
        bandCents = bands
        cannotOverflow = Self.cannotOverflow(items: items, sections: sections)
    }

    /// The tables of a scorecard without form keys.
    private static func plainParts(_ scorecard: Scorecard, flat: [Criterion]) -> (
        items: [Item], itemWeights: [(weight: Int64, multiplier: Int64)], sections: [SectionPlan],
        conditions: [(index: Int, condition: Condition)], masks: (UInt64, UInt64, UInt64)
    )? {
        var items: [Item] = []
        var sections: [SectionPlan] = []
        guard let sectionScale = Self.commonDenominator(scorecard.sections.map(\.weight)) else { return nil }
        for section in scorecard.sections {
            guard let weightScale = Self.commonDenominator(section.criteria.map(\.weight)) else { return nil }
            let start = items.count
            var sectionDenominator: Int64 = 1
            for criterion in section.criteria {
                guard let (kind, denominator) = Self.kind(of: criterion.kind),
                      let weight = Self.integer(criterion.weight, scale: weightScale) else { return nil }
                if weight != 0 {
                    guard let common = Self.lcm(sectionDenominator, denominator) else { return nil }
                    sectionDenominator = common
                }
                items.append(Item(weight: weight, denominator: denominator, multiplier: 0,
                                  kind: kind, critical: criterion.critical, hasCondition: criterion.when != nil))
            }
            for index in start..<items.count { items[index].multiplier = sectionDenominator / items[index].denominator }
            guard let weight = Self.integer(section.weight, scale: sectionScale) else { return nil }
            sections.append(SectionPlan(weight: weight, isBonus: section.isBonus, denominator: sectionDenominator,
                                        items: start..<items.count))
        }
        var masks: (condition: UInt64, section: UInt64, scorecard: UInt64) = (0, 0, 0)
        for (index, item) in items.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            if item.hasCondition { masks.condition |= bit }
            if item.critical == .section { masks.section |= bit }
            if item.critical == .scorecard { masks.scorecard |= bit }
        }
        let conditions = flat.indices.compactMap { index in flat[index].when.map { (index, $0) } }
        return (items, items.map { ($0.weight, $0.multiplier) }, sections, conditions, masks)
    }

    /// The tables of a scorecard with form keys: one criterion-weight scale and one credit
    /// denominator for the whole scorecard, so that points scoring can add across sections.
    private struct FormPlanParts {
        var items: [Item] = []
        var sections: [SectionPlan] = []
        var conditions: [(index: Int, condition: Condition)]
        var form: FormTables

        init?(_ scorecard: Scorecard) {
            guard let (compiled, denominators, fieldConditions) = ScoringPlan.formTables(scorecard),
                  let sectionScale = ScoringPlan.commonDenominator(scorecard.sections.map(\.weight)),
                  let weightScale = ScoringPlan.commonDenominator(scorecard.sections.flatMap(\.criteria).map(\.weight)) else { return nil }
            var form = compiled
            let flat = scorecard.sections.flatMap(\.criteria)
            var denominator: Int64 = 1
            for (index, criterion) in flat.enumerated() where !criterion.isField {
                guard let common = ScoringPlan.lcm(denominator, denominators[index]) else { return nil }
                denominator = common
            }
            guard ScoringPlan.finishForm(&form, scorecard: scorecard, denominators: denominators, denominator: denominator) else { return nil }
            var start = 0
            for section in scorecard.sections {
                for criterion in section.criteria {
                    guard let weight = ScoringPlan.integer(criterion.weight, scale: weightScale) else { return nil }
                    items.append(Item(weight: weight, denominator: denominators[items.count], multiplier: denominator / denominators[items.count],
                                      kind: .yesNo, critical: criterion.critical, hasCondition: false))
                }
                guard let weight = ScoringPlan.integer(section.weight, scale: sectionScale) else { return nil }
                sections.append(SectionPlan(weight: weight, isBonus: section.isBonus, denominator: denominator, items: start..<items.count))
                start = items.count
            }
            let (partial, o1) = sectionScale.multipliedReportingOverflow(by: weightScale)
            let (scale, o2) = partial.multipliedReportingOverflow(by: denominator)
            guard !(o1 || o2) else { return nil }
            form.pointScale = scale
            form.weightScale = weightScale
            conditions = fieldConditions.enumerated().map { ($0.offset, $0.element) }
            self.form = form
        }
    }

    /// A bound on every intermediate of `evaluate`. Every credit lies in 0...1, so a credit
    /// numerator times its multiplier is at most the section denominator `D`, and a section's
    /// sums stay within `B = D × Σ criterion weights`. Reduced section fractions have
    /// denominators at most `B`, so their common denominator stays within `P = Π B`, and as each
    /// section score is at most 1, the weighted sums stay within `W × P` (`W` = Σ section
    /// weights). When `100 × W × P` fits 64 bits, no overflow check can fire.
    private static func cannotOverflow(items: [Item], sections: [SectionPlan]) -> Bool {
        for item in items {
            if case .choice(let numerators) = item.kind, numerators.contains(where: { $0 < 0 || $0 > item.denominator }) { return false }
        }
        var bound: Int64 = 100
        var sectionWeights: Int64 = 0
        for section in sections {
            var weights: Int64 = 0
            for item in items[section.items] {
                let (sum, overflow) = weights.addingReportingOverflow(item.weight)
                guard !overflow, item.weight >= 0 else { return false }
                weights = sum
            }
            let (sectionBound, o1) = section.denominator.multipliedReportingOverflow(by: max(weights, 1))
            let (product, o2) = bound.multipliedReportingOverflow(by: max(sectionBound, 1))
            let (total, o3) = sectionWeights.addingReportingOverflow(section.weight)
            guard !(o1 || o2 || o3), section.weight >= 0 else { return false }
            (bound, sectionWeights) = (product, total)
        }
        guard !bound.multipliedReportingOverflow(by: max(sectionWeights, 1)).overflow else { return false }
        return true
    }

    /// Per-criterion integer credit, or why there is none.
    enum Credit {
        /// Not applicable, unanswered, or N/A excluded: no credit and no failure.
        case none
        case earned(Int64)
        /// The tables cannot express this answer; use the reference path.
        case inexpressible
    }

    func credit(of answer: Answer?, item: Item) -> Credit {
        guard let answer else { return .none }
        switch (answer, item.kind) {
        case (.notApplicable, _): return naEarnsCredit ? .earned(item.denominator) : .none
        case (.yes, .yesNo): return .earned(1)
        case (.no, .yesNo): return .earned(0)
        case (.scale(let value), .scale(let minimum)):
            let (numerator, overflow) = Int64(value).subtractingReportingOverflow(minimum)
            return overflow ? .inexpressible : .earned(numerator)
        case (.choice(let option), .choice(let numerators)):
            return numerators.indices.contains(option) ? .earned(numerators[option]) : .none
        case (.points(let value), .points(let bottom)):
            guard let numerator = Int64(exactly: value.numerator), let denominator = Int64(exactly: value.denominator),
                  100 % denominator == 0 else { return .inexpressible }
            let (hundredths, o1) = numerator.multipliedReportingOverflow(by: 100 / denominator)
            let (scaled, o2) = hundredths.multipliedReportingOverflow(by: bottom)
            return o1 || o2 ? .inexpressible : .earned(scaled)
        default:
            return .none
        }
    }

    /// What `credits(of:into:)` writes for a criterion that earns no credit: not applicable,
    /// unanswered, or N/A excluded. Real credits are never negative.
    static let noCredit = Int64.min

    /// Writes each criterion's credit numerator (over `Item.denominator`) to `credits`, in
    /// criterion order; `false` when an answer is one the tables cannot express.
    func credits(of answers: [Answer?], into credits: UnsafeMutableBufferPointer<Int64>) -> Bool {
        if form != nil {
            for index in items.indices {
                if index < answers.count, let answer = answers[index] {
                    guard let code = code(of: answer, index: index) else { return false }
                    credits[index] = code
                } else {
                    credits[index] = Self.noCredit
                }
            }
            return true
        }
        for index in items.indices {
            switch credit(of: index < answers.count ? answers[index] : nil, item: items[index]) {
            case .none: credits[index] = Self.noCredit
            case .earned(let value): credits[index] = value
            case .inexpressible: return false
            }
        }
        return true
    }

    /// One section before critical rules: its exact score is `numerator / denominator`
    /// (`denominator` 0 when the section is N/A); `failed` when a `critical: section` criterion failed.
    struct SectionTally: Sendable {
        var numerator: Int64 = 0
        var denominator: Int64 = 0
        var failed = false
    }

    /// An audit's score as `evaluate` works it out, unreduced: a score is `numerator / denominator`
    /// on the 0 to 100 scale.
    struct Evaluation: Sendable {
        /// The score after critical rules and before them; `nil` when no regular section was scorable.
        var score: Fraction?
        var rawScore: Fraction?
        var isAutoFailed: Bool
        var passed: Bool?
        /// Index into the scorecard's bands.
        var band: Int?
        /// Whether failed sections score 0 (`critical_policy: zero`).
        var zeroesFailures: Bool
    }

    /// A fraction with a positive denominator, not necessarily in lowest terms (reducing costs a
    /// gcd, and sums and roundings do not need it).
    struct Fraction: Sendable {
        var numerator: Int128
        var denominator: Int128

        var rational: Rational { Rational(numerator, denominator) }
    }

    /// One section's tally from the criteria's credits and the `when` mask; `nil` on overflow.
    private func tally(_ section: SectionPlan, credits: UnsafeBufferPointer<Int64>, applies: UInt64) -> (SectionTally, autoFailed: Bool)? {
        var weighted: Int64 = 0
        var totalWeight: Int64 = 0
        var failed = false
        var autoFailed = false
        for index in section.items {
            let bit: UInt64 = 1 << UInt64(index)
            if conditionMask & bit != 0 && applies & bit == 0 { continue }
            let credit = credits[index]
            if credit == Self.noCredit { continue }
            if credit == 0 {
                if scorecardCriticalMask & bit != 0 { autoFailed = true }
                if sectionCriticalMask & bit != 0 { failed = true }
            }
            let (weight, multiplier) = itemWeights[index]
            guard weight != 0 else { continue }
            let (product, o1) = credit.multipliedReportingOverflow(by: multiplier)
            let (term, o2) = product.multipliedReportingOverflow(by: weight)
            let (sum, o3) = weighted.addingReportingOverflow(term)
            let (total, o4) = totalWeight.addingReportingOverflow(weight)
            guard !(o1 || o2 || o3 || o4) else { return nil }
            weighted = sum
            totalWeight = total
        }
        let (denominator, overflow) = totalWeight.multipliedReportingOverflow(by: section.denominator)
        guard !overflow else { return nil }
        return (SectionTally(numerator: weighted, denominator: denominator, failed: failed), autoFailed)
    }

    /// Scores an audit (docs/scoring.md, steps 3 to 7) from its criteria's credits, with the
    /// criteria whose `when` did not match cleared in `applies`, writing one tally per section to
    /// `sections`; `nil` on overflow, which sends the caller to the reference path.
    func evaluate(credits: UnsafeBufferPointer<Int64>, applies: UInt64,
                  sections tallies: UnsafeMutableBufferPointer<SectionTally>) -> Evaluation? {
        if form != nil { return evaluateForm(codes: credits, fieldMask: applies, sections: tallies) }
        // raw and final sums share the denominator `common`: Σ V·S = rawSum / common.
        var rawSum: Int64 = 0
        var finalSum: Int64 = 0
        var common: Int64 = 1
        var regularWeight: Int64 = 0
        var isAutoFailed = false
        for (position, section) in sections.enumerated() {
            guard let (tally, autoFailed) = tally(section, credits: credits, applies: applies) else { return nil }
            tallies[position] = tally
            if autoFailed { isAutoFailed = true }
            guard tally.denominator != 0, section.weight != 0 else { continue }
            let divisor = Int64(Rational.gcd64(tally.numerator.magnitude, UInt64(tally.denominator)))
            let (numerator, denominator) = (tally.numerator / divisor, tally.denominator / divisor)
            let zeroed = tally.failed && zeroesFailures
            if !section.isBonus { regularWeight += section.weight }
            let shared = Int64(Rational.gcd64(UInt64(common), UInt64(denominator)))
            let (scaleSums, scaleTerm) = (denominator / shared, common / shared)
            let (term, o1) = numerator.multipliedReportingOverflow(by: section.weight)
            let (scaledTerm, o2) = term.multipliedReportingOverflow(by: scaleTerm)
            let (scaledRaw, o3) = rawSum.multipliedReportingOverflow(by: scaleSums)
            let (scaledFinal, o4) = finalSum.multipliedReportingOverflow(by: scaleSums)
            let (newCommon, o5) = common.multipliedReportingOverflow(by: scaleSums)
            let (newRaw, o6) = scaledRaw.addingReportingOverflow(scaledTerm)
            let (newFinal, o7) = zeroed ? (scaledFinal, false) : scaledFinal.addingReportingOverflow(scaledTerm)
            guard !(o1 || o2 || o3 || o4 || o5 || o6 || o7) else { return nil }
            (rawSum, finalSum, common) = (newRaw, newFinal, newCommon)
        }
        var raw: Fraction?
        var score: Fraction?
        let zero = Fraction(numerator: 0, denominator: 1)
        if regularWeight != 0 {
            let (denominator, overflow) = common.multipliedReportingOverflow(by: regularWeight)
            guard !overflow else { return nil }
            raw = Fraction(numerator: Int128(rawSum) * 100, denominator: Int128(denominator))
            if !zeroesFailures || (!isAutoFailed && finalSum == rawSum) {
                score = raw
            } else {
                score = isAutoFailed ? zero : Fraction(numerator: Int128(finalSum) * 100, denominator: Int128(denominator))
            }
        } else if isAutoFailed, zeroesFailures {
            score = zero
        }
        var passed: Bool? = isAutoFailed ? false : nil
        var band: Int?
        if let score {
            guard let cents = Self.roundedCents(numerator: score.numerator, denominator: score.denominator) else { return nil }
            if let passingCents, !isAutoFailed { passed = cents >= passingCents }
            band = bandCents.firstIndex { $0.cents <= cents }
        }
        return Evaluation(score: score, rawScore: raw, isAutoFailed: isAutoFailed, passed: passed, band: band,
                          zeroesFailures: zeroesFailures)
    }

    /// Scores an audit from its answers, as `evaluate` does; `nil` sends the caller to the
    /// reference path.
    func score(answers: [Answer?], applies: UInt64) -> AuditScore? {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: items.count) { credits -> AuditScore? in
            withUnsafeTemporaryAllocation(of: SectionTally.self, capacity: sections.count) { tallies -> AuditScore? in
                guard self.credits(of: answers, into: credits),
                      let evaluation = evaluate(credits: UnsafeBufferPointer(credits), applies: applies, sections: tallies) else { return nil }
                var results: [SectionResult] = []
                results.reserveCapacity(sections.count)
                for (position, section) in sections.enumerated() {
                    let tally = tallies[position]
                    guard tally.denominator != 0 else {
                        results.append(SectionResult(id: sectionIDs[position], score: nil, rawScore: nil, failed: tally.failed, counted: false))
                        continue
                    }
                    let raw = Rational(Int128(tally.numerator), Int128(tally.denominator))
                    let zeroed = tally.failed && zeroesFailures
                    var result = SectionResult(id: sectionIDs[position], score: zeroed ? .zero : raw, rawScore: raw,
                                               failed: tally.failed, counted: section.weight != 0)
                    if let form {
                        // Σ(weight × credit) and Σ weight, as the reference reports them (rule 5).
                        result.earned = Rational(Int128(tally.numerator), Int128(form.weightScale) * Int128(form.denominator))
                        result.possible = Rational(Int128(tally.denominator), Int128(form.weightScale) * Int128(form.denominator))
                    }
                    results.append(result)
                }
                return AuditScore(score: evaluation.score?.rational, rawScore: evaluation.rawScore?.rational,
                                  isAutoFailed: evaluation.isAutoFailed, passed: evaluation.passed,
                                  band: evaluation.band.map { bandCents[$0].name },
                                  details: .deferred(results, DeferredDetails(plan: self, answers: answers, applies: applies)))
            }
        }
    }

    /// Criterion results, exactly as the reference engine reports them.
    func criterionResults(answers: [Answer?], applies: UInt64) -> [CriterionResult] {
        if form != nil { return formCriterionResults(answers: answers, fieldMask: applies) }
        return items.indices.map { index in
            let item = items[index]
            let answer = index < answers.count ? answers[index] : nil
            let isApplicable = !item.hasCondition || applies & (1 << UInt64(index)) != 0
            var result = CriterionResult(id: criteria[index].id, answer: answer, applies: isApplicable, credit: nil, scored: false, failedCritical: false)
            guard isApplicable, case .earned(let credit) = self.credit(of: answer, item: item) else { return result }
            result.failedCritical = item.critical != .none && credit == 0
            if item.weight != 0 {
                result.credit = Rational(Int128(credit), Int128(item.denominator))
                result.scored = true
            }
            return result
        }
    }

    // MARK: Compiling

    private static func kind(of kind: Criterion.Kind) -> (Kind, denominator: Int64)? {
        switch kind {
        case .number, .text, .date, .select, .multiSelect:
            return nil
        case .yesNo:
            return (.yesNo, 1)
        case .scale(let minimum, let maximum, _):
            guard maximum > minimum, let low = Int64(exactly: minimum), let span = Int64(exactly: maximum).flatMap({ high in
                let (span, overflow) = high.subtractingReportingOverflow(low)
                return overflow ? nil : span
            }) else { return nil }
            return (.scale(minimum: low), span)
        case .choice(let options):
            guard let denominator = commonDenominator(options.map(\.credit)) else { return nil }
            var numerators: [Int64] = []
            for option in options {
                guard let numerator = integer(option.credit, scale: denominator) else { return nil }
                numerators.append(numerator)
            }
            return (.choice(numerators), denominator)
        case .points(let maximum):
            guard maximum > .zero, let top = Int64(exactly: maximum.numerator), let bottom = Int64(exactly: maximum.denominator) else { return nil }
            let (denominator, overflow) = top.multipliedReportingOverflow(by: 100)
            return overflow ? nil : (.points(bottom: bottom), denominator)
        }
    }

    private static let limit: Int64 = 1 << 40

    /// The least common multiple of the values' denominators, kept small enough that sums of
    /// products stay far inside 64 bits.
    static func commonDenominator(_ values: [Rational]) -> Int64? {
        var common: Int64 = 1
        for value in values {
            guard let denominator = Int64(exactly: value.denominator), let next = lcm(common, denominator) else { return nil }
            common = next
        }
        return common
    }

    static func lcm(_ a: Int64, _ b: Int64) -> Int64? {
        let (product, overflow) = (a / Int64(Rational.gcd64(UInt64(a), UInt64(b)))).multipliedReportingOverflow(by: b)
        return overflow || product > limit ? nil : product
    }

    /// `value × scale`, which must be a (modest) integer.
    static func integer(_ value: Rational, scale: Int64) -> Int64? {
        let product = value * Rational(Int128(scale))
        guard product.denominator == 1, let result = Int64(exactly: product.numerator), result.magnitude <= UInt64(limit) else { return nil }
        return result
    }

    /// The least number of hundredths `c` with `c / 100 >= value`.
    private static func centsCeiling(_ value: Rational) -> Int64? {
        let scaled = value.numerator * 100
        var quotient = scaled / value.denominator
        if scaled % value.denominator != 0 && scaled > 0 { quotient += 1 }
        return Int64(exactly: quotient)
    }

    /// The score rounded half away from zero to hundredths, as an integer count of hundredths.
    static func roundedCents(_ value: Rational) -> Int64? {
        roundedCents(numerator: value.numerator, denominator: value.denominator)
    }

    /// `numerator / denominator` (denominator positive, any terms) rounded half away from zero
    /// to hundredths, as an integer count of hundredths; `nil` when that does not fit 64 bits.
    static func roundedCents(numerator: Int128, denominator: Int128) -> Int64? {
        if let small = Int64(exactly: numerator), let divisor = UInt64(exactly: denominator) {
            let (scaled, overflow) = small.magnitude.multipliedReportingOverflow(by: 100)
            if !overflow {
                var quotient = scaled / divisor
                if (scaled % divisor) * 2 >= divisor { quotient += 1 }
                guard let magnitude = Int64(exactly: quotient) else { return nil }
                return small < 0 ? -magnitude : magnitude
            }
        }
        let rounded = Rational(numerator, denominator).rounded()
        return Int64(exactly: rounded.numerator * 100 / rounded.denominator)
    }
}

/// What a plan needs to rebuild an audit's criterion results on demand.
struct DeferredDetails: Sendable {
    let plan: ScoringPlan
    let answers: [Answer?]
    /// Bit `i` set when criterion `i`'s `when` matched (criteria without `when` always apply).
    let applies: UInt64
}
