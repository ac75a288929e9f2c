import Foundation
import Testing

/// Golden files for generated output: compared byte for byte, re-recorded with
/// `QAKIT_RECORD_SNAPSHOTS=1 swift test`.
enum Snapshot {
    static let directory = QAKitProcess.fixtures.appendingPathComponent("expected")

    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QAKIT_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "output differs from \(file.path); re-record with QAKIT_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    }
}
