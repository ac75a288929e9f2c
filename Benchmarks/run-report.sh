#!/usr/bin/env bash
# Times `qakit report` (release build) on 1M generated audits of Benchmarks/scorecard-20.yaml for
# 2,000 agents (with 200 calibration interactions) and 1M generated tickets whose agents are the
# audits' agents, and prints the size of each output. 3 runs each, in turns.
#
#   Benchmarks/run-report.sh [DATA_DIR]     # default Benchmarks/data; files are generated once
#
# Prints "wall user system peak-RSS-KB" per run, as /usr/bin/time -f "%e %U %S %M" reports them.
set -euo pipefail
cd "$(dirname "$0")/.."

data=${1:-Benchmarks/data}
audits=$data/audits-report-1m.csv
tickets=$data/tickets-report-1m.csv
work=$(mktemp -d /tmp/qakit-report-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

mkdir -p "$data"
if [[ ! -f $audits ]]; then
    python3 Benchmarks/generate.py --audits 1000000 --agents 2000 --calibration-interactions 200 --out "$audits"
fi
if [[ ! -f $tickets ]]; then
    python3 examples/generate_tickets.py --tickets 1000000 --agents 2000 --out "$work/tickets-raw.csv"
    python3 Benchmarks/report_tickets.py "$audits" "$work/tickets-raw.csv" "$tickets"
fi

declare -A command=(
    [audits]="$qakit report -s Benchmarks/scorecard-20.yaml $audits -o $work/audits.html"
    [tickets]="$qakit report -s Benchmarks/scorecard-20.yaml $audits --metrics $tickets -o $work/tickets.html"
    [json]="$qakit report -s Benchmarks/scorecard-20.yaml $audits --metrics $tickets --format json -o $work/tickets.json"
)
for run in 1 2 3; do
    for name in audits tickets json; do
        /usr/bin/time -f "$name run $run: %e %U %S %M" ${command[$name]} 2>&1 | grep " run $run: "
    done
done
for file in audits.html tickets.html tickets.json; do
    echo "$file: $(wc -c < "$work/$file") bytes"
done
