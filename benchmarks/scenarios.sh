#!/usr/bin/env bash
# Runs the fan-out scenarios of issue 11 against two builds side by side, in one run: for each
# scenario the builds alternate (baseline, candidate, baseline, candidate, ...) so that a change in
# the machine's load hits both alike, and each figure is the median of --runs runs per build.
#
# Each run starts a fresh server (ticker demo: the server with its embedded simulator) from the
# build's application folder, pinned to one CPU, and the load generator (ticker bench load --url
# --server-pid) from the generator's folder, pinned to the other. Results go to --report: one
# folder per scenario and run (report.json, summary.txt, server.jfr, the server's log) and
# results.md, one table per scenario. See benchmarks/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: benchmarks/scenarios.sh --baseline DIR --candidate DIR [options]

  --baseline DIR          application folder of build A (ticker-cli.jar, lib/, jvm.options: a copy of ticker-cli/target/app)
  --candidate DIR         application folder of build B
  --generator DIR         application folder the load generator runs from (default: the candidate's)
  --scenarios LIST        comma-separated, from a,b,c,d,overload (default: all of them)
  --runs N                runs per build and scenario; figures are medians (default: 3)
  --duration D            measured time of each run, e.g. 10s (default: 10s)
  --warmup D              time before measuring (default: 3s)
  --overload-duration D   measured time of an overload run (default: 30s)
  --overload-rate R       simulator ticks/s for overload (default: twice the rate scenario a sustains
                          with the candidate in this run, or 2000 when a is not run)
  --held N                connections scenario d checks can be held (default: 19000)
  --server-cpu CPU        CPU for the servers (default: 0)
  --generator-cpu CPU     CPU for the generator (default: 1)
  --server-arg ARG        an extra argument for every server, e.g. --server-arg=--flush-threads=2 (repeatable)
  --profile               the generator prints each server's hot methods and allocation sites in summary.txt
  --report DIR            where results go (default: benchmarks/target/scenarios/<date-time>)

Scenarios (issue 11):
  a         1,000 clients, all symbols, 10 ms flush, simulator 1,000 ticks/s (1 M ticks/s offered)
  b         1,000 clients, all symbols, 1 ms flush, 150 ticks/s (about one tick per frame): frames/s per core
  c         100 clients, all symbols, 1 ms flush, 2,000 ticks/s: latency p50/p99/p99.9
  d         5,000 idle connections (no subscription; the server's --idle-timeout-ms raised to a day):
            RSS per connection; then once per build, --held idle connections, which must all stay connected
  overload  1,000 clients, 10 ms flush, twice the rate a sustains, --overload-duration:
            stalls, GC pauses, heap, conflation
EOF
}

die() {
    echo "scenarios.sh: $*" >&2
    exit 2
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASELINE=""
CANDIDATE=""
GENERATOR=""
SCENARIOS="a,b,c,d,overload"
RUNS=3
DURATION=10s
WARMUP=3s
OVERLOAD_DURATION=30s
OVERLOAD_RATE=""
HELD=19000
SERVER_CPU=0
GENERATOR_CPU=1
SERVER_ARGS=()
PROFILE=()
REPORT="$SCRIPT_DIR/target/scenarios/$(date -u +%Y%m%d-%H%M%S)"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --baseline) BASELINE=${2:?--baseline needs a folder}; shift 2 ;;
        --candidate) CANDIDATE=${2:?--candidate needs a folder}; shift 2 ;;
        --generator) GENERATOR=${2:?--generator needs a folder}; shift 2 ;;
        --scenarios) SCENARIOS=${2:?--scenarios needs a list}; shift 2 ;;
        --runs) RUNS=${2:?--runs needs a number}; shift 2 ;;
        --duration) DURATION=${2:?--duration needs a duration}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs a duration}; shift 2 ;;
        --overload-duration) OVERLOAD_DURATION=${2:?--overload-duration needs a duration}; shift 2 ;;
        --overload-rate) OVERLOAD_RATE=${2:?--overload-rate needs ticks/s}; shift 2 ;;
        --held) HELD=${2:?--held needs a number}; shift 2 ;;
        --server-cpu) SERVER_CPU=${2:?--server-cpu needs a CPU}; shift 2 ;;
        --generator-cpu) GENERATOR_CPU=${2:?--generator-cpu needs a CPU}; shift 2 ;;
        --server-arg=*) SERVER_ARGS+=("${1#--server-arg=}"); shift ;;
        --server-arg) SERVER_ARGS+=("${2:?--server-arg needs an argument}"); shift 2 ;;
        --profile) PROFILE=(--profile); shift ;;
        --report) REPORT=${2:?--report needs a folder}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done

