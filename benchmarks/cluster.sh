#!/usr/bin/env bash
# Fan-out across nodes: builds the bench server, starts a redis-server on a free loopback port, and for each round
# starts three bench servers in cluster mode (the gateway with the Redis broadcaster), node A emitting, B and C
# receiving, each in a fresh JVM. The generator (org.cdigateway.bench.load.ClusterFanout) emits broadcasts on A to a
# room of 200 clients: all on A (placement local), or split half and half over B and C (placement cross). The
# placements alternate (local cross local cross ...) for ROUNDS rounds (default 3); the script prints the medians and
# the ratio cross / local. PLACEMENTS="single local cross" adds node A alone in gateway mode, without Redis.
# Pinning (the machine measured has 2 cores): redis-server and the three nodes share CPU 1 (SERVER_CPUS), the
# generator has CPU 0 (LOAD_CPUS); set both empty to leave the scheduler free. Everything started here is stopped on
# exit.
# Usage: benchmarks/cluster.sh [generator options, e.g. --connections 400 --broadcasts 1000]
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
PLACEMENTS="${PLACEMENTS:-local cross}"
# ActiveProcessorCount: the nodes size their thread pools as on the whole machine, as run.sh's servers do
JVM_FLAGS="${JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=2}"
SERVER_CPUS="${SERVER_CPUS-1}"
LOAD_CPUS="${LOAD_CPUS-0}"
OUT=benchmarks/target/cluster-results.txt
LOGS=benchmarks/target/cluster

started=() # every process started here, stopped by stop_all
stop_all() {
    local p
    started+=(${pid:-}) # the node start_server was starting, if it gave up on it
    for p in "${started[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${started[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    started=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

. benchmarks/server.sh
build_bench
mkdir -p "$LOGS"
: > "$OUT"

# redis-server on a free loopback port: a port taken meanwhile makes it exit, and another is tried
redis_log="$LOGS/redis.log"
redis_pid=""
for _ in $(seq 1 20); do
    redis_port=$((20000 + RANDOM % 40000))
    $(pin "$SERVER_CPUS") redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no > "$redis_log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 1 100); do
        grep -q 'Ready to accept connections' "$redis_log" && break
        kill -0 "$redis_pid" 2>/dev/null || break
        sleep 0.05
    done
    if grep -q 'Ready to accept connections' "$redis_log"; then
        break
    fi
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=""
done
[ -n "$redis_pid" ] || { cat "$redis_log"; echo "redis-server did not start"; exit 1; }
started+=("$redis_pid")
redis_uri="redis://127.0.0.1:$redis_port"
echo "redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') at $redis_uri (pid $redis_pid)," \
    "servers on CPU ${SERVER_CPUS:-any}, generator on CPU ${LOAD_CPUS:-any}"

for round in $(seq 1 "$ROUNDS"); do
    for placement in $PLACEMENTS; do
        ports=() pids=()
        if [ "$placement" = single ]; then
            nodes="A"
        else
            nodes="A B C"
        fi
        for node in $nodes; do
            log="$LOGS/server-$placement-$round-$node.log"
            if [ "$placement" = single ]; then
                PIN=$(pin "$SERVER_CPUS") start_server gateway "$log" $JVM_FLAGS
            else
                PIN=$(pin "$SERVER_CPUS") start_server cluster "$log" $JVM_FLAGS -- --redis "$redis_uri"
            fi
            started+=("$pid")
            ports+=("$port")
            pids+=("$pid")
        done
        echo "round $round: $placement, nodes $nodes on ports ${ports[*]} (pids ${pids[*]})"
        cpu_pids=("${pids[@]}")
        [ "$placement" = single ] || cpu_pids+=("$redis_pid")
        load_log="$LOGS/load-$placement-$round.log"
        $(pin "$LOAD_CPUS") java -Xmx1g -cp "$CP" org.cdigateway.bench.load.ClusterFanout \
            --ports "$(IFS=,; echo "${ports[*]}")" --pids "$(IFS=,; echo "${cpu_pids[*]}")" \
            --placement "$placement" "$@" > "$load_log" 2>&1 &
        load_pid=$!
        started+=("$load_pid")
        status=0
        wait "$load_pid" || status=$?
        tee -a "$OUT" < "$load_log"
        [ "$status" -eq 0 ] || exit "$status"
        for p in "${pids[@]}"; do
            kill "$p" 2>/dev/null || true
            wait "$p" 2>/dev/null || true
        done
        started=("$redis_pid")
        pid=""
    done
done

java -cp "$CP" org.cdigateway.bench.load.ClusterReport "$OUT"
