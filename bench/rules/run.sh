#!/usr/bin/env bash
# bench/rules: one full rule-worker evaluation cycle over 30 days of generated rollups for
# ~6,000 entities, and the read API's latency, against the targets and a raw-lines baseline.
# Options are passed through, e.g. `bash bench/rules/run.sh --quick`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
[ -d node_modules/@clickhouse/client ] || npm install --no-audit --no-fund
npm run -s build
work=$(mktemp -d /tmp/ketenmonitor-bench-rules.XXXXXX)
trap 'rm -rf "$work"' EXIT
CHDB_PATH="$work/ch" PGLITE_PATH="$work/pglite" LOG_LEVEL=error node -r ./scripts/register-aliases.js dist/bench/rules/rules.bench.js "$@"
