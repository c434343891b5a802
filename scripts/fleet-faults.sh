#!/usr/bin/env bash
# The fleet's fault suite: three Kafka brokers, two writers and two edges, each a host of its own in
# a network namespace on one bridge, and a client streaming through every fault:
#   kill the partition leader; cut the leader off (ip link set ... down); pause the active writer
#   (SIGSTOP) and wake it (it must exit fenced); kill the active writer; cut an edge off and bring
#   it back; kill the clients' edge (the clients resume on the other: one by reconnecting to the
#   other edge itself, one through Debian's haproxy in front of both edges).
# Then it asserts: the topic holds 1..N with no gap and no duplicate; both edges' journals hold
# exactly the topic's ticks; the client saw every frame continue its sequence and every resume
# served from the next sequence; the last writer's acknowledged sequence is N. Timings are printed,
# never asserted. Every namespace, link and process it made is removed on exit, pass or fail.
# FLEET_FAULTS_LOGS=DIR keeps every process's log in DIR, pass or fail (on failure they are kept anyway).
# Needs root, iproute2, curl, haproxy (scripts/ensure-haproxy.sh installs it) and a build (mvn -B verify or -DskipTests package). Bounded: ~10 min.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/ticker-fleet-faults.XXXXXX)"
BRIDGE=tkfbr0
NET=10.77.0
TOPIC=faults
RATE=2000
# above the longest broker failover stall, so that the standby takes over only when a writer is gone or paused
TAKEOVER_MS=40000
BOOT="$NET.11:9092,$NET.12:9092,$NET.13:9092"
declare -A IP=([b1]=$NET.11 [b2]=$NET.12 [b3]=$NET.13 [w1]=$NET.21 [w2]=$NET.22 [e1]=$NET.31 [e2]=$NET.32)
declare -A PID=()
HOSTS=(b1 b2 b3 w1 w2 e1 e2)
STARTED=$(date +%s)

log() { printf '%s fleet-faults: %s\n' "$(date +%H:%M:%S)" "$*"; }
now_ms() { date +%s%3N; }
fail() { log "FAILED: $*"; exit 1; }

