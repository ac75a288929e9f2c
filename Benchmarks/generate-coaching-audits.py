#!/usr/bin/env python3
"""Writes a large, valid audit CSV for the coaching benchmark (SPEC.md section 7).

Every record is one of the example audits (examples/audits.csv, all valid against scorecards/)
with a new audit id, interaction id, agent, team and date, so answers stay realistic and valid.

    python3 Benchmarks/generate-coaching-audits.py 1000000 2000 > /tmp/bench-audits.csv

Deterministic: the same arguments always give the same file.
"""
import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    agents = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    source = Path(__file__).resolve().parent.parent / "examples" / "audits.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        rows = [row for row in reader if row["calibration"] == "false"]
    rng = random.Random(20261122)
    teams = ["Tier 1", "Tier 2", "Billing", "Technical"]
    start = date(2026, 7, 1)
    writer = csv.DictWriter(sys.stdout, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for index in range(count):
        row = dict(rows[rng.randrange(len(rows))])
        agent = index % agents
        row["audit_id"] = f"B-{index:07d}"
        row["interaction_id"] = f"I-{index:07d}"
        row["agent"] = f"Agent {agent:04d}"
        row["team"] = teams[agent % len(teams)]
        row["date"] = (start + timedelta(days=rng.randrange(92))).isoformat()
        writer.writerow(row)

if __name__ == "__main__":
    main()
