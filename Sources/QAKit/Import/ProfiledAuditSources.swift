extension AuditSources {
    /// Opens `path` in `format` read through `profile` (docs/imports.md), or in qakit's own
    /// layout without one; as `open(path:format:decoder:)`, the first item is read at once.
    /// Workbooks (`.xlsx`) are opened by the spreadsheet reader, not here.
    public static func open(path: String, format: ImportProfile.Format, profile: ImportProfile?,
                            decoder: AuditDecoder) throws(InputError) -> any AuditRecordSource {
        guard let profile else {
            switch format {
            case .csv: return try open(path: path, format: .csv, decoder: decoder)
            case .tsv: return try open(path: path, format: .tsv, decoder: decoder)
            case .jsonl: return try open(path: path, format: .jsonl, decoder: decoder)
            case .yaml: return try open(path: path, format: .yaml, decoder: decoder)
            case .json, .xlsx: return try open(path: path, format: format, profile: ImportProfile(), decoder: decoder)
            }
        }
        switch format {
        case .csv, .tsv:
            let delimiter: Unicode.Scalar = format == .tsv ? "\t" : ","
            if let long = profile.long {
                return try PrimedSource(try LongAuditSource(path: path, delimiter: delimiter, profile: profile, long: long, decoder: decoder))
            }
            return try PrimedSource(try CSVAuditSource(path: path, delimiter: delimiter, profile: profile, decoder: decoder))
        case .json where profile.long != nil:
            return try PrimedSource(try LongAuditSource(jsonPath: path, profile: profile, long: profile.long!, decoder: decoder))
        case .jsonl where profile.long != nil:
            throw InputError(file: path, message: "\(ProfileColumns.profileName(profile)) has 'long', which reads csv, tsv and json files, not JSON Lines; make it one JSON array (jq -s . file.jsonl)",
                             isUnreadable: true)
        case .jsonl, .json:
            return try PrimedSource(try KeyedProfileSource(path: path, isLines: format == .jsonl, profile: profile, decoder: decoder))
        case .yaml:
            return try open(path: path, format: .yaml, decoder: decoder)
        case .xlsx:
            throw InputError(file: path, message: "workbooks are read by the spreadsheet reader", isUnreadable: true)
        }
    }
}
