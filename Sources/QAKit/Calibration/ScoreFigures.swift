/// The score figures of a calibration session: per interaction, per reviewer and overall.
struct ScoreFigures {
    /// A reviewer's figures before the criterion match rate is known, with their index.
    struct ReviewerSummary {
        var index: Int32
        var figures: ReviewerFigures
    }

    private(set) var interactions: [InteractionFigures] = []
    private(set) var reviewers: [ReviewerSummary] = []
    private(set) var overall: OverallFigures

    /// Running sums of one reviewer's deviations from the reference.
    private struct Deviations {
        var interactions = 0
        var count = 0
        var sum = 0.0
        var absoluteSum = 0.0
        var withinTolerance = 0
    }

    init(_ analysis: CalibrationAnalysis) {
        let records = analysis.records
        let units = analysis.units
        var deviations = [Deviations](repeating: Deviations(), count: records.reviewerNames.count)
        var taking = [Bool](repeating: false, count: records.reviewerNames.count)
        var alphaUnits: [[Double?]] = []
        alphaUnits.reserveCapacity(units.count)
        var groups: [[Double]] = []
        groups.reserveCapacity(units.count)
        var withinCount = 0
        var judged = 0
        interactions.reserveCapacity(units.count)
        for unit in 0..<units.count {
            let members = units.members(of: unit)
            let scores = members.map { records.score(of: $0) }
            let scored = scores.filter { !$0.isNaN }
            alphaUnits.append(scores.map { $0.isNaN ? nil : $0 })
            groups.append(scored)
            let benchmark = members.first(where: analysis.isBenchmark)
            let benchmarkScore = benchmark.flatMap { analysis.hasScore($0) ? records.score(of: $0) : nil }
            var figures = Self.spread(of: scored)
            figures.interactionID = records.interactionIDs[Int(units.interactions[unit])]
            figures.scores = zip(members, scores).map { audit, score in
                ReviewerScore(reviewer: records.reviewerNames[Int(records.reviewer(of: audit))], score: score.isNaN ? nil : score)
            }
            figures.benchmarkScore = benchmarkScore
            figures.isWithinTolerance = Self.isWithinTolerance(members: members, benchmark: benchmarkScore == nil ? nil : benchmark,
                                                               range: figures.range, analysis: analysis)
            if let within = figures.isWithinTolerance {
                judged += 1
                if within { withinCount += 1 }
            }
            interactions.append(figures)
            for member in members {
                let reviewer = Int(records.reviewer(of: member))
                taking[reviewer] = true
                guard !analysis.isBenchmark(member) else { continue }
                deviations[reviewer].interactions += 1
                Self.addDeviation(of: member, in: unit, benchmarkScore: benchmarkScore, to: &deviations[reviewer], analysis: analysis)
            }
        }
        let variance = Variance.pooledWithinGroups(groups)
        overall = OverallFigures(
            interactions: units.count, reviewers: taking.filter { $0 }.count, audits: units.members.count,
            alpha: KrippendorffAlpha(units: alphaUnits, level: .interval).value,
            calibrationVariance: variance, calibrationSD: variance.map { $0.squareRoot() },
            withinToleranceRate: judged == 0 ? nil : Double(withinCount) / Double(judged)
        )
        let byName = records.reviewerNames.indices.sorted { records.reviewerNames[$0] < records.reviewerNames[$1] }
        for reviewer in byName where taking[reviewer] && Int32(reviewer) != analysis.benchmarkIndex {
            reviewers.append(ReviewerSummary(index: Int32(reviewer), figures: Self.figures(
                for: Int32(reviewer), deviations[reviewer], analysis: analysis
            )))
        }
    }

    /// Mean, sample variance, sd and range of an interaction's scores.
    private static func spread(of scores: [Double]) -> InteractionFigures {
        let variance = Variance.sample(scores)
        return InteractionFigures(
            interactionID: "", scores: [],
            mean: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
            variance: variance, sd: variance.map { $0.squareRoot() },
            range: scores.count < 2 ? nil : scores.max()! - scores.min()!,
            benchmarkScore: nil, isWithinTolerance: nil
        )
    }

