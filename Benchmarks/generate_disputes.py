#!/usr/bin/env python3
"""Generates a dispute file (docs/disputes.md) for an audit file made by generate.py: N disputes
on distinct non-calibration audits picked with a fixed seed, 20 % open, 40 % upheld, 40 %
overturned (one in ten of those the whole audit, the rest one criterion with a valid new answer
for Benchmarks/scorecard-20.yaml). Dates follow the audit's date, so every record is valid.

    generate_disputes.py AUDITS.csv --disputes 10000 --out disputes.csv
"""
import argparse
import csv
import datetime
import random

NEW_ANSWERS = {
    "greeting": ["yes", "no"], "acknowledgement": ["yes", "no"], "history_checked": ["yes", "no"],
    "identified_issue": ["yes", "no"], "first_contact_resolution": ["yes", "no"], "proactive_help": ["yes", "no"],
    "tagging": ["yes", "no"], "internal_note": ["yes", "no"], "closing": ["yes", "no"],
    "response_time": ["within_target", "slightly_late", "late"], "resolution": ["resolved", "partial", "unresolved"],
    "ownership": ["full", "some", "none"], "macro_use": ["personalised", "unedited", "wrong"],
    "tone_opening": ["1", "2", "3"], "empathy": ["3", "4", "5"], "clarity": ["2", "3", "4"],
    "accuracy": ["6", "8.5", "10"], "grammar": ["3", "4.5", "5"],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audits")
    parser.add_argument("--disputes", type=int, default=10000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    candidates = []
    with open(args.audits, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["calibration"].lower() != "true":
                candidates.append((row["audit_id"], row["agent"], row["date"][:10]))
    rng = random.Random(args.seed)
    picked = sorted(rng.sample(range(len(candidates)), args.disputes))
    criteria = sorted(NEW_ANSWERS)
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["dispute_id", "audit_id", "criterion", "raised_by", "raised_on", "reason", "status", "new_answer",
                      "decided_by", "decided_on", "note"])
        for number, index in enumerate(picked, 1):
            audit_id, agent, date = candidates[index]
            raised = datetime.date.fromisoformat(date) + datetime.timedelta(days=rng.randint(0, 5))
            decided = raised + datetime.timedelta(days=rng.randint(0, 10))
            roll = rng.random()
            criterion = rng.choice(criteria)
            if roll < 0.2:
                row = [criterion, "open", "", "", ""]
            elif roll < 0.6:
                row = [criterion, "upheld", "", "Lead", decided.isoformat()]
            elif roll < 0.64:
                row = ["", "overturned", "", "Lead", decided.isoformat()]
            else:
                row = [criterion, "overturned", rng.choice(NEW_ANSWERS[criterion]), "Lead", decided.isoformat()]
            out.writerow([f"D{number:06d}", audit_id, row[0], agent, raised.isoformat(), "", row[1], row[2], row[3], row[4], ""])


if __name__ == "__main__":
    main()
