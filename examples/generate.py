#!/usr/bin/env python3
"""Generate qakit's example audit files from the scorecards in ../scorecards/.

Usage (from the repository root):

    python3 examples/generate.py            # writes into examples/
    python3 examples/generate.py --out DIR  # writes somewhere else

Needs Python 3.8+ and PyYAML (Debian/Ubuntu: python3-yaml). The output is fully
deterministic: one fixed random seed, no clock, no environment. Running it twice
produces byte-identical files.

What it writes (see examples/README.md for the story behind the data):

  audits.csv               email and live-chat audits, August-October 2026, with the
                           email and chat calibration audits (calibration = true)
  audits.jsonl             phone audits for the same period, with the phone
                           calibration audits
  calibration-session.csv  a dedicated calibration session on the phone scorecard:
                           8 calls, each scored by the same 4 reviewers
  broken-audits.csv        10 email audits, 8 of them deliberately invalid

The simulated team: 9 agents in two teams ("Tier 1" and "Billing"), 4 reviewers
(Dana Whitfield is the QA lead and the calibration benchmark; Marcus Oyelaran
scores leniently, Kenji Watanabe strictly). Each agent has a skill profile per
dimension (knowledge, empathy, communication, process, speed, compliance):
Priya Raman is the strongest agent, Tom Becker is weak on empathy, Jonas Schmidt
has compliance failures on calls, Lucia Fernandez improves month over month and
Daniel Okafor struggles with accuracy.

Every answer respects its scorecard: criteria whose `when` does not match the
audit are left blank, N/A only where `na: true`, every applicable required
criterion is answered, scale answers are integers in range, choice answers are
option values and points have at most two decimals.
"""

import argparse
import csv
import datetime
import io
import json
import os
import random

import yaml

SEED = 20261031
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MONTHS = [(2026, 8), (2026, 9), (2026, 10)]
AUDITS_PER_AGENT_MONTH = 12

# ----------------------------------------------------------------------------- people

REVIEWERS = ["Dana Whitfield", "Marcus Oyelaran", "Sofia Lindqvist", "Kenji Watanabe"]
BENCHMARK = "Dana Whitfield"
# How often a reviewer nudges an answer one notch: up (lenient) or down (strict).
REVIEWER_BIAS = {
    "Dana Whitfield": (0.0, 0.0),
    "Marcus Oyelaran": (0.30, 0.0),
    "Sofia Lindqvist": (0.04, 0.04),
    "Kenji Watanabe": (0.0, 0.12),
}
REVIEWER_LOAD = [0.16, 0.28, 0.28, 0.28]  # the QA lead audits less

BASE = {"knowledge": 0.78, "empathy": 0.78, "communication": 0.8, "process": 0.8,
        "speed": 0.78, "compliance": 1.0}

# name, team, skill overrides, improvement per month (added to non-compliance skills)
AGENTS = [
    ("Priya Raman", "Tier 1", {"knowledge": 0.95, "empathy": 0.94, "communication": 0.95,
                               "process": 0.93, "speed": 0.92}, 0.0),
    ("Tom Becker", "Tier 1", {"empathy": 0.28, "communication": 0.7, "knowledge": 0.82}, 0.0),
    ("Lucía Fernández", "Tier 1", {"knowledge": 0.5, "empathy": 0.6, "communication": 0.55,
                                   "process": 0.5, "speed": 0.55}, 0.17),
    ("Ahmed Karimi", "Tier 1", {"speed": 0.55, "knowledge": 0.8}, 0.0),
    ("Grace O'Connell", "Tier 1", {"process": 0.55, "empathy": 0.88, "communication": 0.86}, 0.0),
    ("Jonas Schmidt", "Billing", {"knowledge": 0.85, "process": 0.78}, 0.0),
    ("Mei Chen", "Billing", {"knowledge": 0.9, "empathy": 0.86, "communication": 0.88,
                             "process": 0.9}, 0.0),
    ("Daniel Okafor", "Billing", {"knowledge": 0.55, "process": 0.7}, 0.0),
    ("Hannah Müller", "Billing", {"communication": 0.92, "empathy": 0.85, "speed": 0.7}, 0.0),
]

CHANNEL_MIX = {"Tier 1": [("email", 0.5), ("chat", 0.35), ("voice", 0.15)],
               "Billing": [("email", 0.35), ("chat", 0.2), ("voice", 0.45)]}
TICKET_MIX = {"Tier 1": [("general", 0.35), ("technical", 0.4), ("account", 0.25)],
              "Billing": [("billing", 0.5), ("refund", 0.35), ("account", 0.15)]}
SCORECARD_FOR = {"email": "email-support", "chat": "live-chat", "voice": "phone-support"}
INTERACTION_PREFIX = {"email": "T-", "chat": "CHAT-", "voice": "CALL-"}

