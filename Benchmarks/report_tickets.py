"""Renames the agents of a generated ticket file to those of a generated audit file, so that
`qakit report --metrics` joins every agent (QA against CSAT). Both lists are sorted and paired
in order; the ticket file needs at least as many agents as the audit file has (extra ones keep
their names). Standard library only.

    python3 Benchmarks/report_tickets.py AUDITS.csv TICKETS.csv OUT.csv
"""
import csv
import sys


def main(audits, tickets, out):
    with open(audits, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        column = next(reader).index("agent")
        audit_agents = sorted({row[column] for row in reader})
    with open(tickets, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        column = header.index("agent")
        rows = list(reader)
    ticket_agents = sorted({row[column] for row in rows})
    names = dict(zip(ticket_agents, audit_agents))
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            row[column] = names.get(row[column], row[column])
            writer.writerow(row)


if __name__ == "__main__":
    main(*sys.argv[1:4])
