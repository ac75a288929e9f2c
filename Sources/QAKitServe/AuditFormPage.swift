import QAKit

/// The audit form of one scorecard version (docs/serve.md, "The form"): server-rendered, a
/// plain `<form method="post">` that works without JavaScript. Inputs are named by criterion id
/// (`<id>.comment` for comments, `<id>.na` for N/A next to a points box) and audit fields by
/// their field names. A small script shows and hides criteria as the fields their `when` names
/// change and asks `POST /api/score` for the live score.
struct AuditFormPage {
    let scorecard: Scorecard
    /// The values to show: what was submitted, or the defaults of a new audit.
    let values: [String: String]
    let problems: [AuditIntake.Problem]
    /// The signed-in reviewer; `nil` without `--reviewers` (then `reviewer` is a field).
    let reviewer: String?
    let csrfToken: String
    /// The audit just stored, for the confirmation at the top.
    let saved: AuditStore.Summary?
    let recent: [AuditStore.Summary]

    private func h(_ text: String) -> String { HTMLPage.h(text) }

    /// The standard fields the form asks for, in order, and the decoder's own names.
    static let standardFields = ["audit_id", "interaction_id", "agent", "team", "date", "reviewer"]
    private static let derivedFields: Set<String> = ["audit_id", "interaction_id", "agent", "reviewer", "date", "month", "team", "scorecard",
                                                     "scorecard_version", "calibration", "comment"]