check_app() {
    local name=$1 dir=$2
    [[ -n "$dir" ]] || die "$name is required (an application folder such as a copy of ticker-cli/target/app)"
    [[ -d "$dir" ]] || die "$name $dir: no such folder"
    for part in ticker-cli.jar lib jvm.options; do
        [[ -e "$dir/$part" ]] || die "$name $dir: has no $part (an application folder holds ticker-cli.jar, lib/ and jvm.options)"
    done
}
check_app --baseline "$BASELINE"
check_app --candidate "$CANDIDATE"
GENERATOR=${GENERATOR:-$CANDIDATE}
check_app --generator "$GENERATOR"
BASELINE=$(cd "$BASELINE" && pwd)
CANDIDATE=$(cd "$CANDIDATE" && pwd)
GENERATOR=$(cd "$GENERATOR" && pwd)
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive whole number, was '$RUNS'"
[[ "$HELD" =~ ^[1-9][0-9]*$ ]] || die "--held must be a positive whole number, was '$HELD'"
[[ -z "$OVERLOAD_RATE" || "$OVERLOAD_RATE" =~ ^[1-9][0-9]*$ ]] || die "--overload-rate must be a positive whole number of ticks/s, was '$OVERLOAD_RATE'"
for d in "$DURATION" "$WARMUP" "$OVERLOAD_DURATION"; do
    [[ "$d" =~ ^[0-9]+(ms|s|m)$ ]] || die "'$d' is not a duration such as 500ms, 10s or 2m"
done
IFS=',' read -r -a SCENARIO_LIST <<< "$SCENARIOS"
for s in "${SCENARIO_LIST[@]}"; do
    [[ "$s" =~ ^(a|b|c|d|overload)$ ]] || die "--scenarios: unknown scenario '$s' (known: a, b, c, d, overload)"
done
command -v taskset >/dev/null || die "taskset is needed to pin the server and the generator (Debian: util-linux)"
command -v curl >/dev/null || die "curl is needed to wait for each server's /health"

# every connection is a file descriptor in both processes; they inherit this shell's limit
NEEDED_FILES=$((HELD + 1000))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ "$(ulimit -n)" != unlimited && "$(ulimit -n)" -lt "$NEEDED_FILES" ]]; then
    die "open files limit $(ulimit -n) (hard $(ulimit -Hn)) is below the $NEEDED_FILES that --held $HELD needs; lower --held or raise the hard limit"
fi

