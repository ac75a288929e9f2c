/// One scored audit as `score --by` and `score --format csv` use it: the audit's fields as UTF-8
/// bytes and its figures unreduced, so that a row read straight from a CSV record costs no string
/// and no fraction reduction.
///
/// A row points into buffers of the run and is valid only during the `consume` call that hands
/// it out; a consumer copies what it keeps.
public struct ScoreRow {
    let id: UnsafeBufferPointer<UInt8>
    let interactionID: UnsafeBufferPointer<UInt8>
    let agent: UnsafeBufferPointer<UInt8>
    let reviewer: UnsafeBufferPointer<UInt8>
    /// `YYYY-MM-DD`.
    let date: UnsafeBufferPointer<UInt8>
    /// The line of the input where the audit's record starts.
    let line: Int
    /// The value of the run's `--by` key; `nil` when the audit lacks it (`(none)`). With several
    /// keys, every value in `Grouping`'s joined encoding.
    let key: UnsafeBufferPointer<UInt8>?
    let scorecardIndex: Int
    let isCalibration: Bool
    let figures: Figures
    /// The audit's metadata fields (`team`, `channel`, …), for the per-audit CSV.
    let metadata: Metadata
    /// The audit's disputes (`--disputes`); `nil` for an undisputed audit, which is every audit
    /// read straight from CSV bytes.
    var disputes: AuditDisputes? = nil
    /// The audit's further keys when a `--by` field holds several values (docs/aggregates.md).
    var moreKeys: [[UInt8]] = []
    /// The audit's answers, for the field columns of the per-audit CSV; empty for a row read
    /// straight from CSV bytes (only consumers that do not read them get such rows of
    /// scorecards with fields: `ScoreRowConsumer.readsAnswers`).
    var answers: [Answer?] = []
    /// The whole scored audit, for a row of the general path (every row, for a consumer that
    /// `readsAudits`); `nil` for a row read straight from CSV bytes.
    public internal(set) var scored: ScoredAudit? = nil

    /// Where the metadata comes from: the record's cells (read straight from CSV bytes, each
    /// value the trimmed cell) or the decoded audit's fields.
    enum Metadata {
        case cells(CSVRowDecoder.Cells, layout: RecordLayout)
        case fields(AuditFields)
    }

    /// Where the figures come from: the compiled plan (the usual case), or a full result (the
    /// reference engine, or audits read through the general path).
    enum Figures {
        case plan(ScoringPlan.Evaluation, sections: UnsafeBufferPointer<ScoringPlan.SectionTally>)
        case result(AuditScore)
    }

    /// The score after critical rules, on the 0 to 100 scale; `nil` when nothing was scorable.
    var score: ScoringPlan.Fraction? {
        switch figures {
        case .plan(let evaluation, _): evaluation.score
        case .result(let result): result.score.map(ScoringPlan.Fraction.init)
        }
    }

    var rawScore: ScoringPlan.Fraction? {
        switch figures {
        case .plan(let evaluation, _): evaluation.rawScore
        case .result(let result): result.rawScore.map(ScoringPlan.Fraction.init)
        }
    }

    var isAutoFailed: Bool {
        switch figures {
        case .plan(let evaluation, _): evaluation.isAutoFailed
        case .result(let result): result.isAutoFailed
        }
    }

    var passed: Bool? {
        switch figures {
        case .plan(let evaluation, _): evaluation.passed
        case .result(let result): result.passed
        }
    }

    /// The band's name; `scorecards` are the run's.
    func band(in scorecards: [Scorecard]) -> String? {
        switch figures {
        case .plan(let evaluation, _): evaluation.band.map { scorecards[scorecardIndex].bands[$0].name }
        case .result(let result): result.band
        }
    }

    /// Section `index` of the audit's scorecard as a percentage after critical rules; `nil` when
    /// the section was N/A.
    func sectionPercentage(_ index: Int) -> ScoringPlan.Fraction? {
        switch figures {
        case .plan(let evaluation, let sections):
            let tally = sections[index]
            guard tally.denominator != 0 else { return nil }
            if tally.failed && evaluation.zeroesFailures { return ScoringPlan.Fraction(numerator: 0, denominator: 1) }
            return ScoringPlan.Fraction(numerator: Int128(tally.numerator) * 100, denominator: Int128(tally.denominator))
        case .result(let result):
            return result.sections[index].percentage.map(ScoringPlan.Fraction.init)
        }
    }