# Which skill drives each criterion.
DIMENSION = {
    # email
    "greeting": "communication", "acknowledgement": "empathy", "identified_issue": "knowledge",
    "history_checked": "process", "clarifying_questions": "knowledge", "resolution": "knowledge",
    "accuracy": "knowledge", "troubleshooting": "knowledge", "refund_policy": "compliance",
    "tone_empathy": "empathy", "clarity": "communication", "grammar": "communication",
    "tagging": "process", "macro_use": "process", "internal_note": "process",
    "data_protection": "compliance", "next_steps": "communication", "sign_off": "communication",
    "proactive_help": "knowledge", "avoidable_contact": "knowledge", "customer_effort": "knowledge",
    # chat
    "first_response": "speed", "understood_need": "knowledge", "account_verified": "compliance",
    "solution": "knowledge", "refund_handling": "knowledge", "one_touch": "knowledge",
    "empathy": "empathy", "pacing": "speed", "writing": "communication", "disposition": "process",
    "follow_up_ticket": "process", "confirmed_resolved": "communication",
    "survey_invite": "process", "personal_touch": "empathy",
    # phone
    "branded_greeting": "communication", "caller_name": "empathy",
    "identity_verification": "compliance", "recording_disclosure": "compliance",
    "card_handling": "compliance", "refund_terms": "compliance", "active_listening": "empathy",
    "probing": "knowledge", "first_call_resolution": "knowledge", "hold_procedure": "process",
    "dead_air": "speed", "professionalism": "communication", "recap": "communication",
    "call_notes": "process", "survey_offer": "process",
}

# How often an N/A is the honest answer, for criteria that allow it.
NA_RATE = {"history_checked": 0.12, "clarifying_questions": 0.5, "macro_use": 0.2,
           "one_touch": 0.1, "survey_invite": 0.08, "card_handling": 0.6,
           "first_call_resolution": 0.08, "hold_procedure": 0.4}
# How often an optional (required: false) criterion gets answered.
ANSWER_RATE = {"internal_note": 0.6, "proactive_help": 0.3, "avoidable_contact": 0.7,
               "customer_effort": 0.7, "personal_touch": 0.2, "survey_offer": 0.85}
# Criteria that are easy to get right: misses are rarer than the skill alone suggests.
EASY = {"greeting": 0.35, "sign_off": 0.3, "branded_greeting": 0.3, "caller_name": 0.6,
        "identified_issue": 0.6, "disposition": 0.6, "call_notes": 0.6, "survey_invite": 0.4,
        "survey_offer": 0.5, "confirmed_resolved": 0.6, "next_steps": 0.7, "dead_air": 0.8}

# ----------------------------------------------------------------------------- comments

