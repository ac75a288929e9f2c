import Dispatch

/// Computes the figures of `docs/calibration.md` for one scorecard's calibration units.
///
/// Scores are compared as doubles, except where a tolerance decision falls within a millionth
/// of a point of the boundary: there the exact rational scores decide, so that binary floating
/// point never decides whether two scores are within tolerance. Criteria are analysed
/// concurrently, one task per criterion.
struct CalibrationAnalysis {
    let scorecard: Scorecard
    let records: CalibrationRecords
    let units: CalibrationUnits
    let benchmarkName: String?
    let tolerance: Rational
    /// The benchmark's reviewer index, when they scored anything on this scorecard.
    let benchmarkIndex: Int32?
    private let toleranceValue: Double

    init(scorecard: Scorecard, records: CalibrationRecords, units: CalibrationUnits, benchmark: String?, tolerance: Rational) {
        self.scorecard = scorecard
        self.records = records
        self.units = units
        self.benchmarkName = benchmark
        self.tolerance = tolerance
        benchmarkIndex = benchmark.flatMap { name in records.reviewerNames.firstIndex(of: name).map(Int32.init) }
        toleranceValue = tolerance.doubleValue
    }

    func report() -> CalibrationReport {
        let scores = ScoreFigures(self)
        let criteria = analyseCriteria()
        var matched = [Int](repeating: 0, count: records.reviewerNames.count)
        var compared = matched
        for figures in criteria {
            for reviewer in matched.indices {
                matched[reviewer] += figures.matched[reviewer]
                compared[reviewer] += figures.compared[reviewer]
            }
        }
        let reviewers = scores.reviewers.map { summary in
            var figures = summary.figures
            let index = Int(summary.index)
            figures.criterionMatchRate = compared[index] == 0 ? nil : Double(matched[index]) / Double(compared[index])
            return figures
        }
        return CalibrationReport(
            scorecard: scorecard.id, scorecardVersion: scorecard.version, tolerance: tolerance,
            minimumAlpha: scorecard.calibration.minimumAlpha, benchmark: benchmarkName,
            overall: scores.overall, interactions: scores.interactions, reviewers: reviewers,
            criteria: criteria.map(\.figures)
        )
    }

    // MARK: Tolerance decisions

    /// Whether `distance` (an absolute difference of scores) is at most the tolerance, asking
    /// `exact` for the exact difference only when the double is too close to call.
    func isWithinTolerance(_ distance: Double, exact: () -> Rational) -> Bool {
        if distance < toleranceValue - 1e-6 { return true }
        if distance > toleranceValue + 1e-6 { return false }
        let difference = exact()
        return (difference < .zero ? .zero - difference : difference) <= tolerance
    }

    /// The exact score of an audit that has one.
    func exactScore(_ audit: Int32) -> Rational {
        records.exactScore(audit) ?? .zero
    }

    /// The exact reference of `audit` in `unit`: the benchmark's score, or the mean of the
    /// other scores; `nil` when there is none.
    func exactReference(for audit: Int32, in unit: Int) -> Rational? {
        let members = units.members(of: unit)
        if let mark = members.first(where: { isBenchmark($0) && hasScore($0) }) { return exactScore(mark) }
        var sum = Rational.zero
        var count = 0
        for other in members where other != audit && hasScore(other) {
            sum += exactScore(other)
            count += 1
        }
        return count == 0 ? nil : sum / Rational(count)
    }

    func isBenchmark(_ audit: Int32) -> Bool {
        benchmarkIndex == records.reviewer(of: audit)
    }

    func hasScore(_ audit: Int32) -> Bool {
        !records.score(of: audit).isNaN
    }

    // MARK: Criteria

    /// One criterion's figures and, per reviewer index, answers compared with and equal to the
    /// reference answer.
    struct CriterionOutcome: Sendable {
        var figures: CriterionFigures
        var matched: [Int]
        var compared: [Int]
    }

    /// One outcome per criterion whose answers reviewers can agree on: free text, dates and
    /// `multi_select` fields are left out; a `select` field is compared as nominal answers
    /// (docs/calibration.md).
    private func analyseCriteria() -> [CriterionOutcome] {
        let all = scorecard.criteria.map(\.criterion)
        let positions = all.indices.filter { index in
            switch all[index].kind {
            case .text, .date, .multiSelect: false
            default: true
            }
        }
        let slots = Slots<CriterionOutcome>(count: positions.count)
        defer { slots.deallocate() }
        DispatchQueue.concurrentPerform(iterations: positions.count) { slot in
            slots.set(slot, analyse(all[positions[slot]], at: positions[slot]))
        }
        return slots.values()
    }

