import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { ManualClock, createChains } from '@app/chains';
import { ClickHouseModule, ClickHouseService, runMigrations } from '@app/clickhouse';
import { signDevToken } from '@app/auth';
import { ConfigModule, loadConfig } from '@app/config';
import { PostgresModule } from '@app/postgres';
import { loadCatalogRegistry } from '@app/ketenlog';
import { JsonLogger } from '@app/observability';
import { PARTICIPANT_DIRECTORY } from '@app/participants';
import {
  ChainRollupRepository,
  DEFAULT_DEFINITIONS_DIR,
  RecordingAlertSink,
  SloModule,
  createSlo,
  readDefinitionFiles,
} from '@app/slo';
import { Shape, benchDirectory, generateRawSample, generateRollups } from './generate';

/**
 * bench/rules: one full rule-worker evaluation cycle over 30 days of rollups for ~6,000
 * entities, and the read API's latency, against the targets (cycle < 5 s, read p95 < 200 ms)
 * and a baseline measured in the same run (the same SLI computed from raw lines).
 * Run: `bash bench/rules/run.sh` (add `--quick` for a small shape).
 */
const quick = process.argv.includes('--quick');
const shape: Shape = quick
  ? { dvps: 5, dvas: 4, zorgaanbieders: 500, days: 7 }
  : { dvps: 20, dvas: 15, zorgaanbieders: 5_500, days: 30 };
