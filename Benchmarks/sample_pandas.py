#!/usr/bin/env python3
"""What a user would otherwise write for `qakit sample --per-agent N`: pandas, hashlib, groupby.

    python sample_pandas.py INTERACTIONS.csv N SEED OUT.csv

The same rule as qakit: per agent, the N ids with the smallest SHA-256 of "<seed>:<id>". A
64-digit lower-case hex digest sorts as text exactly as the big-endian number does, so a sort by
(agent, digest) and `groupby.head(N)` is the exact choice (`nsmallest` needs numbers, and a
digest does not fit in 64 bits). Also checks for duplicate ids, as qakit does.
"""

import hashlib
import sys

import pandas as pd


def main():
    path, count, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if frame["interaction_id"].duplicated().any():
        sys.exit("duplicate interaction ids")
    prefix = seed + ":"
    frame["sample_key"] = [hashlib.sha256((prefix + i).encode()).hexdigest() for i in frame["interaction_id"]]
    chosen = frame.sort_values(["agent", "sample_key"]).groupby("agent", sort=False).head(count)
    chosen.drop(columns="sample_key").assign(sample_seed=seed, stratum="").to_csv(out, index=False)


if __name__ == "__main__":
    main()
