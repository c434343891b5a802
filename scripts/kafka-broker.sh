#!/usr/bin/env bash
# Runs one Kafka broker (KRaft: broker and controller in one node) from the Maven jars the build
# resolved for ticker-fleet, in the foreground, until Ctrl-C. Formats its folder on first start.
#   scripts/kafka-broker.sh DIR
# One broker on 127.0.0.1:9092 by default; a cluster of three is three of these with:
#   KAFKA_NODE_ID      this node's id (default 1)
#   KAFKA_LISTEN       HOST:PORT clients connect to (default 127.0.0.1:9092)
#   KAFKA_CONTROLLER   HOST:PORT of this node's controller listener (default 127.0.0.1:9093)
#   KAFKA_VOTERS       every controller, ID@HOST:PORT,... (default: this one alone)
#   KAFKA_CLUSTER_ID   the same for every node of a cluster (default: a fixed id)
#   KAFKA_HEAP         the broker's heap (default 512m)
# Needs a build first (mvn -B -q -DskipTests package), which writes ticker-fleet/target/broker.classpath.
set -euo pipefail

fail() { echo "kafka-broker: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || fail "usage: scripts/kafka-broker.sh DIR"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLASSPATH_FILE="$ROOT/ticker-fleet/target/broker.classpath"
[[ -f "$CLASSPATH_FILE" ]] || fail "$CLASSPATH_FILE is missing: build first with 'mvn -B -q -DskipTests package'"

DIR="$(mkdir -p "$1" && cd "$1" && pwd)"
NODE_ID="${KAFKA_NODE_ID:-1}"
LISTEN="${KAFKA_LISTEN:-127.0.0.1:9092}"
CONTROLLER="${KAFKA_CONTROLLER:-127.0.0.1:9093}"
VOTERS="${KAFKA_VOTERS:-$NODE_ID@$CONTROLLER}"
CLUSTER_ID="${KAFKA_CLUSTER_ID:-dGlja2VyLWZsZWV0LTAwMQ}"
HEAP="${KAFKA_HEAP:-512m}"
NODES=$(tr ',' '\n' <<<"$VOTERS" | wc -l)
REPLICATION=$(( NODES < 3 ? NODES : 3 ))
MIN_ISR=$(( REPLICATION > 1 ? REPLICATION - 1 : 1 ))

cat >"$DIR/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=$NODE_ID
controller.quorum.voters=$VOTERS
listeners=PLAINTEXT://$LISTEN,CONTROLLER://$CONTROLLER
advertised.listeners=PLAINTEXT://$LISTEN
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/data
num.partitions=1
auto.create.topics.enable=false
unclean.leader.election.enable=false
default.replication.factor=$REPLICATION
min.insync.replicas=$MIN_ISR
offsets.topic.replication.factor=$REPLICATION
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=$REPLICATION
transaction.state.log.min.isr=$MIN_ISR
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
# A writer begins its next transaction as soon as the last commit returns, while the broker may still
# be writing that commit's markers: the first batch then waits this long before the broker tries to
# add the partition again. The default (20 ms, up to 100) put 20 ms and more into the ticks' p99 latency.
add.partitions.to.txn.retry.backoff.ms=1
add.partitions.to.txn.retry.backoff.max.ms=20
PROPERTIES

# the JVM settings of Kafka's own launcher (kafka-run-class.sh): short G1 pauses, which every tick in flight waits out
JAVA=(java "-Xmx$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
  -cp "$(cat "$CLASSPATH_FILE")")
if [[ ! -f "$DIR/data/meta.properties" ]]; then
  "${JAVA[@]}" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
    || fail "formatting $DIR failed: $(tail -5 "$DIR/format.log")"
fi
exec "${JAVA[@]}" kafka.Kafka "$DIR/server.properties"
