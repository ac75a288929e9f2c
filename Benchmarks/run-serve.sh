#!/usr/bin/env bash
# Load test of `qakit serve` (release build) with wrk on loopback, side by side with the server a
# team would write instead (Benchmarks/serve_baseline.py: Python's ThreadingHTTPServer, one fsync
# per audit, no validation). Measures:
#   1. accepted audits/s from 16 concurrent connections, each acknowledged only after fsync, and
#      the latency percentiles (wrk --latency);
#   2. POST /api/score latency (nothing stored);
#   3. the server's RSS while 100,000 audits are submitted (sampled after every wrk round).
#
#   Benchmarks/run-serve.sh [SECONDS]      # seconds per wrk round, default 20
#
# Needs wrk (apt-get install wrk). The audit file goes to a temporary directory on the same file
# system as /tmp; its line count is checked against the 201s wrk saw.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
command -v wrk >/dev/null || { echo "run-serve: wrk is missing (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d /tmp/qakit-serve-bench-XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit
head -1 examples/audits.jsonl > "$work/audit.json"
export QAKIT_AUDIT=$work/audit.json

echo "# machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"
echo "# file system of the audit file: $(df -T "$work" | awk 'NR==2 {print $2}')"

start_qakit() {
    "$qakit" serve -s scorecards --audits "$1" --port 0 2> "$work/serve.log" &
    pids+=($!)
    qakit_pid=$!
    for _ in $(seq 1 200); do
        port=$(grep -o 'on http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | sed 's/.*://') || true
        [[ -n ${port:-} ]] && return 0
        sleep 0.05
    done
    echo "run-serve: qakit serve did not start" >&2
    cat "$work/serve.log" >&2
    exit 1
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# wrk's summary: requests/s, p50, p99 and the non-2xx count.
summary() {
    awk '
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx/ { bad = $NF }
        END { printf "requests/s %s  p50 %s  p99 %s  non-2xx %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

echo
echo "## 1. POST /api/audits, 16 connections, ${seconds}s, fsync before every 201"
start_qakit "$work/qakit.jsonl"
RUN=1 wrk -t4 -c16 -d"${seconds}s" --latency -s Benchmarks/serve_post.lua "http://127.0.0.1:$port/api/audits" > "$work/wrk1.txt"
lines=$(wc -l < "$work/qakit.jsonl")
echo "qakit serve:  $(summary < "$work/wrk1.txt");  lines in the file $lines = $(awk -v n="$lines" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}') accepted audits/s"

baseline_port=$((port + 1))
python3 Benchmarks/serve_baseline.py "$baseline_port" "$work/baseline.jsonl" 2> /dev/null &
pids+=($!)
sleep 1
RUN=1 wrk -t4 -c16 -d"${seconds}s" --latency -s Benchmarks/serve_post.lua "http://127.0.0.1:$baseline_port/api/audits" > "$work/wrk-baseline.txt"
lines=$(wc -l < "$work/baseline.jsonl")
echo "python baseline: $(summary < "$work/wrk-baseline.txt");  lines in the file $lines = $(awk -v n="$lines" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}') accepted audits/s"

echo
echo "## 2. POST /api/score, 16 connections, ${seconds}s"
UNIQUE=0 wrk -t4 -c16 -d"${seconds}s" --latency -s Benchmarks/serve_post.lua "http://127.0.0.1:$port/api/score" > "$work/wrk2.txt"
echo "qakit serve:  $(summary < "$work/wrk2.txt")"
echo "one connection:  $(UNIQUE=0 wrk -t1 -c1 -d"${seconds}s" --latency -s Benchmarks/serve_post.lua "http://127.0.0.1:$port/api/score" | summary)"

echo
echo "## 3. RSS while 100,000 audits are submitted (16 connections)"
echo "lines_in_file rss_kb"
echo "$(wc -l < "$work/qakit.jsonl") $(rss_kb "$qakit_pid")"
run=2
while [[ $(wc -l < "$work/qakit.jsonl") -lt 100000 ]]; do
    RUN=$run wrk -t4 -c16 -d"${seconds}s" -s Benchmarks/serve_post.lua "http://127.0.0.1:$port/api/audits" > /dev/null
    echo "$(wc -l < "$work/qakit.jsonl") $(rss_kb "$qakit_pid")"
    run=$((run + 1))
done
# Every line is one whole JSON object with a distinct id.
python3 - "$work/qakit.jsonl" <<'EOF'
import json, sys
ids = [json.loads(line)["audit_id"] for line in open(sys.argv[1])]
print(f"check: {len(ids)} lines, {len(set(ids))} distinct ids, all whole JSON objects")
EOF
echo "# load after: $(uptime | sed 's/.*load average: //')"
