/// What reading an answer cell needs to know of one criterion, compiled once per scorecard so
/// that the common cells are read straight from their UTF-8 bytes, without lowercasing, hashing
/// or touching the criterion's enum payloads.
///
/// It is the one byte-level reader of answers: the general decoder (`AuditDecoder`, every
/// format) and the byte path of `score` (`CSVRowDecoder`) both read every answer cell through
/// it. `read` only ever accepts what `AnswerParser.parse` accepts, with the same result;
/// everything else (and every error, whose wording lives in `AnswerParser`) goes to the parser.
struct AnswerSpec: Sendable {
    enum Kind: Sendable {
        case yesNo
        case scale(minimum: Int, maximum: Int)
        /// Where the options' values are in the scorecard's word list (`nil` for values the fast
        /// path cannot fold); a range rather than an array keeps the spec free of reference
        /// counting. Also a `select` field, whose answer is the same `Answer.choice`.
        case choice(Range<Int>)
        case points(maximum: Rational)
        /// A `number`, its ranges (in millionths) at `ranges` of the tables; no ranges, any number.
        case number(ranges: Range<Int>)
        case date
        case text
        /// A `multi_select` field, its option values at `options` of the word list.
        case multiSelect(Range<Int>)
        /// Read by `AnswerParser.parse` only: a `number` with a range bound finer than a millionth.
        case general
    }

    /// The outcome of the fast path.
    enum Reading {
        case unanswered
        case answer(Answer)
        /// A `text` field's answer: the cell's text without surrounding spaces and tabs, which
        /// the caller makes a string of only if it keeps it (`Answer.text`).
        case text
        /// Anything else, errors included: ask `AnswerParser.parse`.
        case general
    }

    let kind: Kind
    let allowsNA: Bool

    /// The option words and number ranges specs point into, one list of each per scorecard.
    struct Tables: Sendable {
        var words: [ASCIIWord?] = []
        /// Closed ranges in millionths.
        var ranges: [(low: Int64, high: Int64)] = []
    }

    /// The spec of `criterion`; its option values and ranges are appended to `tables`.
    init(_ criterion: Criterion, tables: inout Tables) {
        allowsNA = criterion.allowsNA
        func words(_ options: [ChoiceOption]) -> Range<Int> {
            let start = tables.words.count
            tables.words += options.map { ASCIIWord($0.value) }
            return start..<tables.words.count
        }
        switch criterion.kind {
        case .yesNo: kind = .yesNo
        case .scale(let minimum, let maximum, _): kind = .scale(minimum: minimum, maximum: maximum)
        case .choice(let options): kind = .choice(words(options))
        case .select(let options): kind = .choice(words(options))
        case .multiSelect(let options): kind = .multiSelect(words(options))
        case .points(let maximum): kind = .points(maximum: maximum)
        case .date: kind = .date
        case .text: kind = .text
        case .number(let ranges):
            let bounds = ranges.map { (Self.millionths($0.minimum), Self.millionths($0.maximum)) }
            if bounds.allSatisfy({ $0.0 != nil && $0.1 != nil }) {
                let start = tables.ranges.count
                tables.ranges += bounds.map { (low: $0.0!, high: $0.1!) }
                kind = .number(ranges: start..<tables.ranges.count)
            } else {
                kind = .general
            }
        }
    }

    /// `value` in millionths, when it is a whole number of them that `number` cells can reach.
    private static func millionths(_ value: Rational) -> Int64? {
        let scaled = value * Rational(1_000_000)
        guard scaled.denominator == 1, scaled.numerator.magnitude < 1_000_000_000_000_000_000 else { return nil }
        return Int64(scaled.numerator)
    }

    /// `AnswerParser.yesWords`, `noWords` and the N/A spellings as `ASCIIWord` codes (length in the
    /// top byte, then the bytes): literals rather than `static let`s, which cost a `swift_once`
    /// check per cell. A test checks them against the word lists.
    static func isYes(_ word: ASCIIWord) -> Bool {
        switch word.code {
        case 0x0300_0000_0000_0000_0000_0000_0079_6573, // yes
             0x0100_0000_0000_0000_0000_0000_0000_0079, // y
             0x0400_0000_0000_0000_0000_0000_7472_7565, // true
             0x0100_0000_0000_0000_0000_0000_0000_0031, // 1
             0x0400_0000_0000_0000_0000_0000_7061_7373: // pass
            true
        default: false
        }
    }

    static func isNo(_ word: ASCIIWord) -> Bool {
        switch word.code {
        case 0x0200_0000_0000_0000_0000_0000_0000_6e6f, // no
             0x0100_0000_0000_0000_0000_0000_0000_006e, // n
             0x0500_0000_0000_0000_0000_0066_616c_7365, // false
             0x0100_0000_0000_0000_0000_0000_0000_0030, // 0
             0x0400_0000_0000_0000_0000_0000_6661_696c: // fail
            true
        default: false
        }
    }

    static func isNotApplicable(_ word: ASCIIWord) -> Bool {
        switch word.code {
        case 0x0200_0000_0000_0000_0000_0000_0000_6e61, // na
             0x0300_0000_0000_0000_0000_0000_006e_2f61: // n/a
            true
        default: false
        }
    }

    /// Reads `raw` from its bytes when it is a plain answer.
    func read(_ raw: String, tables: Tables) -> Reading {
        raw.utf8.withContiguousStorageIfAvailable { read(bytes: $0, tables: tables) } ?? .general
    }

