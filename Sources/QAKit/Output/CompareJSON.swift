/// `compare --format json`: one object, `{scorecard, from_version, to_version, diff, audits,
/// groups, overall, unscorable}` (docs/compare.md, "JSON"). Scores and means have two decimals,
/// pass rates are exact to four.
enum CompareJSON {
    static func write(_ result: ComparisonResult, to sink: TextSink) throws {
        var text = "{\n"
        text += "  \"scorecard\": \(JSONText.string(result.to.id)),\n"
        text += "  \"from_version\": \(result.from.version),\n"
        text += "  \"to_version\": \(result.to.version),\n"
        text += "  \"diff\": " + list(result.changes.map(change)) + ",\n"
        text += "  \"audits\": ["
        for (index, audit) in result.audits.enumerated() {
            text += (index == 0 ? "\n    " : ",\n    ") + self.audit(audit)
            if index % 4096 == 4095 {
                try sink.write(text)
                text = ""
            }
        }
        text += result.audits.isEmpty ? "],\n" : "\n  ],\n"
        text += "  \"groups\": " + list(result.groups.map { group($0, names: result.grouping.dimensions.map(\.description)) }) + ",\n"
        text += "  \"overall\": " + group(result.overall, names: []) + ",\n"
        text += "  \"unscorable\": " + list(result.unscorable.map(unscorable)) + "\n}\n"
        try sink.write(text)
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
    }

    private static func change(_ change: RubricChange) -> String {
        JSONText.object([
            ("id", JSONText.string(change.id)), ("subject", JSONText.string(change.subject.rawValue)),
            ("change", JSONText.string(change.change.rawValue)), ("what", JSONText.array(change.what.map { JSONText.string($0) })),
            ("file", JSONText.string(change.file)), ("line", String(change.line)),
        ])
    }

    private static func audit(_ audit: ComparedAudit) -> String {
        JSONText.object([
            ("audit_id", JSONText.string(audit.auditID)), ("agent", JSONText.string(audit.agent)),
            ("score_from", JSONText.score(audit.scoreFrom)), ("score_to", JSONText.score(audit.scoreTo)),
            ("delta", JSONText.score(audit.delta)),
            ("passed_from", JSONText.bool(audit.passedFrom)), ("passed_to", JSONText.bool(audit.passedTo)),
        ])
    }

    private static func group(_ group: ComparedGroup, names: [String]) -> String {
        JSONText.object([("key", JSONText.string(group.key))] + zip(names, group.values).map { ($0, JSONText.string($1)) } + [
            ("audits", String(group.audits)),
            ("mean_from", JSONText.score(group.meanFrom)), ("mean_to", JSONText.score(group.meanTo)),
            ("delta", JSONText.score(group.delta)),
            ("pass_rate_from", group.passRateFrom?.decimalString() ?? "null"),
            ("pass_rate_to", group.passRateTo?.decimalString() ?? "null"),
            ("flips", String(group.flips)),
        ])
    }

    private static func unscorable(_ audit: UnscorableAudit) -> String {
        JSONText.object([
            ("audit_id", JSONText.string(audit.auditID)), ("version", String(audit.version)), ("reason", JSONText.string(audit.reason)),
            ("file", JSONText.string(audit.file)), ("line", String(audit.line)),
        ])
    }
}
