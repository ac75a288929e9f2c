#!/usr/bin/env python3
"""`qakit score --by agent` for Benchmarks/scorecard-20.yaml in DuckDB SQL: the same rules as
score_pandas.py (credits, N/A, the `when` on troubleshooting, the section and scorecard
criticals), in DOUBLE arithmetic. check_same.py compares the output with qakit's.

    score_duckdb.py AUDITS.csv > by-agent.csv
"""
import sys

import duckdb

YN = "CASE lower(trim({c})) WHEN 'yes' THEN 1.0 WHEN 'no' THEN 0.0 END"


def choice(column, credits):
    cases = " ".join(f"WHEN '{value}' THEN {credit}" for value, credit in credits.items())
    return f"CASE lower(trim({column})) {cases} END"


def scale(column, low, high):
    return f"(TRY_CAST(NULLIF(trim({column}), '') AS DOUBLE) - {low}) / {high - low}"


def points(column, maximum):
    return f"TRY_CAST(NULLIF(trim({column}), '') AS DOUBLE) / {maximum}"


CREDITS = {
    "greeting": YN.format(c="greeting"), "acknowledgement": YN.format(c="acknowledgement"),
    "response_time": choice("response_time", {"within_target": 1, "slightly_late": 0.5, "late": 0}),
    "history_checked": YN.format(c="history_checked"), "tone_opening": scale("tone_opening", 1, 3),
    "identified_issue": YN.format(c="identified_issue"),
    "resolution": choice("resolution", {"resolved": 1, "escalated": 1, "partial": 0.5, "unresolved": 0}),
    "accuracy": points("accuracy", 10),
    "troubleshooting": f"CASE WHEN lower(ticket_type) = 'technical' THEN {scale('troubleshooting', 1, 5)} END",
    "first_contact_resolution": YN.format(c="first_contact_resolution"),
    "empathy": scale("empathy", 1, 5), "clarity": scale("clarity", 1, 4), "grammar": points("grammar", 5),
    "ownership": choice("ownership", {"full": 1, "some": 0.5, "none": 0}), "proactive_help": YN.format(c="proactive_help"),
    "verification": YN.format(c="verification"), "tagging": YN.format(c="tagging"), "internal_note": YN.format(c="internal_note"),
    "macro_use": choice("macro_use", {"personalised": 1, "unedited": 0.5, "wrong": 0}), "closing": YN.format(c="closing"),
}
SECTIONS = {
    "opening": (15, [("greeting", 1), ("acknowledgement", 1), ("response_time", 1), ("history_checked", 1), ("tone_opening", 1)]),
    "resolution": (40, [("identified_issue", 2), ("resolution", 2), ("accuracy", 2), ("troubleshooting", 1), ("first_contact_resolution", 1)]),
    "communication": (30, [("empathy", 1.5), ("clarity", 1), ("grammar", 0.5), ("ownership", 1), ("proactive_help", 1)]),
    "process": (15, [("verification", 1), ("tagging", 1), ("internal_note", 1), ("macro_use", 1), ("closing", 1)]),
}


def main(path):
    credit_columns = ",\n".join(f"{sql} AS c_{name}" for name, sql in CREDITS.items())
    section_columns = []
    for section, (_, criteria) in SECTIONS.items():
        earned = " + ".join(f"coalesce({w} * c_{c}, 0)" for c, w in criteria)
        possible = " + ".join(f"CASE WHEN c_{c} IS NOT NULL THEN {w} ELSE 0 END" for c, w in criteria)
        section_columns.append(f"{earned} AS e_{section}, {possible} AS p_{section}")
    def s(section):
        value = f"e_{section} / p_{section}"
        if section == "resolution":
            value = f"CASE WHEN c_accuracy = 0 THEN 0 ELSE {value} END"
        return value
    numerator = " + ".join(f"CASE WHEN p_{n} > 0 THEN {w} * {s(n)} ELSE 0 END" for n, (w, _) in SECTIONS.items())
    denominator = " + ".join(f"CASE WHEN p_{n} > 0 THEN {w} ELSE 0 END" for n, (w, _) in SECTIONS.items())
    query = f"""
    WITH audits AS (SELECT * FROM read_csv('{path}', all_varchar = true, header = true)
                    WHERE lower(calibration) <> 'true'),
    credits AS (SELECT agent, {credit_columns} FROM audits),
    sections AS (SELECT agent, c_verification, c_accuracy, {", ".join(section_columns)} FROM credits),
    scores AS (SELECT agent, c_verification = 0 AS auto_failed,
                      CASE WHEN c_verification = 0 THEN 0 ELSE 100 * ({numerator}) / ({denominator}) END AS score
               FROM sections)
    SELECT agent, count(*) AS audits, round(avg(score), 2) AS mean_score,
           round(avg(CASE WHEN NOT auto_failed AND sign(score) * floor(abs(score) * 100 + 0.5) / 100 >= 80
                          THEN 1.0 ELSE 0.0 END), 4) AS pass_rate,
           sum(CASE WHEN auto_failed THEN 1 ELSE 0 END) AS auto_fails
    FROM scores GROUP BY agent ORDER BY agent"""
    connection = duckdb.connect()
    connection.execute("SET threads TO 2")
    sys.stdout.write("agent,audits,mean_score,pass_rate,auto_fails\n")
    for agent, audits, mean, rate, fails in connection.execute(query).fetchall():
        sys.stdout.write(f'"{agent}",{audits},{mean:.4f},{rate:.4f},{fails}\n')


if __name__ == "__main__":
    main(sys.argv[1])
