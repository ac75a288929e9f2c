import CFuzzDriver
import QAKit

/// The JSON Lines reader and the JSON parser on arbitrary bytes. The first byte picks a chunk
/// size (1…64 bytes) so that lines and UTF-8 sequences straddle chunk boundaries; the result must
/// not depend on it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let small = read(bytes, chunkSize: Int(data[0] & 0x3F) + 1)
    let large = read(bytes, chunkSize: 1 << 16)
    check(small == large, "chunk size changed the result: \(small) vs \(large)")
    // The whole input as one JSON text, too.
    do {
        checkUniqueKeys(try JSONParser(maximumDepth: 32).parse(bytes))
    } catch {
        check(error.line >= 1 && error.column >= 1, "bad position \(error)")
    }
    return 0
}

/// An accepted object never holds a key twice (the parser's own check is not trusted here).
private func checkUniqueKeys(_ value: JSONValue) {
    switch value {
    case .object(let members):
        check(Set(members.map(\.key)).count == members.count, "duplicate key accepted in \(value)")
        members.forEach { checkUniqueKeys($0.value) }
    case .array(let items):
        items.forEach(checkUniqueKeys)
    default:
        break
    }
}

/// Every result (or the thrown error) as text, with a small line limit so that it is reachable.
private func read(_ bytes: [UInt8], chunkSize: Int) -> [String] {
    let reader = JSONLinesReader(source: ByteSource(bytes: bytes, chunkSize: chunkSize), maximumLineBytes: 256,
                                 maximumDepth: 16)
    var results: [String] = []
    do {
        while let result = try reader.next() {
            switch result {
            case .invalid(let line, let column, _): check(line >= 1 && column >= 1, "bad position \(line):\(column)")
            case .value(_, let value): checkUniqueKeys(value)
            }
            results.append("\(result)")
        }
    } catch {
        results.append("\(error)")
    }
    return results
}

/// The executable's entry point (SwiftPM calls it `FuzzJSONLines_main`): runs libFuzzer's driver.
@_cdecl("FuzzJSONLines_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzJSONLines($0, size) } ?? 0 }
}

/// Stops with `message` when `condition` fails; unlike `precondition`, the message is printed in
/// release builds too, so that a finding explains itself.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "check failed") {
    if !condition() { fatalError(message()) }
}
