#!/usr/bin/env python3
"""Generate large, valid audit files for qakit performance tests.

    python3 Benchmarks/generate.py --audits 1000000 --out Benchmarks/data/audits-1m.csv
    python3 Benchmarks/generate.py --audits 1000000 --out Benchmarks/data/audits-1m.jsonl
    python3 Benchmarks/generate.py --audits 0 --calibration-interactions 100000 --reviewers 5 \\
        --out Benchmarks/data/calibration-100k.csv

    qakit score -s Benchmarks/scorecard-20.yaml Benchmarks/data/audits-1m.csv --by agent

Options:
  --audits N                    regular (non-calibration) audits to write
  --out FILE                    output file, "-" for standard output
  --format csv|jsonl            default: from the extension of --out (csv otherwise)
  --agents A                    distinct agents, default 2000 (spread over 4 teams)
  --reviewers K                 distinct reviewers, default 20 (5 with calibration is typical)
  --calibration-interactions M  additionally write M interactions, each scored by every one of
                                the K reviewers (M x K audits, calibration = true); reviewer 1 is
                                the natural --benchmark, reviewer 2 is lenient, reviewer K strict
  --seed S                      default 20261031

Every record is valid for Benchmarks/scorecard-20.yaml (`when`, N/A, required criteria, value
ranges), ids are unique, and the output is deterministic for a given set of options. Memory use
is constant: a pool of a few thousand pre-formatted random answer rows is built once and cycled
with fresh ids, agents, reviewers and dates, so a million rows take a few seconds. Python 3.8+,
standard library only (the scorecard is embedded below, not parsed).
"""

import argparse
import datetime
import json
import random
import sys

# Criteria of Benchmarks/scorecard-20.yaml, in scorecard order:
# (id, type, spec, na allowed, required, when ticket_type)
CRITERIA = [
    ("greeting", "yes_no", None, False, True, None),
    ("acknowledgement", "yes_no", None, False, True, None),
    ("response_time", "choice", ["within_target", "slightly_late", "late"], False, True, None),
    ("history_checked", "yes_no", None, True, True, None),
    ("tone_opening", "scale", (1, 3), False, True, None),
    ("identified_issue", "yes_no", None, False, True, None),
    ("resolution", "choice", ["resolved", "escalated", "partial", "unresolved"], False, True, None),
    ("accuracy", "points", 10, False, True, None),
    ("troubleshooting", "scale", (1, 5), False, True, "technical"),
    ("first_contact_resolution", "yes_no", None, True, True, None),
    ("empathy", "scale", (1, 5), False, True, None),
    ("clarity", "scale", (1, 4), False, True, None),
    ("grammar", "points", 5, False, True, None),
    ("ownership", "choice", ["full", "some", "none"], False, True, None),
    ("proactive_help", "yes_no", None, False, False, None),
    ("verification", "yes_no", None, False, True, None),
    ("tagging", "yes_no", None, False, True, None),
    ("internal_note", "yes_no", None, False, False, None),
    ("macro_use", "choice", ["personalised", "unedited", "wrong"], True, True, None),
    ("closing", "yes_no", None, False, True, None),
]
CHOICE_WEIGHTS = {  # best option first, as listed above
    "response_time": [0.8, 0.15, 0.05],
    "resolution": [0.72, 0.1, 0.13, 0.05],
    "ownership": [0.75, 0.2, 0.05],
    "macro_use": [0.7, 0.22, 0.08],
}
NA_RATE = {"history_checked": 0.1, "first_contact_resolution": 0.08, "macro_use": 0.2}
ANSWER_RATE = {"proactive_help": 0.3, "internal_note": 0.6}
TICKET_TYPES = ["general", "technical", "billing", "account"]
CHANNELS = ["email", "chat", "voice"]
TEAMS = ["Tier 1", "Tier 2", "Billing", "Technical"]
FIRST = ["Aisha", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal",
         "Katarzyna", "Liam", "Maya", "Nikhil", "Olivia", "Pedro", "Quinn", "Rosa", "Samuel",
         "Tanvi", "Umar", "Valentina", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Chloé",
         "Diego", "Emeka", "Freya", "Gustavo", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo",
         "Nadia", "Oskar", "Priya", "Rafael", "Sofia", "Tomás", "Uma", "Viktor", "Wanjiru",
         "Yara", "Zain", "Anouk", "Björn", "Camille", "Dario", "Esra", "Finn", "Greta", "Hamid",
         "Isla", "Jonas"]
LAST = ["Adams", "Bakker", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
        "Ibrahim", "Jansen", "Kowalski", "Lindberg", "Moreau", "Nakamura", "O'Brien", "Petrov",
        "Quintero", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Wójcik", "Xu", "Yilmaz",
        "Zimmermann", "Andersson", "Brennan", "Chowdhury", "Delgado", "Eze", "Ferreira", "Gupta",
        "Horvat", "Iqbal", "Jovanović", "Kim", "Lopez", "Mensah", "Novak", "Okonkwo", "Park",
        "Ramos", "Schmidt", "Takahashi", "Ahmed", "Bianchi", "Costa", "Dimitrov", "Evans",
        "Fontaine", "Greene", "Haddad", "Ivanova", "Jung", "Kaur", "Larsen", "Müller", "Nguyen",
        "Ortiz"]
