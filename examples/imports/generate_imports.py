#!/usr/bin/env python3
"""Writes the vendor-layout example files under examples/imports/ (see README.md there).

Each file imitates one vendor's own export layout (the sources are cited in the profiles under
profiles/ and in docs/imports.md), for the agents of the bundled examples. Fixed data, no clock,
no randomness: running it again gives byte-identical files.

    python3 examples/imports/generate_imports.py     # from the repository root
"""
import csv
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------
# Amazon Connect: one DescribeContactEvaluation response per line (AWS CLI v2 JSON output,
# compacted with `jq -c .`), answers keyed by question RefId.
# ---------------------------------------------------------------------------------------------
INSTANCE = "8f753c94-9cd2-4f16-85eb-945f7f0d559a"
ACCOUNT = "874551140838"
FORM_ID = "3c2d9a4e-7f61-4b0a-9e15-6a8b2f4c1d07"
YES, NO = "o6999aa94", "o284e4d9e"
PROBING = {"effective": "oe1f00001", "partial": "oe1f00002", "ineffective": "oe1f00003"}
RESOLUTION = {"resolved": "or2a00001", "transferred": "or2a00002", "partial": "or2a00003", "unresolved": "or2a00004"}
HOLD = {"followed": "oh3b00001", "partial": "oh3b00002", "not_followed": "oh3b00003"}
# criterion -> (question RefId, kind)
CONNECT_QUESTIONS = {
    "branded_greeting": ("q1b7e2a01", "yes_no"), "caller_name": ("q1b7e2a02", "yes_no"),
    "identity_verification": ("q2c4d6e01", "yes_no"), "recording_disclosure": ("q2c4d6e02", "yes_no"),
    "active_listening": ("q3e5f7a01", "numeric"), "probing": ("q3e5f7a02", PROBING),
    "resolution": ("q4a6b8c01", RESOLUTION), "accuracy": ("q4a6b8c02", "numeric"),
    "first_call_resolution": ("q4a6b8c03", "yes_no"), "hold_procedure": ("q5b7c9d01", HOLD),
    "dead_air": ("q5b7c9d02", "yes_no"), "empathy": ("q6c8d0e01", "numeric"),
    "professionalism": ("q6c8d0e02", "yes_no"), "recap": ("q7d9e1f01", "yes_no"),
    "call_notes": ("q7d9e1f02", "yes_no"), "survey_offer": ("q7d9e1f03", "yes_no"),
}
CONNECT_AGENTS = {  # Amazon Connect user ids of the bundled agents
    "Mei Chen": "2b6f1c3e-8d4a-4f0b-b7e2-5a9c0d1e3f41",
    "Daniel Okafor": "5d0e2f4a-1b3c-4d5e-8f6a-7b8c9d0e1f52",
    "Priya Raman": "7a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c63",
    "Ahmed Karimi": "9c3d4e5f-6a7b-4c8d-a9e0-f1a2b3c4d574",
    "Tom Becker": "b4e5f6a7-b8c9-4d0e-b1f2-a3b4c5d6e785",
}
EVALUATORS = {"Kenji Watanabe": "0e4f7a21-3c5d-4b6e-8f90-a1b2c3d4e5f6", "Dana Whitfield": "1f5a8b32-4d6e-4c7f-9a01-b2c3d4e5f6a7"}
CONNECT_EVALUATIONS = [
    # (evaluation id, contact id, agent, evaluator, created, answers, notes)
    ("e1a2b3c4-0001-4d5e-9f60-7a8b9c0d1e21", "c0ffee01-2a3b-4c5d-8e9f-0a1b2c3d4e51", "Mei Chen", "Kenji Watanabe",
     "2026-10-05T09:12:44.511000+00:00",
     {"branded_greeting": "yes", "caller_name": "yes", "identity_verification": "yes", "recording_disclosure": "yes",
      "active_listening": 5.0, "probing": "effective", "resolution": "resolved", "accuracy": 10.0,
      "first_call_resolution": "yes", "hold_procedure": "followed", "dead_air": "yes", "empathy": 5.0,
      "professionalism": "yes", "recap": "yes", "call_notes": "yes", "survey_offer": "yes"},
     {"empathy": "Calm and warm with a caller who had been charged twice."}),
    ("e1a2b3c4-0002-4d5e-9f60-7a8b9c0d1e22", "c0ffee02-2a3b-4c5d-8e9f-0a1b2c3d4e52", "Daniel Okafor", "Kenji Watanabe",
     "2026-10-06T14:03:19.027000+00:00",
     {"branded_greeting": "no", "caller_name": "yes", "identity_verification": "yes", "recording_disclosure": "yes",
      "active_listening": 3.0, "probing": "partial", "resolution": "partial", "accuracy": 8.0,
      "first_call_resolution": None, "hold_procedure": None, "dead_air": "yes", "empathy": 3.0,
      "professionalism": "yes", "recap": "no", "call_notes": "yes"},
     {"branded_greeting": "Opened with \"Hello?\" and no company name.", "recap": "Ended the call without a recap."}),
    ("e1a2b3c4-0003-4d5e-9f60-7a8b9c0d1e23", "c0ffee03-2a3b-4c5d-8e9f-0a1b2c3d4e53", "Priya Raman", "Dana Whitfield",
     "2026-10-07T10:41:02.880000+00:00",
     {"branded_greeting": "yes", "caller_name": "yes", "identity_verification": "no", "recording_disclosure": "yes",
      "active_listening": 4.0, "probing": "effective", "resolution": "resolved", "accuracy": 10.0,
      "first_call_resolution": "yes", "hold_procedure": "followed", "dead_air": "yes", "empathy": 4.0,
      "professionalism": "yes", "recap": "yes", "call_notes": "yes"},
     {"identity_verification": "Changed the account email before verifying the caller."}),
    ("e1a2b3c4-0004-4d5e-9f60-7a8b9c0d1e24", "c0ffee04-2a3b-4c5d-8e9f-0a1b2c3d4e54", "Ahmed Karimi", "Dana Whitfield",
     "2026-10-08T16:27:55.301000+00:00",
     {"branded_greeting": "yes", "caller_name": "no", "identity_verification": "yes", "recording_disclosure": "no",
      "active_listening": 4.0, "probing": "effective", "resolution": "transferred", "accuracy": 9.0,
      "first_call_resolution": "no", "hold_procedure": "partial", "dead_air": "no", "empathy": 4.0,
      "professionalism": "yes", "recap": "yes", "call_notes": "no", "survey_offer": "no"},
     {"recording_disclosure": "No recording notice at the start of the call."}),
    ("e1a2b3c4-0005-4d5e-9f60-7a8b9c0d1e25", "c0ffee05-2a3b-4c5d-8e9f-0a1b2c3d4e55", "Tom Becker", "Kenji Watanabe",
     "2026-10-09T08:55:10.456000+00:00",
     {"branded_greeting": "yes", "caller_name": "yes", "identity_verification": "yes", "recording_disclosure": "yes",
      "active_listening": 5.0, "probing": "effective", "resolution": "resolved", "accuracy": 10.0,
      "first_call_resolution": "yes", "hold_procedure": None, "dead_air": "yes", "empathy": 4.0,
      "professionalism": "yes", "recap": "yes", "call_notes": "yes", "survey_offer": "yes"},
     {}),
]


