import Foundation
import Hummingbird
import QAKit

/// The HTML pages (docs/serve.md, "Pages"): the scorecards, the form per scorecard, the
/// sign-in page, and the management report and coaching notes of the current file.
struct PageController: Sendable {
    let service: AuditService

    func add(to router: Router<ServeContext>) {
        router.get("/") { request, context in index(request, context: context) }
        router.get("/audit/:scorecard") { request, context in try form(request, context: context) }
        router.post("/audit/:scorecard") { request, context in try await submitForm(request, context: context) }
        router.get("/report") { request, context in generated(request, context: context, title: "Management report", build: service.reportHTML) }
        router.get("/coaching") { request, context in generated(request, context: context, title: "Coaching notes", build: service.coachingHTML) }
        router.get("/login") { request, _ in login(request, problem: nil) }
        router.post("/login") { request, _ in try await signIn(request) }
        router.post("/logout") { request, context in try await signOut(request, context: context) }
    }

    // MARK: CSRF

    /// The CSRF cookie of the request, or a new one with the header that sets it.
    private func csrf(_ request: Request) -> (token: String, headers: HTTPFields) {
        if let cookie = request.cookie(Credentials.csrfCookie), cookie.count == 64, cookie.allSatisfy(\.isHexDigit) {
            return (service.credentials.csrfToken(forCookie: cookie), [:])
        }
        let cookie = Credentials.randomHex(bytes: 32)
        return (service.credentials.csrfToken(forCookie: cookie),
                [.setCookie: "\(Credentials.csrfCookie)=\(cookie); Path=/; HttpOnly; SameSite=Strict"])
    }

    /// Refuses (403, nothing stored) a form whose `csrf_token` does not belong to its cookie.
    private func checkCSRF(_ request: Request, form: FormBody) throws {
        guard service.credentials.isValidCSRF(token: form["csrf_token"], cookie: request.cookie(Credentials.csrfCookie)) else {
            throw ServeError(.forbidden, "the form's csrf_token is missing or does not match its cookie; reload the page and submit again (nothing was stored)")
        }
    }

    // MARK: Pages

    private func index(_ request: Request, context: ServeContext) -> Response {
        let (token, headers) = csrf(request)
        var body = "<h1>Scorecards</h1>\n<p class=\"help\">Pick a scorecard to audit an interaction. Each form uses the version in force today.</p>\n<ul class=\"cards\">\n"
        for (id, card) in service.intake.currentScorecards() {
            body += "<li><h2 style=\"margin:0;font-size:1.15rem\"><a href=\"/audit/\(HTMLPage.h(id))\">\(HTMLPage.h(card.title))</a></h2>"
                + "<p class=\"help\"><code>\(HTMLPage.h(id))</code> version \(card.version) · \(card.criteria.count) criteria</p>"
                + (card.description.map { "<p>\(HTMLPage.h($0))</p>" } ?? "") + "</li>\n"
        }
        body += "</ul>\n"
        body += RecentAuditsTable.render(service.store.recentAudits(reviewer: context.reviewer),
                                         heading: context.reviewer.map { "Your recent audits (\(HTMLPage.h($0)))" } ?? "Recent audits")
        return Reply.html(HTMLPage.render(title: "Scorecards", reviewer: context.reviewer, csrfToken: token, body: body), headers: headers)
    }

    private func scorecard(_ context: ServeContext) throws -> Scorecard {
        let id = context.parameters.get("scorecard") ?? ""
        guard let card = service.intake.currentScorecard(id: id) else {
            let hint = Suggestion.hint(for: id, among: service.intake.versions.ids)
            throw ServeError(.notFound, "no scorecard '\(id)'\(hint)")
        }
        return card
    }

    private func form(_ request: Request, context: ServeContext) throws -> Response {
        let card = try scorecard(context)
        let (token, headers) = csrf(request)
        var values = ["date": AuditIntake.today().description]
        // A scorecard chosen by `applies_to` with one value per field starts with those values.
        for clause in card.appliesTo?.clauses ?? [] where clause.values.count == 1 { values[clause.field] = clause.values[0] }
        let saved = request.uri.queryParameters["saved"].map(String.init).flatMap { id in
            service.store.recentAudits(reviewer: nil, limit: AuditStore.recentLimit).first { $0.auditID == id }
        }
        return page(card, values: values, problems: [], reviewer: context.reviewer, token: token, saved: saved, headers: headers)
    }

    private func page(_ card: Scorecard, values: [String: String], problems: [AuditIntake.Problem], reviewer: String?, token: String,
                      saved: AuditStore.Summary?, status: HTTPResponse.Status = .ok, headers: HTTPFields) -> Response {
        let nonce = Credentials.randomHex(bytes: 16)
        let page = AuditFormPage(scorecard: card, values: values, problems: problems, reviewer: reviewer, csrfToken: token, saved: saved,
                                 recent: service.store.recentAudits(reviewer: reviewer))
        return Reply.html(page.render(nonce: nonce), status: status, nonce: nonce, headers: headers)
    }

