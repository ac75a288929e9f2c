import CFuzzDriver
import QAKit

/// The CSV reader on arbitrary bytes. The first byte picks a chunk size (1…64 bytes) and the
/// delimiter, so that records, quotes and UTF-8 sequences straddle chunk boundaries; the result
/// must not depend on the chunk size.
///
/// With the default limits the reader may take a record in one pass (`readPlainRecord`) when it
/// sits whole in the buffer, which at 64 KiB is nearly always and at a few bytes nearly never:
/// so the two chunk sizes also compare that pass with the state machine. And records appended
/// one after another to one `CSVRecord` (`readRecord(into:)`, as `score` reads them) must hold
/// the same cells as `next()` gives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let delimiter: Unicode.Scalar = control & 0x80 == 0 ? "," : "\t"
    let small = read(bytes, delimiter: delimiter, chunkSize: Int(control & 0x3F) + 1)
    let large = read(bytes, delimiter: delimiter, chunkSize: 1 << 16)
    check(small == large, "chunk size changed the result: \(small) vs \(large)")
    let plainSmall = read(bytes, delimiter: delimiter, chunkSize: Int(control & 0x3F) + 1, smallLimits: false)
    let plainLarge = read(bytes, delimiter: delimiter, chunkSize: 1 << 16, smallLimits: false)
    check(plainSmall == plainLarge, "one-pass records differ: \(plainSmall) vs \(plainLarge)")
    let appended = readAppending(bytes, delimiter: delimiter)
    check(appended == plainLarge, "appended records differ: \(appended) vs \(plainLarge)")
    return 0
}

/// `read` with the default limits, through `readRecord(into:)` into one record that keeps
/// growing, each row rebuilt from its range of cells.
private func readAppending(_ bytes: [UInt8], delimiter: Unicode.Scalar) -> [String] {
    let reader = CSVReader(source: ByteSource(bytes: bytes, chunkSize: 1 << 16), delimiter: delimiter)
    var record = CSVRecord()
    var results: [String] = []
    do {
        while true {
            let before = record.count
            guard let status = try reader.readRecord(into: &record) else { break }
            switch status {
            case .row:
                results.append("\(CSVRow(line: record.line, fields: (before..<record.count).map(record.string(at:))))")
            case .invalid(let line, let column, let message):
                check(record.count == before, "a skipped record left cells behind")
                results.append("\(line):\(column): \(message)")
            }
        }
    } catch {
        results.append("\(error)")
    }
    return results
}

/// Every result (or the thrown error) as text, by default with small limits so that they are reachable.
private func read(_ bytes: [UInt8], delimiter: Unicode.Scalar, chunkSize: Int, smallLimits: Bool = true) -> [String] {
    let reader = smallLimits
        ? CSVReader(source: ByteSource(bytes: bytes, chunkSize: chunkSize), delimiter: delimiter,
                    maximumFieldBytes: 64, maximumFields: 16, maximumRecordBytes: 256)
        : CSVReader(source: ByteSource(bytes: bytes, chunkSize: chunkSize), delimiter: delimiter)
    var results: [String] = []
    do {
        while let result = try reader.next() {
            switch result {
            case .row(let row):
                check(!smallLimits || (row.line >= 1 && row.fields.count <= 16 && row.fields.allSatisfy { $0.utf8.count <= 64 }
                      && row.fields.reduce(0) { $0 + $1.utf8.count } <= 256), "a row over a limit: \(row)")
                results.append("\(row)")
            case .invalid(let line, let column, let message):
                check(line >= 1 && column >= 1, "bad position \(line):\(column)")
                results.append("\(line):\(column): \(message)")
            }
        }
    } catch {
        results.append("\(error)")
    }
    return results
}

/// The executable's entry point (SwiftPM calls it `FuzzCSV_main`): runs libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzCSV($0, size) } ?? 0 }
}

/// Stops with `message` when `condition` fails; unlike `precondition`, the message is printed in
/// release builds too, so that a finding explains itself.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String = "check failed") {
    if !condition() { fatalError(message()) }
}
