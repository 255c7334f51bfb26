#!/usr/bin/env bash
# Builds the bench server, then runs the gateway and the raw endpoint alternately (gateway raw gateway raw ...),
# ROUNDS times (default 3), each in a fresh JVM with the same flags, and prints the medians and gateway/raw ratios.
# MODES="gateway raw socketio" adds the same protocol served to Socket.IO clients (the generator speaks Socket.IO
# over WebSocket then), and its ratio to the native gateway.
# The scenarios are echo, ack (requests with an id, answered with it: Socket.IO acknowledgements), fanout and
# connect; --scenarios echo,ack runs some of them only.
# Usage: benchmarks/run.sh [extra load-generator options, e.g. --echo-messages 400000]
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-gateway raw}"
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch}"
OUT=benchmarks/target/results.txt

. benchmarks/server.sh
build_bench
: > "$OUT"

for round in $(seq 1 "$ROUNDS"); do
    for mode in $MODES; do
        log="benchmarks/target/server-$mode-$round.log"
        start_server "$mode" "$log" $JVM_FLAGS
        echo "round $round: $mode on port $port (pid $pid)"
        java -Xmx1g -cp "$CP" org.cdigateway.bench.load.LoadGenerator --port "$port" --mode "$mode" \
            --server-pid "$pid" "$@" | tee -a "$OUT"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    done
done

java -cp "$CP" org.cdigateway.bench.load.Report "$OUT"
