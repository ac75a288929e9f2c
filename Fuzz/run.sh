#!/bin/sh
# Builds one libFuzzer target with AddressSanitizer and runs it for SECONDS.
#
#   Fuzz/run.sh FuzzScorecard|FuzzCSV|FuzzJSONLines|FuzzAudits SECONDS [libFuzzer options…]
#
# The targets are declared in Package.swift only when QAKIT_FUZZ is set, and are built in their
# own build directory (.build-fuzz), so the normal build and `swift test` never see them. The
# corpus lives in Fuzz/corpus/TARGET (git-ignored), seeded from scorecards/, examples/ and the
# bad-input corpus of the CLI tests; crashes land in Fuzz/findings/TARGET. Run it under
# `nice -n 19` on a shared machine.
set -eu
target=${1:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

QAKIT_FUZZ=1 swift build -c release --build-path .build-fuzz --product "$target" \
    -Xswiftc -sanitize=fuzzer,address >&2
binary=$(QAKIT_FUZZ=1 swift build -c release --build-path .build-fuzz --show-bin-path)/$target

corpus=Fuzz/corpus/$target
findings=Fuzz/findings/$target
mkdir -p "$corpus" "$findings"
seed() { # seed PREFIX FILE...: copies files into the corpus, PREFIX bytes first (format picks)
    prefix=$1; shift
    for file in "$@"; do
        [ -f "$file" ] || continue
        name=$corpus/seed-$(printf '%s' "$prefix$file" | cksum | cut -d' ' -f1)
        { printf "$prefix"; head -c 16384 "$file"; } > "$name"
    done
}
corpusFiles=Tests/QAKitCLITests/Corpus
case $target in
    FuzzScorecard) seed '' scorecards/*.yaml Benchmarks/*.yaml Tests/QAKitCLITests/Fixtures/*/*.yaml $corpusFiles/*.yaml ;;
    FuzzCSV) seed '\001' examples/*.csv $corpusFiles/*.csv; seed '\201' $corpusFiles/*.tsv ;;
    FuzzJSONLines) seed '\003' examples/*.jsonl $corpusFiles/*.jsonl ;;
    FuzzAudits)
        seed '\000' examples/*.csv $corpusFiles/*.csv
        seed '\001' $corpusFiles/*.tsv
        seed '\002' examples/*.jsonl $corpusFiles/*.jsonl
        seed '\003' $corpusFiles/audits*.yaml
        ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac

# ASan's leak check runs at exit; -rss_limit_mb catches memory blow-ups, -timeout hangs.
# The Swift backtracer would read the stack after a crash and trip AddressSanitizer.
SWIFT_BACKTRACE=enable=no QAKIT_SCORECARDS="$root/scorecards" exec "$binary" "$corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$@"
