#!/usr/bin/env bash
# Times `qakit export` of 1M audits × 20 criteria of Benchmarks/scorecard-20.yaml (20.8M rows,
# calibration audits included) to a pipe, release build, 3 runs; with QAKIT_BASELINE=<binary>
# (an older build), that build too, in turns. For scale, DuckDB's UNPIVOT of the same file to CSV
# (one row per audit × answered criterion with its raw answer: no scoring, credit or points lost;
# DuckDB drops the blank answers).
#
#   Benchmarks/run-speed.sh              # 1M audits (generated once under Benchmarks/data/)
#   Benchmarks/run-speed.sh 100000       # any N
#
# Prints "wall user system peak-RSS-KB" per run, as /usr/bin/time -f "%e %U %S %M" reports them,
# and the rows per second of wall and of user CPU. Needs the benchmark venv for DuckDB
# (QAKIT_BENCH_PYTHON, default $HOME/.venvs/qakit-bench/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=3
python=${QAKIT_BENCH_PYTHON:-$HOME/.venvs/qakit-bench/bin/python}
scorecard=Benchmarks/scorecard-20.yaml
audits=Benchmarks/data/audits-$count.csv
work=$(mktemp -d /tmp/qakit-speed-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qakit >/dev/null
mkdir -p Benchmarks/data
[[ -f $audits ]] || python3 Benchmarks/generate.py --audits "$count" --agents 2000 --calibration-interactions 200 --out "$audits"

declare -A commands=([qakit]=.build/release/qakit)
[[ -n ${QAKIT_BASELINE:-} ]] && commands[baseline]=$QAKIT_BASELINE
uptime
# Two sinks: a pipe into `wc -l` (which counts the rows, and takes CPU of its own on a 2-core
# machine) and /dev/null (qakit's own throughput; the rows are counted by the `wc -l` run).
for run in $(seq $runs); do
    for name in "${!commands[@]}"; do
        rows=$( { /usr/bin/time -o "$work/time" -f "%e %U %S %M" "${commands[$name]}" export -s "$scorecard" "$audits" 2>/dev/null | wc -l; } )
        read -r wall user system rss <"$work/time"
        rows=$((rows - 1))
        echo "$name run $run, | wc -l: $wall $user $system $rss  rows=$rows  rows/s wall=$(python3 -c "print(round($rows/$wall))") user=$(python3 -c "print(round($rows/$user))")"
        /usr/bin/time -o "$work/time" -f "%e %U %S %M" "${commands[$name]}" export -s "$scorecard" "$audits" >/dev/null 2>&1
        read -r wall user system rss <"$work/time"
        echo "$name run $run, >/dev/null: $wall $user $system $rss  rows/s wall=$(python3 -c "print(round($rows/$wall))") user=$(python3 -c "print(round($rows/$user))")"
    done
done
uptime
if [[ -x $python ]]; then
    for run in $(seq $runs); do
        /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$python" -c "
import duckdb, sys
con = duckdb.connect()
con.execute(\"SET threads TO 2\")
con.execute(\"SET enable_progress_bar = false\")
cols = [r[0] for r in con.execute(\"DESCRIBE SELECT * FROM read_csv_auto('$audits', all_varchar=true)\").fetchall()]
criteria = cols[cols.index('calibration') + 1:cols.index('comment')]
con.execute(\"CREATE VIEW audits AS SELECT * FROM read_csv_auto('$audits', all_varchar=true)\")
con.execute(f\"COPY (UNPIVOT audits ON {', '.join(criteria)} INTO NAME criterion VALUE answer) TO '$work/duck.csv' (HEADER)\")
"
        echo "duckdb unpivot run $run: $(cat "$work/time")  rows=$(($(wc -l <"$work/duck.csv") - 1))"
        rm -f "$work/duck.csv"
    done
fi
