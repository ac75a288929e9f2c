#!/usr/bin/env bash
# `score --by agent` on N generated audits of Benchmarks/scorecard-20.yaml, side by side in one
# run: qakit (release build), pandas (pyarrow engine) and DuckDB, in turns, RUNS times each;
# prints wall, user CPU and peak RSS per run, and checks that the three agree per agent
# (Benchmarks/compare/check_same.py).
#
#   Benchmarks/compare-scoring.sh [N] [RUNS]     # default 1000000 audits, 5 runs
#   QAKIT_BASELINE=/path/to/older/qakit Benchmarks/compare-scoring.sh
#                                                # adds an older qakit build to each turn, to show a
#                                                # change is no slower on the same machine at the same time
#
# Python: a virtual environment outside the repository with pandas, pyarrow and duckdb from PyPI
# (QAKIT_BENCH_VENV, default ~/.venvs/qakit-bench; created when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
runs=${2:-5}
venv=${QAKIT_BENCH_VENV:-$HOME/.venvs/qakit-bench}
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import pandas, pyarrow, duckdb' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas pyarrow duckdb
fi
py=$venv/bin/python

mkdir -p Benchmarks/data
data=Benchmarks/data/audits-$audits.csv
[[ -f $data ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$data"
swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit
work=$(mktemp -d /tmp/qakit-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$py" -c 'import pandas, duckdb, sys; print(f"pandas {pandas.__version__}, duckdb {duckdb.__version__}, python {sys.version.split()[0]}")'
echo "data: $data ($(du -h "$data" | cut -f1)), $(nproc) cores"
printf '%-8s %4s %8s %8s %9s\n' tool run wall_s user_s peak_MB
tools=(qakit pandas duckdb)
[[ -n ${QAKIT_BASELINE:-} ]] && tools=(baseline "${tools[@]}")
for run in $(seq 1 "$runs"); do
    for tool in "${tools[@]}"; do
        case $tool in
            baseline) command=("$QAKIT_BASELINE" score -s Benchmarks/scorecard-20.yaml "$data" --by agent --format csv) ;;
            qakit) command=("$qakit" score -s Benchmarks/scorecard-20.yaml "$data" --by agent --format csv) ;;
            pandas) command=("$py" Benchmarks/compare/score_pandas.py "$data") ;;
            duckdb) command=("$py" Benchmarks/compare/score_duckdb.py "$data") ;;
        esac
        /usr/bin/time -f "%e %U %M" -o "$work/time" "${command[@]}" >"$work/$tool.csv" 2>"$work/$tool.err"
        read -r wall user rss <"$work/time"
        printf '%-8s %4d %8.2f %8.2f %9.1f\n' "$tool" "$run" "$wall" "$user" "$(awk "BEGIN { print $rss / 1024 }")"
    done
done
for tool in pandas duckdb; do
    printf 'qakit vs %s: ' "$tool"
    python3 Benchmarks/compare/check_same.py "$work/qakit.csv" "$work/$tool.csv"
done