mkdir -p "$REPORT"
REPORT=$(cd "$REPORT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ticker-scenarios.XXXXXX")
SERVER_PID=""

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 300); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
    rm -rf "$WORK/data"
}
cleanup() {
    stop_server
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# raised_limits APP: the per-address handshake limits, at their largest, for builds that have them (all clients share one address)
raised_limits() {
    local help
    help=$(java @"$1/jvm.options" -cp "$1/ticker-cli.jar:$1/lib/*" dev.ticker.cli.TickerCli demo --help 2>/dev/null)
    grep -q -- "--http-requests-per-second" <<<"$help" && printf '%s ' --http-requests-per-second 1000000 --http-request-burst 1000000
    grep -q -- "--max-pending-handshakes-per-address" <<<"$help" && printf '%s ' --max-pending-handshakes-per-address 20000
    true
}

# start_server APP RATE FLUSH_MS LOG: sets SERVER_PID, PORT and ADMIN_PORT (/health is on the admin listener)
start_server() {
    local app=$1 rate=$2 flush=$3 log=$4
    mkdir -p "$WORK/data"
    # as the generator starts its own server (ServerProcess): ticker demo, a free port, limits raised
    taskset -c "$SERVER_CPU" java @"$app/jvm.options" -cp "$app/ticker-cli.jar:$app/lib/*" dev.ticker.cli.TickerCli demo \
        --data "$WORK/data" --host 127.0.0.1 --port 0 --rate "$rate" --flush-ms "$flush" \
        --max-connections 20000 --max-connections-per-address 20000 $(raised_limits "$app") \
        ${SCENARIO_SERVER_ARGS[@]+"${SCENARIO_SERVER_ARGS[@]}"} ${SERVER_ARGS[@]+"${SERVER_ARGS[@]}"} \
        > "$log" 2>&1 &
    SERVER_PID=$!
    PORT=""
    ADMIN_PORT=""
    local deadline=$((SECONDS + 120))
    while (( SECONDS < deadline )); do
        kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_PID=""; echo "the server exited before it was ready; its output is in $log" >&2; return 1; }
        if [[ -z "$PORT" || -z "$ADMIN_PORT" ]]; then
            PORT=$(grep -o -m1 'dashboard *https\?://127\.0\.0\.1:[0-9]*' "$log" | sed 's/.*://' || true)
            ADMIN_PORT=$(grep -o -m1 'health *http://127\.0\.0\.1:[0-9]*' "$log" | sed 's/.*://' || true)
        fi
        if [[ -n "$ADMIN_PORT" ]] && curl -fs -o /dev/null "http://127.0.0.1:$ADMIN_PORT/health"; then
            return 0
        fi
        sleep 0.2
    done
    echo "the server was not healthy within 120 s; its output is in $log" >&2
    return 1
}

# run BUILD N SCENARIO CLIENTS RATE FLUSH_MS DURATION [generator options]
run() {
    local build=$1 n=$2 scenario=$3 clients=$4 rate=$5 flush=$6 duration=$7
    shift 7
    local app
    app=$([[ "$build" == baseline ]] && echo "$BASELINE" || echo "$CANDIDATE")
    local dir="$REPORT/$scenario/$build-$n"
    mkdir -p "$dir"
    echo "[$(date -u +%H:%M:%S)] $scenario $build-$n: $clients clients, $rate ticks/s, flush $flush ms, $duration $*"
    if ! start_server "$app" "$rate" "$flush" "$dir/server.log"; then
        stop_server
        return 0
    fi
    taskset -c "$GENERATOR_CPU" java @"$GENERATOR/jvm.options" -cp "$GENERATOR/ticker-cli.jar:$GENERATOR/lib/*:$GENERATOR/lib-bench/*" dev.ticker.cli.TickerCli \
        bench load --url "ws://127.0.0.1:$PORT/ws" --server-pid "$SERVER_PID" --clients "$clients" --rate "$rate" --flush-ms "$flush" \
        --warmup "$WARMUP" --duration "$duration" --report "$dir" ${PROFILE[@]+"${PROFILE[@]}"} "$@" \
        > "$dir/generator.txt" 2>&1 || echo "  the generator failed or marked the run invalid (summary.txt says why); its output is in $dir/generator.txt" >&2
    stop_server
    [[ -f "$dir/summary.txt" ]] && sed 's/^/  /' "$dir/summary.txt" | head -12
    return 0
}

# alternate SCENARIO RUNS CLIENTS RATE FLUSH_MS DURATION [generator options]: A, B, A, B, ...
alternate() {
    local scenario=$1 runs=$2
    shift 2
    for n in $(seq 1 "$runs"); do
        run baseline "$n" "$scenario" "$@"
        run candidate "$n" "$scenario" "$@"
    done
}

describe() {
    mkdir -p "$REPORT/$1"
    printf '%s\n' "$2" > "$REPORT/$1/scenario.txt"
}

