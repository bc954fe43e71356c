#!/usr/bin/env bash
# bench/intake: the HTTPS intake against the raw Kafka produce rate, on a fresh local broker.
# Options are passed through, e.g. `bash bench/intake/run.sh --seconds 10 --clients 4`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
[ -d node_modules/kafkajs ] || npm install --no-audit --no-fund
npm run -s build
work=$(mktemp -d /tmp/ketenmonitor-bench-intake.XXXXXX)
trap 'bash deploy/local/kafka/kafka.sh stop "$work/kafka" >/dev/null 2>&1; rm -rf "$work"' EXIT
export KAFKA_PORT=${BENCH_KAFKA_PORT:-19492} KAFKA_HEAP=1g
bash deploy/local/kafka/kafka.sh start "$work/kafka"
KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" BENCH_WORK_DIR="$work" LOG_LEVEL=warn \
  node -r ./scripts/register-aliases.js dist/bench/intake/intake.bench.js "$@"
