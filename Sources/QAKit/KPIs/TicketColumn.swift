/// qakit's canonical ticket fields: the column names of a CSV/TSV ticket file and the keys of a
/// JSON Lines one (docs/kpis.md lists what each holds). Other columns are ignored, since
/// help-desk exports carry many.
public enum TicketColumn: Int, Sendable, CaseIterable {
    case ticketID, agent, createdAt, firstResponseMinutes, firstResponseAt, resolutionMinutes, solvedAt
    case reopens, replies, csat, nps, slaBreached, team, channel, status

    /// The column's name in files: `ticket_id`, `first_response_minutes`, …
    public var name: String {
        switch self {
        case .ticketID: "ticket_id"
        case .agent: "agent"
        case .createdAt: "created_at"
        case .firstResponseMinutes: "first_response_minutes"
        case .firstResponseAt: "first_response_at"
        case .resolutionMinutes: "resolution_minutes"
        case .solvedAt: "solved_at"
        case .reopens: "reopens"
        case .replies: "replies"
        case .csat: "csat"
        case .nps: "nps"
        case .slaBreached: "sla_breached"
        case .team: "team"
        case .channel: "channel"
        case .status: "status"
        }
    }

    /// The columns every ticket file must have.
    public static let required: [TicketColumn] = [.ticketID, .agent, .createdAt]

    /// The column named `name` exactly (names are lower case, as qakit writes them).
    public init?(name: String) {
        guard let column = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = column
    }
}

/// How a ticket file is written.
public enum TicketFormat: String, Sendable, CaseIterable {
    case csv, tsv, jsonl, json

    /// The format implied by a file's extension: `.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`, `.json`.
    public static func inferred(from path: String) -> TicketFormat? {
        if ImportProfile.Format.inferred(from: path) == .json { return .json }
        return switch AuditFormat.inferred(from: path) {
        case .csv: .csv
        case .tsv: .tsv
        case .jsonl: .jsonl
        case .yaml, nil: nil
        }
    }
}

extension TicketColumn {
    /// What the column holds, for a profile's rewriting (docs/imports.md): date-times take
    /// `dates`, numbers the decimal comma, and every column its `values` words.
    var purpose: CellTransform.Purpose {
        switch self {
        case .createdAt, .firstResponseAt, .solvedAt: .date(asDay: false)
        case .firstResponseMinutes, .resolutionMinutes, .reopens, .replies, .csat, .nps: .number(name)
        case .slaBreached, .team, .channel, .status: .word(name)
        case .ticketID, .agent: .other
        }
    }
}

extension CellTransform {
    /// The transform of a ticket file whose header `sources` a profile renamed to `fields`
    /// (docs/kpis.md): each ticket column rewrites its cells as its purpose says.
    static func forTickets(profile: ImportProfile, sources: [String], fields: [String]) -> CellTransform? {
        guard profile.transformsCells else { return nil }
        let transform = CellTransform(profile: profile, fields: fields, sources: sources) { index in
            TicketColumn(name: fields[index])?.purpose ?? .other
        }
        return transform.isEmpty ? nil : transform
    }
}
