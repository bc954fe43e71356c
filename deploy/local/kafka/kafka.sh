#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) from Maven Central jars. No Docker needed.
#   kafka.sh fetch            download the broker jars into deploy/local/kafka/libs (cached in ~/.m2)
#   kafka.sh start [DIR]      start a broker in the background, data under DIR (default ./.kafka), wait until ready
#   kafka.sh stop  [DIR]      stop it (SIGTERM, then SIGKILL after 20 s)
#   kafka.sh kill  [DIR]      SIGKILL, for crash tests
# Environment: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default PORT+1), KAFKA_HEAP (default 1g).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cmd=${1:-}
dir=$(realpath -m "${2:-$root/.kafka}")
port=${KAFKA_PORT:-9092}
cport=${KAFKA_CONTROLLER_PORT:-$((port + 1))}
cp="$here/libs/*"
log4j="-Dlog4j2.configurationFile=$here/log4j2.properties"

fetch() {
  if [ -f "$here/libs/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { echo "kafka.sh: Maven (mvn) is required to fetch Kafka; apt-get install -y maven" >&2; exit 1; }
  echo "kafka.sh: fetching Apache Kafka jars from Maven Central ..." >&2
  rm -rf "$here/libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/libs" -DincludeScope=runtime
  touch "$here/libs/.complete"
}

ready() {
  grep -q "Kafka Server started" "$dir/broker.log" 2>/dev/null
}

start() {
  fetch
  mkdir -p "$dir/logs"
  if [ -f "$dir/broker.pid" ] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
    echo "kafka.sh: already running (pid $(cat "$dir/broker.pid")) on 127.0.0.1:$port" >&2
    return 0
  fi
  sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$cport#g" -e "s#@LOG_DIR@#$dir/logs#g" \
    "$here/server.properties.template" > "$dir/server.properties"
  if [ ! -f "$dir/cluster.id" ]; then
    java $log4j -cp "$cp" kafka.tools.StorageTool random-uuid > "$dir/cluster.id"
  fi
  java $log4j -cp "$cp" kafka.tools.StorageTool format --standalone -t "$(cat "$dir/cluster.id")" \
    -c "$dir/server.properties" --ignore-formatted > "$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; exit 1; }
  : > "$dir/broker.log"
  nohup java -Xms256m -Xmx"${KAFKA_HEAP:-1g}" -XX:+UseG1GC $log4j -cp "$cp" kafka.Kafka "$dir/server.properties" \
    >> "$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 120); do
    if ready; then echo "kafka.sh: broker ready on 127.0.0.1:$port (pid $(cat "$dir/broker.pid"), data $dir)" >&2; return 0; fi
    if ! kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
      echo "kafka.sh: broker exited during start; last lines of $dir/broker.log:" >&2; tail -20 "$dir/broker.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "kafka.sh: broker not ready after 60 s; see $dir/broker.log" >&2; exit 1
}

stop() {
  local sig=${1:-TERM}
  [ -f "$dir/broker.pid" ] || return 0
  local pid; pid=$(cat "$dir/broker.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/broker.pid"
}

case "$cmd" in
  fetch) fetch ;;
  start) start ;;
  stop) stop TERM ;;
  kill) stop KILL ;;
  *) echo "usage: kafka.sh fetch|start|stop|kill [DIR]" >&2; exit 2 ;;
esac
