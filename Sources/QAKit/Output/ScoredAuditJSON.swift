/// The JSON of a scored audit (docs/output.md): the writers' side of `ScoredAudit`, kept in
/// Output so that scoring does not depend on the output formats.
extension ScoredAudit {
    /// The answer normalised for output: `yes`/`no`/`na`, an integer, an option value or a number.
    public static func answerJSON(_ answer: Answer?, criterion: Criterion) -> String {
        guard let answer else { return "null" }
        switch answer {
        case .yes: return "\"yes\""
        case .no: return "\"no\""
        case .notApplicable: return "\"na\""
        case .scale(let value): return String(value)
        case .choice(let index):
            guard let options = criterion.kind.options, options.indices.contains(index) else { return "null" }
            return JSONText.string(options[index].value)
        case .points(let value): return value.decimalString(maximumPlaces: 2)
        case .number(let value): return value.decimalString(maximumPlaces: Criterion.numberPlaces)
        case .date(let date): return "\"\(date)\""
        case .text(let text): return JSONText.string(text)
        case .options(let indices):
            guard let options = criterion.kind.options else { return "null" }
            return "[" + indices.filter(options.indices.contains).map { JSONText.string(options[$0].value) }.joined(separator: ", ") + "]"
        }
    }

    /// The JSON Lines object of docs/output.md, fields in the documented order.
    public var jsonObject: String {
        var json = JSONBytes()
        appendJSON(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// Writes `jsonObject` into `json`.
    func appendJSON(to json: inout JSONBytes) {
        let scorecard = self.scorecard
        json.beginObject()
        json.key("audit_id")
        json.string(audit.id)
        json.key("interaction_id")
        json.string(audit.interactionID)
        json.key("agent")
        json.string(audit.agent)
        json.key("reviewer")
        json.string(audit.reviewer)
        json.key("date")
        json.string(audit.date.description)
        json.key("scorecard")
        json.string(scorecard.id)
        json.key("scorecard_version")
        json.encoded(String(scorecard.version))
        json.key("score")
        json.encoded(JSONText.score(result.score))
        json.key("raw_score")
        json.encoded(JSONText.score(result.rawScore))
        json.key("passed")
        json.bool(result.passed)
        json.key("auto_failed")
        json.bool(result.isAutoFailed)
        json.key("band")
        json.string(result.band)
        json.key("calibration")
        json.bool(audit.isCalibration)
        json.key("sections")
        json.beginArray()
        for section in result.sections {
            json.beginObject()
            json.key("id")
            json.string(section.id)
            json.key("score")
            json.encoded(JSONText.score(section.percentage))
            json.key("failed")
            json.bool(section.failed)
            json.endObject()
        }
        json.endArray()
        json.key("criteria")
        json.beginArray()
        var fields: [(Criterion, CriterionResult)] = []
        for (entry, outcome) in zip(scorecard.criteria, result.criteria) {
            if entry.criterion.isField {
                fields.append((entry.criterion, outcome))
                continue
            }
            json.beginObject()
            json.key("id")
            json.string(outcome.id)
            json.key("answer")
            json.encoded(Self.answerJSON(outcome.answer, criterion: entry.criterion))
            json.key("credit")
            json.encoded(outcome.credit.map { $0.decimalString(maximumPlaces: 4) } ?? "null")
            json.key("scored")
            json.bool(outcome.scored)
            json.key("failed_critical")
            json.bool(outcome.failedCritical)
            if let penalty = outcome.penalty {
                json.key("penalty")
                json.encoded(penalty.decimalString(maximumPlaces: 4))
            }
            json.endObject()
        }
        json.endArray()
        if !fields.isEmpty {
            json.key("fields")
            json.beginObject()
            for (criterion, outcome) in fields {
                json.key(text: criterion.id)
                json.encoded(outcome.applies ? Self.answerJSON(outcome.answer, criterion: criterion) : "null")
            }
            json.endObject()
        }
        if let disputes { appendJSON(disputes, to: &json) }
        json.endObject()
    }

    /// `original_score` and `disputes` [{dispute_id, criterion, status, original_answer,
    /// new_answer}] (docs/disputes.md).
    private func appendJSON(_ disputes: AuditDisputes, to json: inout JSONBytes) {
        let criteria = scorecard.criteria
        json.key("original_score")
        json.encoded(JSONText.score(disputes.originalScore))
        json.key("disputes")
        json.beginArray()
        for entry in disputes.entries {
            let criterion = entry.criterionIndex.map { criteria[$0].criterion }
            json.beginObject()
            json.key("dispute_id")
            json.string(entry.disputeID)
            json.key("criterion")
            json.string(entry.criterion)
            json.key("status")
            json.string(entry.status.rawValue)
            json.key("original_answer")
            json.encoded(criterion.map { Self.answerJSON(entry.originalAnswer, criterion: $0) } ?? "null")
            json.key("new_answer")
            json.encoded(criterion.map { Self.answerJSON(entry.newAnswer, criterion: $0) } ?? "null")
            json.endObject()
        }
        json.endArray()
    }
}
