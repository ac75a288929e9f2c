#!/usr/bin/env bash
# Times `qakit kpis --by agent` on N generated tickets (release build) side by side with pandas
# and DuckDB computing the same figures (Benchmarks/kpis_reference.py), in turns, 3 runs each,
# and checks that the three agree on every figure.
#
#   Benchmarks/run-kpis.sh              # 1M tickets, 200 agents (generates Benchmarks/data/tickets-1m.csv once, ~145 MB)
#   Benchmarks/run-kpis.sh 100000       # any N; files are named tickets-<N>.csv
#
# Needs the benchmark venv with pandas and duckdb (QAKIT_BENCH_PYTHON, default
# $HOME/.venvs/qakit-bench/bin/python). Prints "wall user system peak-RSS-KB" per run, as
# /usr/bin/time -f "%e %U %S %M" reports them, then the median of each.
set -euo pipefail
cd "$(dirname "$0")/.."

tickets=${1:-1000000}
runs=3
python=${QAKIT_BENCH_PYTHON:-$HOME/.venvs/qakit-bench/bin/python}
case $tickets in
    1000000) label=1m ;;
    100000) label=100k ;;
    *) label=$tickets ;;
esac
data=Benchmarks/data/tickets-$label.csv
work=$(mktemp -d /tmp/qakit-kpis-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

if [[ ! -f $data ]]; then
    mkdir -p Benchmarks/data
    python3 examples/generate_tickets.py --tickets "$tickets" --agents 200 --out "$data"
fi

declare -A command=(
    [qakit]="$qakit kpis $data --by agent --format json"
    [pandas]="$python Benchmarks/kpis_reference.py pandas $data"
    [duckdb]="$python Benchmarks/kpis_reference.py duckdb $data"
)
engines=(qakit pandas duckdb)
for run in $(seq "$runs"); do
    for engine in "${engines[@]}"; do
        /usr/bin/time -f "%e %U %S %M" -o "$work/$engine.$run.time" ${command[$engine]} >"$work/$engine.json" 2>"$work/$engine.err"
        echo "$engine run $run: $(cat "$work/$engine.$run.time")"
    done
done

echo
printf '%-8s %8s %8s %8s %10s   (median of %d; wall, user, system s; peak RSS MB)\n' engine wall user sys rss "$runs"
for engine in "${engines[@]}"; do
    median() { cat "$work/$engine".*.time | awk -v f="$1" '{ print $f }' | sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
    printf '%-8s %8s %8s %8s %10.1f\n' "$engine" "$(median 1)" "$(median 2)" "$(median 3)" "$(echo "$(median 4)" | awk '{ print $1 / 1024 }')"
done
echo
tail -1 "$work/qakit.err"
"$python" Benchmarks/kpis_reference.py compare "$work/qakit.json" "$work/pandas.json" "$work/duckdb.json"