    private func submitForm(_ request: Request, context: ServeContext) async throws -> Response {
        let card = try scorecard(context)
        let form = try await FormBody(request)
        try checkCSRF(request, form: form)
        let (token, headers) = csrf(request)
        let members = form.auditMembers(for: card)
        let values = form.values
        switch await service.submit(members, reviewer: context.reviewer) {
        case .stored(let accepted):
            let id = accepted.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return Reply.redirect(to: "/audit/\(card.id)?saved=\(id)", headers: headers)
        case .rejected(let problems):
            return page(card, values: values, problems: problems, reviewer: context.reviewer, token: token, saved: nil,
                        status: .unprocessableContent, headers: headers)
        case .duplicate(let id):
            let problem = AuditIntake.Problem(auditID: id, field: "audit_id", message: AuditService.duplicateMessage(id))
            return page(card, values: values, problems: [problem], reviewer: context.reviewer, token: token, saved: nil, status: .conflict, headers: headers)
        case .unavailable(let message):
            let problem = AuditIntake.Problem(auditID: nil, field: nil, message: message)
            return page(card, values: values, problems: [problem], reviewer: context.reviewer, token: token, saved: nil,
                        status: .serviceUnavailable, headers: headers)
        }
    }

    /// A page a library writer renders whole (`ReportHTML`, `CoachingHTML`), with a way back.
    private func generated(_ request: Request, context: ServeContext, title: String, build: () -> (html: String?, note: String?)) -> Response {
        let (html, note) = build()
        let back = "<p style=\"font:14px system-ui,sans-serif;margin:.5rem 1rem\"><a href=\"/\">← Back to the scorecards</a>"
            + (note.map { " · \(HTMLPage.h($0))" } ?? "") + "</p>\n"
        guard let html else {
            let (token, headers) = csrf(request)
            let body = "<h1>\(HTMLPage.h(title))</h1><p>\(HTMLPage.h(note ?? "nothing to show yet"))</p>"
            return Reply.html(HTMLPage.render(title: title, reviewer: context.reviewer, csrfToken: token, body: body), headers: headers)
        }
        guard let bodyStart = html.range(of: "<body>") else { return Reply.html(html) }
        return Reply.html(html.replacingCharacters(in: bodyStart, with: "<body>\n" + back))
    }

    // MARK: Signing in

    private func login(_ request: Request, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        guard service.credentials.isRequired else { return Reply.redirect(to: "/") }
        let (token, headers) = csrf(request)
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        let error = problem.map { "<p class=\"error\" role=\"alert\" id=\"login-error\">\(HTMLPage.h($0))</p>" } ?? ""
        let body = """
        <h1>Sign in</h1>
        <form method="post" action="/login?next=\(HTMLPage.h(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))" style="max-width:24rem">
        <input type="hidden" name="csrf_token" value="\(HTMLPage.h(token))">
        <label class="stack" for="token">Your reviewer token<input type="password" id="token" name="token" autocomplete="current-password" autofocus required></label>
        \(error)
        <p><button type="submit">Sign in</button></p>
        </form>
        """
        return Reply.html(HTMLPage.render(title: "Sign in", reviewer: nil, csrfToken: nil, body: body), status: status, headers: headers)
    }

    private func signIn(_ request: Request) async throws -> Response {
        guard service.credentials.isRequired else { return Reply.redirect(to: "/") }
        let form = try await FormBody(request)
        try checkCSRF(request, form: form)
        guard let token = form["token"], let reviewer = service.credentials.reviewer(forToken: token) else {
            return login(request, problem: "That token is not valid for any reviewer.", status: .unauthorized)
        }
        let session = service.credentials.openSession(for: reviewer)
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        var response = Reply.redirect(to: next)
        response.headers[.setCookie] = "\(Credentials.sessionCookie)=\(session); Path=/; HttpOnly; SameSite=Strict"
        response.headers[.reviewerNote] = reviewer
        return response
    }

    private func signOut(_ request: Request, context: ServeContext) async throws -> Response {
        let form = try await FormBody(request)
        try checkCSRF(request, form: form)
        if let session = request.cookie(Credentials.sessionCookie) { service.credentials.closeSession(session) }
        return Reply.redirect(to: service.credentials.isRequired ? "/login" : "/",
                              headers: [.setCookie: "\(Credentials.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"])
    }

    /// Only a path on this server (`/…`, not `//host`): a sign-in link cannot send anyone elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return "/" }
        return next
    }
}
