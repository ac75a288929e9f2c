/// The part of a `ScoringPlan` for scorecards that use the keys of docs/scorecards.md, "Keys for
/// real-world forms": points scoring, penalties, `critical_below`, `fails`, per-criterion N/A
/// policies, numbers with ranges, fields, `unless`, section conditions and conditions on answers.
///
/// Such a plan does not hold credits per criterion but answer codes (`ScoringPlan.code(of:index:)`),
/// because a later criterion's applicability may depend on an earlier answer: applicability is
/// worked out from the codes in criterion order, then each code is credited from these tables.
/// Everything is exact integer arithmetic: credits are numerators over one scorecard-wide
/// denominator `D`, weights integers over one scale, numbers millionths, penalties ten-thousandths.
struct FormTables: Sendable {
    /// How a criterion's answer is coded and scored.
    enum Kind: Sendable {
        /// Code 1 (yes) or 0 (no); `penalty` (ten-thousandths, 0 for none) when answered no.
        case yesNo(penalty: Int64)
        /// Code = value − minimum = credit numerator.
        case scale
        /// Code = option index; its outcome is `outcomes[first + code]`.
        case choice(first: Int, count: Int)
        /// Code = credit numerator, as the plain plan reads points.
        case points(bottom: Int64)
        /// Code = the value in millionths; scored by the range holding it (`ranges[first..<first+count]`).
        case ranges(first: Int, count: Int)
        /// A field: recorded, never scored (docs/scorecards.md, "Fields"). Coded as its `Form`.
        case field
    }

    /// How an answer of an item is coded, for conditions on answers and for reading cells.
    enum Form: Sendable, Equatable {
        case yesNo
        case scale(minimum: Int)
        /// `choice` and `select`: the option index.
        case option(count: Int)
        case points(bottom: Int64)
        /// `number`: millionths.
        case number
        /// `date`: days since 1970-01-01.
        case date
        /// `text`: every text codes 0 (no condition may test one: such scorecards get no plan).
        case text
        /// `multi_select`: bit `i` for option `i`.
        case multiSelect(count: Int)
    }

    struct Item: Sendable {
        var kind: Kind
        var form: Form
        var naPolicy: NAPolicy
        var critical: CriticalScope
        /// A critical criterion fails when its credit numerator is below this (docs/scoring.md, rule 4).
        var failBelow: Int64
        /// The item's own `when` and `unless`: indices into `conditions`, -1 for none.
        var when: Int
        var unless: Int
        var section: Int
        /// Whether it is the first item of its section, where the section's conditions are tested.
        var opensSection: Bool
    }

    /// What a chosen option or a range holds: a credit numerator over `D`, `fails`, a penalty.
    struct Outcome: Sendable {
        var credit: Int64
        var fails: Bool
        var penalty: Int64
    }

    /// One clause of a condition that tests an answer: the codes it matches.
    struct AnswerClause: Sendable {
        var item: Int
        /// Codes that match (N/A as `ScoringPlan.naCode`); for a `multi_select`, `bits` too.
        var codes: [Int64]
        var bits: UInt64
        var isMulti: Bool
    }

    var items: [Item]
    var outcomes: [Outcome]
    /// Millionths, `low ≤ v ≤ high`.
    var ranges: [(low: Int64, high: Int64)]
    /// Per condition, its clauses on answers; its clauses on audit fields are
    /// `ScoringPlan.conditions[k]`, tested by the caller into the field mask.
    var answerClauses: [[AnswerClause]]
    var sectionConditions: [(when: Int, unless: Int)]
    var isPoints: Bool
    /// Section-weight scale × criterion-weight scale × `D`: a penalty's points in `E`'s units.
    var pointScale: Int64
    /// The credit denominator `D` shared by every criterion.
    var denominator: Int64
    /// The criterion-weight scale `K`: item weights are criterion weights × `K`.
    var weightScale: Int64 = 1
}

extension ScoringPlan {
    /// The code of an N/A answer.
    static let naCode = Int64.min + 2

    /// Numbers are coded in millionths (docs/audits.md: at most six decimals), within ±10¹².
    static let numberScale: Int64 = 1_000_000
    static let numberLimit = Rational(1_000_000_000_000)

