#!/usr/bin/env bash
# bench/dashboards: p50/p95 of every dashboard panel query over 30 days of a national-scale
# scenario (50M ketenlog lines, ~6,000 entities), next to the same figure from the raw lines.
# Options are passed through: `--quick` (1M lines), `--data-dir DIR` (keep the generated data
# and reuse it next time; generation takes minutes), `--runs N`, `--warmups N`, `--raw-runs N`,
# `--only TEXT` (panels whose "dashboard/panel" contains TEXT), `--generate-only`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
[ -d node_modules/@clickhouse/client ] || npm install --no-audit --no-fund
npm run -s build
# The dashboards are not part of the app build; the bench reads their panel queries.
npx swc dashboards -d dist --copy-files -q
work=$(mktemp -d /tmp/ketenmonitor-bench-dashboards.XXXXXX)
trap 'rm -rf "$work"' EXIT
CHDB_PATH="$work/ch" PGLITE_PATH="$work/pglite" LOG_LEVEL=error TZ=UTC \
  node -r ./scripts/register-aliases.js dist/bench/dashboards/dashboards.bench.js "$@"
