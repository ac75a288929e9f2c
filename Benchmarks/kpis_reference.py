#!/usr/bin/env python3
"""The figures of `qakit kpis --by agent --format json`, computed independently with pandas or
DuckDB, for the benchmark (Benchmarks/run-kpis.sh) and to check that the three agree.

    kpis_reference.py pandas FILE.csv   > pandas.json
    kpis_reference.py duckdb FILE.csv   > duckdb.json
    kpis_reference.py compare A.json B.json [C.json…]   # exit 1 unless all agree to 1e-9

The definitions are those of docs/kpis.md: medians (mean of the two middle values for an even
count), p90 by nearest rank (the ceil(0.9 n)-th smallest), rates over the tickets with a value.
The minutes columns win over the timestamp columns. Needs the benchmark venv (pandas, duckdb).
"""
import json
import sys

FIELDS = ["tickets", "first_response_median", "first_response_p90", "resolution_median", "resolution_p90",
          "one_touch_rate", "reopen_rate", "csat", "csat_responses", "nps", "nps_responses", "sla_met_rate"]

CANONICAL = ["ticket_id", "agent", "created_at", "first_response_minutes", "first_response_at", "resolution_minutes",
             "solved_at", "reopens", "replies", "csat", "nps", "sla_breached"]


def with_pandas(path):
    import numpy as np
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in CANONICAL:
        if column not in df:
            df[column] = ""
    created = pd.to_datetime(df["created_at"], utc=True, format="ISO8601")

    def minutes(minutes_column, at_column):
        given = pd.to_numeric(df[minutes_column].replace("", np.nan))
        at = pd.to_datetime(df[at_column].replace("", None), utc=True, format="ISO8601")
        return given.fillna((at - created).dt.total_seconds() / 60)

    def number(column):
        return pd.to_numeric(df[column].replace("", np.nan))

    first = minutes("first_response_minutes", "first_response_at")
    resolution = minutes("resolution_minutes", "solved_at")
    solved = resolution.notna()
    replies, reopens, nps = number("replies"), number("reopens"), number("nps")
    csat = df["csat"].str.lower().map({"good": 1.0, "4": 1.0, "5": 1.0, "bad": 0.0, "1": 0.0, "2": 0.0, "3": 0.0})
    sla = df["sla_breached"].str.lower().map({"true": 0.0, "false": 1.0})
    frame = pd.DataFrame({
        "agent": df["agent"], "first": first, "resolution": resolution,
        "one_touch": (replies == 1).astype(float).where(solved & replies.notna()),
        "reopened": (reopens > 0).astype(float).where(solved & reopens.notna()),
        "csat": csat, "nps": (nps >= 9).astype(float).where(nps.notna()) - (nps <= 6).astype(float).where(nps.notna()),
        "sla": sla,
    })
    groups = frame.groupby("agent", sort=True)
    result = pd.DataFrame({
        "tickets": groups.size(),
        "first_response_median": groups["first"].median(), "resolution_median": groups["resolution"].median(),
        "one_touch_rate": groups["one_touch"].mean(), "reopen_rate": groups["reopened"].mean(),
        "csat": groups["csat"].mean(), "csat_responses": groups["csat"].count(),
        "nps": groups["nps"].mean() * 100, "nps_responses": groups["nps"].count(), "sla_met_rate": groups["sla"].mean(),
    })
    for column, name in (("first", "first_response_p90"), ("resolution", "resolution_p90")):
        values = frame[["agent", column]].dropna().sort_values(["agent", column])
        rank = values.groupby("agent").cumcount() + 1
        size = values.groupby("agent")[column].transform("size")
        result[name] = values[rank == (9 * size + 9) // 10].set_index("agent")[column]
    return [{"key": key, **{field: none_if_nan(row[field]) for field in FIELDS}} for key, row in result.iterrows()]


def with_duckdb(path):
    import duckdb

    header = open(path, encoding="utf-8").readline().rstrip("\n").split(",")
    columns = ", ".join(f"'' AS {column}" for column in CANONICAL if column not in header)
    query = f"""
    WITH t AS (
        SELECT agent,
            coalesce(TRY_CAST(nullif(first_response_minutes, '') AS DOUBLE),
                     date_diff('microsecond', created_at::TIMESTAMPTZ, nullif(first_response_at, '')::TIMESTAMPTZ) / 60e6) AS first,
            coalesce(TRY_CAST(nullif(resolution_minutes, '') AS DOUBLE),
                     date_diff('microsecond', created_at::TIMESTAMPTZ, nullif(solved_at, '')::TIMESTAMPTZ) / 60e6) AS resolution,
            TRY_CAST(nullif(replies, '') AS INTEGER) AS replies,
            TRY_CAST(nullif(reopens, '') AS INTEGER) AS reopens,
            CASE lower(csat) WHEN 'good' THEN 1 WHEN '4' THEN 1 WHEN '5' THEN 1
                             WHEN 'bad' THEN 0 WHEN '1' THEN 0 WHEN '2' THEN 0 WHEN '3' THEN 0 END AS satisfied,
            TRY_CAST(nullif(nps, '') AS INTEGER) AS nps,
            CASE lower(sla_breached) WHEN 'true' THEN 0 WHEN 'false' THEN 1 END AS sla_met
        FROM (SELECT *{", " + columns if columns else ""} FROM read_csv('{path}', all_varchar = true, header = true))
    )
    SELECT agent, count(*) AS tickets,
        median(first), list_sort(list(first) FILTER (WHERE first IS NOT NULL))[(9 * count(first) + 9) // 10],
        median(resolution), list_sort(list(resolution) FILTER (WHERE resolution IS NOT NULL))[(9 * count(resolution) + 9) // 10],
        avg(CASE WHEN replies = 1 THEN 1.0 ELSE 0.0 END) FILTER (WHERE resolution IS NOT NULL AND replies IS NOT NULL),
        avg(CASE WHEN reopens > 0 THEN 1.0 ELSE 0.0 END) FILTER (WHERE resolution IS NOT NULL AND reopens IS NOT NULL),
        avg(satisfied), count(satisfied),
        100 * avg(CASE WHEN nps >= 9 THEN 1.0 WHEN nps <= 6 THEN -1.0 ELSE 0.0 END) FILTER (WHERE nps IS NOT NULL), count(nps),
        avg(sla_met)
    FROM t GROUP BY agent ORDER BY agent
    """
    return [{"key": row[0], **dict(zip(FIELDS, row[1:]))} for row in duckdb.sql(query).fetchall()]


def none_if_nan(value):
    return None if value != value else float(value)


def compare(paths):
    tables = [{group["key"]: group for group in json.load(open(path))} for path in paths]
    problems = 0
    for path, table in zip(paths[1:], tables[1:]):
        if set(table) != set(tables[0]):
            print(f"{path}: groups differ from {paths[0]}")
            problems += 1
            continue
        for key, group in tables[0].items():
            for field in FIELDS:
                a, b = group[field], table[key][field]
                if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9 * max(1.0, abs(a))):
                    print(f"{path}: {key} {field}: {b} vs {a} in {paths[0]}")
                    problems += 1
    print(f"{len(tables[0])} groups x {len(FIELDS)} figures: " + ("all agree" if problems == 0 else f"{problems} differences"))
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2:]))
    groups = with_pandas(sys.argv[2]) if sys.argv[1] == "pandas" else with_duckdb(sys.argv[2])
    json.dump(groups, sys.stdout, ensure_ascii=False, indent=1)
    print()