const READS = quick ? 60 : 300;
const CYCLES = 3;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  JsonLogger.setLevel('error');
  const chdbPath = process.env.CHDB_PATH ?? `/tmp/ketenmonitor-bench-rules-${process.pid}`;
  const database = `bench_${randomBytes(4).toString('hex')}`;
  const ch = new ClickHouseService({ url: process.env.CLICKHOUSE_URL, chdbPath }, database);
  await runMigrations(ch);
  const nowMs = Date.now();
  console.log(
    `bench/rules: ${JSON.stringify(shape)} in ${database} (${process.env.CLICKHOUSE_URL ?? chdbPath})`,
  );

  const generated = await generateRollups(ch, shape, nowMs);
  const sampleChains = await generateRawSample(ch, 'dva-0', shape.days, 60, nowMs);
  const rowCount = async (table: string) =>
    Number((await ch.query<{ n: string }>(ch.sql(`SELECT count() AS n FROM {{db}}.${table}`)))[0].n);
  console.log(
    `generated in ${generated.seconds.toFixed(1)} s: chain_rollup_1h ${await rowCount('chain_rollup_1h')} rows, ` +
      `chain_rollup_1m ${await rowCount('chain_rollup_1m')}, hop_rollup_1h ${await rowCount('hop_rollup_1h')}, ` +
      `raw sample ${sampleChains} chains (${await rowCount('ketenlog_events')} lines)`,
  );

  // One full cycle, single replica (the finalizer runs too; no chain is waiting to be decided).
  const directory = benchDirectory(shape);
  const clock = new ManualClock(nowMs);
  const sink = new RecordingAlertSink();
  const chains = createChains(ch, loadCatalogRegistry(), directory, {
    abandonGraceSeconds: 900,
    oneSidedGraceSeconds: 4500,
    lookbackSeconds: 6300,
  });
  // As SloModule does: extra reader clients so the window queries run in parallel.
  const readers = [1, 2, 3].map(
    () => new ClickHouseService({ url: process.env.CLICKHOUSE_URL, chdbPath }, database),
  );
  const slo = createSlo(
    ch,
    {
      clock,
      directory,
      sink,
      shard: { index: 0, count: 1 },
      finalizer: chains.finalizer,
    },
    readers,
  );
  await slo.definitions.seed(readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]), nowMs);
  const cycles: number[] = [];
  let entities = 0;
  let statuses = 0;
  for (let i = 0; i < CYCLES; i++) {
    const started = performance.now();
    const report = await slo.evaluator.cycle();
    cycles.push(performance.now() - started);
    entities = report.entities;
    statuses = report.statuses.length;
  }
  const kinds = new Map<string, number>();
  for (const key of new Set((await slo.evaluator.cycle()).statuses.map((s) => s.entity))) {
    const kind = key.slice(0, key.indexOf(':'));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }

  // Baseline: availability of one DVA over the window, from its raw lines vs from the rollups.
  const fromMs = nowMs - shape.days * 86_400_000;
  const rawSql = ch.sql(`
    SELECT count() AS chains, countIf(failed) AS failed FROM (
      SELECT trace_id, max(event_class = 'error' AND response_status >= 500) AS failed
      FROM {{db}}.ketenlog_events
      WHERE participant_id = {dva:String} AND event_time >= {from:DateTime64(3, 'UTC')}
      GROUP BY trace_id)`);
  const rollups = new ChainRollupRepository(ch);
  const raw: number[] = [];
  const fromRollups: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    await ch.query(rawSql, {
      dva: 'dva-0',
      from: new Date(fromMs).toISOString().slice(0, 23).replace('T', ' '),
    });
    raw.push(performance.now() - t);
    t = performance.now();
    await rollups.windowed(
      'hour',
      { names: ['w'], starts: [fromMs], toMs: nowMs },
      { kind: 'dva', id: 'dva-0' },
    );
    fromRollups.push(performance.now() - t);
  }

  // The read API over HTTP: SLI/SLO status of random entities for the default 30-day range.
  // The read API is authenticated and audited (every read writes an access_audit row in
  // PostgreSQL: DATABASE_URL, or PGlite under PGLITE_PATH), as in production.
  const secret = 'bench-rules-secret-0123456789abcdefghijkl';
  const config = loadConfig({
    CHDB_PATH: chdbPath,
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
    CLICKHOUSE_DATABASE: database,
    LOG_LEVEL: 'error',
    AUTH_JWT_SECRET: secret,
    DATABASE_URL: process.env.DATABASE_URL,
    PGLITE_PATH: process.env.PGLITE_PATH,
  });
  const auth = {
    Authorization: `Bearer ${await signDevToken(secret, {
      subject: 'bench-operator',
      roles: ['operator'],
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    })}`,
  };
  @Global()
  @Module({
    providers: [{ provide: PARTICIPANT_DIRECTORY, useValue: directory }],
    exports: [PARTICIPANT_DIRECTORY],
  })
  class BenchDirectoryModule {}
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      ClickHouseModule,
      BenchDirectoryModule,
      PostgresModule.forRoot(),
      SloModule.forRoot(),
    ],
  })
  class BenchApiModule {}
  const app = await NestFactory.create(BenchApiModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const entity = (i: number): string => {
    const n = (i * 7919) % 100;
    if (n < 70) return `zorgaanbieder:za-${(i * 104729) % shape.zorgaanbieders}`;
    if (n < 80) return `dva:dva-${i % shape.dvas}`;
    if (n < 90) return `dvp:dvp-${i % shape.dvps}`;
    if (n < 97) return `pair:dvp-${i % shape.dvps}/dva-${i % shape.dvas}`;
    return 'gegevensdienst:48';
  };
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/slo/status?entity=${encodeURIComponent(entity(i))}`, {
      headers: auth,
    });
    if (!res.ok) throw new Error(`read API answered ${res.status}`);
    await res.json();
    reads.push(performance.now() - started);
  }
  const traces = await ch.query<{ t: string }>(
    ch.sql('SELECT DISTINCT toString(trace_id) AS t FROM {{db}}.chain_parts LIMIT 50'),
  );
  const lookups: number[] = [];
  for (const { t } of traces) {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/chains/${t}`, { headers: auth });
    if (!res.ok) throw new Error(`chain look-up answered ${res.status}`);
    await res.text();
    lookups.push(performance.now() - started);
  }
  await app.close();

  const cycle = Math.min(...cycles);
  const p95 = percentile(reads, 95);
  console.log('');
  console.log(
    `entities evaluated per cycle: ${entities} (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`,
  );
  console.log(`SLO evaluations per cycle:   ${statuses} (+ hourly delivery and clock skew per participant)`);
  console.log(
    `evaluation cycle:            ${cycles.map(ms).join(', ')} (best ${ms(cycle)})  target < 5000 ms: ${cycle < 5000 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `read API status (HTTP):      p50 ${ms(percentile(reads, 50))}, p95 ${ms(p95)}, p99 ${ms(percentile(reads, 99))} over ${READS} requests  target p95 < 200 ms: ${p95 < 200 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `chain look-up (HTTP):        p50 ${ms(percentile(lookups, 50))}, p95 ${ms(percentile(lookups, 95))} over ${lookups.length} requests`,
  );
  const rawMed = percentile(raw, 50);
  const rollMed = percentile(fromRollups, 50);
  console.log(
    `baseline, availability of one DVA over ${shape.days} days (${sampleChains} chains): raw lines ${ms(rawMed)} vs rollups ${ms(rollMed)} (${(rawMed / Math.max(rollMed, 0.1)).toFixed(0)}x)`,
  );
  const totalChains = Number(
    (await ch.query<{ n: string }>(ch.sql('SELECT sum(chains) AS n FROM {{db}}.chain_rollup_1h')))[0].n,
  );
  const perLine = rawMed / (sampleChains * 10);
  console.log(
    `  the same from raw lines for all ${(totalChains / 1e6).toFixed(1)}M chains (~${Math.round((totalChains * 10) / 1e6)}M lines): ` +
      `~${((perLine * totalChains * 10) / 1000).toFixed(1)} s per SLI and window (extrapolated from the sample, without ` +
      `classification), vs ${ms(cycle)} for the whole cycle (7 SLOs x 7 windows, all entities) from ` +
      `${((generated.hourRows + generated.minuteRows) / 1e6).toFixed(1)}M rollup rows`,
  );
  await Promise.all(readers.map((r) => r.close()));
  await ch.command(`DROP DATABASE IF EXISTS ${database}`);
  await ch.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