def connect_value(criterion, answer):
    ref, kind = CONNECT_QUESTIONS[criterion]
    if answer is None:
        return ref, {"Value": {"NotApplicable": True}}
    if kind == "numeric":
        return ref, {"Value": {"NumericValue": answer}}
    if kind == "yes_no":
        return ref, {"Value": {"StringValue": YES if answer == "yes" else NO}}
    return ref, {"Value": {"StringValue": kind[answer]}}


def amazon_connect():
    lines = []
    for eid, contact, agent, evaluator, created, answers, notes in CONNECT_EVALUATIONS:
        arn = f"arn:aws:connect:eu-west-1:{ACCOUNT}:instance/{INSTANCE}"
        response = {
            "Evaluation": {
                "EvaluationId": eid,
                "EvaluationArn": f"{arn}/contact-evaluation/{eid}",
                "Metadata": {
                    "ContactId": contact,
                    "EvaluatorArn": f"{arn}/agent/{EVALUATORS[evaluator]}",
                    "ContactAgentId": CONNECT_AGENTS[agent],
                },
                "Answers": dict(connect_value(c, a) for c, a in answers.items()),
                "Notes": {CONNECT_QUESTIONS[c][0]: {"Value": text} for c, text in notes.items()},
                "Status": "SUBMITTED",
                "CreatedTime": created,
                "LastModifiedTime": created,
                "Tags": {},
            },
            "EvaluationForm": {
                "EvaluationFormVersion": 4,
                "EvaluationFormId": FORM_ID,
                "EvaluationFormArn": f"{arn}/evaluation-form/{FORM_ID}",
                "Title": "Phone support QA",
                "Description": "Calls handled by Tier 1 and Billing",
            },
        }
        lines.append(json.dumps(response, ensure_ascii=False, separators=(",", ":")))
    write("amazon-connect-evaluations.jsonl", "\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# MaestroQA (live chat rubric): one row per answered question, from the data-warehouse tables answers,
# question_scores and helpdesk_id_email (the query is in docs/imports.md).
# ---------------------------------------------------------------------------------------------
MAESTRO_QUESTIONS = {
    "first_response": "q-2101", "greeting": "q-2102", "understood_need": "q-2201",
    "solution": "q-2301", "one_touch": "q-2302", "empathy": "q-2401", "pacing": "q-2402",
    "writing": "q-2403", "disposition": "q-2501", "follow_up_ticket": "q-2502",
    "confirmed_resolved": "q-2601", "survey_invite": "q-2602", "personal_touch": "q-2701",
}
TEMPLATE = "tpl-4420"
EMAIL = {"Grace O'Connell": "grace.oconnell@example.com", "Lucía Fernández": "lucia.fernandez@example.com",
         "Tom Becker": "tom.becker@example.com"}
GRADER = {"Marcus Oyelaran": "marcus.oyelaran@example.com", "Sofia Lindqvist": "sofia.lindqvist@example.com"}
# raw_score per question as the MaestroQA chat rubric scores it; None = marked N/A.
# first_response: 3 under 30 s, 2 under 60 s, 1 under 2 min, 0 over; solution: 2 correct, 1 mostly, 0 incorrect.
MAESTRO_ANSWERS = [
    ("5104311", "CHAT-2291402", "grading", "Grace O'Connell", "Marcus Oyelaran", "2026-09-08 14:22:05",
     {"first_response": 3, "greeting": 1, "understood_need": 5, "solution": 2, "one_touch": 1, "empathy": 5,
      "pacing": 4, "writing": 5, "disposition": 1, "confirmed_resolved": 1, "survey_invite": 1},
     {"empathy": "Lovely, personal tone throughout."}),
    ("5104327", "CHAT-2291477", "grading", "Lucía Fernández", "Sofia Lindqvist", "2026-09-09 09:05:41",
     {"first_response": 2, "greeting": 0, "understood_need": 4, "solution": 1, "one_touch": None, "empathy": 3,
      "pacing": 3, "writing": 4, "disposition": 1, "follow_up_ticket": 0, "confirmed_resolved": 0,
      "survey_invite": None, "personal_touch": 1},
     {"solution": "Right fix, but the customer had to ask how to apply it.", "personal_touch": "Remembered the customer's earlier chat."}),
    ("5104352", "CHAT-2291530", "grading", "Tom Becker", "Marcus Oyelaran", "2026-09-10 16:48:12",
     {"first_response": 1, "greeting": 1, "understood_need": 3, "solution": 0, "one_touch": 0, "empathy": 4,
      "pacing": 2, "writing": 3, "disposition": 1, "confirmed_resolved": 1, "survey_invite": 1},
     {"solution": "Suggested clearing the cache; the sync setting was the cause."}),
    ("5104360", "CHAT-2291402", "calibration_review", "Grace O'Connell", "Sofia Lindqvist", "2026-09-11 11:30:00",
     {"first_response": 3, "greeting": 1, "understood_need": 5, "solution": 2, "one_touch": 1, "empathy": 5,
      "pacing": 3, "writing": 5, "disposition": 1, "confirmed_resolved": 1, "survey_invite": 1},
     {}),
]
UNMAPPED_QUESTION = "q-2901"  # "Contact reason (tracking only)": no qakit criterion


def maestroqa():
    header = ["answer_id", "gradable_id", "template_id", "answer_type", "grader_email", "email",
              "created_at", "question_id", "raw_score", "is_na", "comment"]
    rows = []
    for answer_id, gradable, kind, agent, grader, created, answers, comments in MAESTRO_ANSWERS:
        for criterion, raw in answers.items():
            rows.append([answer_id, gradable, TEMPLATE, kind, GRADER[grader], EMAIL[agent], created,
                         MAESTRO_QUESTIONS[criterion], "" if raw is None else str(raw),
                         "true" if raw is None else "false", comments.get(criterion, "")])
        rows.append([answer_id, gradable, TEMPLATE, kind, GRADER[grader], EMAIL[agent], created,
                     UNMAPPED_QUESTION, "1", "false", ""])
    # The warehouse returns rows in no particular order: the second audit's last rows come after
    # the third audit's (qakit does not need an audit's rows to be adjacent).
    moved = [r for r in rows if r[0] == "5104327" and r[7] in ("q-2601", "q-2602", "q-2701", UNMAPPED_QUESTION)]
    rows = [r for r in rows if r not in moved]
    at = max(i for i, r in enumerate(rows) if r[0] == "5104352") + 1
    rows[at:at] = moved
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    write("maestroqa-warehouse-answers.csv", out.getvalue())


# ---------------------------------------------------------------------------------------------
# Zendesk Support: GET /api/v2/tickets.json
# ---------------------------------------------------------------------------------------------
ZD_AGENTS = {"Tom Becker": 36001234501, "Priya Raman": 36001234502, "Mei Chen": 36001234503}
ZD_GROUPS = {"Tier 1": 36000098701, "Billing": 36000098702}
ZD_TICKETS = [
    (500101, "2026-09-01T08:15:00Z", "Tom Becker", "Tier 1", "email", "solved", "good", "Change of email address"),
    (500102, "2026-09-01T09:40:00Z", "Tom Becker", "Tier 1", "web", "solved", "bad", "Two-factor code not arriving"),
    (500103, "2026-09-02T11:05:00Z", "Tom Becker", "Tier 1", "chat", "closed", "good", "Export to CSV fails"),
    (500104, "2026-09-02T13:30:00Z", "Priya Raman", "Tier 1", "email", "solved", "offered", "Cannot log in"),
    (500105, "2026-09-03T07:55:00Z", "Priya Raman", "Tier 1", "voice", "open", "unoffered", "Where is my invoice?"),
    (500106, "2026-09-03T10:20:00Z", "Mei Chen", "Billing", "email", "solved", "good", "Card declined, again"),
    (500107, "2026-09-04T15:45:00Z", "Mei Chen", "Billing", "web", "solved", "good", "Refund for duplicate charge"),
    (500108, "2026-09-04T16:10:00Z", "Mei Chen", "Billing", "email", "pending", "unoffered", "VAT number on invoice"),
]


def zendesk_support():
    tickets = []
    for tid, created, agent, team, channel, status, csat, subject in ZD_TICKETS:
        rating = {"score": csat}
        if csat in ("good", "bad"):
            rating = {"id": tid * 10 + 1, "score": csat, "comment": ""}
        tickets.append({
            "id": tid, "url": f"https://example.zendesk.com/api/v2/tickets/{tid}.json",
            "via": {"channel": channel}, "created_at": created, "updated_at": created,
            "type": "question", "subject": subject, "priority": "normal", "status": status,
            "requester_id": 36009000000 + tid % 1000, "assignee_id": ZD_AGENTS[agent],
            "group_id": ZD_GROUPS[team], "tags": [], "satisfaction_rating": rating,
        })
    doc = {"tickets": tickets, "next_page": None, "previous_page": None, "count": len(tickets)}
    write("zendesk-support-tickets.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# Freshdesk: GET /api/v2/tickets?include=stats (a JSON array)
# ---------------------------------------------------------------------------------------------
FD_AGENTS = {"Grace O'Connell": 43000512301, "Lucía Fernández": 43000512302, "Jonas Schmidt": 43000512303}
FD_GROUPS = {"Tier 1": 43000077701, "Billing": 43000077702}
# id, created, agent, team, source, status, first response, resolved, is_escalated
FD_TICKETS = [
    (8101, "2026-09-07T08:00:00Z", "Grace O'Connell", "Tier 1", 7, 4, "2026-09-07T08:02:00Z", "2026-09-07T08:30:00Z", False),
    (8102, "2026-09-07T09:00:00Z", "Grace O'Connell", "Tier 1", 1, 5, "2026-09-07T09:45:00Z", "2026-09-07T12:00:00Z", False),
    (8103, "2026-09-07T10:00:00Z", "Grace O'Connell", "Tier 1", 1, 2, "2026-09-07T11:30:00Z", None, True),
    (8104, "2026-09-08T08:30:00Z", "Lucía Fernández", "Tier 1", 3, 4, "2026-09-08T08:31:00Z", "2026-09-08T08:50:00Z", False),
    (8105, "2026-09-08T13:00:00Z", "Lucía Fernández", "Tier 1", 2, 4, "2026-09-08T15:00:00Z", "2026-09-09T09:00:00Z", True),
    (8106, "2026-09-09T07:15:00Z", "Jonas Schmidt", "Billing", 1, 5, "2026-09-09T07:45:00Z", "2026-09-09T10:15:00Z", False),
    (8107, "2026-09-09T09:20:00Z", "Jonas Schmidt", "Billing", 1, 4, "2026-09-09T10:20:00Z", "2026-09-09T14:20:00Z", False),
    (8108, "2026-09-10T16:00:00Z", "Jonas Schmidt", "Billing", 7, 3, None, None, False),
]


def freshdesk():
    tickets = []
    for tid, created, agent, team, source, status, first, resolved, escalated in FD_TICKETS:
        tickets.append({
            "cc_emails": [], "fwd_emails": [], "reply_cc_emails": [], "fr_escalated": escalated,
            "spam": False, "email_config_id": None, "group_id": FD_GROUPS[team], "priority": 2,
            "requester_id": 43009000000 + tid, "responder_id": FD_AGENTS[agent], "source": source,
            "status": status, "subject": f"Ticket {tid}", "to_emails": None, "product_id": None,
            "id": tid, "type": "Question", "due_by": "2026-09-14T08:00:00Z", "fr_due_by": "2026-09-11T08:00:00Z",
            "is_escalated": escalated, "custom_fields": {}, "created_at": created, "updated_at": resolved or created,
            "tags": [],
            "stats": {"agent_responded_at": first, "requester_responded_at": None, "first_responded_at": first,
                      "status_updated_at": resolved or created, "reopened_at": None, "resolved_at": resolved,
                      "closed_at": resolved if status == 5 else None, "pending_since": None},
        })
    write("freshdesk-tickets.json", json.dumps(tickets, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# Intercom: GET /conversations (a conversation.list); times are UNIX timestamps.
# ---------------------------------------------------------------------------------------------
IC_ADMINS = {"Hannah Müller": 5017301, "Daniel Okafor": 5017302}
IC_TEAMS = {"Billing": 6120001}
T0 = 1788253200  # 2026-09-01T09:00:00Z
# id, created offset (s), admin, first admin reply after (s), last close after (s), reopens, rating
IC_CONVERSATIONS = [
    ("215471000001", 0, "Hannah Müller", 60, 1800, 0, 5),
    ("215471000002", 3600, "Hannah Müller", 300, 7200, 1, 2),
    ("215471000003", 7200, "Hannah Müller", 120, None, 0, None),
    ("215471000004", 86400, "Daniel Okafor", 30, 600, 0, 4),
    ("215471000005", 90000, "Daniel Okafor", 900, 5400, 0, None),
    ("215471000006", 93600, "Daniel Okafor", 45, 900, 2, 3),
]


def intercom():
    conversations = []
    for cid, offset, admin, reply, close, reopens, rating in IC_CONVERSATIONS:
        created = T0 + offset
        conversations.append({
            "type": "conversation", "id": cid, "created_at": created,
            "updated_at": created + (close or reply), "waiting_since": None, "snoozed_until": None,
            "source": {"type": "conversation", "id": str(int(cid) % 100000000), "delivered_as": "customer_initiated",
                       "subject": "", "body": "<p>Hi, I was charged twice this month.</p>",
                       "author": {"type": "user", "id": "66d1f2a9e4b0c7a1b2c3d4e5"}},
            "open": close is None, "state": "open" if close is None else "closed", "read": True,
            "priority": "not_priority", "admin_assignee_id": IC_ADMINS[admin], "team_assignee_id": IC_TEAMS["Billing"],
            "tags": {"type": "tag.list", "tags": []},
            "conversation_rating": ({"rating": rating, "remark": "", "created_at": created + (close or reply) + 60,
                                     "contact": {"type": "contact", "id": "66d1f2a9e4b0c7a1b2c3d4e5"},
                                     "teammate": {"type": "admin", "id": str(IC_ADMINS[admin])}}
                                    if rating is not None else None),
            "statistics": {
                "type": "conversation_statistics", "time_to_assignment": 0, "time_to_admin_reply": reply,
                "time_to_first_close": close, "time_to_last_close": close, "median_time_to_reply": reply,
                "first_contact_reply_at": created, "first_assignment_at": created,
                "first_admin_reply_at": created + reply,
                "first_close_at": None if close is None else created + close,
                "last_assignment_at": created, "last_assignment_admin_reply_at": created + reply,
                "last_contact_reply_at": created, "last_admin_reply_at": created + reply,
                "last_close_at": None if close is None else created + close,
                "last_closed_by_id": None if close is None else str(IC_ADMINS[admin]),
                "count_reopens": reopens, "count_assignments": 1, "count_conversation_parts": 4 + 2 * reopens,
            },
        })
    doc = {"type": "conversation.list", "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1},
           "total_count": len(conversations), "conversations": conversations}
    write("intercom-conversations.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# Zendesk QA (formerly Klaus): GET /qa/api/export/workspace/{workspaceId}/reviews; conversations,
# each with its reviews, each review with its category ratings. A rating's score is the
# category's score in percent of its rating scale (binary 0/100, 3-point 0/50/100,
# 5-point 0/25/50/75/100).
# ---------------------------------------------------------------------------------------------
ZQA_CATEGORIES = {  # criterion -> (categoryId, categoryName, groupName)
    "greeting": ("7301001", "Personalised greeting", "Opening"),
    "acknowledgement": ("7301002", "Acknowledges the request", "Opening"),
    "identified_issue": ("7301003", "Identified the real issue", "Understanding"),
    "history_checked": ("7301004", "Checked history", "Understanding"),
    "clarifying_questions": ("7301005", "Clarifying questions", "Understanding"),
    "resolution": ("7301006", "Resolution", "Resolution"),
    "accuracy": ("7301007", "Accuracy", "Resolution"),
    "tone_empathy": ("7301008", "Tone and empathy", "Communication"),
    "clarity": ("7301009", "Clarity", "Communication"),
    "grammar": ("7301010", "Spelling and grammar", "Communication"),
    "tagging": ("7301011", "Tags and fields", "Process"),
    "macro_use": ("7301012", "Macro use", "Process"),
    "data_protection": ("7301013", "Data protection", "Process"),
    "next_steps": ("7301014", "Next steps", "Closing"),
    "sign_off": ("7301015", "Sign-off", "Closing"),
}
ZQA_WORKSPACE = ("11759", "Email support")
ZQA_USERS = {
    "Ahmed Karimi": "ahmed.karimi@example.com", "Priya Raman": "priya.raman@example.com",
    "Lucía Fernández": "lucia.fernandez@example.com", "Marcus Oyelaran": "marcus.oyelaran@example.com",
    "Sofia Lindqvist": "sofia.lindqvist@example.com",
}
# conversation external id, created, [(review id, reviewer, reviewee, created, ratings in percent, comment)]
ZQA_CONVERSATIONS = [
    ("481655", "2026-09-14T07:58:12Z", [
        ("90210001", "Marcus Oyelaran", "Ahmed Karimi", "2026-09-15T10:20:30Z",
         {"greeting": 100, "acknowledgement": 100, "identified_issue": 100, "history_checked": 100,
          "clarifying_questions": 100, "resolution": 100, "accuracy": 100, "tone_empathy": 75, "clarity": 100,
          "grammar": 100, "tagging": 100, "macro_use": 100, "data_protection": 100, "next_steps": 100,
          "sign_off": 100},
         "Clear and complete; a warmer opening next time."),
    ]),
    ("481702", "2026-09-14T09:31:45Z", [
        ("90210002", "Sofia Lindqvist", "Priya Raman", "2026-09-15T13:02:11Z",
         {"greeting": 0, "acknowledgement": 100, "identified_issue": 100, "history_checked": 0,
          "clarifying_questions": 50, "resolution": 50, "accuracy": 75, "tone_empathy": 50, "clarity": 50,
          "grammar": 75, "tagging": 100, "macro_use": 50, "data_protection": 100, "next_steps": 0,
          "sign_off": 100},
         "Asked again for the order number the customer had already sent."),
        ("90210003", "Marcus Oyelaran", "Priya Raman", "2026-09-16T08:45:00Z",
         {"greeting": 100, "acknowledgement": 100, "identified_issue": 100, "history_checked": 100,
          "clarifying_questions": 100, "resolution": 100, "accuracy": 100, "tone_empathy": 100, "clarity": 75,
          "grammar": 100, "tagging": 100, "macro_use": 100, "data_protection": 0, "next_steps": 100,
          "sign_off": 100},
         "Repeated the full card number back in the reply: data protection fail."),
    ]),
    ("481760", "2026-09-15T11:12:03Z", [
        ("90210004", "Sofia Lindqvist", "Lucía Fernández", "2026-09-16T15:30:27Z",
         {"greeting": 100, "acknowledgement": 0, "identified_issue": 100, "history_checked": 100,
          "clarifying_questions": 100, "resolution": 100, "accuracy": 0, "tone_empathy": 75, "clarity": 75,
          "grammar": 50, "tagging": 0, "macro_use": 100, "data_protection": 100, "next_steps": 100,
          "sign_off": 0},
         "Quoted the old refund window (14 days instead of 30)."),
    ]),
]


def zendesk_qa():
    def user(name):
        return {"email": ZQA_USERS[name], "name": name, "avatar": "", "groups": []}
    conversations = []
    for external, created, reviews in ZQA_CONVERSATIONS:
        out_reviews = []
        for rid, reviewer, reviewee, at, ratings, comment in reviews:
            out_ratings = []
            for criterion, score in ratings.items():
                cid, name, group = ZQA_CATEGORIES[criterion]
                out_ratings.append({"categoryId": cid, "categoryName": name, "score": score, "weight": 1,
                                    "critical": criterion in ("accuracy", "data_protection"),
                                    "groupName": group, "groupId": "73000" + str(list(ZQA_CATEGORIES).index(criterion) // 3)})
            overall = round(sum(ratings.values()) / len(ratings), 2)
            out_reviews.append({"id": rid, "reviewer": user(reviewer), "reviewee": user(reviewee), "score": overall,
                                "ratings": out_ratings, "comment": comment, "thread": [], "tags": [],
                                "created": at, "updated": at, "received": True, "reviewTime": "240",
                                "scorecard": {"id": "4402", "name": "Email support"},
                                "createdISO": at, "updatedISO": at})
        conversations.append({"externalId": external, "url": f"https://example.zendesk.com/qa/conversations/{external}",
                              "externalUrl": f"https://example.zendesk.com/agent/tickets/{external}",
                              "lastUpdated": created, "lastUpdatedISO": created, "createdAt": created,
                              "createdAtISO": created, "reviews": out_reviews, "comments": [],
                              "workspaceId": ZQA_WORKSPACE[0], "workspaceName": ZQA_WORKSPACE[1],
                              "sourceType": "zendesk", "externalFields": []})
    doc = {"conversations": conversations, "pagination": {"page": 1, "pageSize": 50, "total": len(conversations)}}
    write("zendesk-qa-reviews.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    amazon_connect()
    maestroqa()
    zendesk_support()
    freshdesk()
    intercom()
    zendesk_qa()
