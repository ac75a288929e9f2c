#!/usr/bin/env bash
# `score --by agent` on 1M generated audits x 20 criteria (Benchmarks/generate.py), in turns:
#   plain  - Benchmarks/scorecard-20.yaml (the scorecard of compare-scoring.sh)
#   points - Benchmarks/scorecard-20-points.yaml: the same 20 criteria under `scoring: points`,
#            with penalties, critical_below, fails, na_policy: fail, unless and conditions on answers
#   jsonl  - the plain scorecard on the same audits as JSON Lines (Benchmarks/generate.py); target ≤ 2× plain
#   pandas - Benchmarks/compare/score_pandas.py (pyarrow engine) on the plain scorecard, for reference
# Prints wall, user CPU and peak RSS per run and the median of each; also checks that the points
# run scored every record straight from the CSV bytes (the same count of audits as the plain run).
#
#   Benchmarks/run-formkeys.sh [N] [RUNS]     # default 1000000 audits, 3 runs
#
# Data lives outside the repository (/tmp/bench-formkeys). Python: QAKIT_BENCH_VENV, default
# ~/.venvs/qakit-bench (pandas, pyarrow).
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
runs=${2:-3}
venv=${QAKIT_BENCH_VENV:-$HOME/.venvs/qakit-bench}
py=$venv/bin/python
dir=/tmp/bench-formkeys
mkdir -p "$dir"
data=$dir/audits-$audits.csv
[[ -f $data ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$data"
lines=$dir/audits-$audits.jsonl
[[ -f $lines ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$lines"
swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

uptime
"$py" -c 'import pandas, sys; print(f"pandas {pandas.__version__}, python {sys.version.split()[0]}")'
echo "data: $data ($(du -h "$data" | cut -f1)), $(nproc) cores"
rm -f "$dir/times"
printf '%-8s %4s %8s %8s %9s\n' tool run wall_s user_s peak_MB
for run in $(seq 1 "$runs"); do
    for tool in plain points jsonl pandas; do
        case $tool in
            plain) command=("$qakit" score -s Benchmarks/scorecard-20.yaml "$data" --by agent --format csv) ;;
            points) command=("$qakit" score -s Benchmarks/scorecard-20-points.yaml "$data" --by agent --format csv) ;;
            jsonl) command=("$qakit" score -s Benchmarks/scorecard-20.yaml "$lines" --by agent --format csv) ;;
            pandas) command=("$py" Benchmarks/compare/score_pandas.py "$data") ;;
        esac
        /usr/bin/time -f "%e %U %M" -o "$dir/time" "${command[@]}" >"$dir/$tool.csv" 2>"$dir/$tool.err" || true
        read -r wall user rss <"$dir/time"
        printf '%-8s %4d %8.2f %8.2f %9.1f\n' "$tool" "$run" "$wall" "$user" "$(awk "BEGIN { print $rss / 1024 }")" | tee -a "$dir/times"
    done
done
uptime
# Medians per tool (sort, not gawk's asort: Debian's default awk is mawk).
for tool in plain points jsonl pandas; do
    median() { awk -v t="$tool" '$1 == t { print $'"$1"' }' "$dir/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    printf 'median %-7s wall %s s  user %s s  peak %s MB\n' "$tool" "$(median 3)" "$(median 4)" "$(median 5)"
done
rm -f "$dir/times"
# Both qakit runs must have scored every audit (no rejection): the totals of the audits column agree.
for tool in plain points jsonl; do
    printf '%s: ' "$tool"; python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1]))); print(len(rows), "agents,", sum(int(r["audits"]) for r in rows), "audits")' "$dir/$tool.csv"
done
cmp -s "$dir/plain.csv" "$dir/jsonl.csv" && echo "jsonl output identical to the CSV's" || echo "jsonl output DIFFERS from the CSV's"
