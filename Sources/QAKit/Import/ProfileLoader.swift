import QAKitYAML

/// Loads and lints an import profile (docs/imports.md) on its marked node tree, as scorecards
/// are: every problem located at file:line:column, unknown keys with a did-you-mean, a value of
/// the wrong type named and never replaced by a default.
public struct ProfileLoader: Sendable {
    /// The top-level keys of a profile, in the order docs/imports.md lists them.
    public static let keys = ["profile", "format", "delimiter", "encoding", "records", "columns", "dates", "decimal", "values", "long"]
    static let longKeys = ["audit", "criterion", "value", "na", "comment", "criteria", "grouped"]
    static let columnKeys = ["column", "map", "na"]
    /// The formats a profile may name (`yaml` is qakit's own and needs no profile).
    static let formats: [ImportProfile.Format] = [.csv, .tsv, .jsonl, .json, .xlsx]

    public var parser: YAMLParser

    public init(parser: YAMLParser = YAMLParser()) {
        self.parser = parser
    }

    /// What a load produced.
    public struct Result: Sendable {
        /// The profile, when it has no error.
        public var profile: ImportProfile?
        /// Every problem, sorted by position.
        public var diagnostics: [Diagnostic]
        /// Set when the file could not be read at all (it does not exist).
        public var unreadable: String?
    }

    /// Reads and lints the profile at `path`.
    public func load(path: String) -> Result {
        switch FileSystem.read(path, limit: parser.maximumBytes) {
        case .success(let bytes): return load(bytes: bytes, file: path)
        case .failure(let failure): return Result(profile: nil, diagnostics: [], unreadable: failure.description)
        }
    }

    /// Lints `bytes`, naming `file` in diagnostics.
    public func load(bytes: [UInt8], file: String) -> Result {
        let log = DiagnosticLog(file: file, isStrict: false)
        var profile: ImportProfile?
        do {
            if let root = try parser.parse(bytes), !(root.scalar?.isNull ?? false) {
                profile = decode(root, log: log)
                profile?.file = file
            } else {
                log.report(.missingKey("profile", context: "the profile"), at: .start)
            }
        } catch {
            log.report(.yaml(error), at: error.mark)
        }
        return Result(profile: log.hasErrors ? nil : profile, diagnostics: log.diagnostics.sorted(), unreadable: nil)
    }

    /// Whether `path` is a file (not a directory) holding a profile.
    public static func isProfile(path: String) -> Bool {
        guard !FileSystem.isDirectory(path), case .success(let bytes) = FileSystem.read(path, limit: 1 << 20) else { return false }
        return isProfile(bytes)
    }

    /// Whether `bytes` are a YAML mapping with a top-level `profile:` key (`qakit lint` tells
    /// profiles from scorecards so).
    public static func isProfile(_ bytes: [UInt8]) -> Bool {
        guard let root = try? YAMLParser().parse(bytes), let mapping = root.mapping else { return false }
        return mapping.pair("profile") != nil
    }

    private func decode(_ root: Node, log: DiagnosticLog) -> ImportProfile? {
        guard let reader = NodeReader(root, context: "the profile", allowedKeys: Self.keys, log: log) else { return nil }
        var profile = ImportProfile()
        profile.name = reader.string("profile", required: true)
        if let node = reader.node("format") { profile.format = Self.format(node, log: log) }
        if let node = reader.node("delimiter") { profile.delimiter = Self.delimiter(node, log: log) }
        if let node = reader.node("encoding") { profile.encoding = Self.encoding(node, log: log) }
        if let text = reader.string("records") {
            profile.records = Self.path(text, key: "records", at: reader.mapping["records"]!.mark, log: log)
            if let format = profile.format, format != .json {
                log.report(ProfileProblem.recordsOutsideJSON(format: format.rawValue), at: reader.mapping.pair("records")!.key.mark)
            }
        }
        if let node = reader.node("columns") { profile.columns = Self.columns(node, log: log) }
        if let formats = reader.stringList("dates") {
            let nodes = reader.mapping["dates"]?.sequence?.items ?? []
            profile.dates = zip(formats, nodes).compactMap { text, node in Self.dateFormat(text, at: node.mark, log: log) }
        }
        if let node = reader.node("decimal") { profile.decimal = Self.decimal(node, log: log) }
        if let node = reader.node("values") { profile.values = Self.values(node, log: log) }
        if let node = reader.node("long") { profile.long = Self.long(node, log: log) }
        return profile
    }

    /// One of `formats`, with a did-you-mean for a near miss.
    static func format(_ node: Node, log: DiagnosticLog) -> ImportProfile.Format? {
        let names = formats.map(\.rawValue)
        if let scalar = node.scalar, let format = ImportProfile.Format(rawValue: scalar.string.lowercased()), formats.contains(format) { return format }
        log.report(.notOneOf(key: "format", allowed: names, found: node.kindDescription,
                             suggestion: node.scalar.flatMap { Suggestion.closest(to: $0.string, among: names) }), at: node.mark)
        return nil
    }

    /// The delimiter: `;`, `|`, a tab (`"\t"`, or the two characters `\t`).
    static func delimiter(_ node: Node, log: DiagnosticLog) -> Unicode.Scalar? {
        guard let scalar = node.scalar, !scalar.isNull else {
            log.report(ProfileProblem.delimiterNotOneCharacter(found: node.kindDescription), at: node.mark)
            return nil
        }
        switch checkedDelimiter(scalar.string) {
        case .success(let delimiter): return delimiter
        case .failure(let problem):
            log.report(problem, at: node.mark)
            return nil
        }
    }