    /// The code of `answer` for item `index` of a form plan; `nil` when it has none (an answer of
    /// the wrong kind, an option that does not exist): the reference path then decides.
    func code(of answer: Answer, index: Int) -> Int64? {
        guard let form else { return nil }
        if answer == .notApplicable { return Self.naCode }
        switch (answer, form.items[index].form) {
        case (.yes, .yesNo): return 1
        case (.no, .yesNo): return 0
        case (.scale(let value), .scale(let minimum)):
            let (code, overflow) = Int64(value).subtractingReportingOverflow(Int64(minimum))
            return overflow ? nil : code
        case (.choice(let option), .option(let count)):
            return option >= 0 && option < count ? Int64(option) : nil
        case (.points(let value), .points(let bottom)):
            guard let numerator = Int64(exactly: value.numerator), let denominator = Int64(exactly: value.denominator),
                  100 % denominator == 0 else { return nil }
            let (hundredths, o1) = numerator.multipliedReportingOverflow(by: 100 / denominator)
            let (scaled, o2) = hundredths.multipliedReportingOverflow(by: bottom)
            return o1 || o2 ? nil : scaled
        case (.number(let value), .number):
            return Self.millionths(value)
        case (.date(let date), .date):
            return Int64(date.daysSince1970)
        case (.text, .text):
            return 0
        case (.options(let chosen), .multiSelect(let count)):
            var bits: UInt64 = 0
            for option in chosen {
                guard option >= 0 && option < count else { return nil }
                bits |= 1 << UInt64(option)
            }
            return bits == 0 ? nil : Int64(bitPattern: bits)
        default:
            return nil
        }
    }

    /// `value` in millionths, when it is a whole number of them within the limit.
    static func millionths(_ value: Rational) -> Int64? {
        guard value < numberLimit, Rational.zero - value < numberLimit else { return nil }
        let scaled = value * Rational(Int128(numberScale))
        guard scaled.denominator == 1 else { return nil }
        return Int64(exactly: scaled.numerator)
    }

    /// Bit `i` set when item `i` applies (docs/scorecards.md, "Conditions"), from the codes of
    /// the items before it and `fieldMask`: bit `k` set when condition `k`'s clauses on audit
    /// fields all match.
    func formApplicability(codes: UnsafeBufferPointer<Int64>, fieldMask: UInt64) -> UInt64 {
        let form = form!
        var applies: UInt64 = 0
        var sectionAllows = true
        func holds(_ condition: Int) -> Bool {
            guard fieldMask & (1 << UInt64(condition)) != 0 else { return false }
            for clause in form.answerClauses[condition] {
                guard applies & (1 << UInt64(clause.item)) != 0 else { return false }
                let code = codes[clause.item]
                if code == Self.noCredit { return false }
                if clause.isMulti && code != Self.naCode {
                    if UInt64(bitPattern: code) & clause.bits == 0 { return false }
                } else if !clause.codes.contains(code) {
                    return false
                }
            }
            return true
        }
        for index in form.items.indices {
            let item = form.items[index]
            if item.opensSection {
                let (when, unless) = form.sectionConditions[item.section]
                sectionAllows = (when < 0 || holds(when)) && (unless < 0 || !holds(unless))
            }
            if sectionAllows && (item.when < 0 || holds(item.when)) && (item.unless < 0 || !holds(item.unless)) {
                applies |= 1 << UInt64(index)
            }
        }
        return applies
    }

    /// Rules 1, 4 and 8 for an applicable answered item: its credit numerator over `D`, whether
    /// it fails (if critical), its penalty in ten-thousandths; `nil` when it earns no credit.
    @inline(__always)
    func judge(_ index: Int, code: Int64) -> (credit: Int64, fails: Bool, penalty: Int64)? {
        let form = form!
        let item = form.items[index]
        if case .field = item.kind { return nil }
        if code == Self.naCode {
            switch item.naPolicy {
            case .exclude: return nil
            case .pass: return (form.denominator, false, 0)
            case .fail: return (0, false, 0)
            }
        }
        let multiplier = items[index].multiplier
        switch item.kind {
        case .yesNo(let penalty): return (code * multiplier, false, code == 0 ? penalty : 0)
        case .scale, .points: return (code * multiplier, false, 0)
        case .choice(let first, let count):
            guard code >= 0 && code < Int64(count) else { return nil }
            let outcome = form.outcomes[first + Int(code)]
            return (outcome.credit, outcome.fails, outcome.penalty)
        case .ranges(let first, let count):
            for position in first..<first + count where form.ranges[position].low <= code && code <= form.ranges[position].high {
                let outcome = form.outcomes[position]
                return (outcome.credit, outcome.fails, outcome.penalty)
            }
            return nil
        case .field: return nil
        }
    }

