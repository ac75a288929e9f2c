#!/usr/bin/env python3
"""`qakit compare --by agent` for two versions of Benchmarks/scorecard-20.yaml, in pandas, as a
QA analyst would write it: score every audit under each version's weights and credits, then per
agent the two means, pass rates and the audits whose pass/fail changes. Version 2 is the one
Benchmarks/run-compare.sh writes: `accuracy` weight 2 → 4, `resolution`'s `partial` credit
0.5 → 0.25. Floating point (float64).

    compare_pandas.py AUDITS.csv > by-agent.csv
"""
import copy
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import score_pandas as base  # noqa: E402


def scores(frame, sections, choices):
    """Each audit's score and pass under one version (score_pandas.main's arithmetic)."""
    base.CHOICES = choices
    technical = frame["ticket_type"].str.lower() == "technical"
    numerator = np.zeros(len(frame))
    denominator = np.zeros(len(frame))
    for section, (section_weight, criteria) in sections.items():
        earned = np.zeros(len(frame))
        possible = np.zeros(len(frame))
        for criterion, weight in criteria:
            c = base.credit(frame, criterion)
            if criterion == "troubleshooting":
                c = c.where(technical)
            scored = c.notna().to_numpy()
            earned += np.where(scored, weight * c.fillna(0).to_numpy(), 0)
            possible += np.where(scored, weight, 0)
        s = np.divide(earned, possible, out=np.zeros(len(frame)), where=possible > 0)
        if section == "resolution":
            s = np.where(pd.to_numeric(frame["accuracy"], errors="coerce").to_numpy() == 0, 0, s)
        numerator += np.where(possible > 0, section_weight * s, 0)
        denominator += np.where(possible > 0, section_weight, 0)
    score = 100 * numerator / denominator
    auto_failed = frame["verification"].str.strip().str.lower().to_numpy() == "no"
    score = np.where(auto_failed, 0.0, score)
    rounded = np.sign(score) * np.floor(np.abs(score) * 100 + 0.5) / 100
    return score, ~auto_failed & (rounded >= base.PASSING)


def main(path):
    columns = ["audit_id", "agent", "ticket_type", "calibration"] + [c for _, (_, cs) in base.SECTIONS.items() for c, _ in cs]
    frame = pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False, engine="pyarrow")
    frame = frame[frame["calibration"].str.lower() != "true"]
    sections_v2 = copy.deepcopy(base.SECTIONS)
    weight, criteria = sections_v2["resolution"]
    sections_v2["resolution"] = (weight, [(c, 4 if c == "accuracy" else w) for c, w in criteria])
    choices_v2 = copy.deepcopy(base.CHOICES)
    choices_v2["resolution"]["partial"] = 0.25
    score_from, passed_from = scores(frame, base.SECTIONS, copy.deepcopy(base.CHOICES))
    score_to, passed_to = scores(frame, sections_v2, choices_v2)
    result = pd.DataFrame({"agent": frame["agent"].to_numpy(), "score_from": score_from, "score_to": score_to,
                           "passed_from": passed_from, "passed_to": passed_to, "flip": passed_from != passed_to})
    groups = result.groupby("agent", sort=True).agg(
        audits=("score_from", "size"), mean_from=("score_from", "mean"), mean_to=("score_to", "mean"),
        pass_rate_from=("passed_from", "mean"), pass_rate_to=("passed_to", "mean"), flips=("flip", "sum"))
    groups["delta"] = groups["mean_to"].round(2) - groups["mean_from"].round(2)
    groups.round(4).to_csv(sys.stdout, float_format="%.4f")


if __name__ == "__main__":
    main(sys.argv[1])
