#if canImport(Glibc)
import Glibc
#endif
import CFuzzDriver
import QAKit

/// Audit files of every format through `AuditSources`, the decoder and the score engine, against
/// the example scorecards. The first byte picks the format; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudits(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let format = AuditFormat.allCases[Int(data[0]) % AuditFormat.allCases.count]
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    fwrite(data + 1, 1, size - 1, file)
    fclose(file)
    let run = ScoringRun(scorecards: scorecards)
    do {
        var source = try AuditSources.open(path: path, format: format, decoder: run.decoder)
        try run.run(&source, scored: { _ = $0.result }, report: { diagnostic in
            check(diagnostic.file == path, "diagnostic names another file: \(diagnostic)")
            check(diagnostic.line.map { $0 >= 1 } ?? true, "bad line: \(diagnostic)")
            _ = diagnostic.description
        })
    } catch let error as InputError {
        _ = error.description
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
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
