#!/usr/bin/env bash
# Times `qakit sample --per-agent 5` against the same choice in pandas (Benchmarks/sample_pandas.py)
# on N generated interactions, three runs each, alternating, and prints every run and the median
# of wall time, user and system CPU and peak RSS (`/usr/bin/time -f "%e %U %S %M"`). Both write
# their sample to a file; the script checks that they chose the same interaction ids.
#
#   Benchmarks/run-sample.sh                     # 1M interactions (Benchmarks/data/interactions-1m.csv, made once)
#   Benchmarks/run-sample.sh 100000              # any N
#   QAKIT=path/to/qakit PYTHON=path/to/python Benchmarks/run-sample.sh
#
# PYTHON must have pandas (default: python3). Without QAKIT, builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
case $count in
    1000000) label=1m ;;
    100000) label=100k ;;
    *) label=$count ;;
esac
data=Benchmarks/data/interactions-$label.csv
python=${PYTHON:-python3}
if [[ -z ${QAKIT:-} ]]; then
    swift build -c release --product qakit >/dev/null
    QAKIT=.build/release/qakit
fi
work=$(mktemp -d /tmp/qakit-sample-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ ! -f $data ]]; then
    mkdir -p Benchmarks/data
    python3 Benchmarks/generate_interactions.py --interactions "$count" --out "$data"
fi
echo "input: $data ($(wc -l <"$data") lines, $(du -m "$data" | cut -f1) MB); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs "$@" under /usr/bin/time, appending "wall user sys rss_kb" to $work/$name.
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    cat "$work/time" >>"$work/$name"
    printf '  %-7s wall %6s s  user %6s s  sys %5s s  peak RSS %7s KB\n' "$name" $(cat "$work/time")
}

for run in 1 2 3; do
    echo "run $run"
    measure qakit "$QAKIT" sample "$data" --per-agent 5 -o "$work/qakit.csv"
    measure pandas "$python" Benchmarks/sample_pandas.py "$data" 5 0 "$work/pandas.csv"
done

# The same ids chosen, whatever the row order.
if ! cmp -s <(tail -n +2 "$work/qakit.csv" | cut -d, -f1 | sort) <(tail -n +2 "$work/pandas.csv" | cut -d, -f1 | sort); then
    echo "qakit and pandas chose different interactions" >&2
    exit 1
fi
echo "same $(($(wc -l <"$work/qakit.csv") - 1)) interactions chosen by both"

median() { sort -n | sed -n 2p; }
echo "median of 3:"
for name in qakit pandas; do
    printf '  %-7s wall %6s s  user %6s s  sys %5s s  peak RSS %5s MB\n' "$name" \
        "$(cut -d' ' -f1 "$work/$name" | median)" "$(cut -d' ' -f2 "$work/$name" | median)" \
        "$(cut -d' ' -f3 "$work/$name" | median)" "$(cut -d' ' -f4 "$work/$name" | median | awk '{ printf "%.1f", $1 / 1024 }')"
done
