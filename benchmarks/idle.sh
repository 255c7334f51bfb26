#!/usr/bin/env bash
# Idle connections: builds the bench server, starts it (gateway mode) in its own JVM with a 512 MiB heap, and holds
# 10,000 idle WebSocket connections to it from another JVM (raw sockets that did their own handshake and answer
# pings). Prints the server's live heap and resident memory per connection, checks that a fresh client still gets an
# echo reply, holds the connections HOLD seconds (60 unless set: past the server's heartbeats) and checks again.
# Usage: benchmarks/idle.sh [options, e.g. --count 5000 --hold 0]
set -euo pipefail
cd "$(dirname "$0")/.."

JVM_FLAGS="${JVM_FLAGS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}"
LOG=benchmarks/target/idle-server.log

# each side holds one descriptor per connection: raise the soft limit of this shell (and its children) to the hard one
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files limit: $(ulimit -n)"

. benchmarks/server.sh
build_bench
start_server gateway "$LOG" $JVM_FLAGS
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
echo "server on port $port (pid $pid, $JVM_FLAGS)"

java -Xmx256m -cp "$CP" org.cdigateway.bench.load.IdleConnections --port "$port" --server-pid "$pid" \
    --count 10000 --hold "${HOLD:-60}" "$@"
