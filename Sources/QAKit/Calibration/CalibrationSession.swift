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