    private func analyse(_ criterion: Criterion, at index: Int) -> CriterionOutcome {
        let level: MeasurementLevel
        switch criterion.kind {
        case .yesNo, .choice, .select, .text, .multiSelect: level = .nominal
        case .scale: level = .ordinal
        case .points, .number, .date: level = .interval
        }
        var ratings: [[Double?]] = []
        ratings.reserveCapacity(units.count)
        var disagreements: [String] = []
        var examples: [Disagreement] = []
        var matched = [Int](repeating: 0, count: records.reviewerNames.count)
        var compared = matched
        var answered: [Int32] = []
        var codes: [Double] = []
        for unit in 0..<units.count {
            let members = units.members(of: unit)
            ratings.append(members.map { AnswerCode.rating(records.answer($0, index)) })
            answered.removeAll(keepingCapacity: true)
            codes.removeAll(keepingCapacity: true)
            for member in members where AnswerCode.isAnswered(records.answer(member, index)) {
                answered.append(member)
                codes.append(records.answer(member, index))
            }
            guard answered.count >= 2 else { continue }
            if codes.contains(where: { $0 != codes[0] }) {
                let interaction = records.interactionIDs[Int(units.interactions[unit])]
                disagreements.append(interaction)
                if examples.count < CalibrationReport.exampleLimit {
                    examples.append(Disagreement(interactionID: interaction, answers: zip(answered, codes).map { audit, code in
                        ReviewerAnswer(reviewer: records.reviewerNames[Int(records.reviewer(of: audit))],
                                       answer: AnswerCode.text(code, for: criterion.kind))
                    }))
                }
            }
            countMatches(answered: answered, codes: codes, matched: &matched, compared: &compared)
        }
        let agreement = KrippendorffAlpha(units: ratings, level: level)
        let alpha = agreement.value
        let ac1 = AnswerCode.domain(of: criterion.kind).map { GwetAC1(units: ratings, categories: $0) }
        // Percent agreement is AC1's observed agreement p_a (identity weights, the same pairable
        // units), so it is taken from there when AC1 was computed rather than counted twice.
        let percentAgreement = ac1.map { $0.observedAgreement } ?? PercentAgreement(units: ratings).value
        let figures = CriterionFigures(
            id: criterion.id, type: criterion.kind.name, level: level, units: agreement.pairableUnits, alpha: alpha,
            ac1: ac1?.value, percentAgreement: percentAgreement,
            isFlagged: CriterionFigures.isFlagged(alpha: alpha, units: agreement.pairableUnits,
                                                  minimumAlpha: scorecard.calibration.minimumAlpha),
            disagreements: disagreements, disagreementExamples: examples
        )
        return CriterionOutcome(figures: figures, matched: matched, compared: compared)
    }

    /// Compares each answering reviewer but the benchmark with the reference answer: the
    /// benchmark's answer when they gave one, else the most common answer of the others (ties
    /// count as matches).
    private func countMatches(answered: [Int32], codes: [Double], matched: inout [Int], compared: inout [Int]) {
        if let mark = answered.firstIndex(where: isBenchmark) {
            for (position, audit) in answered.enumerated() where position != mark {
                let reviewer = Int(records.reviewer(of: audit))
                compared[reviewer] += 1
                if codes[position] == codes[mark] { matched[reviewer] += 1 }
            }
            return
        }
        for (position, isMatch) in Consensus.leaveOneOutMatches(codes).enumerated() {
            guard let isMatch else { continue }
            let reviewer = Int(records.reviewer(of: answered[position]))
            compared[reviewer] += 1
            if isMatch { matched[reviewer] += 1 }
        }
    }
}

/// One result slot per concurrent task: each task writes only its own slot, and the slots are
/// read after every task has finished, which is what makes sharing the buffer safe.
private struct Slots<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func set(_ index: Int, _ value: Value) {
        buffer[index] = value
    }

    func values() -> [Value] {
        buffer.map { $0! }
    }

    func deallocate() {
        _ = buffer.deinitialize()
        buffer.deallocate()
    }
}
