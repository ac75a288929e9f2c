#!/usr/bin/env python3
"""Compares per-agent aggregates (agent, audits, mean_score, pass_rate, auto_fails) written by
qakit (`score --by agent --format csv`) and by another tool. Counts must be equal; mean_score
and pass_rate may differ by one unit in the last place (0.01 points, 0.0001), because the other
tools round a float64 mean. Prints the number of groups that match exactly and within that margin.

    check_same.py QAKIT.csv OTHER.csv
"""
import csv
import sys


def load(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    key = "key" if "key" in rows[0] else "agent"
    return {row[key]: (int(row["audits"]), float(row["mean_score"]), float(row["pass_rate"]), int(row["auto_fails"])) for row in rows}


def main(qakit_path, other_path):
    qakit, other = load(qakit_path), load(other_path)
    if qakit.keys() != other.keys():
        sys.exit(f"different groups: only in qakit {sorted(qakit.keys() - other.keys())[:5]}, only in other {sorted(other.keys() - qakit.keys())[:5]}")
    exact = close = 0
    for key, mine in qakit.items():
        theirs = other[key]
        if mine[0] != theirs[0] or mine[3] != theirs[3]:
            sys.exit(f"{key}: counts differ: qakit {mine}, other {theirs}")
        if mine == theirs:
            exact += 1
        elif abs(mine[1] - theirs[1]) <= 0.0100001 and abs(mine[2] - theirs[2]) <= 0.0001001:
            close += 1
        else:
            sys.exit(f"{key}: figures differ: qakit {mine}, other {theirs}")
    print(f"{len(qakit)} groups: {exact} identical, {close} within one unit of the last digit")


if __name__ == "__main__":
    main(*sys.argv[1:])
