#!/usr/bin/env bash
# Scale: builds the bench server, starts it (gateway mode) in its own JVM with a 2 GiB heap, and runs the load
# generator's scale scenario against it, in two parts:
#   scale:      10,000 connections join one room (64 handshakes at once); after 10 unmeasured broadcasts, one broadcast
#               a second for 30 s; every member must get every broadcast (missing=0), with the latency of each
#               delivery (p50, p99, p99.9, in µs) and the server's live heap and resident memory per connection;
#   scale-idle: idle connections opened until 50,000 or the first open files limit (the server's or the generator's,
#               "Too many open files"): how many were held, the server's memory per connection, and a fresh client's
#               echo reply once a few hundred are closed again.
# Each side holds one descriptor per connection: the soft limit of open files is raised to the hard one here, so
# that the server and the generator, started from this shell, have it too. The generator connects from 127.0.0.2,
# 127.0.0.3, ... in turn, so that one address's ephemeral ports are not the limit. The bench gateway sets no limit of
# connections per address (maxConnectionsPerAddress = 0).
# Pinning as in run.sh: the server on CPU 1 (SERVER_CPUS), the generator on CPU 0 (LOAD_CPUS) when there are 2 CPUs
# or more; empty leaves a process to the scheduler. Every connection is on loopback; the whole run takes about
# two minutes.
# Usage: benchmarks/scale.sh [generator options, e.g. --scale-connections 5000 --scale-seconds 10
#                             --idle-connections 20000]
set -euo pipefail
cd "$(dirname "$0")/.."

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

. benchmarks/server.sh
JVM_FLAGS="${JVM_FLAGS:--Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=$(nproc)}"
SERVER_CPUS="${SERVER_CPUS-$(default_cpu 1)}"
LOAD_CPUS="${LOAD_CPUS-$(default_cpu 0)}"
LOG=benchmarks/target/scale-server.log
OUT=benchmarks/target/scale-results.txt

build_bench
PIN=$(pin "$SERVER_CPUS") start_server gateway "$LOG" $JVM_FLAGS
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
echo "server on port $port (pid $pid, CPU ${SERVER_CPUS:-any}, $JVM_FLAGS), generator on CPU ${LOAD_CPUS:-any};" \
    "open files limit $(ulimit -n)"

$(pin "$LOAD_CPUS") java -Xmx1g -cp "$CP" org.cdigateway.bench.load.LoadGenerator --port "$port" --mode gateway \
    --server-pid "$pid" --scenarios scale "$@" | tee "$OUT"