    /// With a benchmark score, every other score within tolerance of it (undefined when no one
    /// else has a score); else the range within tolerance.
    private static func isWithinTolerance(
        members: ArraySlice<Int32>, benchmark: Int32?, range: Double?, analysis: CalibrationAnalysis
    ) -> Bool? {
        let records = analysis.records
        guard let benchmark else {
            guard let range else { return nil }
            return analysis.isWithinTolerance(range) {
                let scored = members.filter(analysis.hasScore).map(analysis.exactScore)
                return scored.max()! - scored.min()!
            }
        }
        let reference = records.score(of: benchmark)
        var judged = false
        for member in members where member != benchmark && analysis.hasScore(member) {
            judged = true
            let distance = abs(records.score(of: member) - reference)
            if !analysis.isWithinTolerance(distance, exact: { analysis.exactScore(member) - analysis.exactScore(benchmark) }) {
                return false
            }
        }
        return judged ? true : nil
    }

    private static func addDeviation(
        of member: Int32, in unit: Int, benchmarkScore: Double?, to sums: inout Deviations, analysis: CalibrationAnalysis
    ) {
        guard analysis.hasScore(member) else { return }
        let score = analysis.records.score(of: member)
        let reference: Double
        if let benchmarkScore {
            reference = benchmarkScore
        } else {
            var sum = 0.0
            var count = 0
            for other in analysis.units.members(of: unit) where other != member && analysis.hasScore(other) {
                sum += analysis.records.score(of: other)
                count += 1
            }
            guard count > 0 else { return }
            reference = sum / Double(count)
        }
        let deviation = score - reference
        sums.count += 1
        sums.sum += deviation
        sums.absoluteSum += abs(deviation)
        let within = analysis.isWithinTolerance(abs(deviation)) {
            analysis.exactScore(member) - analysis.exactReference(for: member, in: unit)!
        }
        if within { sums.withinTolerance += 1 }
    }

    private static func figures(for reviewer: Int32, _ sums: Deviations, analysis: CalibrationAnalysis) -> ReviewerFigures {
        let mean = sums.count == 0 ? nil : sums.sum / Double(sums.count)
        return ReviewerFigures(
            reviewer: analysis.records.reviewerNames[Int(reviewer)], interactions: sums.interactions,
            meanDeviation: mean,
            meanAbsoluteDeviation: sums.count == 0 ? nil : sums.absoluteSum / Double(sums.count),
            withinToleranceRate: sums.count == 0 ? nil : Double(sums.withinTolerance) / Double(sums.count),
            criterionMatchRate: nil,
            tendency: mean.map { tendency(of: reviewer, meanDeviation: $0, count: sums.count, analysis: analysis) }
        )
    }

    /// Lenient above half the tolerance, strict below minus half; decided on the exact mean
    /// deviation when the double is within a millionth of a point of either boundary.
    private static func tendency(of reviewer: Int32, meanDeviation: Double, count: Int, analysis: CalibrationAnalysis) -> Tendency {
        let half = analysis.tolerance / Rational(2)
        let halfValue = half.doubleValue
        if abs(abs(meanDeviation) - halfValue) > 1e-6 {
            return meanDeviation > halfValue ? .lenient : meanDeviation < -halfValue ? .strict : .aligned
        }
        var sum = Rational.zero
        for unit in 0..<analysis.units.count {
            for member in analysis.units.members(of: unit)
            where analysis.records.reviewer(of: member) == reviewer && analysis.hasScore(member) {
                if let reference = analysis.exactReference(for: member, in: unit) { sum += analysis.exactScore(member) - reference }
            }
        }
        let mean = sum / Rational(count)
        return mean > half ? .lenient : mean < .zero - half ? .strict : .aligned
    }
}