    /// `text` as a delimiter, shared with `--delimiter`.
    public static func checkedDelimiter(_ text: String) -> Swift.Result<Unicode.Scalar, ProfileProblem> {
        let text = text == "\\t" || text.lowercased() == "tab" ? "\t" : text
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 1 else { return .failure(.delimiterNotOneCharacter(found: "'\(text)'")) }
        guard scalars[0].isASCII, !"\"\r\n\0".unicodeScalars.contains(scalars[0]) else { return .failure(.delimiterNotAllowed(found: "'\(text)'")) }
        return .success(scalars[0])
    }

    static func encoding(_ node: Node, log: DiagnosticLog) -> TextEncoding? {
        if let scalar = node.scalar, let encoding = TextEncoding(named: scalar.string) { return encoding }
        let names = TextEncoding.allCases.map(\.rawValue)
        log.report(.notOneOf(key: "encoding", allowed: names, found: node.kindDescription,
                             suggestion: node.scalar.flatMap { Suggestion.closest(to: $0.string.lowercased(), among: names) }), at: node.mark)
        return nil
    }

    static func decimal(_ node: Node, log: DiagnosticLog) -> Unicode.Scalar? {
        if let text = node.scalar?.string, text == "," || text == "." { return text.unicodeScalars.first }
        log.report(ProfileProblem.decimalNotCommaOrPoint(found: node.kindDescription), at: node.mark)
        return nil
    }

    static func dateFormat(_ text: String, at mark: Mark, log: DiagnosticLog) -> DateFormat? {
        switch DateFormat.parse(text) {
        case .success(let format): return format
        case .failure(let problem):
            log.report(ProfileProblem.dateFormat(text, problem), at: mark)
            return nil
        }
    }

    static func path(_ text: String, key: String, at mark: Mark, log: DiagnosticLog) -> [String]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            log.report(ProfileProblem.emptyPath(key: key), at: mark)
            return nil
        }
        return parts
    }

    private static func columns(_ node: Node, log: DiagnosticLog) -> [ColumnRule] {
        guard let mapping = node.mapping else {
            log.report(.notMapping(context: "'columns'", found: node.kindDescription), at: node.mark)
            return []
        }
        var rules: [ColumnRule] = []
        for pair in mapping.pairs {
            let field = pair.key.string
            if let scalar = pair.value.scalar, !scalar.isNull, !scalar.string.isEmpty {
                rules.append(ColumnRule(field: field, source: scalar.string))
                continue
            }
            guard pair.value.mapping != nil,
                  let reader = NodeReader(pair.value, context: "column '\(field)'", allowedKeys: columnKeys, log: log) else {
                if pair.value.mapping == nil {
                    log.report(ProfileProblem.notColumnEntry(field: field, found: pair.value.kindDescription), at: pair.value.mark)
                }
                continue
            }
            guard let source = reader.string("column", required: true) else { continue }
            var rule = ColumnRule(field: field, source: source)
            if let map = reader.node("map") { rule.map = wordMap(map, name: "the map of column '\(field)'", log: log) }
            rule.notApplicableSource = reader.string("na")
            rules.append(rule)
        }
        return rules
    }

    private static func values(_ node: Node, log: DiagnosticLog) -> [String: ValueMap] {
        guard let mapping = node.mapping else {
            log.report(.notMapping(context: "'values'", found: node.kindDescription), at: node.mark)
            return [:]
        }
        var maps: [String: ValueMap] = [:]
        for pair in mapping.pairs {
            let name = pair.key.string == "*" ? "the words of \"*\"" : "the words of '\(pair.key.string)'"
            if let map = wordMap(pair.value, name: name, log: log) { maps[pair.key.string] = map }
        }
        return maps
    }

    /// A mapping of words to words; booleans and numbers count as their text.
    static func wordMap(_ node: Node, name: String, log: DiagnosticLog) -> ValueMap? {
        guard let mapping = node.mapping else {
            log.report(ProfileProblem.notWordMap(name: name, found: node.kindDescription), at: node.mark)
            return nil
        }
        guard !mapping.pairs.isEmpty else {
            log.report(ProfileProblem.emptyWordMap(name: name), at: node.mark)
            return nil
        }
        var entries: [(word: String, value: String)] = []
        for pair in mapping.pairs {
            guard let scalar = pair.value.scalar, !scalar.isNull, !scalar.string.isEmpty else {
                log.report(ProfileProblem.wordNotText(name: name, found: pair.value.kindDescription), at: pair.value.mark)
                continue
            }
            entries.append((pair.key.string, scalar.string))
        }
        return ValueMap(entries)
    }

    private static func long(_ node: Node, log: DiagnosticLog) -> LongLayout? {
        guard let reader = NodeReader(node, context: "'long'", allowedKeys: longKeys, log: log) else { return nil }
        let audit = reader.string("audit", required: true)
        let criterion = reader.string("criterion", required: true)
        let value = reader.string("value", required: true)
        guard let audit, let criterion, let value else { return nil }
        var long = LongLayout(audit: audit, criterion: criterion, value: value)
        long.notApplicable = reader.string("na")
        long.comment = reader.string("comment")
        long.isGrouped = reader.bool("grouped") ?? false
        if let node = reader.node("criteria"), let map = wordMap(node, name: "'criteria'", log: log) {
            long.criteria = map.entries.map { (source: $0.word, id: $0.value) }
        }
        return long
    }
}

extension DiagnosticLog {
    /// Records a problem only an import profile can have (docs/imports.md); always an error.
    func report(_ problem: ProfileProblem, at mark: Mark) {
        report(error: problem.message, at: mark)
    }
}
