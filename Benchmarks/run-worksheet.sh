#!/usr/bin/env bash
# Times `qakit worksheet` for N generated interactions (Benchmarks/generate_interactions.py) with
# the 20-criterion Benchmarks/scorecard-20.yaml, three runs, and prints each run's wall time,
# user and system CPU and peak RSS (`/usr/bin/time -f "%e %U %S %M"`), then the workbook's size
# and, when LibreOffice is installed, how long `soffice --convert-to csv` takes to open it.
#
#   Benchmarks/run-worksheet.sh            # 10,000 interactions
#   Benchmarks/run-worksheet.sh 100000     # any N
#   QAKIT=path/to/qakit Benchmarks/run-worksheet.sh
#
# Without QAKIT, builds the release binary first.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-10000}
if [[ -z ${QAKIT:-} ]]; then
    swift build -c release --product qakit >/dev/null
    QAKIT=.build/release/qakit
fi
work=$(mktemp -d /tmp/qakit-worksheet-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/generate_interactions.py --interactions "$count" --out "$work/interactions.csv"

for run in 1 2 3; do
    /usr/bin/time -f "run $run: %e s wall, %U s user, %S s system, %M KB peak RSS" \
        "$QAKIT" worksheet -s Benchmarks/scorecard-20.yaml --interactions "$work/interactions.csv" -o "$work/worksheet.xlsx" 2>&1 \
        | grep -v '^qakit: wrote'
done
echo "workbook: $(stat -c %s "$work/worksheet.xlsx") bytes; sheet1.xml $(unzip -p "$work/worksheet.xlsx" xl/worksheets/sheet1.xml | wc -c) bytes"
if command -v soffice >/dev/null; then
    /usr/bin/time -f "soffice --convert-to csv: %e s wall" \
        soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to csv --outdir "$work/csv" "$work/worksheet.xlsx" >/dev/null
    echo "LibreOffice read $(($(wc -l < "$work/csv/worksheet.csv") - 1)) rows"
fi