MISS_COMMENTS = {
    "greeting": ["Opened with \"Hi there\" although the customer signed as Maria.",
                 "No greeting at all, straight into the answer."],
    "acknowledgement": ["Jumped straight to the steps without confirming what the customer wanted.",
                        "The customer asked about two invoices; the reply only acknowledges one."],
    "identified_issue": ["Answered the subject line (password reset), but the real question was about 2FA on the new phone.",
                         "Missed the second question at the bottom of the email."],
    "history_checked": ["Asked for the order number, which was in the previous ticket.",
                        "Customer had written twice already; the reply ignores that history."],
    "clarifying_questions": ["Needed three emails to get the browser, OS and error text - ask for all of it at once.",
                             "Guessed the plan instead of asking which workspace was affected."],
    "resolution": ["Left the customer to find the export setting on their own.",
                   "Promised a callback from billing, but no escalation was created."],
    "accuracy": ["Quoted the old annual price ($96); it is $108 since July.",
                 "Said refunds take 24 hours; the policy says 5-7 working days.",
                 "Steps refer to the old settings menu, which moved in the 4.2 release."],
    "troubleshooting": ["Sent the generic cache-clearing macro for a sync error that has its own troubleshooting tree.",
                        "Steps in the wrong order: reinstall before checking the account status."],
    "refund_policy": ["Full refund after 45 days without team-lead approval noted on the ticket."],
    "tone_empathy": ["Customer said they lost a day of work; the reply opens with \"As per my last email\".",
                     "Template apology only, nothing about the missed payroll run.",
                     "Polite, but reads cold for a customer who was clearly upset."],
    "clarity": ["The answer is in the fourth paragraph; lead with it.",
                "Mentions \"L2\" and \"the JIRA\" - internal jargon."],
    "tagging": ["Contact reason left as \"Other\", should be Billing > Invoice copy.",
                "Priority not set."],
    "macro_use": ["Refund macro sent unedited, including the paragraph about card payments for a PayPal customer.",
                  "Used the retired 2025 shipping macro."],
    "internal_note": ["Pending ticket without a note - the next agent would have to re-read the whole thread."],
    "data_protection": ["Asked the customer to email a photo of their passport instead of using the secure upload link."],
    "next_steps": ["No timeframe given for the replacement.",
                   "Doesn't say who will contact the customer next."],
    "sign_off": ["Signed \"Support Team\" without the agent's name."],
    "first_response": ["First reply after 2m40s; three chats were open.",
                       "Took 75 seconds to greet."],
    "understood_need": ["Asked for the email address twice; it was in the pre-chat form.",
                        "Answered a billing-date question with plan pricing."],
    "account_verified": ["Discussed the card on file before sending the verification code."],
    "solution": ["Told the customer to downgrade, which deletes their automations - the add-on removal was the right fix.",
                 "Correct steps, but forgot the customer also needs to re-invite the two guests."],
    "refund_handling": ["Amount and method right, no timeline given.",
                        "Confirmation email not sent."],
    "one_touch": ["Created a follow-up ticket for something chat can do (invoice re-issue)."],
    "empathy": ["\"That's not something we can do\" twice, with no acknowledgement of the deadline.",
                "Flat and scripted while the customer was clearly stressed."],
    "pacing": ["Silent for 3 minutes while checking the invoice; customer asked \"hello??\".",
               "\"One moment\" three times without saying what was being checked."],
    "disposition": ["Disposition left as \"Resolved\" although a follow-up ticket was created."],
    "follow_up_ticket": ["Follow-up ticket has no summary, only \"see chat\"."],
    "confirmed_resolved": ["Closed the chat without checking the fix worked."],
    "survey_invite": ["No survey line in the closing."],
    "branded_greeting": ["Answered with \"Hello?\" - no company name."],
    "caller_name": ["Never used the caller's name."],
    "identity_verification": ["Only name and postcode taken before discussing the balance - one factor short.",
                              "Caller said \"it's my wife's account\" and the agent carried on without verification."],
    "recording_disclosure": ["Outbound callback: no recording disclosure."],
    "card_handling": ["Caller read the card number aloud and the agent repeated the last eight digits."],
    "refund_terms": ["Refund confirmed without stating the 5-7 working day timeline."],
    "active_listening": ["Interrupted the caller three times in the first minute.",
                         "Did not summarise; solved the wrong device first."],
    "probing": ["Repeated the same question about the router model twice.",
                "Never asked when the issue started, so the outage was missed."],
    "first_call_resolution": ["Caller will have to call back once the engineer visit is booked - could have been booked on the call."],
    "hold_procedure": ["Hold of 3m20s without checking back.", "No time estimate before the hold."],
    "dead_air": ["About 40 seconds of silence while reading the account notes."],
    "professionalism": ["Said \"no worries, mate\" and \"yeah, that's a pain\" - too casual?",
                        "Blamed \"the billing lot\" for the mistake."],
    "recap": ["No recap; the caller asked \"so what happens now?\"."],
    "call_notes": ["Notes say \"sorted\" only - no verification method or outcome."],
}
# For a scale answer one notch below the top: what was missing for full marks.
MILD_COMMENTS = {
    "tone_empathy": ["Good acknowledgement; quoting the customer's own words would make it a 5."],
    "empathy": ["Warm, but the reassurance came after the fix rather than before."],
    "clarity": ["Clear, though the second paragraph could go."],
    "active_listening": ["Good summary, but didn't confirm it with the caller before acting."],
    "understood_need": ["Understood quickly; confirm the need back in one message next time."],
    "troubleshooting": ["Good steps; add what the customer should see after each one."],
    "pacing": ["No long gaps, but the updates were generic (\"one moment\")."],
}
GOOD_COMMENTS = {
    "tone_empathy": ["Lovely acknowledgement of the wedding deadline - exactly the tone we want.",
                     "Picked up on \"third time writing\" and owned it. Great."],
    "empathy": ["Calmed a very upset customer, reflected their words back. Great example for training."],
    "proactive_help": ["Spotted the card expiring next week and sent the update link.",
                       "Noticed the second workspace had the same sync problem and fixed both."],
    "personal_touch": ["Remembered the customer's bakery from last month's chat - they loved it."],
    "active_listening": ["Let the caller vent, then summarised perfectly."],
    "troubleshooting": ["Textbook troubleshooting: ordered steps with expected results and a short screen recording."],
}
OVERALL = {
    "exceeds": ["Excellent work, nothing to add.",
                "Great ticket: clear, warm and fully resolved. Sharing it in the Monday huddle.",
                "Model answer - adding it to the \"good examples\" folder.",
                "Very strong, well structured and accurate."],
    "meets": ["Solid overall; see the notes on the individual criteria.",
              "Good resolution, a couple of small process misses.",
              "Meets the standard. Watch the details flagged above, they are easy wins.",
              "Customer got what they needed, the reply could be shorter."],
    "below": ["Below standard: the customer had to come back. Let's go through it in our 1:1.",
              "Several misses, mainly accuracy and tone. Please re-read KB-302 and KB-601.",
              "Not a good interaction; happy to pair on the next few tickets."],
    "autofail": ["Auto-fail, compliance. Escalated to the team lead as per policy."],
}
MULTILINE_EMAIL = ("Fix was right, but the tone let it down:\n"
                   "- no acknowledgement of the double charge\n"
                   "- \"as I said before\" reads as impatient\n"
                   "Let's look at KB-601 together on Thursday.")
MULTILINE_CALL = ("Auto-fail: account balance discussed after name and postcode only.\n"
                  "Second verification failure this quarter, reported to compliance (ref. COMP-2026-117).\n"
                  "Refresher on KB-806 booked for next week.")


# ----------------------------------------------------------------------------- scorecards

def load_scorecards(directory):
    cards = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            card = yaml.safe_load(f)
        crits = []
        for section in card["sections"]:
            for c in section["criteria"]:
                c = dict(c)
                c["_section"] = section
                crits.append(c)
        card["_criteria"] = crits
        cards[card["scorecard"]] = card
    return cards


def applies(criterion, audit):
    when = criterion.get("when")
    if not when:
        return True
    return all(audit.get(k) in v for k, v in when.items())


def credit(c, value):
    t = c["type"]
    if t == "yes_no":
        return 1.0 if value == "yes" else 0.0
    if t == "scale":
        return (value - c["min"]) / (c["max"] - c["min"])
    if t == "choice":
        return next(o["credit"] for o in c["options"] if o["value"] == value)
    return value / c["max"]


