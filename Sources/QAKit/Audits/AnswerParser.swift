/// Reads one answer cell as docs/audits.md defines, case-insensitively.
enum AnswerParser {
    /// Why a value is not a valid answer, as the end of a sentence starting "value 'x' …".
    enum Problem: Error, Equatable {
        case notApplicableNotAllowed
        case invalid(expected: String)
    }

    static let yesWords: Set<String> = ["yes", "y", "true", "1", "pass"]
    static let noWords: Set<String> = ["no", "n", "false", "0", "fail"]

    /// The answer, `nil` for an empty (unanswered) cell.
    static func parse(_ raw: String, for criterion: Criterion) throws(Problem) -> Answer? {
        let text = trimmed(raw)
        if text.isEmpty { return nil }
        let lowered = text.lowercased()
        if lowered == "na" || lowered == "n/a" {
            guard criterion.allowsNA else { throw .notApplicableNotAllowed }
            return .notApplicable
        }
        switch criterion.kind {
        case .yesNo:
            if yesWords.contains(lowered) { return .yes }
            if noWords.contains(lowered) { return .no }
            throw .invalid(expected: "yes or no")
        case .scale(let minimum, let maximum, _):
            guard let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text), (minimum...maximum).contains(value) else {
                throw .invalid(expected: "a whole number from \(minimum) to \(maximum)")
            }
            return .scale(value)
        case .choice(let options):
            if let index = options.firstIndex(where: { $0.value.lowercased() == lowered }) { return .choice(index) }
            let values = options.map { "'\($0.value)'" }.joined(separator: ", ")
            throw .invalid(expected: "one of \(values)\(Suggestion.hint(for: text, among: options.map(\.value)))")
        case .points(let maximum):
            guard let (value, places) = Rational.parseDecimal(text), places <= 2, value >= .zero, value <= maximum else {
                throw .invalid(expected: "a number from 0 to \(maximum.decimalString()) with at most two decimals")
            }
            return .points(value)
        case .number(let ranges):
            guard let (value, places) = Rational.parseDecimal(text), places <= Criterion.numberPlaces else {
                throw .invalid(expected: "a number with at most \(Criterion.numberPlaces) decimals")
            }
            if !ranges.isEmpty, !ranges.contains(where: { $0.contains(value) }) {
                let list = ranges.map { "\($0.minimum.decimalString(maximumPlaces: 4)) to \($0.maximum.decimalString(maximumPlaces: 4))" }
                throw .invalid(expected: "a number in one of the ranges \(list.joined(separator: ", "))")
            }
            return .number(value)
        case .date:
            guard text.utf8.count == 10, let date = CalendarDate.parse(text) else { throw .invalid(expected: "a date written YYYY-MM-DD") }
            return .date(date)
        case .text:
            return .text(text)
        case .select(let options):
            if let index = options.firstIndex(where: { $0.value.lowercased() == lowered }) { return .choice(index) }
            let values = options.map { "'\($0.value)'" }.joined(separator: ", ")
            throw .invalid(expected: "one of \(values)\(Suggestion.hint(for: text, among: options.map(\.value)))")
        case .multiSelect(let options):
            var chosen: [Int] = []
            for part in text.split(separator: ";", omittingEmptySubsequences: false) {
                let value = trimmed(String(part))
                guard !value.isEmpty else { continue }
                guard let index = options.firstIndex(where: { $0.value.lowercased() == value.lowercased() }) else {
                    let values = options.map { "'\($0.value)'" }.joined(separator: ", ")
                    throw .invalid(expected: "option values separated by ';' from \(values); '\(value)' is none of them"
                                   + Suggestion.hint(for: value, among: options.map(\.value)))
                }
                if !chosen.contains(index) { chosen.append(index) }
            }
            if chosen.isEmpty { return nil }
            return .options(chosen.sorted())
        }
    }


    /// `true`/`false` (and in CSV `yes`/`no`, `1`/`0`) for the `calibration` field, in any case;
    /// empty is `false`.
    static func parseFlag(_ raw: String, allowWords: Bool) -> Bool? {
        var raw = raw
        return raw.withUTF8 { flag(bytes: $0, allowWords: allowWords) }
    }

    /// `parseFlag` on a cell's bytes: the one reader of the `calibration` field, for both the
    /// general decoder and the byte path of `score`. Case is folded in ASCII only, which is the
    /// same as full case folding here: no other character lowers to a letter of these words.
    static func flag(bytes: UnsafeBufferPointer<UInt8>, allowWords: Bool) -> Bool? {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if start == end { return false }
        guard let word = ASCIIWord(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        switch word.code {
        case 0x0400_0000_0000_0000_0000_0000_7472_7565: return true // true
        case 0x0500_0000_0000_0000_0000_0066_616c_7365: return false // false
        case 0x0300_0000_0000_0000_0000_0000_0079_6573, // yes
             0x0100_0000_0000_0000_0000_0000_0000_0031: // 1
            return allowWords ? true : nil
        case 0x0200_0000_0000_0000_0000_0000_0000_6e6f, // no
             0x0100_0000_0000_0000_0000_0000_0000_0030: // 0
            return allowWords ? false : nil
        default: return nil
        }
    }

    /// The text without surrounding spaces and tabs (spreadsheets often pad cells).
    static func trimmed(_ text: String) -> String {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        // Nearly every cell is already trimmed: check both ends on the contiguous bytes.
        let isClean = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty || (!isBlank(bytes[0]) && !isBlank(bytes[bytes.count - 1]))
        }
        if isClean == true { return text }
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if !isBlank(first), !isBlank(last) { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[start...end])
    }
}
