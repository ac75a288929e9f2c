#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import QAKit

/// Audit files of every format through `AuditSources`, the decoder and the score engine, against
/// the example scorecards. The first byte picks the format; the rest is the file.
///
/// Differential too: `ScoringRun.run` with a consumer of rows (which scores CSV records straight from their bytes)
/// must write the same CSV rows, aggregates and diagnostics as `ScoringRun.run`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudits(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let format = AuditFormat.allCases[Int(data[0]) % AuditFormat.allCases.count]
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    fwrite(data + 1, 1, size - 1, file)
    fclose(file)
    check(transcript(format: format, direct: true) == transcript(format: format, direct: false),
          "the byte path and the general path disagree")
    return 0
}

/// What a run of `path` writes with `score --format csv` and `score --by agent --format csv`,
/// and the diagnostics, through a consumer of rows (`direct`) or of whole audits.
private func transcript(format: AuditFormat, direct: Bool) -> String {
    let run = ScoringRun(scorecards: scorecards)
    let rows = StringSink()
    let aggregator = Aggregator(grouping: Grouping([.agent]))
    var lines: [String] = []
    let report = { (diagnostic: Diagnostic) in
        check(diagnostic.file == path, "diagnostic names another file: \(diagnostic)")
        check(diagnostic.line.map { $0 >= 1 } ?? true, "bad line: \(diagnostic)")
        lines.append(diagnostic.description)
    }
    do {
        var source = try AuditSources.open(path: path, format: format, decoder: run.decoder)
        if direct {
            final class Both: ScoreRowConsumer {
                let writer: ScoreCSVWriter
                let aggregator: Aggregator
                init(_ writer: ScoreCSVWriter, _ aggregator: Aggregator) { (self.writer, self.aggregator) = (writer, aggregator) }
                func consume(_ row: ScoreRow) throws {
                    try writer.consume(row)
                    aggregator.consume(row)
                }
            }
            let writer = ScoreCSVWriter(sink: rows, scorecards: scorecards)
            try run.run(&source, key: .agent, consumer: Both(writer, aggregator), report: report)
            try writer.end()
        } else {
            let writer = AuditResultWriter(format: .csv, sink: rows, scorecards: scorecards)
            try run.run(&source, scored: { scored in
                try writer.write(scored)
                aggregator.add(scored)
            }, report: report)
            try writer.end()
        }
    } catch let error as InputError {
        lines.append(error.description)
    } catch {
        fatalError("unexpected error \(error)")
    }
    let totals = StringSink()
    do {
        try AggregateWriter.write(aggregator.aggregates, grouping: Grouping([.agent]), format: .csv, to: totals)
    } catch {
        fatalError("unexpected error \(error)")
    }
    lines.append("scored \(run.scoredCount) rejected \(run.rejectedCount) judged \(run.judgedCount) passed \(run.passedCount)")
    return rows.text + totals.text + lines.joined(separator: "\n")
}

/// One file per fuzzing process, in memory-backed /dev/shm when there is one.
private let path = "/dev/shm/qakit-fuzz-audits-\(getpid())"

/// The example scorecards, loaded once (QAKIT_SCORECARDS, default `scorecards`).
private let scorecards: [Scorecard] = {
    let directory = getenv("QAKIT_SCORECARDS").map { String(cString: $0) } ?? "scorecards"
    let result = ScorecardLoader().load(paths: [directory])
    check(!result.scorecards.isEmpty && !result.hasErrors, "cannot load scorecards from \(directory)")
    return result.scorecards
}()

/// The executable's entry point (SwiftPM calls it `FuzzAudits_main`): runs libFuzzer's driver.
@_cdecl("FuzzAudits_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzAudits($0, size) } ?? 0 }
}

/// Stops with `message` when `condition` fails; unlike `precondition`, the message is printed in
/// release builds too, so that a finding explains itself.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "check failed") {
    if !condition() { fatalError(message()) }
}