def score(card, audit, answers):
    """Approximate score (floats are fine here: it only picks overall comments and checks the story)."""
    regular_w = bonus_sum = regular_sum = 0.0
    auto_fail = False
    for section in card["sections"]:
        num = den = 0.0
        failed = False
        for c in section["criteria"]:
            v = answers.get(c["id"])
            if v is None or not applies(c, audit) or c.get("weight", 1) == 0:
                continue
            if v == "na":
                if card.get("na_policy", "exclude") == "pass":
                    num += c.get("weight", 1)
                    den += c.get("weight", 1)
                continue
            cr = credit(c, v)
            if cr == 0 and c.get("critical", "none") == "section":
                failed = True
            if cr == 0 and c.get("critical", "none") == "scorecard":
                auto_fail = True
            num += c.get("weight", 1) * cr
            den += c.get("weight", 1)
        w = section.get("weight", 1)
        if den == 0 or w == 0:
            continue
        s = num / den
        if failed and card.get("critical_policy", "zero") == "zero":
            s = 0.0
        if section.get("bonus"):
            bonus_sum += w * s
        else:
            regular_w += w
            regular_sum += w * s
    if regular_w == 0:
        return None, auto_fail
    value = 100 * (regular_sum + bonus_sum) / regular_w
    if auto_fail and card.get("critical_policy", "zero") == "zero":
        value = 0.0
    return value, auto_fail


# ----------------------------------------------------------------------------- answers

def clip(x, lo=0.02, hi=0.99):
    return max(lo, min(hi, x))


def notch_values(c):
    """The answer values of a criterion ordered from worst to best credit."""
    t = c["type"]
    if t == "yes_no":
        return ["no", "yes"]
    if t == "scale":
        return list(range(c["min"], c["max"] + 1))
    if t == "choice":
        # one option per credit (the first listed), so that a nudge always changes the credit
        seen, out = set(), []
        for o in c["options"]:
            if o["credit"] not in seen:
                seen.add(o["credit"])
                out.append(o)
        return [o["value"] for o in sorted(out, key=lambda o: o["credit"])]
    return None


def natural_answer(rng, c, p):
    """The answer an agent with skill p earns on criterion c (no reviewer effect)."""
    t = c["type"]
    if t == "yes_no":
        miss = (1 - p) * EASY.get(c["id"], 1.0)
        return "no" if rng.random() < miss else "yes"
    if t == "scale":
        q = clip(p + rng.gauss(0, 0.17), 0, 1)
        return c["min"] + int(round(q * (c["max"] - c["min"])))
    if t == "choice":
        opts = sorted(c["options"], key=lambda o: -o["credit"])
        tops = [o for o in opts if o["credit"] == 1]
        rest = [o for o in opts if o["credit"] < 1]
        r = rng.random()
        if r < p:
            # several full-credit options (resolved / escalated): mostly the first
            if len(tops) > 1 and rng.random() < 0.15:
                return tops[1]["value"]
            return tops[0]["value"]
        # the rest, better options more likely
        for o in rest[:-1]:
            if rng.random() < 0.65:
                return o["value"]
        return rest[-1]["value"]
    # points: deductions per error
    mx = c["max"]
    step = {"accuracy": 2}.get(c["id"], 1)
    value = mx
    for _ in range(3):
        if rng.random() < (1 - p) * 0.55:
            value -= step
    if c["id"] == "accuracy" and rng.random() < (1 - p) * 0.12:
        value -= 5  # a statement that would cost the customer money or access
    return max(0, value)


def nudge(rng, c, value, reviewer):
    """A reviewer's leniency or strictness moves an answer one notch."""
    up, down = REVIEWER_BIAS[reviewer]
    if value == "na" or c.get("critical", "none") != "none":
        return value
    notches = notch_values(c)
    if notches is None:  # points
        mx = c["max"]
        if value < mx and rng.random() < up:
            return min(mx, value + (2 if c["id"] == "accuracy" else 1))
        if value == mx and rng.random() < down:
            return value - (2 if c["id"] == "accuracy" else 1)
        return value
    if value not in notches:
        return value
    i = notches.index(value)
    if i < len(notches) - 1 and rng.random() < up:
        return notches[i + 1]
    if i > 0 and i == len(notches) - 1 and rng.random() < down:
        return notches[i - 1]
    return value


def true_answers(rng, card, audit, skills):
    """What actually happened in the interaction: one value per criterion, or None."""
    answers = {}
    for c in card["_criteria"]:
        cid = c["id"]
        if not applies(c, audit):
            continue
        if not c.get("required", True) and rng.random() > ANSWER_RATE.get(cid, 0.5):
            continue
        if c.get("na") and rng.random() < NA_RATE.get(cid, 0.1):
            answers[cid] = "na"
            continue
        if DIMENSION[cid] == "compliance" and skills["compliance"] >= 1:
            answers[cid] = "yes"  # compliance failures are placed deliberately, see forced_failures
            continue
        p = clip(skills[DIMENSION[cid]])
        answers[cid] = natural_answer(rng, c, p)
    # keep the story consistent
    if answers.get("one_touch") == "yes":
        answers.pop("follow_up_ticket", None)
    elif answers.get("one_touch") == "no" and "follow_up_ticket" not in answers:
        answers["follow_up_ticket"] = natural_answer(rng, card_criterion(card, "follow_up_ticket"),
                                                     clip(skills["process"]))
    if answers.get("resolution") in ("escalated", "transferred") and "internal_note" in [
            c["id"] for c in card["_criteria"]]:
        answers["internal_note"] = "yes" if rng.random() < clip(skills["process"]) else "no"
    if answers.get("hold_procedure") == "na" and answers.get("dead_air") == "no":
        answers["dead_air"] = "yes"
    return answers


