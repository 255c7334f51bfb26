#!/usr/bin/env bash
# Soaks the embedded runtime: builds the bench server, starts it in soak mode in its own JVM (JVM_FLAGS, -Xmx512m
# unless set), and runs the soak driver against it: 100,000 connect / join / emit / receive / disconnect cycles on 8
# threads, some ending by a TCP reset, mid-stream or mid-handshake. Prints the server's counters and live heap after
# the warm-up and at the end; exits non-zero when a check failed.
# Usage: benchmarks/soak.sh [driver options, e.g. --cycles 20000 --threads 4 --skip stream-reset]
set -euo pipefail
cd "$(dirname "$0")/.."

JVM_FLAGS="${JVM_FLAGS:--Xmx512m}"
LOG=benchmarks/target/soak-server.log

. benchmarks/server.sh
build_bench
start_server soak "$LOG" $JVM_FLAGS
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
echo "soak server on port $port (pid $pid, $JVM_FLAGS)"

status=0
java -Xmx256m -cp "$CP" org.cdigateway.bench.load.SoakDriver --port "$port" --server-pid "$pid" "$@" || status=$?
echo "server log: $(grep -c -E '^(WARNING|SEVERE)' "$LOG" || true) warnings or errors (see $LOG)"
exit "$status"
