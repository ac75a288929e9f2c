import Foundation
import Hummingbird
import QAKit

/// A posted HTML form (`application/x-www-form-urlencoded`); a name given twice keeps its last value.
struct FormBody {
    let values: [String: String]

    init(_ request: Request) async throws {
        guard request.mediaType == "application/x-www-form-urlencoded" else {
            throw ServeError(.unsupportedMediaType, "send the form as 'application/x-www-form-urlencoded'" + (request.mediaType.map { ", not '\($0)'" } ?? ""))
        }
        var request = request
        let bytes = try await request.boundedBody()
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ServeError(.badRequest, "the form is not valid UTF-8") }
        values = try Self.parse(text)
    }

    init(values: [String: String]) {
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    static func parse(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) throws -> String {
                guard let decoded = String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw ServeError(.badRequest, "the form has a malformed %-escape in '\(part.prefix(40))'")
                }
                return decoded
            }
            // A name sent more than once is a multi_select's checkboxes: its values joined with
            // ';', as a multi_select answer is written (docs/serve.md).
            let name = try decode(parts[0]), value = parts.count > 1 ? try decode(parts[1]) : ""
            if let earlier = values[name], !earlier.isEmpty, !value.isEmpty {
                values[name] = earlier + ";" + value
            } else if values[name]?.isEmpty != false {
                values[name] = value
            }
        }
        return values
    }

    /// The audit object the form stands for, shaped as a JSON Lines record (docs/audits.md):
    /// the criterion ids of `scorecard` under `answers` (a checked `<id>.na` is `na`),
    /// `<id>.comment` under `comments`, every other non-empty field at the top, and the scorecard
    /// id from the page's address. Blank values are left out, as a blank cell is unanswered.
    func auditMembers(for scorecard: Scorecard) -> [JSONValue.Member] {
        var answers: [JSONValue.Member] = []
        var comments: [JSONValue.Member] = []
        let ids = scorecard.criteria.map(\.criterion.id)
        let idSet = Set(ids)
        for id in ids {
            if values[id + ".na"] == "na" {
                answers.append(.init(key: id, value: .string("na")))
            } else if let answer = values[id], !answer.trimmingCharacters(in: .whitespaces).isEmpty {
                answers.append(.init(key: id, value: .string(answer)))
            }
            if let comment = values[id + ".comment"], !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                comments.append(.init(key: id, value: .string(comment)))
            }
        }
        var members: [JSONValue.Member] = []
        for name in values.keys.sorted() where !Self.isFormOnly(name, criteria: idSet) {
            guard let value = values[name], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            members.append(.init(key: name, value: name == "calibration" ? .bool(value == "true") : .string(value)))
        }
        members.removeAll { $0.key == "scorecard" }
        members.append(.init(key: "scorecard", value: .string(scorecard.id)))
        members.append(.init(key: "answers", value: .object(answers)))
        if !comments.isEmpty { members.append(.init(key: "comments", value: .object(comments))) }
        // Standard fields first, in the order of a JSON Lines export, then the rest.
        let order = ["audit_id", "interaction_id", "agent", "reviewer", "team", "date", "scorecard", "scorecard_version", "calibration"]
        return members.sorted { (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count) }
    }

    private static func isFormOnly(_ name: String, criteria: Set<String>) -> Bool {
        if name == "csrf_token" || name == "answers" || name == "comments" || criteria.contains(name) { return true }
        for suffix in [".comment", ".na"] where name.hasSuffix(suffix) && criteria.contains(String(name.dropLast(suffix.count))) { return true }
        return false
    }
}
