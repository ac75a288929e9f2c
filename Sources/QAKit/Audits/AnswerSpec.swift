/// What reading an answer cell needs to know of one criterion, compiled once per scorecard so
/// that the common cells are read straight from their UTF-8 bytes, without lowercasing, hashing
/// or touching the criterion's enum payloads.
///
/// `read` only ever accepts what `AnswerParser.parse` accepts, with the same result; everything
/// else (and every error, whose wording lives in `AnswerParser`) goes to the general path.
struct AnswerSpec: Sendable {
    enum Kind: Sendable {
        case yesNo
        case scale(minimum: Int, maximum: Int)
        /// Where the options' values are in the scorecard's word list (`nil` for values the fast
        /// path cannot fold); a range rather than an array keeps the spec free of reference counting.
        case choice(Range<Int>)
        case points(maximum: Rational)
        /// Numbers and fields: always read by `AnswerParser.parse`.
        case general
    }

    /// The outcome of the fast path.
    enum Reading {
        case unanswered
        case answer(Answer)
        /// Anything else, errors included: ask `AnswerParser.parse`.
        case general
    }

    let kind: Kind
    let allowsNA: Bool

    /// The spec of `criterion`; a choice's option values are appended to `words`.
    init(_ criterion: Criterion, words: inout [ASCIIWord?]) {
        allowsNA = criterion.allowsNA
        switch criterion.kind {
        case .yesNo: kind = .yesNo
        case .scale(let minimum, let maximum, _): kind = .scale(minimum: minimum, maximum: maximum)
        case .choice(let options):
            kind = .choice(words.count..<words.count + options.count)
            words += options.map { ASCIIWord($0.value) }
        case .points(let maximum): kind = .points(maximum: maximum)
        case .number, .text, .date, .select, .multiSelect: kind = .general
        }
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
    func read(_ raw: String, words: [ASCIIWord?]) -> Reading {
        raw.utf8.withContiguousStorageIfAvailable { read(bytes: $0, words: words) } ?? .general
    }

    func read(bytes: UnsafeBufferPointer<UInt8>, words: [ASCIIWord?]) -> Reading {
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
        case .scale, .points, .general: mayBeWord = text[0] | 0x20 == UInt8(ascii: "n")
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
            guard let word, let index = options.first(where: { words[$0] == word }) else { return .general }
            return .answer(.choice(index - options.lowerBound))
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

    /// `[+-]?[0-9]{1,18}`, else `nil`.
    private static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
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
