/// Collects the audits of a calibration session as they are scored, then computes its figures.
///
/// Calibration has to hold its audits until every input is read, since any later record may
/// add a reviewer to an interaction. Each audit is kept compactly: ids as indices into shared
/// tables, the score, and one `Double` per criterion answer in a flat array per scorecard
/// (about 100 bytes plus 8 per criterion), never the whole scored result.
public final class CalibrationSession {
    /// The run's scorecards, in the order audits refer to them by index.
    public let scorecards: [Scorecard]
    /// Benchmark, tolerance and which audits take part.
    public let options: CalibrationOptions
    private var records: [CalibrationRecords]
    private var files: [String] = []
    private var fileIndex: [String: Int32] = [:]

    /// Audits kept so far, over all scorecards.
    public var auditCount: Int { records.reduce(0) { $0 + $1.audits.count } }

    /// An empty session over the run's scorecards.
    public init(scorecards: [Scorecard], options: CalibrationOptions) {
        self.scorecards = scorecards
        self.options = options
        records = scorecards.map { CalibrationRecords(criterionCount: $0.criteria.count) }
    }

    /// Keeps one scored audit, unless `--calibration-only` leaves it out.
    ///
    /// A criterion whose `when` does not match the audit counts as unanswered, whatever the
    /// record says, since it was not part of that review.
    public func add(_ scored: ScoredAudit) {
        guard !options.isCalibrationOnly || scored.audit.isCalibration,
              records.indices.contains(scored.audit.scorecardIndex) else { return }
        let file: Int32
        if files.last == scored.audit.file { file = Int32(files.count - 1) } else if let known = fileIndex[scored.audit.file] { file = known } else {
            file = Int32(files.count)
            files.append(scored.audit.file)
            fileIndex[scored.audit.file] = file
        }
        records[scored.audit.scorecardIndex].append(scored.audit, result: scored.result, file: file)
    }

    /// Whether any kept audit was made by `reviewer`.
    public func hasReviewer(_ reviewer: String) -> Bool {
        records.contains { $0.hasReviewer(reviewer) }
    }

    /// Every reviewer of the kept audits, sorted, for "did you mean" hints.
    public var reviewers: [String] { Set(records.flatMap(\.reviewerNames)).sorted() }

    /// The figures of every scorecard that has at least one calibration unit, in scorecard
    /// order, with a warning for each audit superseded by a later one of the same reviewer.
    public func analyse() -> CalibrationOutcome {
        var outcome = CalibrationOutcome()
        for (index, scorecard) in scorecards.enumerated() where !records[index].audits.isEmpty {
            let units = CalibrationUnits(records[index])
            outcome.warnings += units.superseded.map { warning(for: $0, in: records[index]) }
            guard units.count > 0 else {
                outcome.scorecardsWithoutUnits.append(ScorecardAudits(scorecard: scorecard.id, audits: records[index].audits.count))
                continue
            }
            let tolerance = options.tolerance ?? scorecard.calibration.tolerance
            outcome.reports.append(CalibrationAnalysis(
                scorecard: scorecard, records: records[index], units: units,
                benchmark: options.benchmark, tolerance: tolerance
            ).report())
        }
        outcome.warnings.sort()
        return outcome
    }

    private func warning(for pair: CalibrationUnits.Superseded, in records: CalibrationRecords) -> Diagnostic {
        let ignored = records.audits[Int(pair.ignored)]
        let counted = records.audits[Int(pair.counted)]
        let reviewer = records.reviewerNames[Int(records.reviewer(of: pair.ignored))]
        let interaction = records.interactionIDs[Int(ignored.interaction)]
        return Diagnostic(
            .warning,
            "reviewer '\(reviewer)' scored interaction '\(interaction)' twice (audits '\(ignored.id)' and '\(counted.id)'); " +
                "only the later audit '\(counted.id)' counts in calibration",
            file: files[Int(ignored.file)], line: Int(ignored.line)
        )
    }
}

/// What a calibration run found.
public struct CalibrationOutcome: Sendable {
    /// One per scorecard with at least one calibration unit, in scorecard order.
    public var reports: [CalibrationReport] = []
    /// Audits superseded by a later audit of the same reviewer and interaction.
    public var warnings: [Diagnostic] = []
    /// Scorecards that had audits but no interaction scored by two reviewers.
    public var scorecardsWithoutUnits: [ScorecardAudits] = []
}

/// A scorecard and how many audits were kept for it.
public struct ScorecardAudits: Sendable, Hashable {
    /// The scorecard id.
    public var scorecard: String
    /// Audits kept for it.
    public var audits: Int
}

