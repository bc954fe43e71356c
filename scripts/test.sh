#!/usr/bin/env bash
# The test command (`npm test`): installs what is missing, starts the engines the tests need
# (a local Kafka broker from Maven Central jars, a PostgreSQL server from Debian's package),
# then runs typecheck, lint, unit specs and end-to-end tests. Works on a fresh clone.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export TZ=UTC

step() { printf '\n== %s\n' "$*"; }

# The report tests render HTML and PDF in headless Chromium (Debian's `chromium` package).
if ! command -v chromium >/dev/null; then
  echo "chromium is missing: install Debian's chromium package (apt-get install -y chromium); the report tests render with it" >&2
  exit 1
fi

step "npm packages"
# `npm install`, not `npm ci`: chdb lists optional platform packages that the registry does not
# serve (darwin, linux-arm64), which npm cannot put in the lock file and `npm ci` then refuses.
if [ ! -d node_modules/@clickhouse/client ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

work=$(mktemp -d /tmp/ketenmonitor-test.XXXXXX)
# PostgreSQL runs as the postgres user when we are root: it must be able to enter this directory.
chmod 755 "$work"
cleanup() {
  bash deploy/local/kafka/kafka.sh stop "$work/kafka" >/dev/null 2>&1 || true
  bash scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step "Kafka (local KRaft node)"
export KAFKA_PORT=${TEST_KAFKA_PORT:-19092}
bash deploy/local/kafka/kafka.sh start "$work/kafka"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"

step "PostgreSQL"
if [ -z "${DATABASE_URL:-}" ]; then
  export PG_PORT=${TEST_PG_PORT:-15432}
  bash scripts/postgres.sh start "$work/pg"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
fi

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "lint"
npm run -s lint

step "build"
npm run -s build

step "unit tests"
npx jest --selectProjects unit --ci

step "end-to-end tests (real Kafka, ClickHouse engine, PostgreSQL)"
export TEST_WORK_DIR="$work"
npx jest --selectProjects e2e --ci --runInBand