REVIEWER_FIRST = ["Dana", "Marcus", "Sofia", "Kenji", "Helen", "Rahul", "Beatriz", "Tobias"]
REVIEWER_LAST = ["Whitfield", "Oyelaran", "Lindqvist", "Watanabe", "Carver", "Menon", "Alves",
                 "Krause", "Doyle", "Sato"]
COMMENTS = [
    "", "", "", "", "",
    "Solid overall; see the notes on accuracy.",
    "Great ticket, clear and warm.",
    "Quoted the old price ($96 instead of $108).",
    "Customer had to ask twice for the refund timeline.",
    "Used the \"Shipping delay\" macro unedited, including the wrong carrier name.",
    "Good fix, but the tone was a bit flat for an upset customer.",
]
POOL = 4096
HEADER = (["audit_id", "interaction_id", "agent", "reviewer", "team", "channel", "ticket_type",
           "date", "scorecard", "calibration"] + [c[0] for c in CRITERIA] + ["comment"])


def csv_field(s):
    if any(ch in s for ch in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def answer(rng, crit, ticket_type, quality):
    cid, kind, spec, na, required, when = crit
    if when and ticket_type != when:
        return None
    if not required and rng.random() > ANSWER_RATE.get(cid, 0.5):
        return None
    if na and rng.random() < NA_RATE.get(cid, 0.1):
        return "na"
    if kind == "yes_no":
        if cid == "verification":
            return "no" if rng.random() < 0.004 else "yes"
        return "no" if rng.random() > quality else "yes"
    if kind == "scale":
        lo, hi = spec
        q = min(1.0, max(0.0, quality + rng.gauss(0, 0.2)))
        return lo + int(round(q * (hi - lo)))
    if kind == "choice":
        return rng.choices(spec, CHOICE_WEIGHTS[cid])[0]
    # points, two decimals at most
    value = spec
    for _ in range(3):
        if rng.random() > quality:
            value -= rng.choice([1, 2, 0.5, 2.5]) if spec == 10 else rng.choice([1, 0.5])
    if spec == 10 and rng.random() < 0.003:
        value = 0
    return max(0, value)


def shift(rng, crit, value, direction):
    """One notch up (+1) or down (-1), staying valid."""
    cid, kind, spec, na, required, when = crit
    if value is None or value == "na" or cid == "verification":
        return value
    if kind == "yes_no":
        return "yes" if direction > 0 else "no"
    if kind == "scale":
        return max(spec[0], min(spec[1], value + direction))
    if kind == "choice":
        order = [o for o in spec if o != "escalated"]
        if value not in order:
            return value
        i = max(0, min(len(order) - 1, order.index(value) - direction))
        return order[i]
    return max(0, min(spec, value + direction))


def fmt_csv(value):
    if value is None:
        return ""
    if value == "na":
        return "N/A"
    if isinstance(value, float):
        return ("%.2f" % value).rstrip("0").rstrip(".")
    return str(value)


def json_answers(values):
    out = {}
    for crit, v in zip(CRITERIA, values):
        if v is not None:
            out[crit[0]] = int(v) if isinstance(v, float) and v.is_integer() else v
    return out


class Pool:
    """Pre-formatted answer rows: tails[i] is everything after the `calibration` field."""

    def __init__(self, rng, fmt, reviewers, variants):
        self.rows = []
        for i in range(POOL):
            ticket_type = TICKET_TYPES[i % len(TICKET_TYPES)]
            channel = CHANNELS[(i // len(TICKET_TYPES)) % len(CHANNELS)]
            quality = min(0.99, max(0.35, rng.gauss(0.82, 0.1)))
            base = [answer(rng, c, ticket_type, quality) for c in CRITERIA]
            comment = COMMENTS[i % len(COMMENTS)]
            tails = [self.render(fmt, base, comment)]
            if variants:
                tails = []
                for r in range(reviewers):
                    # reviewer 0 is the benchmark; 1 is lenient, the last strict, others aligned
                    lean = 0.25 if r == 1 else (-0.25 if r == reviewers - 1 and r > 1 else 0.0)
                    values = []
                    for c, v in zip(CRITERIA, base):
                        if r > 0:
                            if lean and rng.random() < abs(lean):
                                v = shift(rng, c, v, 1 if lean > 0 else -1)
                            elif rng.random() < 0.05:
                                v = shift(rng, c, v, rng.choice([-1, 1]))
                        values.append(v)
                    tails.append(self.render(fmt, values, comment if r == 0 else ""))
            self.rows.append((channel, ticket_type, tails))

    @staticmethod
    def render(fmt, values, comment):
        if fmt == "csv":
            return ",".join(fmt_csv(v) for v in values) + "," + csv_field(comment) + "\n"
        tail = '"answers": ' + json.dumps(json_answers(values), ensure_ascii=False)
        if comment:
            tail += ', "comment": ' + json.dumps(comment, ensure_ascii=False)
        return tail + "}\n"


def people(count, first, last, offset=0):
    names = []
    n = offset
    while len(names) < count:
        f = first[n % len(first)]
        l = last[(n // len(first) + n) % len(last)]
        name = "%s %s" % (f, l)
        if len(names) >= len(first) * len(last):
            name += " %d" % (len(names) // (len(first) * len(last)) + 1)
        names.append(name)
        n += 1
    if len(set(names)) != len(names):  # cannot happen with the lists above, but be sure
        names = ["%s (%d)" % (x, i) for i, x in enumerate(names)]
    return names


def main():
    p = argparse.ArgumentParser(description="Generate large audit files for qakit benchmarks.")
    p.add_argument("--audits", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--format", choices=["csv", "jsonl"])
    p.add_argument("--agents", type=int, default=2000)
    p.add_argument("--reviewers", type=int, default=20)
    p.add_argument("--calibration-interactions", type=int, default=0)
    p.add_argument("--seed", type=int, default=20261031)
    a = p.parse_args()
    fmt = a.format or ("jsonl" if a.out.endswith((".jsonl", ".ndjson")) else "csv")
    if a.audits < 0 or a.agents < 1 or a.reviewers < 1 or a.calibration_interactions < 0:
        p.error("counts must be positive")
    if a.calibration_interactions and a.reviewers < 2:
        p.error("calibration needs --reviewers 2 or more")

    rng = random.Random(a.seed)
    agents = people(a.agents, FIRST, LAST)
    agent_team = [(name, TEAMS[i % len(TEAMS)]) for i, name in enumerate(agents)]
    reviewers = people(a.reviewers, REVIEWER_FIRST, REVIEWER_LAST)
    start = datetime.date(2026, 1, 1)
    dates = [str(start + datetime.timedelta(days=d)) for d in range(365)]

    if fmt == "csv":
        agent_cells = None
        reviewer_cells = [csv_field(r) for r in reviewers]
    else:
        agent_cells = [(json.dumps(n, ensure_ascii=False), json.dumps(t)) for n, t in agent_team]
        reviewer_cells = [json.dumps(r, ensure_ascii=False) for r in reviewers]

    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="")
    try:
        buf = []
        if fmt == "csv":
            buf.append(",".join(HEADER) + "\n")

        def line(aid, iid, agent_i, reviewer_i, channel, ticket_type, date, calibration, tail):
            if fmt == "csv":
                name, team = agent_team[agent_i]
                return "%s,%s,%s,%s,%s,%s,%s,%s,bench-20,%s,%s" % (
                    aid, iid, csv_field(name), reviewer_cells[reviewer_i], csv_field(team),
                    channel, ticket_type, date, calibration, tail)
            name_j, team_j = agent_cells[agent_i]
            return ('{"audit_id": "%s", "interaction_id": "%s", "agent": %s, "reviewer": %s, '
                    '"team": %s, "channel": "%s", "ticket_type": "%s", "date": "%s", '
                    '"scorecard": "bench-20", "calibration": %s, %s') % (
                aid, iid, name_j, reviewer_cells[reviewer_i], team_j, channel, ticket_type, date,
                calibration, tail)

        if a.audits:
            pool = Pool(rng, fmt, a.reviewers, variants=False)
            idx = [rng.randrange(1 << 30) for _ in range(8192)]
            for i in range(a.audits):
                r = idx[i & 8191] ^ (i * 2654435761 & 0x3FFFFFFF)
                channel, ticket_type, tails = pool.rows[r % POOL]
                buf.append(line("A%09d" % (i + 1), "I%09d" % (i + 1), (r >> 12) % a.agents,
                                (r >> 3) % a.reviewers, channel, ticket_type, dates[(r >> 7) % 365],
                                "false", tails[0]))
                if len(buf) >= 10000:
                    out.write("".join(buf))
                    buf.clear()

        if a.calibration_interactions:
            pool = Pool(random.Random(a.seed + 1), fmt, a.reviewers, variants=True)
            idx = [rng.randrange(1 << 30) for _ in range(8192)]
            n = 0
            for i in range(a.calibration_interactions):
                r = idx[i & 8191] ^ (i * 2654435761 & 0x3FFFFFFF)
                channel, ticket_type, tails = pool.rows[r % POOL]
                agent_i = (r >> 12) % a.agents
                date = dates[(r >> 7) % 365]
                for k in range(a.reviewers):
                    n += 1
                    buf.append(line("C%09d" % n, "CI%08d" % (i + 1), agent_i, k, channel,
                                    ticket_type, date, "true", tails[k]))
                if len(buf) >= 10000:
                    out.write("".join(buf))
                    buf.clear()
        out.write("".join(buf))
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
