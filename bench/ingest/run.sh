#!/usr/bin/env bash
# bench/ingest: the ingestion benchmark on a fresh local Kafka broker and a fresh embedded
# ClickHouse. Prints its figures and compares them with the targets and with baselines
# measured in the same run. Options are passed through, e.g. `npm run bench:ingest -- --quick`;
# BENCH_NODE_FLAGS adds Node/V8 flags (e.g. "--trace-gc-nvp", "--cpu-prof").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
[ -d node_modules/@clickhouse/client ] || npm install --no-audit --no-fund
npm run -s build
work=$(mktemp -d /tmp/ketenmonitor-bench.XXXXXX)
trap 'bash deploy/local/kafka/kafka.sh stop "$work/kafka" >/dev/null 2>&1; rm -rf "$work"' EXIT
export KAFKA_PORT=${BENCH_KAFKA_PORT:-19392} KAFKA_HEAP=1g
bash deploy/local/kafka/kafka.sh start "$work/kafka"
BENCH_BROKER_PID=$(cat "$work/kafka/broker.pid") KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" CHDB_PATH="$work/ch" LOG_LEVEL=${LOG_LEVEL:-warn} \
  node --expose-gc ${BENCH_NODE_FLAGS:-} -r ./scripts/register-aliases.js dist/bench/ingest/ingest.bench.js "$@"