    /// Fields that `applies_to` or a `when` tests, other than the standard ones, in first-seen order,
    /// each with the values named for it (offered as suggestions).
    var conditionFields: [(name: String, values: [String])] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        // Audit fields only: a clause on an earlier answer (`item`) is answered by that criterion.
        let conditions = [scorecard.appliesTo] + scorecard.sections.flatMap { [$0.when, $0.unless] }
            + scorecard.criteria.flatMap { [$0.criterion.when, $0.criterion.unless] }
        for clause in conditions.compactMap({ $0 }).flatMap(\.clauses) where clause.item == nil && !Self.derivedFields.contains(clause.field) {
            if values[clause.field] == nil { order.append(clause.field) }
            for value in clause.values where !(values[clause.field] ?? []).contains(value) { values[clause.field, default: []].append(value) }
        }
        return order.map { ($0, values[$0] ?? []) }
    }

    func render(nonce: String) -> String {
        var body = "<h1>\(h(scorecard.title))</h1>\n"
        body += "<p class=\"help\">Scorecard <code>\(h(scorecard.id))</code> version \(scorecard.version)"
        body += scorecard.effectiveFrom.map { ", in force since \($0)" } ?? ""
        body += scorecard.passingScore.map { "; passing score \($0.decimalString())" } ?? ""
        body += ". Fields marked <span class=\"required\">*</span> are required.</p>\n"
        if let description = scorecard.description { body += "<p>\(h(description))</p>\n" }
        if let saved {
            body += "<p class=\"saved\" role=\"status\">Saved audit <strong>\(h(saved.auditID))</strong> for \(h(saved.agent)): score <strong>\(h(saved.score))</strong>. "
                + "The form below is ready for the next audit.</p>\n"
        }
        body += errorSummary()
        body += "<form method=\"post\" action=\"/audit/\(h(scorecard.id))\" id=\"audit-form\" novalidate>\n"
        body += hidden("csrf_token", csrfToken) + hidden("scorecard", scorecard.id) + hidden("scorecard_version", String(scorecard.version))
        body += auditFields()
        for section in scorecard.sections { body += sectionHTML(section) }
        body += "<fieldset><legend>Overall</legend><label class=\"stack\" for=\"field-comment\">Comment for the agent"
            + "<textarea id=\"field-comment\" name=\"comment\" rows=\"3\">\(h(values["comment"] ?? ""))</textarea></label>"
            + fieldError("comment") + "</fieldset>\n"
        body += "<div class=\"bar\"><p class=\"score\">Score: <output id=\"live-score\" for=\"audit-form\" aria-live=\"polite\">–</output></p>"
            + "<span id=\"live-status\" aria-live=\"polite\"></span><button type=\"submit\">Save audit</button></div>\n"
        body += "</form>\n"
        body += RecentAuditsTable.render(recent, heading: reviewer.map { "Your recent audits (\(h($0)))" } ?? "Recent audits")
        return HTMLPage.render(title: scorecard.title, reviewer: reviewer, csrfToken: csrfToken, body: body, script: Self.script, nonce: nonce)
    }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(h(name))\" value=\"\(h(value))\">\n"
    }

    /// Every problem, with a link to its field, so a keyboard user can jump to each.
    private func errorSummary() -> String {
        guard !problems.isEmpty else { return "" }
        let items = problems.map { problem in
            let target = problem.field.map { "#\(anchor(for: $0))" }
            return "<li>" + (target.map { "<a href=\"\(h($0))\">\(h(problem.message))</a>" } ?? h(problem.message)) + "</li>"
        }
        return "<div class=\"errors\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><p><strong>The audit was not saved:</strong></p><ul>"
            + items.joined() + "</ul></div>\n"
    }

    private func anchor(for field: String) -> String {
        scorecard.criterion(field) != nil ? "criterion-\(field)" : "field-\(field)"
    }

    private func fieldError(_ field: String) -> String {
        problems.filter { $0.field == field }.map { "<p class=\"error\" id=\"error-\(h(field))\">\(h($0.message))</p>" }.joined()
    }

    private func describedBy(_ field: String) -> String {
        problems.contains { $0.field == field } ? " aria-describedby=\"error-\(h(field))\" aria-invalid=\"true\"" : ""
    }

    private func auditFields() -> String {
        var html = "<fieldset><legend>Audit</legend><div class=\"fields\">\n"
        let labels = ["audit_id": "Audit id (blank: generated)", "interaction_id": "Interaction id", "agent": "Agent", "team": "Team",
                      "date": "Date", "reviewer": "Reviewer"]
        let required: Set<String> = ["interaction_id", "agent", "date", "reviewer"]
        for name in Self.standardFields {
            if name == "reviewer", let reviewer {
                html += "<p class=\"stack\">Reviewer<span>\(h(reviewer))</span></p>\n"
                continue
            }
            let type = name == "date" ? "date" : "text"
            let mark = required.contains(name) ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : ""
            html += "<label for=\"field-\(name)\"><span>\(labels[name]!)\(mark)</span><input type=\"\(type)\" id=\"field-\(name)\" name=\"\(name)\" "
                + "value=\"\(h(values[name] ?? ""))\"\(required.contains(name) ? " aria-required=\"true\"" : "")\(describedBy(name))>"
                + "\(fieldError(name))</label>\n"
        }
        for field in conditionFields {
            let list = "values-\(field.name)"
            html += "<label for=\"field-\(h(field.name))\">\(h(field.name.replacingUnderscores))<input type=\"text\" id=\"field-\(h(field.name))\" "
                + "name=\"\(h(field.name))\" list=\"\(h(list))\" value=\"\(h(values[field.name] ?? ""))\"\(describedBy(field.name))>"
                + "<datalist id=\"\(h(list))\">" + field.values.map { "<option value=\"\(h($0))\">" }.joined() + "</datalist>"
                + "<span class=\"help\">decides which criteria apply: \(h(field.values.joined(separator: ", ")))</span>\(fieldError(field.name))</label>\n"
        }
        let checked = values["calibration"] == "true" ? " checked" : ""
        html += "<label class=\"check\" for=\"field-calibration\"><input type=\"checkbox\" id=\"field-calibration\" name=\"calibration\" value=\"true\"\(checked)> "
            + "Calibration audit (left out of agent scores)</label>\(fieldError("calibration"))\n"
        scorecard.appliesTo.map { html += "<p class=\"help\">This scorecard is for audits with \(h(Self.describe($0))).</p>" }
        return html + "</div></fieldset>\n"
    }

    /// `data-when` and `data-unless` for the form's script, which hides what does not apply.
    private func conditionAttributes(when: Condition?, unless: Condition?) -> String {
        func json(_ condition: Condition) -> String {
            JSONText.object(condition.clauses.map { ($0.field, JSONText.array($0.values.map(JSONText.string))) })
        }
        return (when.map { " data-when=\"\(h(json($0)))\"" } ?? "") + (unless.map { " data-unless=\"\(h(json($0)))\"" } ?? "")
    }

    private func sectionHTML(_ section: Section) -> String {
        var html = "<fieldset id=\"section-\(h(section.id))\"\(conditionAttributes(when: section.when, unless: section.unless))><legend>\(h(section.title))\(section.isBonus && !section.title.lowercased().contains("bonus") ? " (bonus)" : "")</legend>\n"
        if let condition = Self.describe(when: section.when, unless: section.unless) { html += "<p class=\"help\">\(h(condition))</p>\n" }
        for criterion in section.criteria { html += criterionHTML(criterion) }
        return html + "</fieldset>\n"
    }

    private func criterionHTML(_ criterion: Criterion) -> String {
        let id = criterion.id
        var attributes = "class=\"criterion\" id=\"criterion-\(h(id))\" data-criterion=\"\(h(id))\""
        attributes += conditionAttributes(when: criterion.when, unless: criterion.unless)
        if case .multiSelect = criterion.kind { attributes += " data-multi" }
        var html = "<div \(attributes)>\n"
        let mark = criterion.isRequired ? " <span class=\"required\" aria-hidden=\"true\">*</span>" : ""
        let critical = criterion.critical == .none ? "" : " <small>(critical: \(criterion.critical == .scorecard ? "fails the audit" : "fails the section"))</small>"
        html += "<fieldset class=\"options-group\" style=\"border:0;padding:0;margin:0\"\(describedBy(id))><legend class=\"question\">\(h(criterion.title))\(mark)\(critical)</legend>\n"
        if let guidance = criterion.guidance { html += "<p class=\"help\" id=\"help-\(h(id))\">\(h(guidance))</p>\n" }
        if let condition = Self.describe(when: criterion.when, unless: criterion.unless) { html += "<p class=\"help\">\(h(condition))</p>\n" }
        html += answerInputs(criterion)
        html += "</fieldset>\n" + fieldError(id)
        let comment = values[id + ".comment"] ?? ""
        html += "<details class=\"comment\"\(comment.isEmpty ? "" : " open")><summary>Comment on \(h(criterion.title))</summary>"
            + "<label class=\"stack\" for=\"comment-\(h(id))\"><span class=\"help\">Comment</span><textarea id=\"comment-\(h(id))\" name=\"\(h(id)).comment\" rows=\"2\">\(h(comment))</textarea></label></details>\n"
        return html + "</div>\n"
    }

    private func answerInputs(_ criterion: Criterion) -> String {
        let id = criterion.id
        let current = values[id]
        func radio(_ value: String, _ label: String) -> String {
            let checked = current.map { $0.lowercased() == value.lowercased() } == true ? " checked" : ""
            return "<label><input type=\"radio\" name=\"\(h(id))\" value=\"\(h(value))\"\(checked)> \(h(label))</label>"
        }
        let notApplicable = criterion.allowsNA ? radio("na", "N/A") : ""
        switch criterion.kind {
        case .yesNo:
            return "<div class=\"options\">\(radio("yes", "Yes"))\(radio("no", "No"))\(notApplicable)</div>\n"
        case .scale(let minimum, let maximum, let levels):
            let hasLevels = !levels.isEmpty
            let items = (minimum...maximum).map { value in radio(String(value), levels[value].map { "\(value) — \($0)" } ?? String(value)) }
            return "<div class=\"options\(hasLevels ? " levels" : "")\">\(items.joined())\(notApplicable)</div>\n"
        case .multiSelect(let options):
            // One checkbox per option; the browser sends each checked one, joined with ';' as
            // the answer (docs/serve.md).
            let chosen = Set((current ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            let items = options.map { option in
                "<label><input type=\"checkbox\" name=\"\(h(id))\" value=\"\(h(option.value))\"\(chosen.contains(option.value.lowercased()) ? " checked" : "")> \(h(option.label))</label>"
            }
            return "<div class=\"options\(options.count > 4 ? " levels" : "")\">\(items.joined())\(notApplicable)</div>\n"
        case .number, .date, .text:
            let type: String
            let label: String
            switch criterion.kind {
            case .number: (type, label) = ("number\" step=\"any\" inputmode=\"decimal", "Number")
            case .date: (type, label) = ("date", "Date")
            default: (type, label) = ("text", "Answer")
            }
            return "<div class=\"options\"><label for=\"answer-\(h(id))\">\(label)"
                + "<input type=\"\(type)\" id=\"answer-\(h(id))\" name=\"\(h(id))\" value=\"\(h(current ?? ""))\"></label>\(notApplicable)</div>\n"
        case .choice(let options), .select(let options):
            let items = options.map { radio($0.value, $0.label) }
            return "<div class=\"options\(options.count > 4 ? " levels" : "")\">\(items.joined())\(notApplicable)</div>\n"
        case .points(let maximum):
            let isNA = current?.lowercased() == "na"
            var html = "<div class=\"options\"><label for=\"answer-\(h(id))\">Points (0 to \(maximum.decimalString()))"
                + "<input type=\"number\" id=\"answer-\(h(id))\" name=\"\(h(id))\" min=\"0\" max=\"\(maximum.decimalString())\" step=\"0.01\" inputmode=\"decimal\" "
                + "value=\"\(h(isNA ? "" : current ?? ""))\" style=\"width:8rem\"></label>"
            if criterion.allowsNA {
                html += "<label><input type=\"checkbox\" name=\"\(h(id)).na\" value=\"na\"\(isNA ? " checked" : "")> N/A</label>"
            }
            return html + "</div>\n"
        }
    }

    static func describe(_ condition: Condition) -> String {
        condition.clauses.map { "\($0.field) \($0.values.count == 1 ? "=" : "in") \($0.values.joined(separator: ", "))" }.joined(separator: " and ")
    }

    /// "Only when channel = voice", "Not when identity_verified = no", or both; `nil` for neither.
    static func describe(when: Condition?, unless: Condition?) -> String? {
        let parts = [when.map { "Only when \(describe($0))" }, unless.map { "not when \(describe($0))" }].compactMap { $0 }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// Shows and hides criteria by their `data-when` (fields compared case-insensitively, as the
    /// scorecard's conditions are) and asks the server for the score as answers change. Without
    /// it, every criterion shows and the server ignores the ones that do not apply.
    static let script = """
    (function () {
      var form = document.getElementById('audit-form');
      var live = document.getElementById('live-score');
      var status = document.getElementById('live-status');
      var criteria = Array.prototype.map.call(form.querySelectorAll('[data-criterion]'), function (el) { return el.getAttribute('data-criterion'); });
      function fieldValues(name) {
        if (name === 'month') { var d = fieldValues('date'); return d.length ? [d[0].slice(0, 7)] : []; }
        var out = [];
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name !== name || el.disabled) { return; }
          if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
          var v = typeof el.value === 'string' ? el.value.trim().toLowerCase() : '';
          if (v) { out.push(v); }
        });
        return out;
      }
      function matches(condition) {
        return Object.keys(condition).every(function (field) {
          var actual = fieldValues(field);
          return condition[field].some(function (v) { return actual.indexOf(v.toLowerCase()) >= 0; });
        });
      }
      function applyConditions() {
        // In document order, so that a condition on an earlier answer sees it hidden or shown.
        form.querySelectorAll('[data-when], [data-unless]').forEach(function (block) {
          var when = block.getAttribute('data-when'), unless = block.getAttribute('data-unless');
          block.hidden = !((!when || matches(JSON.parse(when))) && (!unless || !matches(JSON.parse(unless))));
          Array.prototype.forEach.call(form.elements, function (input) {
            if (input.type === 'hidden' || input.tagName === 'BUTTON') { return; }
            var hidden = false;
            for (var el = input.parentElement; el && el !== form; el = el.parentElement) { if (el.hidden) { hidden = true; break; } }
            input.disabled = hidden;
          });
        });
      }
      var multi = Array.prototype.map.call(form.querySelectorAll('[data-multi]'), function (el) { return el.getAttribute('data-criterion'); });
      function audit() {
        var record = { answers: {}, comments: {} };
        new FormData(form).forEach(function (value, key) {
          if (key === 'csrf_token' || value === '') { return; }
          if (key.slice(-8) === '.comment' && criteria.indexOf(key.slice(0, -8)) >= 0) { record.comments[key.slice(0, -8)] = value; }
          else if (key.slice(-3) === '.na' && criteria.indexOf(key.slice(0, -3)) >= 0) { record.answers[key.slice(0, -3)] = 'na'; }
          else if (multi.indexOf(key) >= 0 && key in record.answers && record.answers[key] !== 'na') { record.answers[key] += ';' + value; }
          else if (criteria.indexOf(key) >= 0) { if (!(key in record.answers)) { record.answers[key] = value; } }
          else if (key === 'calibration') { record.calibration = true; }
          else { record[key] = value; }
        });
        return record;
      }
      var sequence = 0, timer = null;
      function update() {
        applyConditions();
        var mine = ++sequence;
        fetch('/api/score', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(audit()) })
          .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
          .then(function (reply) {
            if (mine !== sequence) { return; }
            if (reply.ok) {
              var score = reply.body.result.score;
              live.textContent = score === null ? 'no score' : Number(score).toFixed(2);
              var passed = reply.body.result.passed;
              status.textContent = passed === null ? '' : (passed ? 'passes' : 'does not pass') + (reply.body.result.band ? ', band ' + reply.body.result.band : '');
            } else {
              live.textContent = '–';
              var count = reply.body.errors ? reply.body.errors.length : 0;
              status.textContent = count ? count + ' thing' + (count === 1 ? '' : 's') + ' to answer or fix before it scores' : (reply.body.error || '');
            }
          })
          .catch(function () { if (mine === sequence) { status.textContent = 'live score unavailable; the form still saves'; } });
      }
      function soon() { clearTimeout(timer); timer = setTimeout(update, 120); }
      form.addEventListener('input', soon);
      form.addEventListener('change', soon);
      var errors = document.getElementById('errors');
      if (errors) { errors.focus(); }
      update();
    })();
    """
}

extension String {
    fileprivate var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}

/// The recent audits table of the scorecard list and the form.
enum RecentAuditsTable {
    static func render(_ audits: [AuditStore.Summary], heading: String) -> String {
        var html = "<section aria-labelledby=\"recent-heading\"><h2 id=\"recent-heading\">\(heading)</h2>\n"
        guard !audits.isEmpty else { return html + "<p class=\"help\">None yet.</p></section>\n" }
        html += "<div style=\"overflow-x:auto\"><table><thead><tr><th scope=\"col\">Audit</th><th scope=\"col\">Agent</th><th scope=\"col\">Scorecard</th>"
            + "<th scope=\"col\">Date</th><th scope=\"col\">Score</th></tr></thead><tbody>\n"
        for audit in audits {
            html += "<tr><td>\(HTMLPage.h(audit.auditID))</td><td>\(HTMLPage.h(audit.agent))</td><td>\(HTMLPage.h(audit.scorecard))</td>"
                + "<td>\(HTMLPage.h(audit.date))</td><td class=\"n\">\(HTMLPage.h(audit.score))</td></tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }
}