    func read(bytes: UnsafeBufferPointer<UInt8>, tables: Tables) -> Reading {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if start == end { return .unanswered }
        if case .general = kind { return .general }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        // Only words need packing: yes/no and choice answers, and N/A, which starts with n.
        let mayBeWord: Bool
        switch kind {
        case .yesNo, .choice: mayBeWord = true
        case .scale, .points, .number, .date, .text, .multiSelect, .general: mayBeWord = text[0] | 0x20 == UInt8(ascii: "n")
        }
        let word = mayBeWord ? ASCIIWord(bytes: text) : nil
        if let word, Self.isNotApplicable(word) {
            return allowsNA ? .answer(.notApplicable) : .general
        }
        switch kind {
        case .yesNo:
            guard let word else { return .general }
            if Self.isYes(word) { return .answer(.yes) }
            if Self.isNo(word) { return .answer(.no) }
            return .general
        case .choice(let options):
            guard let word, let index = options.first(where: { tables.words[$0] == word }) else { return .general }
            return .answer(.choice(index - options.lowerBound))
        case .number(let ranges):
            guard let value = Self.millionths(text) else { return .general }
            if !ranges.isEmpty, !ranges.contains(where: { tables.ranges[$0].low <= value && value <= tables.ranges[$0].high }) {
                return .general
            }
            return .answer(.number(Rational(Int128(value), 1_000_000)))
        case .date:
            guard let date = CalendarDate.plain(text) else { return .general }
            return .answer(.date(date))
        case .text:
            return .text
        case .multiSelect(let options):
            return Self.options(text, among: options, words: tables.words)
        case .scale(let minimum, let maximum):
            guard let value = Self.integer(text), value >= minimum, value <= maximum else { return .general }
            return .answer(.scale(value))
        case .points(let maximum):
            guard let value = Self.hundredths(text), value <= maximum else { return .general }
            return .answer(.points(value))
        case .general:
            return .general
        }
    }

    /// A `multi_select` cell: option values separated by `;`, each without surrounding spaces and
    /// tabs, empty parts skipped, each option once, in option order; no option at all is no answer.
    private static func options(_ text: UnsafeBufferPointer<UInt8>, among options: Range<Int>, words: [ASCIIWord?]) -> Reading {
        var bits: UInt64 = 0
        guard options.count <= 64 else { return .general }
        var partStart = 0
        for position in 0...text.count where position == text.count || text[position] == UInt8(ascii: ";") {
            var low = partStart, high = position
            partStart = position + 1
            while low < high && (text[low] == 0x20 || text[low] == 0x09) { low += 1 }
            while high > low && (text[high - 1] == 0x20 || text[high - 1] == 0x09) { high -= 1 }
            if low == high { continue }
            guard let word = ASCIIWord(bytes: UnsafeBufferPointer(rebasing: text[low..<high])),
                  let index = options.first(where: { words[$0] == word }) else { return .general }
            bits |= 1 << UInt64(index - options.lowerBound)
        }
        if bits == 0 { return .unanswered }
        return .answer(.options((0..<options.count).filter { bits & 1 << UInt64($0) != 0 }))
    }

    /// `[+-]?[0-9]{1,12}(\.[0-9]{1,6})?` in millionths, the value `Rational.parseDecimal` reads;
    /// `nil` for anything else.
    static func millionths(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !text.isEmpty else { return nil }
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative || text[0] == UInt8(ascii: "+") { index = 1 }
        var whole: Int64 = 0, digits = 0, fraction: Int64 = 0, places = -1
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                guard places < 0, digits > 0 else { return nil }
                places = 0
                continue
            }
            let digit = Int64(byte) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            if places >= 0 {
                guard places < 6 else { return nil }
                fraction = fraction * 10 + digit
                places += 1
            } else {
                guard digits < 12 else { return nil }
                whole = whole * 10 + digit
                digits += 1
            }
        }
        guard digits > 0, places != 0 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<(6 - max(places, 0)) { scale *= 10 }
        let value = whole * 1_000_000 + fraction * scale
        return negative ? -value : value
    }

    /// `[+-]?[0-9]{1,18}`, else `nil`: a scale answer, and a `scorecard_version` number.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty else { return nil }
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative || text[0] == UInt8(ascii: "+") { index = 1 }
        guard text.count - index >= 1, text.count - index <= 18 else { return nil }
        var value = 0
        while index < text.count {
            let digit = Int(text[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    /// `[0-9]{1,18}(\.[0-9]{1,2})?` as an exact non-negative value, else `nil`.
    private static func hundredths(_ text: UnsafeBufferPointer<UInt8>) -> Rational? {
        var value: Int64 = 0
        var digits = 0
        var places = -1
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard places < 0, digits > 0 else { return nil }
                places = 0
                continue
            }
            let digit = Int64(byte) - 48
            guard digit >= 0 && digit <= 9, digits < 18, places < 2 else { return nil }
            value = value * 10 + digit
            digits += 1
            if places >= 0 { places += 1 }
        }
        guard digits > 0, places != 0 else { return nil }
        return Rational(Int128(value), places == 2 ? 100 : places == 1 ? 10 : 1)
    }
}

/// Up to 15 ASCII bytes folded to lower case and packed into one integer with their count, so
/// that comparing a cell with a keyword is one comparison; `nil` for longer or non-ASCII text,
/// whose Unicode case folding only the general path does.
struct ASCIIWord: Equatable, Sendable {
    let code: UInt128

    init?(_ text: String) {
        guard let word = text.utf8.withContiguousStorageIfAvailable({ ASCIIWord(bytes: $0) }) ?? ASCIIWord(bytes: Array(text.utf8)) else {
            return nil
        }
        self = word
    }

    init?(bytes: [UInt8]) {
        guard let word = bytes.withUnsafeBufferPointer({ ASCIIWord(bytes: $0) }) else { return nil }
        self = word
    }

    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count < 16 else { return nil }
        var code: UInt128 = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            code = code << 8 | UInt128(folded)
        }
        self.code = code | UInt128(bytes.count) << 120
    }
}
