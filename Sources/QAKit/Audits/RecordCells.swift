/// A record's cells as `AuditDecoder.decode` reads them: the strings of a JSON, YAML or workbook
/// record (`StringCells`), or the byte ranges of a CSV record, read without a string per cell
/// (docs/scoring.md, "One compiled scorecard"). Cell `i` belongs to the layout's column `i`;
/// `count` may be less than the layout's columns (a short CSV row), and the cells past it are
/// empty. Every conformance gives the same strings for the same text, so the decoder's outcome
/// does not depend on the view.
protocol RecordCells {
    var count: Int { get }
    /// Whether cell `column` is empty.
    func isEmpty(_ column: Int) -> Bool
    /// Whether cell `column` is empty once the spaces and tabs around it are removed.
    func isBlank(_ column: Int) -> Bool
    /// Cell `column` without the spaces and tabs around it (`AnswerParser.trimmed`).
    func trimmed(_ column: Int) -> String
    /// Cell `column` as it is.
    func raw(_ column: Int) -> String
    /// Cell `column` as `spec` reads it from its bytes.
    func read(_ column: Int, spec: AnswerSpec, tables: AnswerSpec.Tables) -> AnswerSpec.Reading
}

/// The cells of a record read as strings.
struct StringCells: RecordCells {
    let values: [String]

    var count: Int { values.count }
    func isEmpty(_ column: Int) -> Bool { values[column].isEmpty }
    func isBlank(_ column: Int) -> Bool { AnswerParser.trimmed(values[column]).isEmpty }
    func trimmed(_ column: Int) -> String { AnswerParser.trimmed(values[column]) }
    func raw(_ column: Int) -> String { values[column] }
    func read(_ column: Int, spec: AnswerSpec, tables: AnswerSpec.Tables) -> AnswerSpec.Reading { spec.read(values[column], tables: tables) }
}

/// The cells of a CSV record as ranges of its bytes (`CSVRecord`): `starts[i]..<ends[i]` in
/// `bytes` is cell `i`.
struct ByteCells: RecordCells {
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>

    var count: Int { ends.count }

    /// Cell `column`'s range (empty when absent or past the record's last cell).
    func range(_ column: Int) -> Range<Int> {
        guard column >= 0, column < ends.count else { return 0..<0 }
        return starts[column]..<ends[column]
    }

    /// Cell `column`'s range without surrounding spaces and tabs, as `AnswerParser.trimmed`.
    func trimmedRange(_ column: Int) -> Range<Int> {
        var range = range(column)
        while !range.isEmpty && (bytes[range.lowerBound] == 0x20 || bytes[range.lowerBound] == 0x09) {
            range = range.lowerBound + 1..<range.upperBound
        }
        while !range.isEmpty && (bytes[range.upperBound - 1] == 0x20 || bytes[range.upperBound - 1] == 0x09) {
            range = range.lowerBound..<range.upperBound - 1
        }
        return range
    }

    func span(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: span(range), as: UTF8.self)
    }

    func isEmpty(_ column: Int) -> Bool { range(column).isEmpty }
    func isBlank(_ column: Int) -> Bool { trimmedRange(column).isEmpty }
    func trimmed(_ column: Int) -> String { string(trimmedRange(column)) }
    func raw(_ column: Int) -> String { string(range(column)) }
    func read(_ column: Int, spec: AnswerSpec, tables: AnswerSpec.Tables) -> AnswerSpec.Reading {
        spec.read(bytes: span(range(column)), tables: tables)
    }
}

extension CSVRecord {
    /// Calls `body` with cells `cells` of this record, as `ByteCells`.
    func withBytes<T>(of cells: Range<Int>, _ body: (ByteCells) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { bytes in
            try starts.withUnsafeBufferPointer { starts in
                try ends.withUnsafeBufferPointer { ends in
                    try body(ByteCells(bytes: bytes, starts: UnsafeBufferPointer(rebasing: starts[cells]),
                                       ends: UnsafeBufferPointer(rebasing: ends[cells])))
                }
            }
        }
    }
}
