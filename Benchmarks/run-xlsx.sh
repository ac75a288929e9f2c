#!/usr/bin/env bash
# Times `qakit score X.xlsx --by agent` (release build) against pandas.read_excel(engine="openpyxl")
# on the same workbook: 100,000 generated audits of the 20-criterion benchmark scorecard, saved as
# .xlsx by LibreOffice. Prints "wall user system peakKB" per run (median of 3 is yours to take).
#
#   Benchmarks/run-xlsx.sh                        # needs soffice (apt-get install -y libreoffice-calc)
#   PYTHON=$HOME/.venvs/qakit-bench/bin/python Benchmarks/run-xlsx.sh   # a Python with pandas + openpyxl
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
scorecard=Benchmarks/scorecard-20.yaml
data=Benchmarks/data
csv=$data/audits-100k.csv
xlsx=$data/audits-100k.xlsx

mkdir -p "$data"
[[ -f $csv ]] || python3 Benchmarks/generate.py --audits 100000 --out "$csv"
# 44,34,76,1: comma-separated, double quotes, UTF-8, from line 1.
[[ -f $xlsx ]] || soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$data" "$csv" >/dev/null

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

# The workbook must score as the CSV does.
cmp <("$qakit" score -s "$scorecard" "$csv" --by agent --format csv 2>/dev/null) \
    <("$qakit" score -s "$scorecard" "$xlsx" --by agent --format csv 2>/dev/null)

for run in 1 2 3; do
    printf 'qakit score --by agent, run %d: ' "$run"
    /usr/bin/time -f "%e %U %S %M" "$qakit" score -s "$scorecard" "$xlsx" --by agent 2>&1 >/dev/null | tail -1
done
for run in 1 2 3; do
    printf 'pandas.read_excel(openpyxl), run %d: ' "$run"
    /usr/bin/time -f "%e %U %S %M" "$python" -c \
        "import pandas, sys; frame = pandas.read_excel(sys.argv[1], engine='openpyxl'); print(len(frame))" "$xlsx" 2>&1 >/dev/null | tail -1
done
