import ArgumentParser
import QAKit

extension ImportProfile.Format: ExpressibleByArgument {}

/// How to read files another tool wrote (docs/imports.md): `--profile FILE`, or one run's
/// `--delimiter`, `--encoding`, `--decimal`, `--date-format` and `--input-format`. Every reading
/// command takes these, and they apply to every input of the run.
struct ImportOptions: ParsableArguments {
    @Option(help: "An import profile (YAML) saying how to read another tool's export: columns, words, dates, encoding (docs/imports.md).")
    var profile: String?

    @Option(help: "Input format when the extension does not tell or lies (and for standard input): csv, tsv, jsonl, json, xlsx, yaml.")
    var inputFormat: ImportProfile.Format?

    @Option(help: "Cell delimiter of CSV input, such as ';' or '\\t' (over the profile's).")
    var delimiter: String?

    @Option(help: "Text encoding of the input: utf-8 (default), windows-1252, latin-1 or utf-16 (over the profile's).")
    var encoding: String?

    @Option(help: "Decimal separator of numbers in the input: ',' reads 9,5 as 9.5 (over the profile's).")
    var decimal: String?

    @Option(name: .customLong("date-format"), help: "A strptime-style date format such as %d/%m/%Y, tried in order (repeatable; over the profile's dates).")
    var dateFormats: [String] = []

    func validate() throws {
        _ = try overrides()
    }

    /// Whether the run reads anything but qakit's own layout.
    var isGiven: Bool {
        profile != nil || delimiter != nil || encoding != nil || decimal != nil || !dateFormats.isEmpty
    }

    /// The profile the run reads with: the file's, with the one-run options over it; `nil` for
    /// qakit's own layout. A profile with errors prints them and stops the run (exit 2).
    func load() throws -> ImportProfile? {
        guard isGiven else { return nil }
        var loaded = try profile.map(Self.load) ?? ImportProfile()
        let overrides = try overrides()
        if let delimiter = overrides.delimiter { loaded.delimiter = delimiter }
        if let encoding = overrides.encoding { loaded.encoding = encoding }
        if let decimal = overrides.decimal { loaded.decimal = decimal }
        if !overrides.dates.isEmpty { loaded.dates = overrides.dates }
        return loaded
    }

    /// The profile at `path`; a profile with errors prints them and stops the run (exit 2).
    static func load(_ path: String) throws -> ImportProfile {
        let result = ProfileLoader().load(path: path)
        if let unreadable = result.unreadable {
            Terminal.printError("qakit: error: \(unreadable)")
            throw ExitCode(2)
        }
        Terminal.print(result.diagnostics)
        guard let profile = result.profile else {
            Terminal.printError("qakit: error: fix the profile errors above first (qakit lint \(path) shows them all)")
            throw ExitCode(2)
        }
        return profile
    }

    /// The one-run options, checked; a bad one is a usage error.
    private func overrides() throws -> ImportProfile {
        var profile = ImportProfile()
        if let delimiter {
            switch ProfileLoader.checkedDelimiter(delimiter) {
            case .success(let scalar): profile.delimiter = scalar
            case .failure(let problem): throw ValidationError("--delimiter: \(problem.message.replacingPrefix("'delimiter' ", with: ""))")
            }
        }
        if let encoding {
            guard let known = TextEncoding(named: encoding) else {
                let names = TextEncoding.allCases.map(\.rawValue)
                throw ValidationError("--encoding must be one of \(names.joined(separator: ", ")), found '\(encoding)'\(Suggestion.hint(for: encoding.lowercased(), among: names))")
            }
            profile.encoding = known
        }
        if let decimal {
            guard decimal == "," || decimal == "." else { throw ValidationError("--decimal must be ',' or '.', found '\(decimal)'") }
            profile.decimal = decimal.unicodeScalars.first
        }
        for text in dateFormats {
            switch DateFormat.parse(text) {
            case .success(let format): profile.dates.append(format)
            case .failure(let problem): throw ValidationError("--date-format '\(text)': \(problem.message)")
            }
        }
        return profile
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
