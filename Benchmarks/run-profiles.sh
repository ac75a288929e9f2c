#!/usr/bin/env bash
# Reading audits through an import profile (docs/imports.md), release build, side by side:
#   - qakit on its own CSV (the reference),
#   - qakit on the same audits in a foreign layout through Benchmarks/profile-bench.yaml (renamed
#     columns, a value map, Yes/No words, a dd/mm/yyyy date format, ';' and a decimal comma),
#   - qakit on its own CSV in Windows-1252 (--encoding windows-1252) and on the same text in
#     UTF-8 (characters Windows-1252 lacks replaced in both),
#   - pandas reading the foreign file with the same renames, maps and date format (what a user
#     would write instead; it only reads, it does not score);
# then the long pivot (one row per answer) on the first N audits, rows interleaved and grouped.
# Each qakit run is `score --by agent`; the outputs of the three qakit runs must be identical.
#
#   Benchmarks/run-profiles.sh            # 1M audits, long pivot on 150k audits (~3M answer rows)
#   Benchmarks/run-profiles.sh 100000 20000
#   Benchmarks/run-profiles.sh 1000000 0  # the wide files only (no long pivot)
#
# Data go to $QAKIT_BENCH_DATA (default /tmp/bench-profiles), never into the repository.
#
# Prints "wall user system peak-RSS-KB" per run (/usr/bin/time -f "%e %U %S %M"), then medians.
set -euo pipefail
cd "$(dirname "$0")/.."

audits=${1:-1000000}
long_audits=${2:-150000}
runs=3
python=${QAKIT_BENCH_PYTHON:-$HOME/.venvs/qakit-bench/bin/python}
scorecard=Benchmarks/scorecard-20.yaml
case $audits in
    1000000) label=1m ;;
    100000) label=100k ;;
    *) label=$audits ;;
esac
store=${QAKIT_BENCH_DATA:-/tmp/bench-profiles}
data=$store/audits-$label.csv
foreign=$store/audits-$label-foreign.csv
twin=$store/audits-$label-utf8-twin.csv
legacy=$store/audits-$label-cp1252.csv
long=$store/answers-$long_audits.csv
grouped=$store/answers-$long_audits-grouped.csv
work=$(mktemp -d /tmp/qakit-profiles-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

swift build -c release --product qakit >/dev/null
qakit=.build/release/qakit

mkdir -p "$store"
[[ -f $data ]] || python3 Benchmarks/generate.py --audits "$audits" --out "$data"
[[ -f $foreign ]] || python3 Benchmarks/profiles_data.py foreign "$data" "$foreign"
[[ -f $legacy ]] || python3 Benchmarks/profiles_data.py cp1252 "$data" "$twin" "$legacy"
if ((long_audits > 0)); then
    [[ -f $long ]] || python3 Benchmarks/profiles_data.py long "$data" "$long" "$long_audits"
    [[ -f $grouped ]] || python3 Benchmarks/profiles_data.py long "$data" "$grouped" "$long_audits" --grouped
    head -n $((long_audits + 1)) "$data" > "$work/subset.csv"
    ls -l "$long" "$grouped" | awk '{ printf "%-50s %8.1f MB\n", $9, $5 / 1048576 }'
    echo "answer rows in $long: $(($(wc -l < "$long") - 1))"
fi
ls -l "$data" "$foreign" "$twin" "$legacy" | awk '{ printf "%-50s %8.1f MB\n", $9, $5 / 1048576 }'
uptime

declare -A command=(
    [native]="$qakit score -s $scorecard $data --by agent"
    [profile]="$qakit score -s $scorecard $foreign --profile Benchmarks/profile-bench.yaml --by agent"
    [utf8-twin]="$qakit score -s $scorecard $twin --by agent"
    [cp1252]="$qakit score -s $scorecard $legacy --encoding windows-1252 --by agent"
    [pandas]="$python Benchmarks/profiles_data.py pandas $foreign"
    [wide-subset]="$qakit score -s $scorecard $work/subset.csv --by agent"
    [long]="$qakit score -s $scorecard $long --profile Benchmarks/profile-bench-long.yaml --by agent"
    [long-grouped]="$qakit score -s $scorecard $grouped --profile Benchmarks/profile-bench-long-grouped.yaml --by agent"
)
engines=(native profile utf8-twin cp1252 pandas wide-subset long long-grouped)
((long_audits > 0)) || engines=(native profile utf8-twin cp1252 pandas)
for run in $(seq "$runs"); do
    for engine in "${engines[@]}"; do
        /usr/bin/time -f "%e %U %S %M" -o "$work/$engine.$run.time" ${command[$engine]} >"$work/$engine.out" 2>"$work/$engine.err"
        echo "$engine run $run: $(cat "$work/$engine.$run.time")"
    done
done

echo
printf '%-13s %8s %8s %8s %10s   (median of %d; wall, user, system s; peak RSS MB)\n' run wall user sys rss "$runs"
for engine in "${engines[@]}"; do
    median() { cat "$work/$engine".*.time | awk -v f="$1" '{ print $f }' | sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
    printf '%-13s %8s %8s %8s %10.1f\n' "$engine" "$(median 1)" "$(median 2)" "$(median 3)" "$(echo "$(median 4)" | awk '{ print $1 / 1024 }')"
done
echo
for engine in "${engines[@]}"; do [[ $engine == pandas ]] || echo "$engine: $(tail -1 "$work/$engine.err")"; done
cat "$work/pandas.out"
uptime
cmp "$work/native.out" "$work/profile.out" && echo "profile output identical to native"
cmp "$work/utf8-twin.out" "$work/cp1252.out" && echo "windows-1252 output identical to its UTF-8 twin"
if ((long_audits > 0)); then
    cmp "$work/wide-subset.out" "$work/long.out" && echo "long pivot output identical to the wide subset"
    cmp "$work/wide-subset.out" "$work/long-grouped.out" && echo "grouped long pivot output identical to the wide subset"
fi