def card_criterion(card, cid):
    return next(c for c in card["_criteria"] if c["id"] == cid)


def reviewed(rng, card, answers, reviewer):
    out = {}
    for c in card["_criteria"]:
        v = answers.get(c["id"])
        if v is not None:
            out[c["id"]] = nudge(rng, c, v, reviewer)
    return out


def comments_for(rng, card, answers, rate=0.55, good_rate=0.25):
    comments = {}
    for c in card["_criteria"]:
        v = answers.get(c["id"])
        if v is None or v == "na":
            continue
        cr = credit(c, v)
        if c["type"] == "scale" and v == c["max"] - 1:
            if c["id"] in MILD_COMMENTS and rng.random() < rate * 0.6:
                comments[c["id"]] = rng.choice(MILD_COMMENTS[c["id"]])
        elif c["type"] == "points" and c["id"] in ("grammar", "writing") and cr < 1:
            if rng.random() < rate:
                errors = int(c["max"] - v)
                comments[c["id"]] = ("One typo (\"recieve\")." if errors == 1 else
                                     "%d spelling or grammar errors, including an unfilled {{first_name}} placeholder." % errors)
        elif cr < 1 and c["id"] in MISS_COMMENTS and rng.random() < rate:
            comments[c["id"]] = rng.choice(MISS_COMMENTS[c["id"]])
        elif cr == 1 and c["id"] in GOOD_COMMENTS and rng.random() < good_rate:
            if c["type"] == "yes_no" or c["type"] == "scale":
                comments[c["id"]] = rng.choice(GOOD_COMMENTS[c["id"]])
    return comments


def overall_comment(rng, card, value, auto_fail):
    if auto_fail:
        return rng.choice(OVERALL["autofail"])
    if rng.random() < 0.35:
        return ""
    passing = card.get("passing_score", 85)
    if value >= passing + 10:
        return rng.choice(OVERALL["exceeds"])
    if value >= passing:
        return rng.choice(OVERALL["meets"])
    return rng.choice(OVERALL["below"])


# ----------------------------------------------------------------------------- generation

def skills_for(agent, month_index):
    name, team, overrides, gain = agent
    s = dict(BASE)
    s.update(overrides)
    for k in s:
        if k != "compliance":
            s[k] = min(0.97, s[k] + gain * month_index)
    return s


def weighted(rng, pairs):
    r = rng.random() * sum(w for _, w in pairs)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def weekdays(year, month):
    d = datetime.date(year, month, 1)
    out = []
    while d.month == month:
        if d.weekday() < 5:
            out.append(d)
        d += datetime.timedelta(days=1)
    return out


class Ids:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()
        self.base = {"email": 481200, "chat": 2290400, "voice": 7730100}

    def interaction(self, channel, date):
        while True:
            day = (date - datetime.date(2026, 8, 1)).days
            n = self.base[channel] + day * 140 + self.rng.randrange(140)
            ident = INTERACTION_PREFIX[channel] + str(n)
            if ident not in self.used:
                self.used.add(ident)
                return ident


