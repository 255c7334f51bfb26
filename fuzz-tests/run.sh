#!/usr/bin/env bash
# Fuzzes the inbound path for long, one target after the other, and prints what each did (inputs, exec/s,
# outcomes, findings):
#   FrameFuzzTest   (frame parsing and body decoding, in-process) for FRAME_RUNS inputs, default 1000000;
#   GatewayFuzzTest (the gateway over a real socket) for GATEWAY_TIME, default 10m.
# The generated corpus grows across runs in fuzz-tests/target/jazzer/.cifuzz-corpus, findings are written there as
# crash-*/timeout-* files, each target's console output to fuzz-tests/target/jazzer/<target>.log.
# A run goes on after a finding until KEEP_GOING (default 20) distinct ones.
# Usage: fuzz-tests/run.sh        (FRAME_RUNS=100000 GATEWAY_TIME=2m fuzz-tests/run.sh for a shorter one)
set -uo pipefail
cd "$(dirname "$0")/.."

FRAME_RUNS="${FRAME_RUNS:-1000000}"
GATEWAY_TIME="${GATEWAY_TIME:-10m}"
KEEP_GOING="${KEEP_GOING:-20}"
DIR=fuzz-tests/target/jazzer
status=0

run() { # <test class> <jazzer options>...
    local test=$1
    shift
    mkdir -p "$DIR"
    local log="$DIR/$test.log" marker="$DIR/.$test.started"
    rm -f "$DIR/$test-summary.txt"
    touch "$marker"
    echo "== $test: fuzzing ($*), output in $log"
    ./mvnw -B -ntp -pl fuzz-tests -am verify -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        "$@" >"$log" 2>&1
    local rc=$?
    grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 |
        awk '{ s = $5 > 0 ? $5 : 1; printf "  libFuzzer: %d inputs executed in %d s, %.0f exec/s\n", $2, $5, $2 / s }'
    if [ -f "$DIR/$test-summary.txt" ]; then
        sed 's/^/  /' "$DIR/$test-summary.txt"
    fi
    local found
    found=$(find "$DIR" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' \) -newer "$marker" | sort)
    echo "  finding files: ${found:-none}"
    if [ -n "$found" ]; then # keep_going lets a run end green with findings: they fail the script
        status=1
    fi
    if [ "$rc" -ne 0 ]; then
        echo "  FAILED (exit $rc): see $log"
        status=1
    fi
}

run FrameFuzzTest -Djazzer.max_executions="$FRAME_RUNS" -Djazzer.max_duration=24h -Djazzer.keep_going="$KEEP_GOING"
run GatewayFuzzTest -Djazzer.max_duration="$GATEWAY_TIME" -Djazzer.keep_going="$KEEP_GOING"
exit "$status"
