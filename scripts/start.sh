#!/usr/bin/env bash
# The run command (`npm start`): the platform on its embedded default. Installs what is missing,
# starts a local Kafka broker (./.kafka), and runs the all-in-one process with embedded
# ClickHouse (./data/clickhouse) and simulated participant traffic. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ ! -d node_modules/@clickhouse/client ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing npm packages (first run downloads the embedded ClickHouse engine, ~550 MB)"
  npm install --no-audit --no-fund
fi
echo "== building"
npm run -s build

export KAFKA_PORT=${KAFKA_PORT:-9092}
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}
started_kafka=0
if [ "$KAFKA_BROKERS" = "127.0.0.1:$KAFKA_PORT" ] && (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
  echo "== something already listens on 127.0.0.1:$KAFKA_PORT; using it as the Kafka broker (set KAFKA_PORT for another)"
elif [ "$KAFKA_BROKERS" = "127.0.0.1:$KAFKA_PORT" ]; then
  echo "== starting local Kafka on $KAFKA_BROKERS (data in ./.kafka)"
  bash deploy/local/kafka/kafka.sh start "$root/.kafka"
  started_kafka=1
fi
incident_pid=
stop_all() {
  [ -n "$incident_pid" ] && kill "$incident_pid" 2>/dev/null || true
  [ "$started_kafka" = 1 ] && bash deploy/local/kafka/kafka.sh stop "$root/.kafka" || true
}
trap stop_all EXIT

export HTTP_PORT=${HTTP_PORT:-8080}
export CHDB_PATH=${CHDB_PATH:-$root/data/clickhouse}
INCIDENT_API_PORT=${INCIDENT_API_PORT:-8081}
mkdir -p "$root/data"

# The incident and compliance API is its own process (PGlite under ./data/pglite, or DATABASE_URL);
# embedded ClickHouse binds to one process, so everything that uses it runs in the all-in-one app.
HTTP_PORT=$INCIDENT_API_PORT PGLITE_PATH=${PGLITE_PATH:-$root/data/pglite} \
  node -r ./scripts/register-aliases.js dist/apps/incident-api/src/main.js > "$root/data/incident-api.log" 2>&1 &
incident_pid=$!
cat <<INFO

== ketenmonitor (embedded default)
   Metrics:  http://127.0.0.1:$HTTP_PORT/metrics
   Health:   http://127.0.0.1:$HTTP_PORT/health
   Incident and compliance API: http://127.0.0.1:$INCIDENT_API_PORT/api/docs   (log: data/incident-api.log)
     an operator token: node -r ./scripts/register-aliases.js dist/apps/incident-api/src/issue-token.js --sub me --role operator
   Kafka:    $KAFKA_BROKERS   (participants produce to ketenlog.<participant-id>)
   Data:     $CHDB_PATH
   Query (after stopping the platform; embedded ClickHouse belongs to one process at a time):
     npm run -s cli -- query "SELECT participant_id, valid, count() FROM {{db}}.ketenlog_events GROUP BY ALL"
   Simulated traffic is on; SIMULATOR=off npm start runs without it. Ctrl-C stops everything.

INFO
node -r ./scripts/register-aliases.js dist/apps/standalone/src/main.js