def forced_failures(audits):
    """Compliance failures that tell a story (deterministic, not random)."""
    jonas_calls = [a for a in audits if a["agent"] == "Jonas Schmidt" and a["channel"] == "voice"
                   and not a["calibration"]]
    jonas_calls.sort(key=lambda a: a["date"])
    # two identity verification failures (August and September) and one missed disclosure
    picks = [jonas_calls[len(jonas_calls) // 5], jonas_calls[len(jonas_calls) // 2]]
    for i, a in enumerate(picks):
        a["answers"]["identity_verification"] = "no"
        a["comments"]["identity_verification"] = MISS_COMMENTS["identity_verification"][i]
        a["comment"] = MULTILINE_CALL if i == 1 else OVERALL["autofail"][0]
    a = jonas_calls[-3]
    a["answers"]["recording_disclosure"] = "no"
    a["comments"]["recording_disclosure"] = MISS_COMMENTS["recording_disclosure"][0]
    # one email data-protection miss by Daniel
    dan = sorted((a for a in audits if a["agent"] == "Daniel Okafor" and a["channel"] == "email"
                  and not a["calibration"]), key=lambda a: a["date"])
    a = dan[len(dan) // 3]
    a["answers"]["data_protection"] = "no"
    a["comments"]["data_protection"] = MISS_COMMENTS["data_protection"][0]
    a["comment"] = OVERALL["autofail"][0]
    # one chat verification miss by Tom (flagged only: live-chat uses critical_policy: flag)
    tom = sorted((a for a in audits if a["agent"] == "Tom Becker" and a["channel"] == "chat"
                  and "account_verified" in a["answers"] and not a["calibration"]),
                 key=lambda a: a["date"])
    if tom:
        a = tom[len(tom) // 2]
        a["answers"]["account_verified"] = "no"
        a["comments"]["account_verified"] = MISS_COMMENTS["account_verified"][0]


def make_audit(rng, cards, ids, agent, reviewer, channel, ticket_type, date, answers=None,
               skills=None, calibration=False, interaction=None):
    card = cards[SCORECARD_FOR[channel]]
    audit = {"interaction_id": interaction or ids.interaction(channel, date), "agent": agent[0],
             "reviewer": reviewer, "team": agent[1], "channel": channel,
             "ticket_type": ticket_type, "date": date, "scorecard": card["scorecard"],
             "calibration": calibration}
    if answers is None:
        answers = true_answers(rng, card, audit, skills)
    audit["answers"] = reviewed(rng, card, answers, reviewer)
    audit["comments"] = comments_for(rng, card, audit["answers"])
    audit["comment"] = None
    return audit


def generate_main(rng, cards):
    ids = Ids(rng)
    audits = []
    for mi, (year, month) in enumerate(MONTHS):
        days = weekdays(year, month)
        for agent in AGENTS:
            skills = skills_for(agent, mi)
            for _ in range(AUDITS_PER_AGENT_MONTH):
                channel = weighted(rng, CHANNEL_MIX[agent[1]])
                ticket_type = weighted(rng, TICKET_MIX[agent[1]])
                date = rng.choice(days)
                reviewer = weighted(rng, list(zip(REVIEWERS, REVIEWER_LOAD)))
                audits.append(make_audit(rng, cards, ids, agent, reviewer, channel, ticket_type,
                                         date, skills=skills))
    # calibration: 8 interactions (3 email, 2 chat, 3 voice), each scored by all 4 reviewers
    sessions = [datetime.date(2026, 8, 19), datetime.date(2026, 9, 16), datetime.date(2026, 10, 14)]
    plan = [("email", "Tom Becker", "technical"), ("chat", "Grace O'Connell", "account"),
            ("voice", "Jonas Schmidt", "billing"), ("email", "Mei Chen", "refund"),
            ("voice", "Ahmed Karimi", "general"), ("chat", "Hannah Müller", "refund"),
            ("email", "Lucía Fernández", "general"), ("voice", "Daniel Okafor", "refund")]
    by_name = {a[0]: a for a in AGENTS}
    for i, (channel, name, ticket_type) in enumerate(plan):
        agent = by_name[name]
        session = sessions[i * 3 // len(plan)]
        handled = session - datetime.timedelta(days=rng.randrange(3, 9))
        interaction = ids.interaction(channel, handled)
        card = cards[SCORECARD_FOR[channel]]
        truth = true_answers(rng, card, {"ticket_type": ticket_type, "channel": channel},
                             skills_for(agent, i * 3 // len(plan)))
        for reviewer in REVIEWERS:
            answers = dict(truth)
            if reviewer != BENCHMARK:
                answers = honest_noise(rng, card, answers)
            audits.append(make_audit(rng, cards, ids, agent, reviewer, channel, ticket_type,
                                     session + datetime.timedelta(days=REVIEWERS.index(reviewer) % 2),
                                     answers=answers, calibration=True, interaction=interaction))
    forced_failures(audits)
    # overall comments
    for a in audits:
        card = cards[a["scorecard"]]
        value, auto_fail = score(card, a, a["answers"])
        a["_score"] = value
        if a["comment"] is None:
            a["comment"] = overall_comment(rng, card, value, auto_fail)
    # the multi-line CSV comment: Tom's first email with poor tone
    tom = sorted((a for a in audits if a["agent"] == "Tom Becker" and a["channel"] == "email"
                  and a["answers"].get("tone_empathy", 5) <= 2), key=lambda a: a["date"])
    tom[0]["comment"] = MULTILINE_EMAIL
    audits.sort(key=lambda a: (a["date"], a["interaction_id"], REVIEWERS.index(a["reviewer"])))
    for n, a in enumerate(audits, 1):
        a["audit_id"] = "QA-%05d" % (10400 + n)
    return audits


def honest_noise(rng, card, answers, rate=0.08):
    """Two careful reviewers still differ sometimes by one notch."""
    out = dict(answers)
    for c in card["_criteria"]:
        v = out.get(c["id"])
        if v is None or v == "na" or c.get("critical", "none") != "none" or rng.random() > rate:
            continue
        notches = notch_values(c)
        step = rng.choice([-1, 1])  # an impossible step (beyond either end) changes nothing
        if notches is not None and v not in notches:
            continue
        if notches is None:
            if 0 <= v + step <= c["max"]:
                out[c["id"]] = v + step
        else:
            i = notches.index(v) + step
            if 0 <= i < len(notches):
                out[c["id"]] = notches[i]
    return out


# ----------------------------------------------------------------------------- calibration session

def generate_session(rng, cards):
    """8 calls on the phone scorecard, each scored by all 4 reviewers on 2026-10-21.

    Dana Whitfield (QA lead) is the benchmark. Marcus Oyelaran is lenient, Kenji Watanabe is
    strict, Sofia Lindqvist is aligned. `professionalism` ("Was professional throughout the
    call.") is worded ambiguously: reviewers disagree on casual but friendly calls.
    """
    card = cards["phone-support"]
    ids = Ids(rng)
    ids.base["voice"] = 7790000
    calls = [("Priya Raman", "technical", False), ("Tom Becker", "general", True),
             ("Jonas Schmidt", "refund", True), ("Mei Chen", "billing", False),
             ("Lucía Fernández", "account", True), ("Daniel Okafor", "billing", "blame"),
             ("Hannah Müller", "refund", True), ("Ahmed Karimi", "technical", True)]
    by_name = {a[0]: a for a in AGENTS}
    date = datetime.date(2026, 10, 21)
    rows = []
    for n, (name, ticket_type, casual) in enumerate(calls, 1):
        agent = by_name[name]
        handled = datetime.date(2026, 10, 6) + datetime.timedelta(days=n)
        interaction = ids.interaction("voice", handled)
        truth = true_answers(rng, card, {"ticket_type": ticket_type, "channel": "voice"},
                             skills_for(agent, 2))
        truth["identity_verification"] = "yes"
        truth["recording_disclosure"] = "yes"
        truth["professionalism"] = "yes"
        for reviewer in REVIEWERS:
            noise = {"Dana Whitfield": 0, "Sofia Lindqvist": 0.025}.get(reviewer, 0.04)
            answers = honest_noise(rng, card, truth, noise) if noise else dict(truth)
            answers["professionalism"] = truth["professionalism"]
            lenient, strict = {"Marcus Oyelaran": (0.75, 0), "Kenji Watanabe": (0, 0.1)}.get(
                reviewer, (0, 0))
            for c in card["_criteria"]:
                v = answers.get(c["id"])
                if v is None or v == "na" or c.get("critical", "none") != "none":
                    continue
                notches = notch_values(c)
                if notches is None:
                    if v < c["max"] and rng.random() < lenient:
                        answers[c["id"]] = min(c["max"], v + 2)
                    elif v == c["max"] and rng.random() < strict:
                        answers[c["id"]] = v - 2
                    continue
                if v not in notches:
                    continue
                i = notches.index(v)
                if i < len(notches) - 1 and rng.random() < lenient:
                    answers[c["id"]] = notches[i + 1]
                elif i > 0 and i == len(notches) - 1 and rng.random() < strict:
                    answers[c["id"]] = notches[i - 1]
            comments = comments_for(rng, card, answers, rate=0.4, good_rate=0.15)
            # the ambiguous criterion: what does "professional" mean on a casual, friendly call?
            if casual == "blame":
                verdict = {"Dana Whitfield": "no", "Marcus Oyelaran": "yes",
                           "Kenji Watanabe": "no", "Sofia Lindqvist": "yes"}[reviewer]
                answers["professionalism"] = verdict
                comments["professionalism"] = {
                    "no": "Blamed \"the billing lot\" for the mistake - not professional.",
                    "yes": "Calm and courteous throughout; the remark about billing was honest, not rude.",
                }[verdict]
            elif casual:
                verdict = {"Dana Whitfield": "yes", "Marcus Oyelaran": "yes",
                           "Kenji Watanabe": "no",
                           "Sofia Lindqvist": "no" if n == 2 else "yes"}[reviewer]
                answers["professionalism"] = verdict
                comments["professionalism"] = {
                    "yes": rng.choice(["Casual (\"no worries\"), but polite and in control - fine for our brand voice.",
                                       "Friendly and informal; nothing unprofessional."]),
                    "no": rng.choice(["Said \"no worries, mate\" and \"yeah, that's a pain\" - too casual?",
                                      "Chatty and informal for a billing call; I'd mark that down."]),
                }[verdict]
            else:
                comments.pop("professionalism", None)
            rows.append({"interaction_id": interaction, "agent": name, "reviewer": reviewer,
                         "team": agent[1], "channel": "voice", "ticket_type": ticket_type,
                         "date": date, "scorecard": "phone-support", "calibration": True,
                         "answers": answers, "comments": comments,
                         "comment": ""})
    for n, r in enumerate(rows, 1):
        r["audit_id"] = "CAL-1021-%02d" % n
        value, auto_fail = score(card, r, r["answers"])
        r["_score"] = value
        if r["reviewer"] == BENCHMARK and n % 8 == 1:
            r["comment"] = "Benchmark answer for the October session."
    return rows


# ----------------------------------------------------------------------------- broken file

def generate_broken(rng, cards):
    """10 email audits; line 2 and 11 are valid, every other line has one typical error."""
    card = cards["email-support"]
    by_name = {a[0]: a for a in AGENTS}
    ids = Ids(rng)
    ids.base["email"] = 499000
    plan = [("Priya Raman", "general"), ("", "general"), ("Tom Becker", "account"),
            ("Grace O'Connell", "general"), ("Ahmed Karimi", "account"), ("Mei Chen", "billing"),
            ("Hannah Müller", "refund"), ("Jonas Schmidt", "billing"),
            ("Lucía Fernández", "technical"), ("Daniel Okafor", "billing")]
    rows = []
    for n, (name, ticket_type) in enumerate(plan):
        agent = by_name.get(name) or ("", "Tier 1", {}, 0.0)
        date = datetime.date(2026, 11, 2) + datetime.timedelta(days=n // 3)
        reviewer = REVIEWERS[1 + n % 3]
        skills = skills_for(by_name.get(name, AGENTS[3]), 2)
        a = make_audit(rng, cards, ids, agent, reviewer, "email", ticket_type, date, skills=skills)
        a["comment"] = ""
        a["audit_id"] = "QA-B%03d" % (n + 1)
        rows.append(a)
    # line 3: agent missing (set above)
    rows[2]["answers"]["tone_empathy"] = 7                      # line 4: scale out of range
    rows[3]["answers"]["tagging"] = "na"                        # line 5: N/A not allowed
    rows[4]["answers"]["resolution"] = "solved"                 # line 6: unknown option value
    rows[5]["date"] = "14/09/2026"                              # line 7: not YYYY-MM-DD
    rows[6]["audit_id"] = rows[0]["audit_id"]                   # line 8: duplicate audit_id
    rows[7]["answers"].pop("acknowledgement", None)             # line 9: required, unanswered
    rows[7]["comments"].pop("acknowledgement", None)
    # line 10: technical ticket; its troubleshooting answer sits in a misspelt column
    rows[8]["answers"]["troubleshoting"] = rows[8]["answers"].pop("troubleshooting", 4)
    rows[8]["comments"].pop("troubleshooting", None)
    for r in rows:
        r["comments"] = {}
    return rows


# ----------------------------------------------------------------------------- writers

META = ["audit_id", "interaction_id", "agent", "reviewer", "team", "channel", "ticket_type",
        "date", "scorecard", "calibration"]


def fmt(value, na="N/A"):
    if value is None:
        return ""
    if value == "na":
        return na
    if isinstance(value, float):
        return ("%.2f" % value).rstrip("0").rstrip(".")
    return str(value)


def columns(cards, card_ids, audits, rename=None):
    rename = rename or {}
    commented = {cid for a in audits for cid in a["comments"]}
    cols = list(META)
    for card_id in card_ids:
        for c in cards[card_id]["_criteria"]:
            name = rename.get(c["id"], c["id"])
            if name in cols:
                continue
            cols.append(name)
            if c["id"] in commented:
                cols.append(name + ".comment")
    cols.append("comment")
    return cols


def write_csv(path, cols, audits):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for a in audits:
        row = []
        for col in cols:
            if col in ("audit_id", "interaction_id", "agent", "reviewer", "team", "channel",
                       "ticket_type", "scorecard", "comment"):
                row.append(a.get(col) or "")
            elif col == "date":
                row.append(str(a["date"]))
            elif col == "calibration":
                row.append("true" if a["calibration"] else "false")
            elif col.endswith(".comment"):
                row.append(a["comments"].get(col[:-len(".comment")], ""))
            else:
                row.append(fmt(a["answers"].get(col)))
        w.writerow(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_jsonl(path, cards, audits):
    with open(path, "w", encoding="utf-8", newline="") as f:
        for a in audits:
            card = cards[a["scorecard"]]
            answers = {c["id"]: a["answers"][c["id"]] for c in card["_criteria"]
                       if c["id"] in a["answers"]}
            comments = {c["id"]: a["comments"][c["id"]] for c in card["_criteria"]
                        if c["id"] in a["comments"]}
            obj = {k: a[k] for k in META if k not in ("date", "calibration")}
            obj["date"] = str(a["date"])
            obj["calibration"] = a["calibration"]
            obj["answers"] = answers
            if comments:
                obj["comments"] = comments
            if a["comment"]:
                obj["comment"] = a["comment"]
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scorecards", default=os.path.join(ROOT, "scorecards"))
    parser.add_argument("--out", default=HERE)
    parser.add_argument("--summary", action="store_true", help="print per-agent mean scores")
    args = parser.parse_args()
    cards = load_scorecards(args.scorecards)
    rng = random.Random(SEED)

    audits = generate_main(rng, cards)
    csv_audits = [a for a in audits if a["channel"] in ("email", "chat")]
    jsonl_audits = [a for a in audits if a["channel"] == "voice"]
    write_csv(os.path.join(args.out, "audits.csv"),
              columns(cards, ["email-support", "live-chat"], csv_audits), csv_audits)
    write_jsonl(os.path.join(args.out, "audits.jsonl"), cards, jsonl_audits)

    session = generate_session(random.Random(SEED + 1), cards)
    write_csv(os.path.join(args.out, "calibration-session.csv"),
              columns(cards, ["phone-support"], session), session)

    broken = generate_broken(random.Random(SEED + 2), cards)
    write_csv(os.path.join(args.out, "broken-audits.csv"),
              columns(cards, ["email-support"], broken, rename={"troubleshooting": "troubleshoting"}),
              broken)

    if args.summary:
        import statistics
        print("audits: %d (csv %d, jsonl %d), calibration audits %d" % (
            len(audits), len(csv_audits), len(jsonl_audits), sum(a["calibration"] for a in audits)))
        for agent in AGENTS:
            for mi, (y, m) in enumerate(MONTHS):
                mine = [a["_score"] for a in audits if a["agent"] == agent[0] and not a["calibration"]
                        and a["date"].month == m]
                print("%-18s %d-%02d n=%2d mean=%6.2f" % (agent[0], y, m, len(mine),
                                                          statistics.mean(mine)))
        for r in REVIEWERS:
            mine = [a["_score"] for a in audits if a["reviewer"] == r and not a["calibration"]]
            print("%-18s n=%3d mean=%6.2f" % (r, len(mine), statistics.mean(mine)))
        ints = {}
        for r in session:
            ints.setdefault(r["interaction_id"], {})[r["reviewer"]] = r["_score"]
        for iid, s in ints.items():
            print(iid, {k.split()[0]: round(v, 1) for k, v in s.items()})


if __name__ == "__main__":
    main()
