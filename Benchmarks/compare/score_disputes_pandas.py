#!/usr/bin/env python3
"""`qakit score --by agent --disputes DISPUTES.csv` in pandas, as an analyst would: read the
decided disputes, void the audits overturned as a whole, write each overturned criterion's
new answer into its audit's cell, then score as score_pandas.py does.

    score_disputes_pandas.py AUDITS.csv DISPUTES.csv > by-agent.csv
"""
import os
import sys

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_pandas  # noqa: E402


def main(audits_path, disputes_path):
    disputes = pd.read_csv(disputes_path, dtype=str, keep_default_na=False)
    overturned = disputes[disputes["status"] == "overturned"]
    voided = set(overturned.loc[overturned["criterion"] == "", "audit_id"])
    answers = overturned[overturned["criterion"] != ""]
    original_read = pd.read_csv

    def read_with_disputes(path, usecols, **options):
        frame = original_read(path, usecols=usecols + ["audit_id"], **options)
        frame = frame[~frame["audit_id"].isin(voided)]
        rows = pd.Series(range(len(frame)), index=frame["audit_id"].to_numpy())
        for criterion, group in answers.groupby("criterion"):
            positions = rows.reindex(group["audit_id"]).dropna().astype(int).to_numpy()
            values = group.set_index("audit_id")["new_answer"].reindex(frame["audit_id"].iloc[positions]).to_numpy()
            column = frame.columns.get_loc(criterion)
            frame.iloc[positions, column] = values
        return frame.drop(columns="audit_id")

    score_pandas.pd.read_csv = read_with_disputes
    score_pandas.main(audits_path)


if __name__ == "__main__":
    main(*sys.argv[1:])
