#!/usr/bin/env bash
# Two builds in turns, five turns: `score --by agent` on 1M audits as CSV, as JSON Lines and with
# the `scoring: points` scorecard, and `export` of 1M audits (20.08M rows) to /dev/null; pandas
# (Benchmarks/compare/score_pandas.py) in the first three turns for reference.
#
#   Benchmarks/run-turns.sh BEFORE_BINARY [AFTER_BINARY]   # after: .build/release/qakit
#
# Data: /tmp/bench-formkeys (made by Benchmarks/run-formkeys.sh) and Benchmarks/data (made by
# Benchmarks/run-report.sh). Prints "NAME TOOL run N: wall user peak-RSS-KB" and the md5 of each
# aggregate (the builds must agree).
set -uo pipefail
cd "$(dirname "$0")/.."
before=$1
after=${2:-.build/release/qakit}
D=/tmp/bench-formkeys
py=${QAKIT_BENCH_VENV:-$HOME/.venvs/qakit-bench}/bin/python
uptime
for run in 1 2 3 4 5; do
  for b in before after; do
    if [ $b = before ]; then q=$before; else q=$after; fi
    /usr/bin/time -f "$b csv run $run: %e %U %M" $q score -s Benchmarks/scorecard-20.yaml $D/audits-1000000.csv --by agent --format csv > /tmp/o-$b-csv.csv 2>/tmp/t; tail -1 /tmp/t
    /usr/bin/time -f "$b jsonl run $run: %e %U %M" $q score -s Benchmarks/scorecard-20.yaml $D/audits-1000000.jsonl --by agent --format csv > /tmp/o-$b-jsonl.csv 2>/tmp/t; tail -1 /tmp/t
    /usr/bin/time -f "$b points run $run: %e %U %M" $q score -s Benchmarks/scorecard-20-points.yaml $D/audits-1000000.csv --by agent --format csv > /tmp/o-$b-points.csv 2>/tmp/t; tail -1 /tmp/t
    /usr/bin/time -f "$b export run $run: %e %U %M" $q export -s Benchmarks/scorecard-20.yaml Benchmarks/data/audits-report-1m.csv > /dev/null 2>/tmp/t; tail -1 /tmp/t
  done
  if [ $run -le 3 ]; then /usr/bin/time -f "pandas run $run: %e %U %M" $py Benchmarks/compare/score_pandas.py $D/audits-1000000.csv > /tmp/o-pandas.csv 2>/tmp/t; tail -1 /tmp/t; fi
done
uptime
md5sum /tmp/o-*-csv.csv /tmp/o-*-jsonl.csv /tmp/o-*-points.csv
