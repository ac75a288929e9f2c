#!/usr/bin/env bash
# `qakit compare` on N generated audits of a two-version scorecard, side by side in one run with
# `qakit score --by agent` on the same file (the issue's target: compare at most 2.5 times one
# score) and with the same comparison in pandas (Benchmarks/compare/compare_pandas.py), in turns,
# RUNS times each; wall, user CPU and peak RSS (/usr/bin/time), release build.
#
#   Benchmarks/run-compare.sh [N] [RUNS]     # default 1000000 audits, 3 runs
#
# Version 1 is Benchmarks/scorecard-20.yaml; version 2 (written under Benchmarks/data/) sets
# effective_from 2026-07-01 (the generated dates span 2026), doubles `accuracy`'s weight (2 → 4)
# and lowers `resolution`'s `partial` credit (0.5 → 0.25). Audits are from
# Benchmarks/generate.py, as for Benchmarks/compare-scoring.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
runs=${2:-3}
venv=${QAKIT_BENCH_VENV:-$HOME/.venvs/qakit-bench}
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pandas, pyarrow' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas pyarrow duckdb
fi
py=$venv/bin/python

mkdir -p Benchmarks/data/compare-scorecards/archive
data=Benchmarks/data/audits-$audits.csv
[[ -f $data ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$data"
cards=Benchmarks/data/compare-scorecards
cp Benchmarks/scorecard-20.yaml $cards/archive/bench-20.v1.yaml
python3 - "$cards/bench-20.yaml" <<'PY'
import sys
text = open("Benchmarks/scorecard-20.yaml").read()
text = text.replace("version: 1\n", "version: 2\neffective_from: 2026-07-01\n", 1)
text = text.replace("        max: 10\n        weight: 2\n", "        max: 10\n        weight: 4\n", 1)
text = text.replace("{ value: partial, label: Partially resolved, credit: 0.5 }", "{ value: partial, label: Partially resolved, credit: 0.25 }", 1)
open(sys.argv[1], "w").write(text)
PY
swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit
work=$(mktemp -d /tmp/qakit-run-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "uptime: $(uptime)"
"$py" -c 'import pandas, sys; print(f"pandas {pandas.__version__}, python {sys.version.split()[0]}")'
echo "data: $data ($(du -h "$data" | cut -f1)), $(nproc) cores"
compare=("$qakit" compare -s $cards "$data" --scorecard bench-20 --from-version 1 --to-version 2)
printf '%-16s %4s %8s %8s %9s\n' tool run wall_s user_s peak_MB
for run in $(seq 1 "$runs"); do
    for tool in score compare-table compare-csv compare-json pandas; do
        case $tool in
            score) command=("$qakit" score -s $cards "$data" --by agent --format csv) ;;
            compare-table) command=("${compare[@]}") ;;
            compare-csv) command=("${compare[@]}" --format csv --rows groups) ;;
            compare-json) command=("${compare[@]}" --format json) ;;
            pandas) command=("$py" Benchmarks/compare/compare_pandas.py "$data") ;;
        esac
        /usr/bin/time -f "%e %U %M" -o "$work/time" "${command[@]}" >"$work/$tool.out" 2>"$work/$tool.err"
        read -r wall user rss <"$work/time"
        printf '%-16s %4d %8.2f %8.2f %9.1f\n' "$tool" "$run" "$wall" "$user" "$(awk "BEGIN { print $rss / 1024 }")"
    done
done
tail -1 "$work/compare-table.err"
echo "uptime: $(uptime)"
# The same per-agent figures from qakit and pandas (means to two decimals; pandas in float64).
python3 - "$work/compare-csv.out" "$work/pandas.out" <<'PY'
import csv, sys
qakit = {r["key"]: r for r in csv.DictReader(open(sys.argv[1]))}
pandas = {r["agent"]: r for r in csv.DictReader(open(sys.argv[2]))}
assert qakit.keys() == pandas.keys(), "different agents"
worst = 0.0
for agent, q in qakit.items():
    p = pandas[agent]
    assert int(q["audits"]) == int(p["audits"]) and int(q["flips"]) == int(p["flips"]), agent
    for field in ("mean_from", "mean_to"):
        worst = max(worst, abs(float(q[field]) - float(p[field])))
print(f"qakit vs pandas: {len(qakit)} agents, same audits and flips, means within {worst:.4f}")
PY
