#!/bin/sh
# Builds qakit and its tests with AddressSanitizer (leaks included) in .build-asan and runs the
# test suite, so every corpus case and CLI test also runs an instrumented `qakit` binary.
# QAKIT_NO_SERVE leaves `qakit serve` and Hummingbird out of this build (Package.swift): building
# SwiftNIO instrumented took most of this pass's time, and CI must finish within 30 minutes. The
# serve suites (`Serve…Tests`) are skipped here; the normal pass of .ci/run runs them.
# A sanitizer report in the binary changes its exit code and stderr, which the corpus test then
# fails on.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export QAKIT_NO_SERVE=1
swift build --build-tests --build-path .build-asan --sanitize=address
LSAN_OPTIONS="suppressions=$root/Fuzz/lsan-test-runner.supp:print_suppressions=0" \
    swift test --skip-build --build-path .build-asan --sanitize=address --skip 'Serve[A-Za-z]*Tests' "$@"
