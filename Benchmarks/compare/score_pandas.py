#!/usr/bin/env python3
"""`qakit score --by agent` for Benchmarks/scorecard-20.yaml, written in pandas as a QA analyst
would: the tool a team would pick instead of qakit. Tuned: the pyarrow CSV engine, only the
columns needed, vectorised arithmetic. Floating point (float64), so a mean may differ from
qakit's exact figure in the last printed digit; check_same.py compares them.

    score_pandas.py AUDITS.csv > by-agent.csv
"""
import sys

import numpy as np
import pandas as pd

YES_NO = {"yes": 1.0, "no": 0.0}
CHOICES = {
    "response_time": {"within_target": 1.0, "slightly_late": 0.5, "late": 0.0},
    "resolution": {"resolved": 1.0, "escalated": 1.0, "partial": 0.5, "unresolved": 0.0},
    "ownership": {"full": 1.0, "some": 0.5, "none": 0.0},
    "macro_use": {"personalised": 1.0, "unedited": 0.5, "wrong": 0.0},
}
SCALES = {"tone_opening": (1, 3), "troubleshooting": (1, 5), "empathy": (1, 5), "clarity": (1, 4)}
POINTS = {"accuracy": 10.0, "grammar": 5.0}
# section: (weight, [(criterion, weight)])
SECTIONS = {
    "opening": (15, [("greeting", 1), ("acknowledgement", 1), ("response_time", 1), ("history_checked", 1), ("tone_opening", 1)]),
    "resolution": (40, [("identified_issue", 2), ("resolution", 2), ("accuracy", 2), ("troubleshooting", 1), ("first_contact_resolution", 1)]),
    "communication": (30, [("empathy", 1.5), ("clarity", 1), ("grammar", 0.5), ("ownership", 1), ("proactive_help", 1)]),
    "process": (15, [("verification", 1), ("tagging", 1), ("internal_note", 1), ("macro_use", 1), ("closing", 1)]),
}
PASSING = 80.0


def credit(frame, criterion):
    """Credit 0..1, NaN where not scored (blank, N/A)."""
    column = frame[criterion].str.strip().str.lower()
    if criterion in CHOICES:
        return column.map(CHOICES[criterion]).astype("float64")
    if criterion in SCALES:
        low, high = SCALES[criterion]
        return (pd.to_numeric(column, errors="coerce") - low) / (high - low)
    if criterion in POINTS:
        return pd.to_numeric(column, errors="coerce") / POINTS[criterion]
    return column.map(YES_NO).astype("float64")


def main(path):
    columns = ["agent", "ticket_type", "calibration"] + [c for _, (_, cs) in SECTIONS.items() for c, _ in cs]
    frame = pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False, engine="pyarrow")
    frame = frame[frame["calibration"].str.lower() != "true"]
    technical = frame["ticket_type"].str.lower() == "technical"
    numerator = np.zeros(len(frame))
    denominator = np.zeros(len(frame))
    for section, (section_weight, criteria) in SECTIONS.items():
        earned = np.zeros(len(frame))
        possible = np.zeros(len(frame))
        for criterion, weight in criteria:
            c = credit(frame, criterion)
            if criterion == "troubleshooting":
                c = c.where(technical)
            scored = c.notna().to_numpy()
            earned += np.where(scored, weight * c.fillna(0).to_numpy(), 0)
            possible += np.where(scored, weight, 0)
        s = np.divide(earned, possible, out=np.zeros(len(frame)), where=possible > 0)
        if section == "resolution":  # accuracy is critical: section; credit 0 fails the section
            s = np.where(pd.to_numeric(frame["accuracy"], errors="coerce").to_numpy() == 0, 0, s)
        numerator += np.where(possible > 0, section_weight * s, 0)
        denominator += np.where(possible > 0, section_weight, 0)
    score = 100 * numerator / denominator
    auto_failed = frame["verification"].str.strip().str.lower().to_numpy() == "no"
    score = np.where(auto_failed, 0.0, score)
    rounded = np.sign(score) * np.floor(np.abs(score) * 100 + 0.5) / 100
    passed = ~auto_failed & (rounded >= PASSING)
    result = pd.DataFrame({"agent": frame["agent"].to_numpy(), "score": score, "passed": passed, "auto_failed": auto_failed})
    groups = result.groupby("agent", sort=True).agg(
        audits=("score", "size"), mean_score=("score", "mean"), pass_rate=("passed", "mean"), auto_fails=("auto_failed", "sum"))
    groups["mean_score"] = groups["mean_score"].round(2)
    groups["pass_rate"] = groups["pass_rate"].round(4)
    groups.to_csv(sys.stdout, float_format="%.4f")


if __name__ == "__main__":
    main(sys.argv[1])