median_of() {
    local field=$1
    shift
    java -cp "$GENERATOR/ticker-cli.jar:$GENERATOR/lib/*:$GENERATOR/lib-bench/*" dev.ticker.benchmarks.load.ScenarioTable --median "$field" "$@"
}

{
    echo "baseline   $BASELINE"
    echo "candidate  $CANDIDATE"
    echo "generator  $GENERATOR"
    echo "scenarios  $SCENARIOS, $RUNS runs per build, warm-up $WARMUP, duration $DURATION (overload $OVERLOAD_DURATION)"
    echo "pinning    servers on CPU $SERVER_CPU, generator on CPU $GENERATOR_CPU; open files limit $(ulimit -n)"
    echo "machine    $(nproc) CPUs, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%FT%TZ)"
} | tee "$REPORT/run.txt"

for scenario in "${SCENARIO_LIST[@]}"; do
    case "$scenario" in
        a)
            describe a "1,000 clients, all symbols, 10 ms flush, simulator at 1,000 ticks/s (1 M ticks/s offered); $DURATION measured after $WARMUP."
            alternate a "$RUNS" 1000 1000 10 "$DURATION" ;;
        b)
            describe b "1,000 clients, all symbols, 1 ms flush, simulator at 150 ticks/s (about one tick per frame); $DURATION measured."
            alternate b "$RUNS" 1000 150 1 "$DURATION" ;;
        c)
            describe c "100 clients, all symbols, 1 ms flush, simulator at 2,000 ticks/s; latency from journal event time to receipt. $DURATION measured."
            alternate c "$RUNS" 100 2000 1 "$DURATION" ;;
        d)
            # a connection subscribed to nothing is closed after --idle-timeout-ms (60 s), less than opening thousands takes here
            SCENARIO_SERVER_ARGS=(--idle-timeout-ms 86400000)
            describe d "5,000 idle connections (no subscription; the servers' --idle-timeout-ms raised to a day), simulator at 1,000 ticks/s, 10 ms flush: RSS and live heap per connection, measured before and after connecting. $DURATION measured."
            alternate d "$RUNS" 5000 1000 10 "$DURATION" --idle
            describe d-held "$HELD idle connections, once per build, as d: all must be connected at the end ('connected' $HELD, 'connections closed' 0)."
            run baseline 1 d-held "$HELD" 1000 10 "$DURATION" --idle
            run candidate 1 d-held "$HELD" 1000 10 "$DURATION" --idle
            SCENARIO_SERVER_ARGS=() ;;
        overload)
            rate=$OVERLOAD_RATE
            basis="given by --overload-rate"
            if [[ -z "$rate" ]]; then
                shopt -s nullglob
                sustained=("$REPORT"/a/candidate-*/report.json)
                shopt -u nullglob
                delivered=0
                if (( ${#sustained[@]} > 0 )); then
                    delivered=$(median_of ticksPerSecond "${sustained[@]}")
                fi
                # each of a's 1,000 clients takes every tick: delivered / 1,000 is the simulator rate sustained
                rate=$(( 2 * delivered / 1000 ))
                basis="twice the $((delivered / 1000)) ticks/s scenario a sustained (median delivered $delivered ticks/s with the candidate)"
                if (( rate < 2 )); then
                    rate=2000
                    basis="twice scenario a's offered 1,000 ticks/s: a did not run, or delivered nothing, with the candidate"
                fi
            fi
            echo "overload at $rate ticks/s: $basis"
            describe overload "1,000 clients, all symbols, 10 ms flush, simulator at $rate ticks/s ($basis), $OVERLOAD_DURATION measured: stalls, GC pauses, heap, conflation."
            alternate overload "$RUNS" 1000 "$rate" 10 "$OVERLOAD_DURATION" ;;
    esac
done

java -cp "$GENERATOR/ticker-cli.jar:$GENERATOR/lib/*:$GENERATOR/lib-bench/*" dev.ticker.benchmarks.load.ScenarioTable "$REPORT" > /dev/null
echo "results in $REPORT/results.md"
