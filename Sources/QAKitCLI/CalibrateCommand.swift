import ArgumentParser
import QAKit

/// The report formats of `qakit calibrate`.
enum CalibrationFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `qakit calibrate`: how consistently reviewers score the same interactions.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure how consistently reviewers score the same interactions.",
        discussion: """
        A calibration unit is an interaction scored with the same scorecard by two or more \
        reviewers. Exit status: 0 success; 1 when records were rejected or no interaction was \
        scored by two reviewers; 2 for a usage error, an unreadable input or an unknown \
        --benchmark reviewer.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions

    @Option(help: "Reviewer whose scores are the reference where they scored an interaction.")
    var benchmark: String?

    @Option(help: "Points by which reviewers may differ and still be aligned (overrides the scorecard's calibration.tolerance).")
    var tolerance: String?

    @Flag(help: "Use only audits marked calibration: true.")
    var calibrationOnly = false

    @Option(help: "Report format: text, markdown or json.")
    var format: CalibrationFormat = .text

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let tolerance {
            guard let parsed = Rational.parseDecimal(tolerance), parsed.value >= .zero else {
                throw ValidationError("--tolerance must be a number of points, 0 or more, found '\(tolerance)'")
            }
        }
        if let benchmark, benchmark.isEmpty {
            throw ValidationError("--benchmark needs a reviewer name")
        }
    }

    func run() throws {
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        run.checksNameVariants = true
        var sources = try inputOptions.open(decoder: run.decoder)
        let options = CalibrationOptions(
            benchmark: benchmark, tolerance: tolerance.flatMap { Rational.parseDecimal($0)?.value },
            isCalibrationOnly: calibrationOnly
        )
        let session = CalibrationSession(scorecards: scorecards, options: options)
        let progress = Progress(run: run)
        var hadFatalError = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: { scored in
                    session.add(scored)
                    progress.tick()
                }, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
            }
        }
        progress.finish()
        if let benchmark, !session.hasReviewer(benchmark) {
            Terminal.printError("qakit: error: no audit was scored by the --benchmark reviewer '\(benchmark)'\(Suggestion.hint(for: benchmark, among: session.reviewers))")
            throw ExitCode(2)
        }
        let outcome = session.analyse()
        Terminal.print(outcome.warnings)
        for empty in outcome.scorecardsWithoutUnits where !outcome.reports.isEmpty {
            Terminal.printError("qakit: note: scorecard '\(empty.scorecard)' has \(empty.audits) audit\(empty.audits == 1 ? "" : "s") but no interaction scored by two reviewers; left out")
        }
        guard !outcome.reports.isEmpty else {
            Terminal.printError(Self.noUnitsMessage(audits: session.auditCount, calibrationOnly: calibrationOnly))
            throw ExitCode(1)
        }
        let sink = try outputOptions.open()
        switch format {
        case .json: try CalibrationJSON.write(outcome.reports, to: sink.sink)
        case .text: try sink.sink.write(CalibrationText.render(outcome.reports, markdown: false) + "\n")
        case .markdown: try sink.sink.write(CalibrationText.render(outcome.reports, markdown: true) + "\n")
        }
        try sink.commit()
        Terminal.printError("qakit: calibrated \(outcome.reports.map { "\($0.scorecard): \($0.overall.interactions) interaction\($0.overall.interactions == 1 ? "" : "s"), \($0.overall.reviewers) reviewers" }.joined(separator: "; ")); rejected \(run.rejectedCount)")
        if run.rejectedCount > 0 || hadFatalError { throw ExitCode(1) }
    }

    /// What the user needs when nothing could be calibrated.
    static func noUnitsMessage(audits: Int, calibrationOnly: Bool) -> String {
        var message = "qakit: error: nothing to calibrate: no interaction was scored by two or more reviewers " +
            "(read \(audits) usable audit\(audits == 1 ? "" : "s")). Calibration needs the same interaction_id " +
            "scored with the same scorecard by two or more different reviewers."
        if calibrationOnly { message += " Only audits with calibration: true were used (--calibration-only)." }
        return message
    }
}
