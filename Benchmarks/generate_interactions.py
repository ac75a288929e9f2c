#!/usr/bin/env python3
"""Write N interactions (a help-desk export) for `qakit sample` benchmarks, in constant memory.

    python3 Benchmarks/generate_interactions.py --interactions 1000000 --out Benchmarks/data/interactions-1m.csv

Columns: interaction_id (T000000001…), date (RFC 3339, spread over 2026), agent (2000 by
default, over 4 teams), team, channel, ticket_type, priority. Rows are shuffled in blocks so
agents are interleaved as in a real export. Standard library only; deterministic for a given
set of options (--seed).
"""

import argparse
import random
import sys

CHANNELS = ["email", "email", "chat", "chat", "voice"]
TICKET_TYPES = ["general", "technical", "account", "billing", "refund"]
PRIORITIES = ["low", "normal", "normal", "high", "urgent"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, required=True)
    parser.add_argument("--agents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    agents = ["Agent %04d" % number for number in range(1, options.agents + 1)]
    teams = ["Team %s" % "ABCD"[number % 4] for number in range(options.agents)]
    out = sys.stdout if options.out == "-" else open(options.out, "w", encoding="utf-8", newline="")
    out.write("interaction_id,date,agent,team,channel,ticket_type,priority\n")
    lines = []
    for number in range(1, options.interactions + 1):
        agent = rng.randrange(options.agents)
        day = rng.randrange(365)
        month, mday = 1 + day // 31 % 12, 1 + day % 28
        lines.append("T%09d,2026-%02d-%02dT%02d:%02d:00Z,%s,%s,%s,%s,%s\n" % (
            number, month, mday, rng.randrange(24), rng.randrange(60), agents[agent], teams[agent],
            rng.choice(CHANNELS), rng.choice(TICKET_TYPES), rng.choice(PRIORITIES)))
        if len(lines) == 10000 or number == options.interactions:
            rng.shuffle(lines)
            out.write("".join(lines))
            lines = []
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
