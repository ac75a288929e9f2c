import Hummingbird
import QAKit

/// The JSON API (docs/serve.md, "API"): routes decode, call the library, encode.
struct APIController: Sendable {
    let service: AuditService

    func add(to router: Router<ServeContext>) {
        router.get("/healthz") { _, _ in Reply.json(.ok, #"{"status":"ok"}"#) }
        router.get("/api/scorecards") { _, _ in scorecards() }
        router.post("/api/score") { request, context in try await score(request, context: context) }
        router.post("/api/audits") { request, context in try await submit(request, context: context) }
        router.get("/api/audits") { request, _ in try audits(request) }
    }

    /// `[{scorecard, version, title, current}]`: every loaded version; `current` marks the one
    /// the form uses (in force today).
    private func scorecards() -> Response {
        let current = Set(service.intake.currentScorecards().map { "\($0.id)\u{0}\($0.scorecard.version)" })
        let items = service.intake.scorecards.map { card in
            JSONText.object([
                ("scorecard", JSONText.string(card.id)), ("version", String(card.version)), ("title", JSONText.string(card.title)),
                ("current", current.contains("\(card.id)\u{0}\(card.version)") ? "true" : "false"),
            ])
        }
        return Reply.json(.ok, JSONText.array(items))
    }

    private func score(_ request: Request, context: ServeContext) async throws -> Response {
        let members = try await Self.auditObject(request)
        switch service.intake.check(members, reviewer: context.reviewer, draftID: true) {
        case .rejected(let problems):
            return Reply.json(.unprocessableContent, Self.errorsJSON(problems))
        case .accepted(let accepted):
            let body = JSONText.object([("result", accepted.scored.jsonObject), ("explain", JSONText.string(ScoreExplanation(accepted.scored).text))])
            return Reply.json(.ok, body)
        }
    }

    private func submit(_ request: Request, context: ServeContext) async throws -> Response {
        let members = try await Self.auditObject(request)
        switch await service.submit(members, reviewer: context.reviewer) {
        case .rejected(let problems):
            return Reply.json(.unprocessableContent, Self.errorsJSON(problems))
        case .duplicate(let id):
            return Reply.error(.conflict, AuditService.duplicateMessage(id))
        case .unavailable(let message):
            return Reply.error(.serviceUnavailable, message)
        case .stored(let accepted):
            return Reply.json(.created, JSONText.object([("audit", accepted.line), ("result", accepted.scored.jsonObject)]),
                              headers: [.location: "/api/audits?audit_id=" + (accepted.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")])
        }
    }

    private func audits(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        func date(_ name: String) throws -> CalendarDate? {
            guard let text = query[Substring(name)].map(String.init), !text.isEmpty else { return nil }
            guard text.utf8.count == 10, let date = CalendarDate.parse(text) else {
                throw ServeError(.badRequest, "'\(name)' must be a date written YYYY-MM-DD, found '\(text)'")
            }
            return date
        }
        let filter = AuditService.Filter(reviewer: query["reviewer"].map(String.init).flatMap { $0.isEmpty ? nil : $0 },
                                         from: try date("from"), to: try date("to"),
                                         auditID: query["audit_id"].map(String.init))
        if let from = filter.from, let to = filter.to, to < from { throw ServeError(.badRequest, "'from' \(from) is after 'to' \(to)") }
        let lines = try service.storedAudits(filter)
        return Reply.json(.ok, "{\"audits\":[" + lines.joined(separator: ",") + "]}")
    }

    /// The body as one JSON object: 415 for another media type, 400 for malformed JSON or
    /// another JSON value, 413 past 1 MiB.
    static func auditObject(_ request: Request) async throws -> [JSONValue.Member] {
        guard request.mediaType == "application/json" else {
            throw ServeError(.unsupportedMediaType, "send the audit as 'Content-Type: application/json'"
                             + (request.mediaType.map { ", not '\($0)'" } ?? ""))
        }
        var request = request
        let bytes = try await request.boundedBody()
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw ServeError(.badRequest, "malformed JSON body: \(error)")
        }
        guard case .object(let members) = value else {
            throw ServeError(.badRequest, "expected one audit object (as a line of a JSON Lines audit file), found \(value.typeName == "array" ? "an array" : "a \(value.typeName)")")
        }
        return members
    }

    static func errorsJSON(_ problems: [AuditIntake.Problem]) -> String {
        let items = problems.map { problem in
            JSONText.object([("audit_id", JSONText.string(problem.auditID)), ("field", JSONText.string(problem.field)),
                             ("message", JSONText.string(problem.message))])
        }
        return JSONText.object([("errors", JSONText.array(items))])
    }
}
