import ArgumentParser
import QAKit

extension ScoreFormat: ExpressibleByArgument {}

/// `qakit score`: scores audits exactly, per audit or aggregated with `--by`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score audits against their scorecards, per audit or aggregated.",
        discussion: """
        Rejected records are reported on standard error with file, line, audit id and field; valid \
        records are still scored and the run exits 1. A summary (scored, rejected, pass rate) goes \
        to standard error. Calibration audits are left out of --by aggregates unless \
        --include-calibration is given.
        """
    )

    @OptionGroup var scorecardOptions: ScorecardOptions
    @OptionGroup var inputOptions: AuditInputOptions

    @Option(help: "Output format: table, csv, json or jsonl.")
    var format: ScoreFormat = .table

    @Option(help: "Aggregate by agent, team, reviewer, scorecard, month, or any audit field.")
    var by: String?

    @Flag(help: "Count calibration audits in --by aggregates.")
    var includeCalibration = false

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let scorecards = try scorecardOptions.load()
        let run = ScoringRun(scorecards: scorecards)
        var sources = try inputOptions.open(decoder: run.decoder)
        let sink = try OutputTarget(path: output)
        var aggregator = by.map { Aggregator(dimension: Aggregator.Dimension($0), includesCalibration: includeCalibration) }
        let writer = aggregator == nil ? AuditResultWriter(format: format, sink: sink.sink, scorecards: scorecards) : nil
        var summary = PassSummary()
        let progress = Progress()
        try writer?.begin()
        var hadFatalError = false
        var hadUnreadableInput = false
        for index in sources.indices {
            do {
                try run.run(&sources[index], scored: { scored in
                    summary.add(scored)
                    if aggregator != nil { aggregator!.add(scored) } else { try writer?.write(scored) }
                    progress.tick(run.scoredCount)
                }, report: { Terminal.print([$0]) })
            } catch let error as InputError {
                Terminal.print([error.diagnostic])
                hadFatalError = true
                hadUnreadableInput = hadUnreadableInput || error.isUnreadable
            }
        }
        progress.finish()
        if hadUnreadableInput {
            // An input could not be read at all: leave any existing output file untouched.
            Terminal.printError("qakit: error: an input could not be read; no output written")
            throw ExitCode(2)
        }
        try writer?.end()
        if let aggregator {
            try AggregateWriter.write(aggregator.aggregates, dimension: aggregator.dimension, format: format, to: sink.sink)
        }
        try sink.commit()
        Terminal.printError(summary.line(scored: run.scoredCount, calibration: run.calibrationCount, rejected: run.rejectedCount,
                                         calibrationExcluded: aggregator != nil && !includeCalibration))
        if run.rejectedCount > 0 || hadFatalError { throw ExitCode(1) }
    }
}

/// Standard output, or a file written atomically and only renamed into place once complete.
struct OutputTarget {
    let sink: TextSink
    private let file: AtomicFile?
    private let standardOutput: StandardOutput?

    init(path: String?) throws {
        if let path, path != "-" {
            do {
                file = try AtomicFile(path: path)
            } catch {
                Terminal.printError("qakit: error: \(error)")
                throw ExitCode(2)
            }
            sink = file!
            standardOutput = nil
        } else {
            standardOutput = StandardOutput()
            sink = standardOutput!
            file = nil
        }
    }

    func commit() throws {
        standardOutput?.flush()
        do {
            try file?.commit()
        } catch {
            Terminal.printError("qakit: error: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Counts for the closing summary line; pass rate over non-calibration audits with a pass/fail.
struct PassSummary {
    private var judged = 0
    private var passes = 0

    mutating func add(_ scored: ScoredAudit) {
        guard !scored.audit.isCalibration, let passed = scored.result.passed else { return }
        judged += 1
        if passed { passes += 1 }
    }

    func line(scored: Int, calibration: Int, rejected: Int, calibrationExcluded: Bool) -> String {
        var text = "qakit: scored \(scored) audit\(scored == 1 ? "" : "s")"
        if calibration > 0 {
            text += " (\(calibration) calibration\(calibrationExcluded ? ", left out of aggregates" : ""))"
        }
        text += ", rejected \(rejected)"
        if judged > 0 {
            text += "; pass rate \(Rational(Int128(passes * 100), Int128(judged)).formatted(places: 1))% (\(passes) of \(judged))"
        }
        return text
    }
}

/// A progress line on standard error for long runs, only on a terminal.
final class Progress {
    private let isShown = Terminal.isInteractive
    private var shown = false

    func tick(_ count: Int) {
        guard isShown, count % 100_000 == 0 else { return }
        shown = true
        Terminal.printProgress("scoring… \(count) audits")
    }

    func finish() {
        if shown { Terminal.printProgress("") }
    }
}
