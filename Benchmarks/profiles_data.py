#!/usr/bin/env python3
"""Foreign-layout twins of a qakit audit CSV, for Benchmarks/run-profiles.sh.

    profiles_data.py foreign IN OUT     # renamed columns, Yes/No, answer_type words, dd/mm/yyyy,
                                        # ';' delimiter and decimal comma (Benchmarks/profile-bench.yaml)
    profiles_data.py cp1252 IN UTF8 OUT # twins: UTF8 is IN with the characters Windows-1252 lacks
                                        # replaced by '?', OUT the same text in Windows-1252
    profiles_data.py long IN OUT N [--grouped]
                                        # the first N audits, one row per answer; without
                                        # --grouped the rows of 1,000 audits are interleaved
                                        # criterion by criterion (no audit's rows adjacent)
    profiles_data.py pandas FILE        # what a pandas user writes to read the foreign file
                                        # with the same renames, maps and date format

Standard library only, except the pandas step. Streams, so memory stays small.
"""
import csv
import sys

RENAMES = {"audit_id": "Answer ID", "agent": "Gradee", "reviewer": "Grader", "date": "Created At", "calibration": "Answer Type"}
STANDARD = ["audit_id", "interaction_id", "agent", "reviewer", "team", "channel", "ticket_type", "date", "scorecard", "calibration", "comment"]


def foreign(source, target):
    with open(source, newline="", encoding="utf-8") as f, open(target, "w", newline="", encoding="utf-8") as out:
        rows = csv.reader(f)
        header = next(rows)
        writer = csv.writer(out, delimiter=";")
        writer.writerow([RENAMES.get(name, name) for name in header])
        date, calibration = header.index("date"), header.index("calibration")
        answers = [i for i, name in enumerate(header) if name not in STANDARD]
        words = {"yes": "Yes", "no": "No"}
        for row in rows:
            year, month, day = row[date].split("-")
            row[date] = f"{day}/{month}/{year}"
            row[calibration] = "calibration_review" if row[calibration] == "true" else "grading"
            for i in answers:
                row[i] = words.get(row[i], row[i]).replace(".", ",")
            writer.writerow(row)


def cp1252(source, twin, target):
    with open(source, encoding="utf-8", newline="") as f, open(twin, "w", encoding="utf-8", newline="") as utf8, \
            open(target, "w", encoding="cp1252", newline="") as out:
        for line in f:
            line = line.encode("cp1252", errors="replace").decode("cp1252")
            utf8.write(line)
            out.write(line)


def long(source, target, count, grouped):
    with open(source, newline="", encoding="utf-8") as f, open(target, "w", newline="", encoding="utf-8") as out:
        rows = csv.reader(f)
        header = next(rows)
        fields = [i for i, name in enumerate(header) if name in STANDARD and name != "comment"]
        answers = [i for i, name in enumerate(header) if name not in STANDARD]
        writer = csv.writer(out)
        writer.writerow([header[i] for i in fields] + ["question_id", "option"])
        block = []

        def flush():
            if grouped:
                for row in block:
                    for i in answers:
                        if row[i] != "":
                            writer.writerow([row[j] for j in fields] + ["q-" + header[i], row[i]])
            else:
                for i in answers:
                    for row in block:
                        if row[i] != "":
                            writer.writerow([row[j] for j in fields] + ["q-" + header[i], row[i]])
            block.clear()

        for n, row in enumerate(rows):
            if n >= count:
                break
            block.append(row)
            if len(block) == 1000:
                flush()
        flush()


def pandas_read(path):
    import pandas as pd
    frame = pd.read_csv(path, sep=";", decimal=",", dtype=str, keep_default_na=False)
    frame = frame.rename(columns={v: k for k, v in RENAMES.items()})
    frame["calibration"] = frame["calibration"].map({"calibration_review": True, "grading": False})
    answers = [c for c in frame.columns if c not in STANDARD]
    frame[answers] = frame[answers].replace({"Yes": "yes", "No": "no"}).apply(lambda c: c.str.replace(",", ".", regex=False))
    frame["date"] = pd.to_datetime(frame["date"], format="%d/%m/%Y")
    print(len(frame), "rows", frame["agent"].nunique(), "agents")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "foreign":
        foreign(sys.argv[2], sys.argv[3])
    elif command == "cp1252":
        cp1252(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "long":
        long(sys.argv[2], sys.argv[3], int(sys.argv[4]), "--grouped" in sys.argv)
    elif command == "pandas":
        pandas_read(sys.argv[2])
