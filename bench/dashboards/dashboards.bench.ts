import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ClickHouseService } from '@app/clickhouse';
import { JsonLogger } from '@app/observability';
import { panelQueries, variableQueries } from '../../dashboards/src';
import { NATIONAL, QUICK, generateScenario, tableSizes } from './generate';
import { PanelResult, RANGES, pickVariables, timePanels } from './panels';
import { COMPLIANCE_CASES, INCIDENTS, seedPostgres, timePostgres } from './postgres-panels';
import { printReport, verdicts } from './report';
import { fmtMs } from './timing';
import { finalizerCycle, validateSample } from './validate';

/**
 * bench/dashboards: generates (or reuses) the national scenario, checks the generated chain
 * decisions and hops against the real finalizer (a sample of every outcome, and one finalizer
 * cycle over the last 6 hours), then times every dashboard panel query (ClickHouse on the
 * scenario with its raw-lines baseline; PostgreSQL on a seeded PGlite) against p95 < 500 ms.
 * Run: `bash bench/dashboards/run.sh [--quick] [--data-dir DIR]`.
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const scenario = quick ? QUICK : NATIONAL;
const dataDir = option('--data-dir');
const database = option('--database') ?? 'ketenmonitor';
const number = (name: string, fallback: number) => Number(option(name) ?? fallback);
const TARGET_MS = 500;
const LAST_RUN = 'bench/dashboards/last-run.json';

async function main(): Promise<void> {
  JsonLogger.setLevel('error');
  const chdbPath = dataDir ?? process.env.CHDB_PATH ?? `/tmp/ketenmonitor-bench-dashboards-${process.pid}`;
  const ch = new ClickHouseService({ url: process.env.CLICKHOUSE_URL, chdbPath }, database);
  console.log(
    `bench/dashboards: ${JSON.stringify(scenario)} in ${database} (${process.env.CLICKHOUSE_URL ?? chdbPath})`,
  );
  const gen = await generateScenario(ch, scenario, (l) => console.log(l));
  console.log(
    `${gen.reused ? 'reused' : 'generated'}: ${(gen.lines / 1e6).toFixed(2)}M lines, ${(gen.chains / 1e6).toFixed(2)}M chains ` +
      `in ${gen.seconds.toFixed(0)} s (${Math.round(gen.lines / gen.seconds / 1000)}k lines/s, load average ${gen.loadAverage.toFixed(1)} ` +
      `on ${cpus().length} cores), ending ${new Date(gen.endMs).toISOString()}`,
  );
  const sizes = await tableSizes(ch);
  for (const t of sizes) {
    console.log(
      `  ${t.table.padEnd(24)} ${String(t.rows).padStart(11)} rows ${(t.bytes / 2 ** 20).toFixed(0).padStart(7)} MiB ${String(t.parts).padStart(4)} parts`,
    );
  }
  if (!process.env.CLICKHOUSE_URL) {
    console.log(
      // du may complain about parts a background merge removes meanwhile; its total still stands.
      `  data directory on disk: ${spawnSync('du', ['-sh', chdbPath]).stdout.toString().split('\t')[0]}`,
    );
  }
  const check = await validateSample(ch, scenario, gen.endMs);
  console.log(
    `finalizer check: ${check.chains} sampled chains, ${check.mismatches.length} field mismatches; ` +
      `${check.hops} hops, ${check.hopMismatches} missing or different`,
  );
  for (const m of check.mismatches.slice(0, 10)) console.log(`  ${m}`);
  const cycle = await finalizerCycle(ch, scenario, gen.endMs, 6);
  console.log(
    `finalizer cycle over the last 6 hours: ${cycle.examined} chains examined in ${cycle.seconds.toFixed(1)} s ` +
      `(${Math.round(cycle.examined / cycle.seconds)} chains/s), ${cycle.changed} decisions and ${cycle.hops} hops ` +
      `differed from the generated ones, ${cycle.inProgress} still in progress`,
  );
  if (args.includes('--generate-only')) {
    await ch.close();
    return;
  }
  const picks = await pickVariables(ch, gen.endMs);
  console.log(`variables: ${JSON.stringify(picks)}`);
  const specs = panelQueries();
  const only = option('--only');
  // Query variables of ClickHouse run like panels when a dashboard loads; time them with the panels.
  const chVariables = variableQueries()
    .filter((v) => v.datasource === 'clickhouse')
    .map((v) => ({
      dashboard: v.dashboard,
      panel: `variable $${v.variable}`,
      refId: '',
      datasource: v.datasource,
      sql: v.sql,
    }));
  const selected = [...specs, ...chVariables].filter(
    (q) => !only || `${q.dashboard}/${q.panel}`.includes(only),
  );
  const options = {
    warmups: number('--warmups', 2),
    runs: number('--runs', quick ? 5 : 15),
    rawWarmups: 1,
    rawRuns: number('--raw-runs', 3),
    rawRanges: ['30d'],
    rawTimeoutSeconds: 120,
  };
  console.log(
    `timing ${selected.filter((q) => q.datasource === 'clickhouse').length} ClickHouse panel queries over ` +
      `${RANGES.map((r) => r.name).join(', ')} (${options.warmups} warm-ups, ${options.runs} runs; raw baseline ` +
      `${options.rawRanges.join(', ')}: ${options.rawWarmups} + ${options.rawRuns})`,
  );
  const loads: number[] = [];
  const progress = (r: PanelResult) => {
    loads.push(loadavg()[0]);
    const t = r.panelTiming;
    console.log(
      `  ${r.dashboard}/${r.panel} ${r.refId} [${r.case}] ${r.range}: p50 ${fmtMs(t.p50)} p95 ${fmtMs(t.p95)} ms, ${t.rows} rows` +
        (r.rawTiming ? `; raw p50 ${fmtMs(r.rawTiming.p50)} p95 ${fmtMs(r.rawTiming.p95)} ms` : '') +
        (t.error ? ` ERROR ${t.error}` : '') +
        (r.rawTiming?.error ? ` RAW ERROR ${r.rawTiming.error}` : ''),
    );
  };
  const results = await timePanels(ch, selected, gen.endMs, picks, options, progress);
  // PostgreSQL panels and variables: a PGlite of this run's own, seeded (never DATABASE_URL).
  const pgDir = mkdtempSync(join(tmpdir(), 'ketenmonitor-bench-dashboards-pg-'));
  try {
    const sql = await seedPostgres(pgDir, scenario, gen.endMs);
    console.log(
      `PGlite seeded: ${INCIDENTS} incidents, ${COMPLIANCE_CASES} compliance cases, the scenario's registry`,
    );
    const variables = variableQueries().filter((v) => !only || `${v.dashboard}/variable`.includes(only));
    results.push(...(await timePostgres(sql, selected, variables, gen.endMs, options, progress)));
    await sql.close();
  } finally {
    rmSync(pgDir, { recursive: true, force: true });
  }
  const loadAverage = loads.reduce((a, b) => a + b, 0) / Math.max(loads.length, 1);
  const notTimed = selected
    .filter((q) => q.datasource === 'prometheus')
    .map((q) => ({ dashboard: q.dashboard, panel: q.panel, refId: q.refId, datasource: q.datasource }));
  printReport(results, notTimed, TARGET_MS, loadAverage);
  if (!quick && !only) {
    const report = {
      measuredAt: new Date().toISOString(),
      scenario: gen.scenario,
      scenarioEnd: new Date(gen.endMs).toISOString(),
      generation: { ...gen, tables: sizes },
      finalizerCheck: { ...check, mismatches: check.mismatches.slice(0, 20), cycle },
      machine: { cores: cpus().length, loadAverageDuringTiming: loadAverage },
      options,
      variables: picks,
      targetMs: TARGET_MS,
      // The expanded SQL only where a panel missed the target (the figures file stays small).
      verdicts: verdicts(results, TARGET_MS).map(({ sql: text, ...v }) => (v.met ? v : { ...v, sql: text })),
      results: results.map(({ sql: _sql, rawSql: _raw, ...r }) => r),
      notTimed,
    };
    mkdirSync(dirname(LAST_RUN), { recursive: true });
    writeFileSync(LAST_RUN, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`figures written to ${LAST_RUN}`);
  }
  await ch.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
