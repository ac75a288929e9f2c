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
