#!/bin/sh
# Builds qakit and its tests with AddressSanitizer (leaks included) in .build-asan and runs the
# whole test suite, so every corpus case and CLI test also runs an instrumented `qakit` binary.
# About 1.5 min to build and 1 min to test on 2 shared cores; a sanitizer report in the binary
# changes its exit code and stderr, which the corpus test then fails on.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
swift build --build-tests --build-path .build-asan --sanitize=address
LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-test-runner.supp:print_suppressions=0" \
    swift test --skip-build --build-path .build-asan --sanitize=address "$@"
