import QAKitYAML

/// One reviewer allowed to sign in to `qakit serve` (docs/serve.md, "Reviewers file").
public struct ReviewerAccount: Sendable, Hashable {
    /// The name stamped as `reviewer` on every audit the reviewer stores.
    public var name: String
    /// The 32 bytes of the SHA-256 of the token's UTF-8 bytes; the token itself is never stored.
    public var tokenDigest: [UInt8]

    public init(name: String, tokenDigest: [UInt8]) {
        self.name = name
        self.tokenDigest = tokenDigest
    }
}

/// A reviewers file, `reviewers: [{name: …, token_sha256: …}]`, validated on the marked node tree
/// like a scorecard: unknown keys, wrong types, a digest that is not 64 lowercase hex digits and
/// a name or digest given twice are located errors, all reported in one pass.
public struct ReviewerList: Sendable {
    public var reviewers: [ReviewerAccount]

    /// Why a reviewers file was refused: every problem, located.
    public struct Problems: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// The accounts in `bytes`, or every problem found (sorted by position); `file` names the
    /// diagnostics.
    public static func load(bytes: [UInt8], file: String) -> Result<ReviewerList, ReviewerList.Problems> {
        let log = DiagnosticLog(file: file, isStrict: true)
        let root: Node?
        do {
            root = try YAMLParser().parse(bytes)
        } catch {
            log.report(.yaml(error), at: error.mark)
            return .failure(Problems(diagnostics: log.diagnostics))
        }
        guard let root, !(root.scalar?.isNull ?? false) else {
            return .failure(Problems(diagnostics: [Diagnostic(.error, "the file is empty; expected 'reviewers:' with a list of {name, token_sha256}", file: file, line: 1, column: 1)]))
        }
        var accounts: [ReviewerAccount] = []
        if let top = NodeReader(root, context: "the reviewers file", allowedKeys: ["reviewers"], log: log),
           let list = top.node("reviewers", required: true) {
            accounts = read(list, log: log)
        }
        if log.hasErrors { return .failure(Problems(diagnostics: log.diagnostics.sorted())) }
        return .success(ReviewerList(reviewers: accounts))
    }

    /// Loads the reviewers file at `path`; an unreadable file is one diagnostic.
    public static func load(path: String) -> Result<ReviewerList, ReviewerList.Problems> {
        switch FileSystem.read(path, limit: YAMLParser().maximumBytes) {
        case .success(let bytes): return load(bytes: bytes, file: path)
        case .failure(let failure): return .failure(Problems(diagnostics: [Diagnostic(.error, "cannot read the reviewers file: \(failure.reason)", file: path)]))
        }
    }

    private static func read(_ list: Node, log: DiagnosticLog) -> [ReviewerAccount] {
        guard let sequence = list.sequence else {
            log.report(.notReviewerList(found: list.kindDescription), at: list.mark)
            return []
        }
        if sequence.items.isEmpty { log.report(.noReviewers, at: list.mark) }
        var accounts: [ReviewerAccount] = []
        var names: [String: Mark] = [:]
        var digests: [[UInt8]: Mark] = [:]
        for (offset, item) in sequence.items.enumerated() {
            guard let entry = NodeReader(item, context: "reviewer \(offset + 1)", allowedKeys: ["name", "token_sha256"], log: log) else { continue }
            let name = entry.string("name", required: true)
            let digestText = entry.string("token_sha256", required: true)
            var digest: [UInt8]?
            if let digestText, let mark = entry.mapping["token_sha256"]?.mark {
                digest = hexDigest(digestText)
                if digest == nil { log.report(.notTokenDigest(found: digestText), at: mark) }
            }
            if let name, let mark = entry.mapping["name"]?.mark {
                if let first = names[name] { log.report(.duplicateReviewer(name, first: first), at: mark) } else { names[name] = mark }
            }
            if let digest, let mark = entry.mapping["token_sha256"]?.mark {
                if let first = digests[digest] { log.report(.duplicateToken(first: first), at: mark) } else { digests[digest] = mark }
            }
            if let name, let digest { accounts.append(ReviewerAccount(name: name, tokenDigest: digest)) }
        }
        return accounts
    }

    /// The 32 bytes of 64 lowercase hex digits, else `nil`.
    static func hexDigest(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