    /// Calls `body` with the row of a scored audit, its key taken by `grouping`. The row's
    /// fields point into the audit's own strings (no copy for the usual native ones).
    static func with<T>(_ scored: ScoredAudit, grouping: Grouping?, _ body: (ScoreRow) throws -> T) rethrows -> T {
        let audit = scored.audit
        let allKeys = grouping.map { $0.keys(of: scored) } ?? [nil]
        var id = audit.id, interactionID = audit.interactionID, agent = audit.agent, reviewer = audit.reviewer
        var date = audit.date.description
        return try id.withUTF8 { id in try interactionID.withUTF8 { interactionID in try agent.withUTF8 { agent in
            try reviewer.withUTF8 { reviewer in try date.withUTF8 { date in
                try (allKeys[0] ?? []).withUnsafeBufferPointer { key in
                    // An empty key still points somewhere, as a cell's span does.
                    let key = allKeys[0] == nil ? nil : key.isEmpty ? UnsafeBufferPointer(rebasing: date[0..<0]) : key
                    return try body(ScoreRow(id: id, interactionID: interactionID, agent: agent, reviewer: reviewer, date: date,
                                             line: audit.line, key: key, scorecardIndex: audit.scorecardIndex,
                                             isCalibration: audit.isCalibration, figures: .result(scored.result),
                                             metadata: .fields(audit.metadata), disputes: scored.disputes,
                                             moreKeys: allKeys.dropFirst().map { $0 ?? Array(Aggregate.noValue.utf8) }, answers: audit.answers,
                                             scored: scored))
                }
            } }
        } } }
    }
}

/// Takes the rows of a scoring run one at a time (`ScoringRun.run`).
public protocol ScoreRowConsumer: AnyObject {
    /// Whether it reads `ScoreRow.scored`, the whole scored audit (answers, per-criterion results,
    /// disputes): then every record takes the general path and every row carries its audit.
    /// Default: `false`, the consumer reads the row's own fields, and records the run can score
    /// straight from their bytes are.
    var readsAudits: Bool { get }
    /// Takes one row; it is valid only during the call. Throwing stops the run.
    func consume(_ row: ScoreRow) throws
    /// Takes one audit of the general path, scored, with the run's `--by` keys. Default: its row
    /// (`ScoreRow.with`, carrying the audit), to `consume(_:)`. A consumer that `readsAudits`
    /// takes the audit itself here, without a row built for it.
    func consume(audit scored: ScoredAudit, key grouping: Grouping?) throws
    /// Whether it reads `ScoreRow.answers` (the field columns of the per-audit CSV). Rows read
    /// straight from CSV bytes carry none, so then the audits of scorecards with fields take
    /// the general path. Default: `true`.
    var readsAnswers: Bool { get }
}

extension ScoreRowConsumer {
    public var readsAnswers: Bool { true }
    public var readsAudits: Bool { false }

    public func consume(audit scored: ScoredAudit, key grouping: Grouping?) throws {
        try ScoreRow.with(scored, grouping: grouping, consume)
    }
}

extension ScoringPlan.Fraction {
    init(_ value: Rational) {
        self.init(numerator: value.numerator, denominator: value.denominator)
    }

    /// Appends the value rounded half away from zero with exactly two decimals (`85.00`), as
    /// `Rational.formatted()` writes it.
    func appendFormatted(to bytes: inout [UInt8]) {
        guard let cents = ScoringPlan.roundedCents(numerator: numerator, denominator: denominator) else {
            bytes += Rational(numerator, denominator).formatted().utf8
            return
        }
        if cents < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = cents.magnitude
            var index = buffer.count
            var written = 0
            repeat {
                if written == 2 {
                    index -= 1
                    buffer[index] = UInt8(ascii: ".")
                }
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            } while rest != 0 || written <= 2
            bytes.append(contentsOf: buffer[index...])
        }
    }
}
