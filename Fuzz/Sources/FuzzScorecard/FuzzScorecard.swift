import CFuzzDriver
import QAKit
import QAKitYAML

/// The YAML layer and the scorecard loader on arbitrary bytes: any input must give a result or
/// located diagnostics, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScorecard(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = ScorecardLoader().load(bytes: bytes, file: "fuzz.yaml")
    for diagnostic in result.diagnostics {
        check(diagnostic.line == nil || diagnostic.line! >= 1, "diagnostic without a valid line: \(diagnostic)")
        _ = diagnostic.description
    }
    if result.scorecards.isEmpty == false {
        check(result.diagnostics.allSatisfy { $0.severity != .error }, "a scorecard with errors was accepted")
    }
    return 0
}

/// The executable's entry point (SwiftPM calls it `FuzzScorecard_main`): runs libFuzzer's driver.
@_cdecl("FuzzScorecard_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzScorecard($0, size) } ?? 0 }
}

/// Stops with `message` when `condition` fails; unlike `precondition`, the message is printed in
/// release builds too, so that a finding explains itself.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "check failed") {
    if !condition() { fatalError(message()) }
}
