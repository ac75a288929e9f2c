#!/usr/bin/env python3
"""Generate examples/interactions.csv: the help-desk export `qakit sample` draws from.

Usage (from the repository root):

    python3 examples/generate_interactions.py

One month (October 2026) of tickets, chats and calls handled by the nine agents of
examples/audits.csv and examples/audits.jsonl: every interaction those files audit in October
(so `qakit sample --exclude examples/audits.csv examples/audits.jsonl` has something to skip),
plus new ones, 36 per agent in all. Needs only the Python standard library; a fixed seed and no
clock, so running it again writes a byte-identical file.
"""

import csv
import io
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261101
PER_AGENT = 36
CHANNELS = {"email": "T-", "chat": "CHAT-", "voice": "CALL-"}
TICKET_TYPES = {"Tier 1": ["general", "technical", "account"], "Billing": ["billing", "refund", "account"]}
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]


def audited():
    """(interaction_id, agent, team, channel, ticket_type, date) of October's regular audits."""
    with open(os.path.join(HERE, "audits.csv"), newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    with open(os.path.join(HERE, "audits.jsonl"), encoding="utf-8") as handle:
        records += [json.loads(line) for line in handle if line.strip()]
    seen = {}
    for record in records:
        calibration = str(record.get("calibration", "false")).lower() == "true"
        if calibration or not record["date"].startswith("2026-10"):
            continue
        seen.setdefault(record["interaction_id"], record)
    return seen


def main():
    rng = random.Random(SEED)
    known = audited()
    every_id = set(known)
    agents = sorted({(r["agent"], r["team"]) for r in known.values()})
    rows = []
    for agent, team in agents:
        own = [r for r in known.values() if r["agent"] == agent]
        for record in sorted(own, key=lambda r: r["interaction_id"]):
            rows.append({"interaction_id": record["interaction_id"], "day": int(record["date"][8:10]), "agent": agent,
                         "team": team, "channel": "voice" if record["channel"] == "voice" else record["channel"],
                         "ticket_type": record["ticket_type"]})
        for _ in range(PER_AGENT - len(own)):
            channel = rng.choice(["email", "email", "chat", "chat", "voice"])
            while True:
                number = {"email": rng.randint(491000, 499999), "chat": rng.randint(2297000, 2299999),
                          "voice": rng.randint(7740000, 7749999)}[channel]
                interaction_id = CHANNELS[channel] + str(number)
                if interaction_id not in every_id:
                    every_id.add(interaction_id)
                    break
            rows.append({"interaction_id": interaction_id, "day": rng.randint(1, 31), "agent": agent, "team": team,
                         "channel": channel, "ticket_type": rng.choice(TICKET_TYPES[team])})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["interaction_id", "date", "agent", "team", "channel", "ticket_type", "priority", "handle_minutes"])
    rows.sort(key=lambda r: (r["day"], r["interaction_id"]))
    for row in rows:
        stamp = "2026-10-%02dT%02d:%02d:00Z" % (row["day"], rng.randint(7, 19), rng.randint(0, 59))
        minutes = rng.randint(3, 14) if row["channel"] == "chat" else rng.randint(4, 25)
        writer.writerow([row["interaction_id"], stamp, row["agent"], row["team"], row["channel"], row["ticket_type"],
                         rng.choice(PRIORITIES), minutes])
    with open(os.path.join(HERE, "interactions.csv"), "w", encoding="utf-8", newline="") as handle:
        handle.write(out.getvalue())


if __name__ == "__main__":
    main()
