#!/usr/bin/env bash
# Builds the bench server, then runs the gateway and the raw endpoint alternately (gateway raw gateway raw ...),
# ROUNDS times (default 3), each in a fresh JVM with the same flags, and prints the medians and gateway/raw ratios.
# MODES="gateway raw socketio" adds the same protocol served to Socket.IO clients (the generator speaks Socket.IO
# over WebSocket then), and its ratio to the native gateway.
# The scenarios are echo, ack (requests with an id, answered with it: Socket.IO acknowledgements), fanout and
# connect; --scenarios echo,ack runs some of them only.
# Pinning: on a machine with 2 CPUs or more (and taskset), the server runs on CPU 1 (SERVER_CPUS) and the generator
# on CPU 0 (LOAD_CPUS), so that they do not take turns on one core; set either to other CPUs ("2,3"), or empty to
# leave that process to the scheduler. The server's JVM sizes its thread pools as on the whole machine either way
# (-XX:ActiveProcessorCount).
# Usage: benchmarks/run.sh [extra load-generator options, e.g. --echo-messages 400000]
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-gateway raw}"
OUT=benchmarks/target/results.txt

. benchmarks/server.sh
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=$(nproc)}"
SERVER_CPUS="${SERVER_CPUS-$(default_cpu 1)}"
LOAD_CPUS="${LOAD_CPUS-$(default_cpu 0)}"
echo "server on CPU ${SERVER_CPUS:-any}, generator on CPU ${LOAD_CPUS:-any}"
build_bench
: > "$OUT"

for round in $(seq 1 "$ROUNDS"); do
    for mode in $MODES; do
        log="benchmarks/target/server-$mode-$round.log"
        PIN=$(pin "$SERVER_CPUS") start_server "$mode" "$log" $JVM_FLAGS
        echo "round $round: $mode on port $port (pid $pid)"
        $(pin "$LOAD_CPUS") java -Xmx1g -cp "$CP" org.cdigateway.bench.load.LoadGenerator --port "$port" --mode "$mode" \
            --server-pid "$pid" "$@" | tee -a "$OUT"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    done
done

java -cp "$CP" org.cdigateway.bench.load.Report "$OUT"
