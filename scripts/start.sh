#!/usr/bin/env bash
# The run command (`npm start`): the platform on its embedded default. Installs what is missing,
# starts a local Kafka broker (./.kafka), and runs the all-in-one process (collector, rule worker,
# incident and compliance API) with embedded ClickHouse (./data/clickhouse), PGlite
# (./data/pglite) and simulated participant traffic. Ctrl-C stops everything.
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
stop_kafka() { [ "$started_kafka" = 1 ] && bash deploy/local/kafka/kafka.sh stop "$root/.kafka" || true; }
trap stop_kafka EXIT

export HTTP_PORT=${HTTP_PORT:-8080}
export CHDB_PATH=${CHDB_PATH:-$root/data/clickhouse}
export PGLITE_PATH=${PGLITE_PATH:-$root/data/pglite}
mkdir -p "$root/data"
cat <<INFO

== ketenmonitor (embedded default)
   Metrics:  http://127.0.0.1:$HTTP_PORT/metrics
   Health:   http://127.0.0.1:$HTTP_PORT/health
   API docs: http://127.0.0.1:$HTTP_PORT/api/docs  (incidents, compliance, SLO status, chain look-up)
     an operator token: node -r ./scripts/register-aliases.js dist/apps/incident-api/src/issue-token.js --sub me --role operator
   Kafka:    $KAFKA_BROKERS   (participants produce to ketenlog.<participant-id>)
   Data:     $CHDB_PATH
   Query (after stopping the platform; embedded ClickHouse belongs to one process at a time):
     npm run -s cli -- query "SELECT participant_id, valid, count() FROM {{db}}.ketenlog_events GROUP BY ALL"
   Simulated traffic is on; SIMULATOR=off npm start runs without it. Ctrl-C stops everything.

INFO
node -r ./scripts/register-aliases.js dist/apps/standalone/src/main.js