cleanup() {
  local code=$?
  set +e
  for name in "${!PID[@]}"; do
    kill -CONT "${PID[$name]}" 2>/dev/null
    kill -9 "${PID[$name]}" 2>/dev/null
  done
  for host in "${HOSTS[@]}"; do
    if ip netns list | grep -qw "tkf-$host"; then
      ip netns pids "tkf-$host" 2>/dev/null | xargs -r kill -9 2>/dev/null
      ip netns del "tkf-$host" 2>/dev/null
    fi
    ip link del "tkf-$host" 2>/dev/null
  done
  ip link del "$BRIDGE" 2>/dev/null
  if [[ -n "${FLEET_FAULTS_LOGS:-}" ]]; then
    mkdir -p "$FLEET_FAULTS_LOGS" && cp "$WORK"/*.log "$FLEET_FAULTS_LOGS"/ && log "logs copied to $FLEET_FAULTS_LOGS"
  fi
  if [[ $code -eq 0 ]]; then
    rm -rf "$WORK"
    echo "fleet-faults: 1 passed, 0 failed"
  else
    log "logs kept in $WORK"
    for f in "$WORK"/*.log; do echo "---- $f (last lines)"; tail -15 "$f"; done
    echo "fleet-faults: 0 passed, 1 failed"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 143' TERM INT

[[ "$(id -u)" -eq 0 ]] || fail "needs root for network namespaces"
bash "$ROOT/scripts/ensure-haproxy.sh"
APP="$ROOT/ticker-cli/target/app"
FLEET="$ROOT/ticker-fleet/target"
[[ -f "$APP/ticker-cli.jar" && -f "$FLEET/broker.classpath" && -d "$FLEET/test-classes" ]] \
  || fail "build first: mvn -B verify (or mvn -B -DskipTests package)"
CLI=(java @"$APP/jvm.options" -Xmx384m -cp "$APP/ticker-cli.jar:$APP/lib/*" dev.ticker.cli.TickerCli)
TOOL=(java @"$APP/jvm.options" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error
  -cp "$FLEET/test-classes:$FLEET/classes:$(cat "$FLEET/broker.classpath")")

# ---- hosts: one namespace each, a veth into the bridge; the client runs on the bridge itself
ip link add "$BRIDGE" type bridge
ip addr add "$NET.1/24" dev "$BRIDGE"
ip link set "$BRIDGE" up
for host in "${HOSTS[@]}"; do
  ip netns add "tkf-$host"
  ip link add "tkf-$host" type veth peer name eth0 netns "tkf-$host"
  ip link set "tkf-$host" master "$BRIDGE" up
  ip netns exec "tkf-$host" ip addr add "${IP[$host]}/24" dev eth0
  ip netns exec "tkf-$host" ip link set eth0 up
  ip netns exec "tkf-$host" ip link set lo up
done

# start NAME HOST COMMAND...: runs COMMAND in HOST's namespace, output to WORK/NAME.log
start() {
  local name=$1 host=$2; shift 2
  ip netns exec "tkf-$host" "$@" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$!
}
broker() {
  local n=$1
  start "broker$n" "b$n" env KAFKA_NODE_ID="$n" KAFKA_LISTEN="$NET.1$n:9092" KAFKA_CONTROLLER="$NET.1$n:9093" \
    KAFKA_VOTERS="1@$NET.11:9093,2@$NET.12:9093,3@$NET.13:9093" KAFKA_HEAP=384m "$ROOT/scripts/kafka-broker.sh" "$WORK/kafka$n"
}
stop() { # stop NAME [SIGNAL]: signals it and waits (bounded) for it to exit
  local name=$1 signal=${2:-TERM}
  kill -"$signal" "${PID[$name]}" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "${PID[$name]}" 2>/dev/null || { wait "${PID[$name]}" 2>/dev/null || true; unset "PID[$name]"; return 0; }; sleep 0.1; done
  fail "$name did not exit within 30 s of SIG$signal"
}
head_of() { curl -s --max-time 2 "http://${IP[$1]}:9080/health" | grep -o '"fleetHeadSequence":[0-9]*' | cut -d: -f2 || true; }
wait_head() { # wait_head EDGE MIN TIMEOUT_S: until EDGE's journal head >= MIN
  local edge=$1 min=$2 deadline=$(( $(date +%s) + $3 )) h
  while true; do
    h=$(head_of "$edge"); [[ -n "$h" && "$h" -ge "$min" ]] && return 0
    [[ $(date +%s) -lt $deadline ]] || fail "$edge's head ${h:-?} did not reach $min within $3 s"
    sleep 0.1
  done
}
stall_after() { # stall_after EDGE T0_MS: ms from T0 until EDGE's head moved 200 ticks past its head at T0
  local before; before=$(head_of "$1"); wait_head "$1" $(( before + 200 )) 120; echo $(( $(now_ms) - $2 ))
}
wait_line() { # wait_line NAME PATTERN TIMEOUT_S
  local deadline=$(( $(date +%s) + $3 ))
  until grep -q "$2" "$WORK/$1.log"; do [[ $(date +%s) -lt $deadline ]] || fail "$1 did not log '$2' within $3 s"; sleep 0.2; done
}
wait_isr() { # until the partition has 3 in-sync replicas again
  local deadline=$(( $(date +%s) + 150 ))
  until [[ "$("${TOOL[@]}" dev.ticker.fleet.FaultTool isr "$BOOT" "$TOPIC" 2>/dev/null)" == 3 ]]; do
    [[ $(date +%s) -lt $deadline ]] || fail "the partition did not get 3 in-sync replicas back within 150 s"; sleep 1
  done
}
leader() { "${TOOL[@]}" dev.ticker.fleet.FaultTool leader "$BOOT" "$TOPIC"; }
active_writer() { # the running writer that became active and was not fenced since
  local name
  for name in writerA writerB writerC writerD; do
    [[ -n "${PID[$name]:-}" ]] && kill -0 "${PID[$name]}" 2>/dev/null && grep -q "this writer is active" "$WORK/$name.log" \
      && ! grep -q "fenced" "$WORK/$name.log" && { echo "$name"; return; }
  done
}
writer() { # writer NAME HOST DATA [--standby]
  local name=$1 host=$2 data=$3; shift 3
  start "$name" "$host" "${CLI[@]}" simulate --kafka "$BOOT" --topic "$TOPIC" --data "$WORK/$data" --rate $RATE --pace even \
    --takeover-ms $TAKEOVER_MS "$@"
}
# an edge of the test network: clients on :8080 (directly, or through haproxy, whose address they name in Host),
# /health and /metrics on the admin listener :9080; no tokens: a closed test network
edge() {
  start "$1" "$1" "${CLI[@]}" edge --kafka "$BOOT" --topic "$TOPIC" --data "$WORK/$1" --host "${IP[$1]}" --port 8080 \
    --admin-host "${IP[$1]}" --admin-port 9080 --allow-unauthenticated-remote --allowed-hosts "$NET.1"
}

# ---- the cluster, the writers, the edges, the client
log "starting three brokers"
for n in 1 2 3; do broker "$n"; done
"${TOOL[@]}" dev.ticker.fleet.FaultTool wait-brokers "$BOOT" 3 180000 || fail "the brokers did not come up"
log "brokers up after $(( $(date +%s) - STARTED )) s"
writer writerA w1 writer-a
wait_line writerA "this writer is active" 120
writer writerB w2 writer-b --standby
edge e1; edge e2
wait_head e1 2000 120; wait_head e2 2000 120
mkdir -p "$WORK/client" "$WORK/client-lb"
"${TOOL[@]}" dev.ticker.fleet.FaultClient "$WORK/client" "ws://${IP[e1]}:8080/ws,ws://${IP[e2]}:8080/ws" >"$WORK/client.log" 2>&1 &
PID[client]=$!
# haproxy on the bridge in front of both edges, as docs/fleet.md sets it up ('first': edge 1 while it is up)
cat >"$WORK/haproxy.cfg" <<CONFIG
global
    maxconn 1000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    retries 3
    option redispatch
frontend ticker
    bind $NET.1:8090
    default_backend edges
backend edges
    balance first
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
    server edge1 ${IP[e1]}:8080 check port 9080
    server edge2 ${IP[e2]}:8080 check port 9080
CONFIG
haproxy -c -f "$WORK/haproxy.cfg" >/dev/null || fail "haproxy rejects $WORK/haproxy.cfg"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
PID[haproxy]=$!
"${TOOL[@]}" dev.ticker.fleet.FaultClient "$WORK/client-lb" "ws://$NET.1:8090/ws" >"$WORK/client-lb.log" 2>&1 &
PID[clientLb]=$!
sleep 3
log "streaming: edge heads $(head_of e1) / $(head_of e2), clients at $(cat "$WORK/client/covered" 2>/dev/null || echo -) / $(cat "$WORK/client-lb/covered" 2>/dev/null || echo -) (direct / through haproxy)"

# ---- 1. kill the partition leader
L=$(leader); t0=$(now_ms); stop "broker$L" KILL
ms=$(stall_after e1 "$t0")
log "killed the partition leader (broker $L): the feed went on $ms ms later (includes 100 ms of ticks)"
broker "$L"; wait_isr; log "broker $L is back in sync"

# ---- 2. cut the leader off the network
L=$(leader); t0=$(now_ms); ip link set "tkf-b$L" down
ms=$(stall_after e1 "$t0")
log "cut off the partition leader (broker $L): the feed went on $ms ms later"
ip link set "tkf-b$L" up; wait_isr; log "broker $L is reachable and in sync again"

# ---- 3. pause the active writer (a zombie) with a fresh standby ready, then wake it: it must exit fenced
# (a standby may already have taken over during a long stall above: whichever writer is active now is the one paused)
active=$(active_writer); [[ -n "$active" ]] || fail "no writer is active"
log "the active writer is $active"
for name in writerA writerB; do
  if [[ "$name" != "$active" && -n "${PID[$name]:-}" ]]; then stop "$name" TERM; fi
done
writer writerC w2 writer-c --standby
sleep 8
t0=$(now_ms); kill -STOP "${PID[$active]}"
wait_line writerC "this writer is active" 120
ms=$(stall_after e1 "$t0")
log "paused the active writer: the standby took over and the feed went on $ms ms after the pause (takeover after ${TAKEOVER_MS} ms of silence)"
kill -CONT "${PID[$active]}"
wait_line "$active" "fenced" 60
stop "$active" TERM
log "the paused writer woke, was fenced and exited: $(grep -o 'its last committed sequence is [0-9]*' "$WORK/$active.log" | tail -1)"

# ---- 4. a new standby, then kill the active writer
writer writerD w1 writer-d --standby
sleep 8
t0=$(now_ms); stop writerC KILL
wait_line writerD "this writer is active" 120
ms=$(stall_after e1 "$t0")
log "killed the active writer: the standby took over and the feed went on $ms ms after the kill (takeover after ${TAKEOVER_MS} ms of silence)"

# ---- 5. cut edge 2 off, bring it back
ip link set tkf-e2 down; sleep 10; ip link set tkf-e2 up
t0=$(now_ms); target=$(head_of e1)
wait_head e2 "$target" 120
log "edge 2 was cut off for 10 s: back at edge 1's head ($target) $(( $(now_ms) - t0 )) ms after its link came up"

# ---- 6. kill the clients' edge: both resume on the other one, one of them through haproxy
stop e1 KILL
wait_line client "resumed on ws://${IP[e2]}" 60
log "killed edge 1: $(grep "resumed on ws://${IP[e2]}" "$WORK/client.log" | tail -1 | sed 's/.*client: //')"
wait_line client-lb "resumed on ws://$NET.1:8090" 60
log "through haproxy: $(grep "left ws://$NET.1:8090" "$WORK/client-lb.log" | tail -1 | sed 's/.*client: //')"
log "through haproxy: $(grep "resumed on ws://$NET.1:8090" "$WORK/client-lb.log" | tail -1 | sed 's/.*client: //')"
edge e1
t0=$(now_ms); wait_head e1 "$(head_of e2)" 120
log "edge 1 restarted on its journal and caught up in $(( $(now_ms) - t0 )) ms"

# ---- the end: stop the writer cleanly, let everyone catch up, verify
stop writerD TERM
PUBLISHED=$(grep -o 'published up to sequence [0-9]*' "$WORK/writerD.log" | grep -o '[0-9]*$' || true)
[[ -n "$PUBLISHED" ]] || fail "the last writer did not say what it published"
wait_head e1 "$PUBLISHED" 60; wait_head e2 "$PUBLISHED" 60
for c in client client-lb; do
  deadline=$(( $(date +%s) + 60 ))
  until [[ "$(cat "$WORK/$c/covered" 2>/dev/null)" -ge "$PUBLISHED" ]]; do
    [[ $(date +%s) -lt $deadline ]] || fail "$c did not reach sequence $PUBLISHED"; sleep 0.2
  done
  touch "$WORK/$c/stop"
done
for name in client clientLb; do
  for _ in $(seq 1 100); do kill -0 "${PID[$name]}" 2>/dev/null || break; sleep 0.1; done
  wait "${PID[$name]}" || fail "$name: $(cat "$WORK/client/result" "$WORK/client-lb/result" 2>/dev/null)"
  unset "PID[$name]"
done
log "client (direct): $(cat "$WORK/client/result")"
log "client (through haproxy): $(cat "$WORK/client-lb/result")"
stop haproxy TERM
stop e1 TERM; stop e2 TERM
VERIFY=$("${TOOL[@]}" dev.ticker.fleet.FaultTool verify "$BOOT" "$TOPIC" "$WORK/e1/journal" "$WORK/e2/journal") \
  || fail "verify: $VERIFY"
echo "$VERIFY"
LAST=$(grep -o '^LAST [0-9]*' <<<"$VERIFY" | cut -d' ' -f2)
[[ "$LAST" == "$PUBLISHED" ]] || fail "the topic ends at $LAST but the last writer acknowledged $PUBLISHED"
log "every acknowledged sequence (1..$LAST) is on both edges, once, as in the topic; total $(( $(date +%s) - STARTED )) s"