/// One scorecard's kept audits, in input order.
struct CalibrationRecords: Sendable {
    /// An audit reduced to what calibration needs.
    struct Record: Sendable {
        var id: String
        var interaction: Int32
        /// Days since 1970-01-01, to find a reviewer's later audit.
        var day: Int32
        var file: Int32
        var line: Int32
        /// The exact score as a 64-bit fraction, for tolerance decisions on the boundary; a
        /// denominator of 0 means no score, or one too wide for 64 bits (kept in `wideScores`).
        var numerator: Int64
        var denominator: Int64
    }

    /// Audits per block of answers: blocks of fixed size grow the store without ever copying
    /// it, which a single array doubling its capacity would do at the worst moment.
    private static let auditsPerBlock = 8192

    let criterionCount: Int
    private(set) var audits: [Record] = []
    /// Each audit's reviewer index and unrounded score (NaN for none), apart from the records
    /// because the analysis reads them for every answer.
    private var reviewers: [Int32] = []
    private var scores: [Double] = []
    /// `criterionCount` answer codes per audit, audit after audit, in blocks (see `AnswerCode`).
    private var answerBlocks: [[Double]] = []
    /// Exact scores that do not fit a 64-bit fraction, by audit index.
    private var wideScores: [Int: Rational] = [:]
    private(set) var interactionIDs: [String] = []
    private(set) var reviewerNames: [String] = []
    private var interactionIndex: [String: Int32] = [:]
    private var reviewerIndex: [String: Int32] = [:]

    init(criterionCount: Int) {
        self.criterionCount = criterionCount
    }

    mutating func append(_ audit: Audit, result: AuditScore, file: Int32) {
        let interaction = Self.index(of: audit.interactionID, in: &interactionIndex, names: &interactionIDs)
        let reviewer = Self.index(of: audit.reviewer, in: &reviewerIndex, names: &reviewerNames)
        var record = Record(
            id: audit.id, interaction: interaction, day: Int32(audit.date.daysSince1970),
            file: file, line: Int32(clamping: audit.line), numerator: 0, denominator: 0
        )
        reviewers.append(reviewer)
        scores.append(result.score?.doubleValue ?? .nan)
        if let score = result.score {
            if let fraction = score.narrowFraction {
                (record.numerator, record.denominator) = fraction
            } else {
                wideScores[audits.count] = score
            }
        }
        if audits.count % Self.auditsPerBlock == 0 {
            answerBlocks.append([])
            answerBlocks[answerBlocks.count - 1].reserveCapacity(Self.auditsPerBlock * criterionCount)
        }
        audits.append(record)
        let block = answerBlocks.count - 1
        result.criteria.withUnsafeBufferPointer { outcomes in
            audit.answers.withUnsafeBufferPointer { given in
                for criterion in 0..<criterionCount {
                    let applies = criterion < outcomes.count ? outcomes[criterion].applies : true
                    answerBlocks[block].append(applies && criterion < given.count ? AnswerCode.encode(given[criterion]) : AnswerCode.unanswered)
                }
            }
        }
    }

    func hasReviewer(_ name: String) -> Bool {
        reviewerIndex[name] != nil
    }

    func reviewer(of audit: Int32) -> Int32 {
        reviewers[Int(audit)]
    }

    /// The unrounded score of `audit`, NaN when it has none.
    func score(of audit: Int32) -> Double {
        scores[Int(audit)]
    }

    /// The answer code of `audit` for `criterion`.
    func answer(_ audit: Int32, _ criterion: Int) -> Double {
        let index = Int(audit)
        return answerBlocks[index / Self.auditsPerBlock][(index % Self.auditsPerBlock) * criterionCount + criterion]
    }

    /// The exact score of `audit`, if it has one.
    func exactScore(_ audit: Int32) -> Rational? {
        let record = audits[Int(audit)]
        if record.denominator != 0 { return Rational(Int128(record.numerator), Int128(record.denominator)) }
        return wideScores[Int(audit)]
    }

    private static func index(of name: String, in table: inout [String: Int32], names: inout [String]) -> Int32 {
        if let known = table[name] { return known }
        let index = Int32(names.count)
        table[name] = index
        names.append(name)
        return index
    }
}

extension Rational {
    /// Numerator and denominator as 64-bit integers, when both fit.
    fileprivate var narrowFraction: (Int64, Int64)? {
        guard let numerator = Int64(exactly: numerator), let denominator = Int64(exactly: denominator) else { return nil }
        return (numerator, denominator)
    }
}
