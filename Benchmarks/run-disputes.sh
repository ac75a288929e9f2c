#!/usr/bin/env bash
# `score --by agent` on 1M generated audits (Benchmarks/generate.py, as compare-scoring.sh) with
# and without `--disputes` of 10k generated disputes (Benchmarks/generate_disputes.py), side by
# side in one run with pandas doing the same (compare/score_disputes_pandas.py), RUNS turns;
# prints wall, user CPU and peak RSS, and checks that qakit and pandas agree per agent.
#
#   Benchmarks/run-disputes.sh [AUDITS] [DISPUTES] [RUNS]   # default 1000000 10000 5
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
disputes=${2:-10000}
runs=${3:-5}
venv=${QAKIT_BENCH_VENV:-$HOME/.venvs/qakit-bench}
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pandas, pyarrow' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas pyarrow duckdb
fi
py=$venv/bin/python

mkdir -p Benchmarks/data
data=Benchmarks/data/audits-$audits.csv
[[ -f $data ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$data"
disputes_file=Benchmarks/data/disputes-$disputes-of-$audits.csv
[[ -f $disputes_file ]] || python3 Benchmarks/generate_disputes.py "$data" --disputes "$disputes" --out "$disputes_file"
swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit
work=$(mktemp -d /tmp/qakit-disputes-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "data: $data ($(du -h "$data" | cut -f1)), $disputes_file ($(wc -l <"$disputes_file") lines), $(nproc) cores"
uptime
printf '%-16s %4s %8s %8s %9s\n' tool run wall_s user_s peak_MB
for run in $(seq 1 "$runs"); do
    for tool in qakit qakit-disputes pandas-disputes; do
        case $tool in
            qakit) command=("$qakit" score -s Benchmarks/scorecard-20.yaml "$data" --by agent --format csv) ;;
            qakit-disputes) command=("$qakit" score -s Benchmarks/scorecard-20.yaml "$data" --by agent --format csv --disputes "$disputes_file") ;;
            pandas-disputes) command=("$py" Benchmarks/compare/score_disputes_pandas.py "$data" "$disputes_file") ;;
        esac
        /usr/bin/time -f "%e %U %M" -o "$work/time" "${command[@]}" >"$work/$tool.csv" 2>"$work/$tool.err" || {
            echo "$tool failed:"; tail -5 "$work/$tool.err"; exit 1; }
        read -r wall user rss <"$work/time"
        printf '%-16s %4d %8.2f %8.2f %9.1f\n' "$tool" "$run" "$wall" "$user" "$(awk "BEGIN { print $rss / 1024 }")" | tee -a "$work/all"
    done
done
# On a shared machine the fastest turn is the one least disturbed: compare minima (and medians).
python3 - "$work/all" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for tool in ["qakit", "qakit-disputes", "pandas-disputes"]:
    wall = [float(r[2]) for r in rows if r[0] == tool]
    user = [float(r[3]) for r in rows if r[0] == tool]
    print(f"{tool:16} wall min {min(wall):6.2f} median {statistics.median(wall):6.2f}   user min {min(user):6.2f} median {statistics.median(user):6.2f}")
PY
tail -2 "$work/qakit-disputes.err"
printf 'qakit --disputes vs pandas: '
python3 Benchmarks/compare/check_same.py "$work/qakit-disputes.csv" "$work/pandas-disputes.csv"
uptime
