# Sourced by the benchmark scripts: builds the bench server and starts one.
# build_bench:                        packages benchmarks/target/bench-server.jar (CP names it)
# start_server MODE LOG [JVM flags] [-- server options]:
#                                     starts it in MODE on a free port, logging to LOG; sets pid and port. When PIN is
#                                     set (such as "taskset -c 1"), the JVM is started through it.
# pin CPUS:                           the command prefix that pins to the CPUs CPUS ("taskset -c CPUS"), none when
#                                     CPUS is empty.
# default_cpu N:                      N when this machine has at least 2 CPUs and taskset, else empty: the default of
#                                     SERVER_CPUS (1) and LOAD_CPUS (0), so that the server and the generator each
#                                     have a core of their own.
CP="benchmarks/target/bench-server.jar"
PIN="${PIN:-}"

pin() {
    if [ -n "$1" ]; then echo "taskset -c $1"; fi
}

default_cpu() {
    if [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && command -v taskset > /dev/null; then echo "$1"; fi
}

build_bench() {
    ./mvnw -q -B -ntp package -pl benchmarks -am -DskipTests -Dformatter.skip -Dimpsort.skip
}

start_server() {
    local mode=$1 log=$2
    shift 2
    local jvm=() options=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        jvm+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift && options=("$@")
    : > "$log" # emptied: a READY line left from an earlier run would name a port nobody serves
    $PIN java "${jvm[@]}" -jar "$CP" --mode "$mode" --port 0 "${options[@]}" > "$log" 2>&1 &
    pid=$!
    port=""
    for _ in $(seq 1 300); do
        port=$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$log")
        [ -n "$port" ] && return 0
        kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
        sleep 0.1
    done
    echo "the $mode server did not start"
    kill "$pid" 2>/dev/null || true
    exit 1
}
