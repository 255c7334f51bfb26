#!/usr/bin/env bash
# The gateway and the raw endpoint on WildFly, deployed as users deploy: builds the bench WARs (benchmarks-war) and
# unpacks WildFly from Maven Central (the version the TCK runs on, into benchmarks-war/target), starts one WildFly with
# a fresh copy of its default standalone configuration (benchmarks/target/wildfly), deploys bench.war as gateway.war
# (the gateway, the extension jar in WEB-INF/lib, at /gateway/bench) and bench-raw.war as raw.war (the raw
# @ServerEndpoint, at /raw/bench), waits until both answer a WebSocket handshake, then runs the load generator against
# them alternately (gateway raw gateway raw ...) for ROUNDS rounds (default 3), with run.sh's scenarios, after
# WARMUP_ROUNDS rounds (default 1) that are not counted, stops WildFly and prints the medians and gateway/raw ratios.
# Pinning, as run.sh: on a machine with 2 CPUs or more (and taskset), WildFly on CPU 1 (SERVER_CPUS), the generator on
# CPU 0 (LOAD_CPUS); empty leaves that process to the scheduler. WildFly listens on 127.0.0.1, its ports shifted by
# PORT_OFFSET (100: HTTP 8180, management 10090). WildFly is stopped on exit, however the script ends.
# Usage: benchmarks/wildfly.sh [extra load-generator options, e.g. --scenarios echo,fanout]
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
# rounds run first and left out of the results: the two modes share one server JVM, and the first mode measured would
# otherwise pay for WildFly's own code still being compiled (the generator's 10 s warm-up per scenario was not enough)
WARMUP_ROUNDS="${WARMUP_ROUNDS:-1}"
. benchmarks/server.sh # CP (the load generator), pin, default_cpu
# run.sh's flags; ActiveProcessorCount: WildFly sizes its IO and worker threads as on the whole machine, not on the
# core it is pinned to
JVM_FLAGS="${JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=$(nproc)}"
SERVER_CPUS="${SERVER_CPUS-$(default_cpu 1)}"
LOAD_CPUS="${LOAD_CPUS-$(default_cpu 0)}"
PORT_OFFSET="${PORT_OFFSET:-100}"
BASE=benchmarks/target/wildfly
OUT=benchmarks/target/wildfly-results.txt
WARMUP_OUT=benchmarks/target/wildfly-warmup.txt
http_port=$((8080 + PORT_OFFSET))

wildfly_pid="" # the server's JVM
launcher_pid="" # standalone.sh, which waits for it
stop_wildfly() {
    [ -n "$wildfly_pid" ] || [ -n "$launcher_pid" ] || return 0
    [ -n "$wildfly_pid" ] && kill "$wildfly_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do # 30 s for a graceful stop, then killed
        [ -n "$wildfly_pid" ] && kill -0 "$wildfly_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -n "$wildfly_pid" ] && kill -9 "$wildfly_pid" 2>/dev/null || true
    [ -n "$launcher_pid" ] && kill "$launcher_pid" 2>/dev/null || true
    [ -n "$launcher_pid" ] && wait "$launcher_pid" 2>/dev/null || true
    wildfly_pid="" launcher_pid=""
}
trap stop_wildfly EXIT
trap 'exit 129' HUP
trap 'exit 130' INT TERM
trap 'exit 141' PIPE # the output's reader gone: stop too

port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# 101 when a WebSocket handshake to path $1 is accepted
handshake() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 1 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
        -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
        "http://127.0.0.1:$http_port$1" || true
}

# each side holds one descriptor per connection
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

./mvnw -q -B -ntp package -pl benchmarks,benchmarks-war -am -Pwildfly -DskipTests -Dformatter.skip -Dimpsort.skip
version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml)
JBOSS_HOME="$PWD/benchmarks-war/target/wildfly-$version"
[ -x "$JBOSS_HOME/bin/standalone.sh" ] || { echo "no WildFly in $JBOSS_HOME"; exit 1; }

for p in "$http_port" $((9990 + PORT_OFFSET)); do
    if port_taken "$p"; then
        echo "port $p is taken: another server runs; set PORT_OFFSET"
        exit 1
    fi
done

# a fresh server base each run: the default standalone configuration, the two WARs in its deployments directory
rm -rf "$BASE"
mkdir -p "$(dirname "$BASE")"
cp -r "$JBOSS_HOME/standalone" "$BASE"
cp benchmarks-war/target/bench.war "$BASE/deployments/gateway.war"
cp benchmarks-war/target/bench-raw.war "$BASE/deployments/raw.war"
log="$BASE/console.log"

# standalone.sh as a user starts it; JBOSS_JAVA_SIZING replaces only its default heap flags (-Xms64m -Xmx512m)
JBOSS_JAVA_SIZING="$JVM_FLAGS" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$BASE/wildfly.pid" \
    JBOSS_BASE_DIR="$PWD/$BASE" \
    $(pin "$SERVER_CPUS") "$JBOSS_HOME/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset="$PORT_OFFSET" > "$log" 2>&1 &
launcher_pid=$!
deadline=$((SECONDS + 120)) # to start and deploy both
while [ "$SECONDS" -lt "$deadline" ]; do
    [ -z "$wildfly_pid" ] && [ -s "$BASE/wildfly.pid" ] && wildfly_pid=$(cat "$BASE/wildfly.pid")
    if ls "$BASE"/deployments/*.failed > /dev/null 2>&1; then
        cat "$BASE"/deployments/*.failed
        echo "a deployment failed; see $BASE/log/server.log"
        exit 1
    fi
    if [ -n "$wildfly_pid" ] && [ "$(handshake /gateway/bench)" = 101 ] && [ "$(handshake /raw/bench)" = 101 ]; then
        break
    fi
    kill -0 "$launcher_pid" 2>/dev/null || { cat "$log"; echo "WildFly did not start"; exit 1; }
    sleep 0.1
done
[ "$(handshake /gateway/bench)" = 101 ] && [ "$(handshake /raw/bench)" = 101 ] \
    || { echo "WildFly did not serve both WARs within 120 s; see $BASE/log/server.log"; exit 1; }
grep -h 'CDI Gateway: .* serves' "$BASE/log/server.log" || true
echo "$(date +%T) WildFly $version (pid $wildfly_pid, CPUs $(taskset -cp "$wildfly_pid" | sed 's/.*: //')) with $JVM_FLAGS" \
    "at http://127.0.0.1:$http_port; generator on CPU ${LOAD_CPUS:-any}"

: > "$OUT"
: > "$WARMUP_OUT"
for round in $(seq $((1 - WARMUP_ROUNDS)) "$ROUNDS"); do
    out="$OUT"
    [ "$round" -ge 1 ] || out="$WARMUP_OUT"
    for mode in gateway raw; do
        echo "round $round$([ "$round" -ge 1 ] || echo " (warm-up, not counted)"): $mode at /$mode/bench ($(date +%T))"
        $(pin "$LOAD_CPUS") java -Xmx1g -cp "$CP" org.cdigateway.bench.load.LoadGenerator --port "$http_port" \
            --path "/$mode/bench" --mode "$mode" --server-pid "$wildfly_pid" "$@" | tee -a "$out"
    done
done

stop_wildfly
# what WildFly warned of once started (its boot warns of its default configuration: the transaction node id, the
# keystore it generates)
sed -n '/WFLYSRV0025/,$p' "$BASE/log/server.log" | grep -E '^[-0-9]+ [:,0-9]+ (ERROR|WARN) ' | cut -c1-300 || true
java -cp "$CP" org.cdigateway.bench.load.Report "$OUT"
