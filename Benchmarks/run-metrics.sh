#!/usr/bin/env bash
# Times `qakit score --by agent` on 1M audits of the 20-criterion benchmark scorecard alone, then
# with `--metrics` over 1M tickets, side by side with pandas doing the same groupby, KPIs and
# outer merge (Benchmarks/metrics_reference.py) on qakit's per-audit scores, release build, in
# turns, 3 runs each; then checks that qakit and pandas agree on every group and figure.
#
#   Benchmarks/run-metrics.sh            # 1M audits and 1M tickets, 200 agents (generated once under Benchmarks/data/)
#   Benchmarks/run-metrics.sh 100000     # any N of each
#
# Needs the benchmark venv with pandas (QAKIT_BENCH_PYTHON, default
# $HOME/.venvs/qakit-bench/bin/python). Prints "wall user system peak-RSS-KB" per run, as
# /usr/bin/time -f "%e %U %S %M" reports them, then the median of each.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-1000000}
runs=3
python=${QAKIT_BENCH_PYTHON:-$HOME/.venvs/qakit-bench/bin/python}
case $count in
    1000000) label=1m ;;
    100000) label=100k ;;
    *) label=$count ;;
esac
scorecard=Benchmarks/scorecard-20.yaml
audits=Benchmarks/data/audits-$label-200.csv
tickets=Benchmarks/data/tickets-$label-joined.csv
scores=Benchmarks/data/scores-$label-200.csv
work=$(mktemp -d /tmp/qakit-metrics-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

mkdir -p Benchmarks/data
[[ -f $audits ]] || python3 Benchmarks/generate.py --audits "$count" --agents 200 --out "$audits"
if [[ ! -f $tickets ]]; then
    python3 examples/generate_tickets.py --tickets "$count" --agents 200 --out "$work/tickets-raw.csv"
    python3 Benchmarks/metrics_reference.py prepare "$audits" "$work/tickets-raw.csv" "$tickets"
fi
# pandas starts from qakit's per-audit scores: scoring the rubric is not a pandas job.
[[ -f $scores ]] || "$qakit" score -s "$scorecard" "$audits" --format csv -o "$scores" 2>/dev/null

declare -A command=(
    [score]="$qakit score -s $scorecard $audits --by agent --format json"
    [score+metrics]="$qakit score -s $scorecard $audits --by agent --format json --metrics $tickets"
    [kpis]="$qakit kpis $tickets --by agent --format json"
    [pandas]="$python Benchmarks/metrics_reference.py pandas $scores $tickets"
)
engines=(score score+metrics kpis pandas)
for run in $(seq "$runs"); do
    for engine in "${engines[@]}"; do
        /usr/bin/time -f "%e %U %S %M" -o "$work/$engine.$run.time" ${command[$engine]} >"$work/$engine.json" 2>"$work/$engine.err"
        echo "$engine run $run: $(cat "$work/$engine.$run.time")"
    done
done

echo
printf '%-14s %8s %8s %8s %10s   (median of %d; wall, user, system s; peak RSS MB)\n' run wall user sys rss "$runs"
for engine in "${engines[@]}"; do
    median() { cat "$work/$engine".*.time | awk -v f="$1" '{ print $f }' | sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
    printf '%-14s %8s %8s %8s %10.1f\n' "$engine" "$(median 1)" "$(median 2)" "$(median 3)" "$(echo "$(median 4)" | awk '{ print $1 / 1024 }')"
done
echo
grep -h "warning: .* agents\? with" "$work/score+metrics.err" | cut -c1-120
(cd Benchmarks && "$python" metrics_reference.py compare "$work/score+metrics.json" "$work/pandas.json")
