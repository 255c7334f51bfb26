#!/usr/bin/env bash
# Builds the bench server (for the load generator) and the NestJS bench gateway of benchmarks/nest (@nestjs/platform-ws,
# the same protocol at ws://127.0.0.1:PORT/bench), then runs the NestJS gateway ROUNDS times (default 3), each in a
# fresh Node.js process, driven by the load generator with the native frames and the scenarios and counts of run.sh
# (echo, ack, fanout, connect), and prints the medians.
# MODES="gateway nest" alternates it with the Java gateway (gateway nest gateway nest ...), each in a fresh JVM with
# run.sh's flags, and prints the gateway/nest ratios.
# Pinning as in run.sh: the server (Node.js or the JVM) on CPU 1 (SERVER_CPUS), the generator on CPU 0 (LOAD_CPUS)
# when there are 2 CPUs or more, so that a server's rates are those of one core; empty leaves a process to the
# scheduler. Node.js runs its JavaScript on one thread whatever the pinning.
# The connect scenario's heap per connection is the JVM's live heap (jcmd): NaN for Node.js, whose memory per
# connection is its resident memory only.
# Needs Node.js 20 or later with npm (npm ci installs the packages pinned by benchmarks/nest/package-lock.json).
# Usage: benchmarks/nest.sh [extra load-generator options, e.g. --scenarios fanout]
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
MODES="${MODES:-nest}"
OUT=benchmarks/target/results-nest.txt
NEST=benchmarks/nest

for tool in node npm; do
    if ! command -v "$tool" > /dev/null; then
        echo "benchmarks/nest.sh needs $tool: install Node.js 20 or later with npm" >&2
        exit 1
    fi
done
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "benchmarks/nest.sh needs Node.js 20 or later (NestJS 11), not $(node --version)" >&2
    exit 1
fi
for mode in $MODES; do
    case "$mode" in
        nest | gateway) ;;
        *) echo "MODES may name nest and gateway, not $mode" >&2; exit 1 ;;
    esac
done

pid=""
stop_server() {
    if [ -n "$pid" ]; then
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        pid=""
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

. benchmarks/server.sh
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=$(nproc)}"
SERVER_CPUS="${SERVER_CPUS-$(default_cpu 1)}"
LOAD_CPUS="${LOAD_CPUS-$(default_cpu 0)}"
echo "server on CPU ${SERVER_CPUS:-any}, generator on CPU ${LOAD_CPUS:-any}"
build_bench
(cd "$NEST" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
echo "Node.js $(node --version), NestJS $(node -p "require('./$NEST/node_modules/@nestjs/core/package.json').version")"

# start_nest LOG: starts the NestJS gateway on a free port (through PIN when set), logging to LOG; sets pid and port.
start_nest() {
    local log=$1
    : > "$log"
    $PIN node "$NEST/dist/main.js" --port 0 > "$log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 300); do
        port=$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$log")
        [ -n "$port" ] && return 0
        kill -0 "$pid" 2> /dev/null || { cat "$log"; exit 1; }
        sleep 0.1
    done
    echo "the NestJS server did not start"
    exit 1
}

mkdir -p benchmarks/target
: > "$OUT"
for round in $(seq 1 "$ROUNDS"); do
    for mode in $MODES; do
        log="benchmarks/target/server-$mode-$round.log"
        if [ "$mode" = nest ]; then
            PIN=$(pin "$SERVER_CPUS") start_nest "$log"
        else
            PIN=$(pin "$SERVER_CPUS") start_server gateway "$log" $JVM_FLAGS
        fi
        echo "round $round: $mode on port $port (pid $pid)"
        # --mode nest: the native frames, as for the gateway; the RESULT lines are labelled nest
        $(pin "$LOAD_CPUS") java -Xmx1g -cp "$CP" org.cdigateway.bench.load.LoadGenerator --port "$port" --mode "$mode" \
            --server-pid "$pid" "$@" | tee -a "$OUT"
        stop_server
    done
done

java -cp "$CP" org.cdigateway.bench.load.Report "$OUT"
