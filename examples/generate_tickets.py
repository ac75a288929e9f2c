#!/usr/bin/env python3
"""Generate qakit's example help-desk ticket export, examples/tickets.csv.

Usage (from the repository root):
    python3 examples/generate_tickets.py                       # writes examples/tickets.csv
    python3 examples/generate_tickets.py --tickets 1000000 --agents 200 --out FILE
                                                                # a larger file (benchmarks)

Standard library only (Python 3.8+). Deterministic: a fixed seed, no clock, no environment, so
running it twice produces byte-identical files.

The tickets belong to the same support team as examples/audits.csv: 9 agents in "Tier 1" and
"Billing", August to October 2026, in one office on Central European time (+02:00, and +01:00
from 25 October). Columns are qakit's canonical ticket fields (docs/kpis.md) plus a `subject`
that qakit ignores:

  ticket_id, agent, team, channel, status, created_at, first_response_at,
  first_response_minutes, solved_at, reopens, replies, csat, nps, sla_breached, subject

Email tickets give the first response as a timestamp (first_response_at), chat and phone
tickets as minutes (first_response_minutes), as help desks export them. Open and pending
tickets have no solved_at. CSAT is good/bad, offered (survey sent, no answer) or blank; about one
ticket in six carries an NPS answer. The story matches the audits: Priya Raman is fast and well
rated, Tom Becker is rated lower (empathy), Ahmed Karimi is slow, Daniel Okafor's tickets are
reopened more often, and Lucía Fernández gets faster month by month.

With --agents N above 9, agents "Agent 010" ... are added (alternately Tier 1 and Billing).
"""
import argparse
import csv
import datetime
import os
import random

SEED = 20261101
HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime.date(2026, 8, 1)
END = datetime.date(2026, 10, 31)
# Central European Summer Time ends on 2026-10-25 at 03:00 local (01:00 UTC).
DST_END = datetime.datetime(2026, 10, 25, 1, 0)

# name, team, speed (1 = typical; higher is faster), satisfaction, reopen tendency, improvement/month
AGENTS = [
    ("Priya Raman", "Tier 1", 1.5, 0.93, 0.05, 0.0),
    ("Tom Becker", "Tier 1", 1.0, 0.70, 0.08, 0.0),
    ("Lucía Fernández", "Tier 1", 0.7, 0.78, 0.10, 0.25),
    ("Ahmed Karimi", "Tier 1", 0.6, 0.84, 0.07, 0.0),
    ("Grace O'Connell", "Tier 1", 1.0, 0.88, 0.09, 0.0),
    ("Jonas Schmidt", "Billing", 1.0, 0.83, 0.07, 0.0),
    ("Mei Chen", "Billing", 1.2, 0.91, 0.05, 0.0),
    ("Daniel Okafor", "Billing", 0.9, 0.79, 0.16, 0.0),
    ("Hannah Müller", "Billing", 1.1, 0.86, 0.06, 0.0),
]
SUBJECTS = {
    "Tier 1": ["Cannot log in", "Password reset link expired", "App crashes on start", "Change of email address",
               "Two-factor code not arriving", "Export to CSV fails", "Account locked, please help"],
    "Billing": ["Refund for order", "Charged twice", "Invoice copy needed", "Card declined, again",
                "Change billing address", "Cancel subscription", "VAT number on invoice"],
}
# channel, share, minutes to first response (median for speed 1), SLA target in minutes
CHANNELS = [("email", 0.5, 95.0, 240), ("chat", 0.35, 1.6, 5), ("phone", 0.15, 0.8, 3)]


def offset_for(utc):
    return datetime.timedelta(hours=2) if utc < DST_END else datetime.timedelta(hours=1)


def stamp(utc):
    """The instant written in the office's local time with its offset: 2026-08-03T09:14:05+02:00."""
    offset = offset_for(utc)
    local = utc + offset
    hours = int(offset.total_seconds()) // 3600
    return local.strftime("%Y-%m-%dT%H:%M:%S") + "+%02d:00" % hours


def agents(count):
    people = list(AGENTS)
    for index in range(len(AGENTS) + 1, count + 1):
        people.append(("Agent %03d" % index, "Tier 1" if index % 2 == 0 else "Billing", 1.0, 0.85, 0.08, 0.0))
    return people[:count]


def pick_channel(rng):
    roll = rng.random()
    for channel in CHANNELS:
        if roll < channel[1]:
            return channel
        roll -= channel[1]
    return CHANNELS[-1]


def rows(count, people, rng):
    days = (END - START).days + 1
    for number in range(count):
        name, team, speed, satisfaction, reopen, improvement = people[rng.randrange(len(people))]
        day = START + datetime.timedelta(days=int(days * number / count))
        month = day.month - START.month
        speed = speed * (1 + improvement * month)
        local_start = datetime.datetime(day.year, day.month, day.day, 8) + datetime.timedelta(seconds=rng.randrange(10 * 3600))
        created = local_start - offset_for(local_start - datetime.timedelta(hours=2))
        channel, _, typical, target = pick_channel(rng)
        first = rng.lognormvariate(0, 0.8) * typical / speed
        status = rng.choices(["solved", "closed", "open", "pending"], [0.62, 0.28, 0.06, 0.04])[0]
        replies = 1 + int(rng.expovariate(1 / (0.6 / speed + 0.4))) if status in ("solved", "closed") else rng.randint(0, 2)
        row = {
            "ticket_id": "T-%d" % (500001 + number), "agent": name, "team": team, "channel": channel, "status": status,
            "created_at": stamp(created), "first_response_at": "", "first_response_minutes": "", "solved_at": "",
            "reopens": "", "replies": str(replies), "csat": "", "nps": "", "sla_breached": "",
        }
        if replies > 0:
            if channel == "email":
                row["first_response_at"] = stamp(created + datetime.timedelta(seconds=int(first * 60)))
            else:
                row["first_response_minutes"] = "%.1f" % first
            row["sla_breached"] = "true" if first > target else "false"
        if status in ("solved", "closed"):
            minutes = first + rng.lognormvariate(0, 1.0) * (30 if channel != "email" else 600) * replies / speed
            row["solved_at"] = stamp(created + datetime.timedelta(seconds=int(minutes * 60) + 60))
            row["reopens"] = str(int(rng.random() < reopen) + int(rng.random() < reopen / 4))
            survey = rng.random()
            if survey < 0.3:
                row["csat"] = "good" if rng.random() < satisfaction else "bad"
            elif survey < 0.55:
                row["csat"] = "offered"
            if rng.random() < 0.17:
                row["nps"] = str(min(10, max(0, int(rng.gauss(10 * satisfaction - 0.5, 2.0) + 0.5))))
        subject = rng.choice(SUBJECTS[team])
        row["subject"] = "%s, ticket %d" % (subject, number % 997) if rng.random() < 0.3 else subject
        yield row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--agents", type=int, default=len(AGENTS))
    parser.add_argument("--out", default=os.path.join(HERE, "tickets.csv"))
    arguments = parser.parse_args()
    rng = random.Random(SEED)
    columns = ["ticket_id", "agent", "team", "channel", "status", "created_at", "first_response_at", "first_response_minutes",
               "solved_at", "reopens", "replies", "csat", "nps", "sla_breached", "subject"]
    with open(arguments.out, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows(arguments.tickets, agents(arguments.agents), rng):
            writer.writerow([row[column] for column in columns])


if __name__ == "__main__":
    main()
