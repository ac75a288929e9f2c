#!/usr/bin/env bash
# Times `qakit score --by agent` and `qakit score --format csv -o FILE` on N generated audits of
# the 20-criterion benchmark scorecard (release build), printing wall time and peak RSS.
#
#   Benchmarks/run-scoring.sh            # 1M audits (generates Benchmarks/data/audits-1m.csv once, 212 MB)
#   Benchmarks/run-scoring.sh 100000     # any N; files are named audits-<N>.csv
#   Benchmarks/run-scoring.sh 10000000 --stream
#                                        # N audits piped from the generator into `qakit score ... -`
#                                        # (no file on disk; aggregate run only; wall time includes
#                                        # the generator competing for the same cores)
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
mode=${2:-file}
scorecard=Benchmarks/scorecard-20.yaml
case $audits in
    1000000) label=1m ;;
    100000) label=100k ;;
    *) label=$audits ;;
esac
data=Benchmarks/data/audits-$label.csv
out=$(mktemp /tmp/qakit-bench-XXXXXX.csv)
trap 'rm -f "$out" "$out.time" "$out.err"' EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

# Prints "label: wall W s, peak RSS M MB" from a `/usr/bin/time -v` report.
report() {
    local wall rss
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$2" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$2")
    printf '%-38s wall %6.2f s   peak RSS %6.1f MB\n' "$1" "$wall" "$(echo "$rss" | awk '{ print $1 / 1024 }')"
    sed 's/^/    /' "$out.err"
}

if [[ $mode == --stream ]]; then
    python3 Benchmarks/generate.py --audits "$audits" --out - \
        | /usr/bin/time -v -o "$out.time" "$qakit" score -s "$scorecard" - --by agent >/dev/null 2>"$out.err"
    report "score --by agent (stream, $audits)" "$out.time"
    exit 0
fi

if [[ ! -f $data ]]; then
    mkdir -p Benchmarks/data
    python3 Benchmarks/generate.py --audits "$audits" --out "$data"
fi

/usr/bin/time -v -o "$out.time" "$qakit" score -s "$scorecard" "$data" --by agent >/dev/null 2>"$out.err"
report "score --by agent ($audits)" "$out.time"
/usr/bin/time -v -o "$out.time" "$qakit" score -s "$scorecard" "$data" --format csv -o "$out" 2>"$out.err"
report "score --format csv -o FILE ($audits)" "$out.time"
