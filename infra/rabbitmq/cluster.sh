#!/usr/bin/env bash
# A local 3-node RabbitMQ cluster beside the machine's own broker (which it never touches), from the installed
# rabbitmq-server, without Docker: `cluster.sh start|stop|status` (make cluster / make cluster-down).
# Nodes cpa1..3@localhost: AMQP on 5681-5683, Erlang distribution on 25681-25683, the management API on the
# first node only (15681; the others run its agent so that their queues' figures show there). Data and logs
# live in CLUSTER_DIR (default .cluster/ at the repository's root, git-ignored), owned by the rabbitmq user
# that rabbitmq-server drops to. Every command is idempotent: start skips running nodes and a joined cluster,
# stop stops only these three nodes, by name.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${CLUSTER_DIR:-$ROOT/.cluster}"
DEFINITIONS="$ROOT/infra/rabbitmq/definitions.json"
NODES=(cpa1 cpa2 cpa3)
FIRST="cpa1@localhost"
MANAGEMENT_PORT=15681
START_TIMEOUT_SECONDS="${CLUSTER_START_TIMEOUT_SECONDS:-180}"

log() { printf '[cluster] %s\n' "$*" >&2; }
node_of() { printf '%s@localhost' "$1"; }
amqp_port_of() { printf '%d' $((5680 + ${1#cpa})); }
dist_port_of() { printf '%d' $((25680 + ${1#cpa})); }
ctl() { rabbitmqctl -n "$1" "${@:2}" </dev/null; }
quietly() {
  local out
  out="$("$@" 2>&1)" || { printf '%s\n' "$out" >&2; return 1; }
}
is_running() { ctl "$(node_of "$1")" -q ping >/dev/null 2>&1; }

# The node's folders and its configuration; rewritten at each start, so a changed script takes effect.
prepare() {
  local name="$1" dir="$BASE/$1"
  mkdir -p "$dir/mnesia" "$dir/log"
  {
    echo "listeners.tcp.default = 127.0.0.1:$(amqp_port_of "$name")"
    # guest (and the services' users) log in over 127.0.0.1 only anyway: these nodes listen on nothing else.
    echo "loopback_users = none"
    echo "cluster_name = course-platform-local"
    if [[ "$name" == cpa1 ]]; then
      echo "management.tcp.ip = 127.0.0.1"
      echo "management.tcp.port = $MANAGEMENT_PORT"
    fi
  } >"$dir/rabbitmq.conf"
  if [[ "$name" == cpa1 ]]; then echo '[rabbitmq_management].' >"$dir/enabled_plugins"; else echo '[rabbitmq_management_agent].' >"$dir/enabled_plugins"; fi
  chown -R rabbitmq:rabbitmq "$dir"
}

launch() {
  local name="$1" dir="$BASE/$1"
  local -a as_rabbitmq=()
  if [[ "$(id -u)" == 0 ]]; then as_rabbitmq=(runuser -u rabbitmq --); fi
  # Detached from this shell (setsid, no terminal), so that make returns while the node runs on.
  setsid "${as_rabbitmq[@]}" env \
    HOME=/var/lib/rabbitmq \
    RABBITMQ_NODENAME="$(node_of "$name")" \
    RABBITMQ_NODE_PORT="$(amqp_port_of "$name")" \
    RABBITMQ_DIST_PORT="$(dist_port_of "$name")" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PID_FILE="$dir/pid" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="+sbwt none +sbwtdcpu none +sbwtdio none" \
    /usr/lib/rabbitmq/bin/rabbitmq-server >"$dir/log/startup.log" 2>&1 </dev/null &
}

clustered() { ctl "$(node_of "$1")" -q cluster_status --formatter json 2>/dev/null | grep -q "\"$FIRST\""; }

start() {
  local name
  local -a launched=()
  for name in "${NODES[@]}"; do
    if is_running "$name"; then
      log "$(node_of "$name") is already running"
    else
      prepare "$name"
      rm -f "$BASE/$name/pid"
      log "starting $(node_of "$name") (AMQP $(amqp_port_of "$name"), distribution $(dist_port_of "$name"))"
      launch "$name"
      launched+=("$name")
    fi
  done
  # All launched at once: a node restarted from its data waits for its peers at boot, so none may wait for
  # the others. Only these are waited for: a running node's pid file may be another checkout's.
  for name in "${launched[@]}"; do
    ctl "$(node_of "$name")" -q wait --timeout "$START_TIMEOUT_SECONDS" "$BASE/$name/pid" ||
      { log "$(node_of "$name") did not start; see $BASE/$name/log"; exit 1; }
  done
  for name in "${NODES[@]:1}"; do
    if ! clustered "$name"; then
      log "joining $(node_of "$name") to $FIRST"
      # Its noise (tables of a peer not running yet) is shown only if the join fails.
      quietly ctl "$(node_of "$name")" -q stop_app
      quietly ctl "$(node_of "$name")" -q join_cluster "$FIRST"
      quietly ctl "$(node_of "$name")" -q start_app
    fi
  done
  # Idempotent: users, vhost and permissions are overwritten with the same values.
  ctl "$FIRST" -q import_definitions "$DEFINITIONS"
  health
  urls
}

health() {
  local name running
  for name in "${NODES[@]}"; do
    rabbitmq-diagnostics -n "$(node_of "$name")" -q check_running </dev/null >/dev/null
    rabbitmq-diagnostics -n "$(node_of "$name")" -q check_port_connectivity </dev/null >/dev/null
  done
  running="$(ctl "$FIRST" -q cluster_status --formatter json | grep -o 'cpa[123]@localhost' | sort -u | wc -l)"
  if ((running != 3)); then log "the cluster lists $running of 3 nodes"; exit 1; fi
  log "3 nodes running, clustered and answering"
}

urls() {
  cat <<EOF
RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5681,amqp://guest:guest@127.0.0.1:5682,amqp://guest:guest@127.0.0.1:5683
RABBITMQ_MANAGEMENT_URL=http://guest:guest@127.0.0.1:$MANAGEMENT_PORT
EOF
}

stop() {
  local name
  for name in "${NODES[@]}"; do
    if is_running "$name"; then
      log "stopping $(node_of "$name")"
      ctl "$(node_of "$name")" -q stop
    else
      log "$(node_of "$name") is not running"
    fi
  done
}

status() {
  local name down=0
  for name in "${NODES[@]}"; do
    if is_running "$name"; then log "$(node_of "$name") running on $(amqp_port_of "$name")"; else log "$(node_of "$name") stopped"; down=1; fi
  done
  if ((down == 0)); then ctl "$FIRST" cluster_status; urls; fi
  return "$down"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