    /// `evaluate` for a form plan: `codes` are answer codes, `fieldMask` the conditions' field
    /// clauses (see `formApplicability`). docs/scoring.md, rules 2 to 8.
    func evaluateForm(codes: UnsafeBufferPointer<Int64>, fieldMask: UInt64,
                      sections tallies: UnsafeMutableBufferPointer<SectionTally>) -> Evaluation? {
        let form = form!
        let applies = formApplicability(codes: codes, fieldMask: fieldMask)
        var isAutoFailed = false
        var penalty: Int64 = 0
        for position in sections.indices { tallies[position] = SectionTally() }
        var weighted: Int64 = 0, totalWeight: Int64 = 0, failed = false
        var current = 0
        func close(_ position: Int) -> Bool {
            let (denominator, overflow) = totalWeight.multipliedReportingOverflow(by: form.denominator)
            guard !overflow else { return false }
            tallies[position] = SectionTally(numerator: weighted, denominator: denominator, failed: failed)
            (weighted, totalWeight, failed) = (0, 0, false)
            return true
        }
        for index in form.items.indices {
            let item = form.items[index]
            while item.section != current {
                guard close(current) else { return nil }
                current += 1
            }
            guard applies & (1 << UInt64(index)) != 0 else { continue }
            let code = codes[index]
            guard code != Self.noCredit, let (credit, fails, deduction) = judge(index, code: code) else { continue }
            let (penalties, overflow) = penalty.addingReportingOverflow(deduction)
            guard !overflow else { return nil }
            penalty = penalties
            if item.critical != .none && (fails || credit < item.failBelow) {
                if item.critical == .scorecard { isAutoFailed = true } else { failed = true }
            }
            let weight = items[index].weight
            guard weight != 0 else { continue }
            let (term, o1) = credit.multipliedReportingOverflow(by: weight)
            let (sum, o2) = weighted.addingReportingOverflow(term)
            let (total, o3) = totalWeight.addingReportingOverflow(weight)
            guard !(o1 || o2 || o3) else { return nil }
            (weighted, totalWeight) = (sum, total)
        }
        while current < sections.count {
            guard close(current) else { return nil }
            current += 1
        }
        var raw: Fraction?
        var final: Fraction?
        if form.isPoints {
            // E and M over σ·K·D and σ·K: raw = 100 × (E − P) / M (docs/scoring.md, rule 5).
            // With the loader's bounds (weights ≤ 10⁶, penalties ≤ 1000, at most 64 criteria)
            // these cannot leave Int128, but every step is checked, as the CSV row path relies on:
            // on overflow the record takes the general, exact path.
            var earned: Int128 = 0, kept: Int128 = 0, possible: Int128 = 0
            var overflowed = false
            func checked(_ result: (partialValue: Int128, overflow: Bool)) -> Int128 {
                if result.overflow { overflowed = true }
                return result.partialValue
            }
            for (position, section) in sections.enumerated() where section.weight != 0 {
                let tally = tallies[position]
                let term = checked(Int128(section.weight).multipliedReportingOverflow(by: Int128(tally.numerator)))
                earned = checked(earned.addingReportingOverflow(term))
                if !(tally.failed && zeroesFailures) { kept = checked(kept.addingReportingOverflow(term)) }
                if !section.isBonus {
                    let points = checked(Int128(section.weight).multipliedReportingOverflow(by: Int128(tally.denominator / form.denominator)))
                    possible = checked(possible.addingReportingOverflow(points))
                }
            }
            if possible != 0 {
                let deduction = checked(Int128(penalty).multipliedReportingOverflow(by: Int128(form.pointScale)))
                let denominator = checked(checked(possible.multipliedReportingOverflow(by: Int128(form.denominator))).multipliedReportingOverflow(by: 10_000))
                func percent(_ sum: Int128) -> Int128 {
                    let scaled = checked(sum.multipliedReportingOverflow(by: 10_000))
                    return checked(checked(scaled.subtractingReportingOverflow(deduction)).multipliedReportingOverflow(by: 100))
                }
                raw = Fraction(numerator: Swift.max(0, percent(earned)), denominator: denominator)
                final = Fraction(numerator: Swift.max(0, percent(kept)), denominator: denominator)
            }
            guard !overflowed else { return nil }
        } else {
            guard let sums = formSectionSums(tallies: UnsafeBufferPointer(tallies)) else { return nil }
            if sums.regularWeight != 0 {
                let (denominator, overflow) = sums.common.multipliedReportingOverflow(by: sums.regularWeight)
                guard !overflow else { return nil }
                // 100 × Σ W·S / Σ W − P, over 10⁴ × the denominator (docs/scoring.md, rules 5 and 8).
                let deduction = Int128(penalty) * Int128(denominator)
                let scaled = Int128(denominator) * 10_000
                raw = Fraction(numerator: Swift.max(0, Int128(sums.raw) * 1_000_000 - deduction), denominator: scaled)
                final = Fraction(numerator: Swift.max(0, Int128(sums.final) * 1_000_000 - deduction), denominator: scaled)
            }
        }
        var score: Fraction?
        let zero = Fraction(numerator: 0, denominator: 1)
        if raw != nil {
            score = zeroesFailures ? (isAutoFailed ? zero : final) : raw
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

    /// Rule 5 under `scoring: sections` from the section tallies: Σ V·S before and after rule 6
    /// as `raw / common` and `final / common`, and Σ_regular V; `nil` on overflow.
    private func formSectionSums(tallies: UnsafeBufferPointer<SectionTally>) -> (raw: Int64, final: Int64, common: Int64, regularWeight: Int64)? {
        var rawSum: Int64 = 0, finalSum: Int64 = 0, common: Int64 = 1, regularWeight: Int64 = 0
        for (position, section) in sections.enumerated() {
            let tally = tallies[position]
            guard tally.denominator != 0, section.weight != 0 else { continue }
            let divisor = Int64(Rational.gcd64(tally.numerator.magnitude, UInt64(tally.denominator)))
            let (numerator, denominator) = (tally.numerator / divisor, tally.denominator / divisor)
            let (newRegular, o0) = section.isBonus ? (regularWeight, false) : regularWeight.addingReportingOverflow(section.weight)
            let shared = Int64(Rational.gcd64(UInt64(common), UInt64(denominator)))
            let (scaleSums, scaleTerm) = (denominator / shared, common / shared)
            let (term, o1) = numerator.multipliedReportingOverflow(by: section.weight)
            let (scaledTerm, o2) = term.multipliedReportingOverflow(by: scaleTerm)
            let (scaledRaw, o3) = rawSum.multipliedReportingOverflow(by: scaleSums)
            let (scaledFinal, o4) = finalSum.multipliedReportingOverflow(by: scaleSums)
            let (newCommon, o5) = common.multipliedReportingOverflow(by: scaleSums)
            let (newRaw, o6) = scaledRaw.addingReportingOverflow(scaledTerm)
            let zeroed = tally.failed && zeroesFailures
            let (newFinal, o7) = zeroed ? (scaledFinal, false) : scaledFinal.addingReportingOverflow(scaledTerm)
            guard !(o0 || o1 || o2 || o3 || o4 || o5 || o6 || o7) else { return nil }
            (rawSum, finalSum, common, regularWeight) = (newRaw, newFinal, newCommon, newRegular)
        }
        return (rawSum, finalSum, common, regularWeight)
    }

    /// Criterion results of a form plan, exactly as the reference engine reports them.
    func formCriterionResults(answers: [Answer?], fieldMask: UInt64) -> [CriterionResult] {
        let form = form!
        var codes = [Int64](repeating: Self.noCredit, count: items.count)
        for index in items.indices {
            if index < answers.count, let answer = answers[index] { codes[index] = code(of: answer, index: index) ?? Self.noCredit }
        }
        let applies = codes.withUnsafeBufferPointer { formApplicability(codes: $0, fieldMask: fieldMask) }
        return items.indices.map { index in
            let answer = index < answers.count ? answers[index] : nil
            let isApplicable = applies & (1 << UInt64(index)) != 0
            var result = CriterionResult(id: criteria[index].id, answer: answer, applies: isApplicable, credit: nil, scored: false,
                                         failedCritical: false)
            guard isApplicable, codes[index] != Self.noCredit, let (credit, fails, penalty) = judge(index, code: codes[index]) else { return result }
            let item = form.items[index]
            result.failedCritical = item.critical != .none && (fails || credit < item.failBelow)
            if penalty != 0 { result.penalty = Rational(Int128(penalty), 10_000) }
            if items[index].weight != 0 {
                result.credit = Rational(Int128(credit), Int128(form.denominator))
                result.scored = true
            }
            return result
        }
    }

    // MARK: Compiling

    /// The form tables of `scorecard`, with each item's credit denominator (before scaling to
    /// `D`) and the field-clause conditions; `nil` when the scorecard does not fit them.
    static func formTables(_ scorecard: Scorecard) -> (FormTables, denominators: [Int64], fieldConditions: [Condition])? {
        var items: [FormTables.Item] = []
        var outcomes: [FormTables.Outcome] = []
        var ranges: [(low: Int64, high: Int64)] = []
        var denominators: [Int64] = []
        var answerClauses: [[FormTables.AnswerClause]] = []
        var fieldConditions: [Condition] = []
        var sectionConditions: [(when: Int, unless: Int)] = []
        var forms: [FormTables.Form] = []
        var kinds: [Criterion.Kind] = []
        var failed = false

        /// Compiles a condition; its index, -1 for none.
        func compile(_ condition: Condition?) -> Int {
            guard let condition, !failed else { return -1 }
            var clauses: [FormTables.AnswerClause] = []
            for clause in condition.clauses {
                guard let item = clause.item else { continue }
                guard item < forms.count, let compiled = answerClause(clause, item: item, form: forms[item], kind: kinds[item]) else {
                    failed = true
                    return -1
                }
                clauses.append(compiled)
            }
            answerClauses.append(clauses)
            fieldConditions.append(Condition(clauses: condition.clauses.filter { $0.item == nil }))
            return answerClauses.count - 1
        }

        for (position, section) in scorecard.sections.enumerated() {
            sectionConditions.append((compile(section.when), compile(section.unless)))
            for (offset, criterion) in section.criteria.enumerated() {
                guard let (kind, form, denominator) = formKind(criterion, outcomes: &outcomes, ranges: &ranges) else { return nil }
                let when = compile(criterion.when), unless = compile(criterion.unless)
                // Without `critical_below` a critical criterion fails on credit 0 (numerator < 1); with
                // it, on a numerator below ⌈t × D⌉, set by `finishForm` once D is known (-1 until then).
                let failBelow: Int64 = criterion.critical == .none ? 0 : criterion.criticalBelow == nil ? 1 : -1
                items.append(FormTables.Item(kind: kind, form: form, naPolicy: scorecard.naPolicy(of: criterion), critical: criterion.critical,
                                             failBelow: failBelow, when: when, unless: unless, section: position, opensSection: offset == 0))
                denominators.append(denominator)
                forms.append(form)
                kinds.append(criterion.kind)
            }
        }
        guard !failed, answerClauses.count <= 64 else { return nil }
        return (FormTables(items: items, outcomes: outcomes, ranges: ranges, answerClauses: answerClauses,
                           sectionConditions: sectionConditions, isPoints: scorecard.scoring == .points, pointScale: 1, denominator: 1),
                denominators, fieldConditions)
    }

    /// Scales the tables' credits to the common denominator `D` and sets the thresholds.
    static func finishForm(_ form: inout FormTables, scorecard: Scorecard, denominators: [Int64], denominator: Int64) -> Bool {
        form.denominator = denominator
        let flat = scorecard.sections.flatMap(\.criteria)
        for index in form.items.indices {
            let multiplier = denominator / denominators[index]
            switch form.items[index].kind {
            case .choice(let first, let count), .ranges(let first, let count):
                for position in first..<first + count {
                    let (scaled, overflow) = form.outcomes[position].credit.multipliedReportingOverflow(by: multiplier)
                    guard !overflow else { return false }
                    form.outcomes[position].credit = scaled
                }
            default: break
            }
            if form.items[index].failBelow < 0, let threshold = flat[index].criticalBelow {
                let product = threshold * Rational(Int128(denominator))
                var ceiling = product.numerator / product.denominator
                if product.numerator % product.denominator != 0 { ceiling += 1 }
                guard let value = Int64(exactly: ceiling) else { return false }
                form.items[index].failBelow = value
            }
        }
        return true
    }

    /// The kind, coding and credit denominator of a criterion in a form plan.
    private static func formKind(_ criterion: Criterion, outcomes: inout [FormTables.Outcome],
                                 ranges: inout [(low: Int64, high: Int64)]) -> (FormTables.Kind, FormTables.Form, Int64)? {
        func ten(_ penalty: Rational?) -> Int64? {
            guard let penalty else { return 0 }
            let scaled = penalty * Rational(10_000)
            return scaled.denominator == 1 ? Int64(exactly: scaled.numerator) : nil
        }
        if criterion.isField {
            switch criterion.kind {
            case .number: return (.field, .number, 1)
            case .date: return (.field, .date, 1)
            case .text: return (.field, .text, 1)
            case .select(let options): return (.field, .option(count: options.count), 1)
            case .multiSelect(let options): return options.count <= 63 ? (.field, .multiSelect(count: options.count), 1) : nil
            default: return nil
            }
        }
        switch criterion.kind {
        case .yesNo:
            guard let penalty = ten(criterion.penalty) else { return nil }
            return (.yesNo(penalty: penalty), .yesNo, 1)
        case .scale(let minimum, let maximum, _):
            guard maximum > minimum, let low = Int64(exactly: minimum), let high = Int64(exactly: maximum) else { return nil }
            let (span, overflow) = high.subtractingReportingOverflow(low)
            return overflow ? nil : (.scale, .scale(minimum: minimum), span)
        case .points(let maximum):
            guard maximum > .zero, let top = Int64(exactly: maximum.numerator), let bottom = Int64(exactly: maximum.denominator) else { return nil }
            let (denominator, overflow) = top.multipliedReportingOverflow(by: 100)
            return overflow ? nil : (.points(bottom: bottom), .points(bottom: bottom), denominator)
        case .choice(let options):
            guard let denominator = commonDenominator(options.map(\.credit)) else { return nil }
            let first = outcomes.count
            for option in options {
                guard let credit = integer(option.credit, scale: denominator), let penalty = ten(option.penalty) else { return nil }
                outcomes.append(.init(credit: credit, fails: option.fails, penalty: penalty))
            }
            // Keep `outcomes` and `ranges` aligned: a choice's entries have no range.
            while ranges.count < outcomes.count { ranges.append((1, 0)) }
            return (.choice(first: first, count: options.count), .option(count: options.count), denominator)
        case .number(let list):
            guard let denominator = commonDenominator(list.map(\.credit)) else { return nil }
            let first = outcomes.count
            for range in list {
                guard let credit = integer(range.credit, scale: denominator), let penalty = ten(range.penalty),
                      let low = millionths(range.minimum), let high = millionths(range.maximum) else { return nil }
                outcomes.append(.init(credit: credit, fails: range.fails, penalty: penalty))
                ranges.append((low, high))
            }
            return (.ranges(first: first, count: list.count), .number, denominator)
        default:
            return nil
        }
    }

    /// The codes a condition's clause on item `item` matches: those of the answers whose
    /// normalised value equals a listed value ignoring case (docs/scorecards.md, "Conditions on
    /// answers"); `nil` for a clause the tables cannot express (one on a text).
    private static func answerClause(_ clause: Condition.Clause, item: Int, form: FormTables.Form,
                                     kind: Criterion.Kind) -> FormTables.AnswerClause? {
        func listed(_ value: String) -> Bool { clause.values.contains { $0.caseInsensitiveCompare(value) } }
        var codes: [Int64] = listed("na") ? [naCode] : []
        var bits: UInt64 = 0
        /// Listed values that are numbers written as the answer would show them.
        func decimals(places: Int) -> [Rational] {
            clause.values.compactMap { text in
                guard let (value, _) = Rational.parseDecimal(text), value.decimalString(maximumPlaces: places) == text else { return nil }
                return value
            }
        }
        switch form {
        case .yesNo:
            if listed("yes") { codes.append(1) }
            if listed("no") { codes.append(0) }
        case .scale(let minimum):
            guard case .scale(_, let maximum, _) = kind else { return nil }
            for value in minimum...maximum where listed(String(value)) { codes.append(Int64(value - minimum)) }
        case .option:
            for (index, option) in (kind.options ?? []).enumerated() where listed(option.value) { codes.append(Int64(index)) }
        case .multiSelect:
            for (index, option) in (kind.options ?? []).enumerated() where listed(option.value) { bits |= 1 << UInt64(index) }
        case .points(let bottom):
            for value in decimals(places: 2) {
                let scaled = value * Rational(100) * Rational(Int128(bottom))
                if scaled.denominator == 1, let code = Int64(exactly: scaled.numerator) { codes.append(code) }
            }
        case .number:
            for value in decimals(places: Criterion.numberPlaces) { if let code = millionths(value) { codes.append(code) } }
        case .date:
            for text in clause.values {
                if text.utf8.count == 10, let date = CalendarDate.parse(text), date.description == text { codes.append(Int64(date.daysSince1970)) }
            }
        case .text:
            return nil
        }
        let isMulti: Bool = if case .multiSelect = form { true } else { false }
        return FormTables.AnswerClause(item: item, codes: codes, bits: bits, isMulti: isMulti)
    }
}
