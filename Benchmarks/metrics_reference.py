#!/usr/bin/env python3
"""`qakit score --by agent --metrics TICKETS` done with pandas, for Benchmarks/run-metrics.sh.

    metrics_reference.py prepare AUDITS.csv TICKETS-RAW.csv TICKETS.csv
        Renames the generated tickets' agents ("Agent 001", …, sorted) to the audits' agents
        (sorted), all but the last 5, so that 5 agents of each side are found in one source only.
    metrics_reference.py pandas SCORES.csv TICKETS.csv > pandas.json
        SCORES.csv is qakit's per-audit CSV (`score --format csv`), since scoring a rubric is not
        a pandas job: per agent the audits, mean score and pass rate (groupby), the KPIs of
        Benchmarks/kpis_reference.py (groupby), and an outer merge on the agent.
    metrics_reference.py compare QAKIT.json PANDAS.json
        Exit 1 unless both agree: every group and its match, audits, KPIs to 1e-9, pass_rate to
        its 4 printed decimals, mean_score to 0.01 (pandas averages the per-audit scores, which
        the CSV rounds to 2 decimals; qakit rounds the exact mean).
"""
import csv
import json
import sys

from kpis_reference import FIELDS, with_pandas as kpis_with_pandas

UNMATCHED = 5


def prepare(audits_path, raw_path, out_path):
    with open(audits_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        column = next(reader).index("agent")
        audit_agents = sorted({row[column] for row in reader})
    with open(raw_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("agent")
    ticket_agents = sorted({row[column] for row in rows[1:]})
    names = dict(zip(ticket_agents[:-UNMATCHED], audit_agents[:len(ticket_agents) - UNMATCHED]))
    for row in rows[1:]:
        row[column] = names.get(row[column], row[column])
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def with_pandas(scores_path, tickets_path):
    import pandas as pd

    scores = pd.read_csv(scores_path, usecols=["agent", "score", "passed", "calibration"], dtype={"agent": str})
    scores = scores[scores["calibration"].astype(str).str.lower() != "true"]
    passed = scores["passed"].astype(str).str.lower().map({"true": 1.0, "false": 0.0})
    qa = scores.assign(passed=passed).groupby("agent", sort=True).agg(
        audits=("score", "size"), mean_score=("score", "mean"), pass_rate=("passed", "mean"))
    kpis = pd.DataFrame(kpis_with_pandas(tickets_path)).rename(columns={"key": "agent"}).set_index("agent")
    joined = qa.merge(kpis, how="outer", left_index=True, right_index=True, indicator="match")
    joined["match"] = joined["match"].map({"both": "both", "left_only": "audits_only", "right_only": "tickets_only"})
    joined["audits"] = joined["audits"].fillna(0)
    for field in ("tickets", "csat_responses", "nps_responses"):
        joined[field] = joined[field].fillna(0)
    rows = []
    for agent, row in joined.sort_index().iterrows():
        rows.append({"key": agent, "match": row["match"], "audits": int(row["audits"]),
                     "mean_score": none_if_nan(row["mean_score"]), "pass_rate": none_if_nan(row["pass_rate"]),
                     **{field: none_if_nan(row[field]) for field in FIELDS}})
    return rows


def none_if_nan(value):
    return None if value != value else float(value)


def compare(qakit_path, pandas_path):
    qakit = {row["key"]: row for row in json.load(open(qakit_path))}
    pandas = {row["key"]: row for row in json.load(open(pandas_path))}
    problems = []
    if set(qakit) != set(pandas):
        problems.append(f"groups differ: {sorted(set(qakit) ^ set(pandas))[:5]}")
    tolerance = {"mean_score": 0.01, "pass_rate": 0.00005}
    for key in sorted(set(qakit) & set(pandas)):
        a, b = qakit[key], pandas[key]
        if a["match"] != b["match"] or a["audits"] != b["audits"]:
            problems.append(f"{key}: match/audits {a['match']}/{a['audits']} vs {b['match']}/{b['audits']}")
        for field in ["mean_score", "pass_rate"] + FIELDS:
            x, y = a[field], b[field]
            limit = tolerance.get(field, 1e-9 * max(1.0, abs(x or 0)))
            if (x is None) != (y is None) or (x is not None and abs(x - y) > limit):
                problems.append(f"{key} {field}: qakit {x}, pandas {y}")
    matches = [row["match"] for row in qakit.values()]
    print(f"{len(qakit)} groups ({matches.count('both')} both, {matches.count('audits_only')} audits only, "
          f"{matches.count('tickets_only')} tickets only) x {2 + len(FIELDS)} figures: "
          + ("all agree" if not problems else f"{len(problems)} differences, e.g. {problems[:3]}"))
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(*sys.argv[2:5])
    elif sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        json.dump(with_pandas(sys.argv[2], sys.argv[3]), sys.stdout, ensure_ascii=False, indent=1)
        print()
