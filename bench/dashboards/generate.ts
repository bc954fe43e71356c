import { loadavg } from 'node:os';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import { loadCatalogRegistry } from '@app/ketenlog';
import { CHAIN_TEMPLATES, meanLinesPerChain } from './chain-templates';
import {
  INSERT_DELIVERIES,
  INSERT_FAILED_DELIVERIES,
  INSERT_HOPS,
  INSERT_LINES,
  INSERT_OUTCOMES,
  INSERT_REJECTIONS,
} from './scenario-sql';
import { templateFacts } from './template-facts';

export interface Scenario {
  /** Ketenlog lines to write (at least; whole chains). */
  readonly lines: number;
  readonly days: number;
  readonly dvps: number;
  readonly dvas: number;
  readonly zorgaanbieders: number;
  readonly seed: number;
}

/** National scale: 50M lines in 30 days across 6,000 entities (20 DVPs, 60 DVAs, 5,920 zorgaanbieders). */
export const NATIONAL: Scenario = {
  lines: 50_000_000,
  days: 30,
  dvps: 20,
  dvas: 60,
  zorgaanbieders: 5_920,
  seed: 2026,
};
export const QUICK: Scenario = {
  lines: 1_000_000,
  days: 30,
  dvps: 5,
  dvas: 10,
  zorgaanbieders: 585,
  seed: 2026,
};

export const GEGEVENSDIENSTEN = ['48', '49', '51', '53', '55', '56', '61'];

export interface Generated {
  readonly scenario: Scenario;
  /** The end of the scenario's 30 days (ms); benchmarks query relative to it, not to now. */
  readonly endMs: number;
  readonly lines: number;
  readonly chains: number;
  readonly seconds: number;
  readonly loadAverage: number;
  readonly reused: boolean;
}

const MARKER = `
  CREATE TABLE IF NOT EXISTS {{db}}.bench_scenario
    (scenario String, end_ms Int64, lines UInt64, chains UInt64, seconds Float64, load_average Float64)
  ENGINE = MergeTree ORDER BY tuple()`;

const CHAINS_PER_CHUNK = 100_000;
/** Bump when the generated data changes, so a kept data directory is generated again. */
const GENERATOR_VERSION = 2;
const markerKey = (s: Scenario) => JSON.stringify({ ...s, generator: GENERATOR_VERSION });
const DAY_MS = 86_400_000;

/** The template arrays the SQL indexes by template number (1-based in ClickHouse). */
export function templateParams(): Record<string, unknown> {
  const catalogs = loadCatalogRegistry();
  const facts = CHAIN_TEMPLATES.map((t) => templateFacts(t, catalogs));
  let cum = 0;
  const col = <T>(f: (l: (typeof CHAIN_TEMPLATES)[number]['lines'][number]) => T) =>
    CHAIN_TEMPLATES.map((t) => t.lines.map(f));
  return {
    t_cum: CHAIN_TEMPLATES.map((t) => (cum += t.perMille)),
    t_events: col((l) => l.event),
    t_roles: col((l) => l.role),
    t_gaps: col((l) => l.gapMs),
    t_carries: col((l) => l.carries),
    t_slots: col((l) => l.slot),
    t_peers: col((l) => l.peer),
    t_methods: col((l) => l.method),
    t_statuses: col((l) => l.status),
    t_errors: col((l) => l.errorCode),
    t_steps: facts.map((f) => f.steps),
    t_classes: facts.map((f) => f.classes),
    t_outcome: facts.map((f) => f.outcome),
    t_error_area: facts.map((f) => f.errorArea),
    t_server_side: facts.map((f) => f.serverSide),
    t_dvp_logged: facts.map((f) => (f.dvpLogged ? 1 : 0)),
    t_dva_logged: facts.map((f) => (f.dvaLogged ? 1 : 0)),
    t_furthest_step: facts.map((f) => f.furthestStep),
    t_furthest_event: facts.map((f) => f.furthestEvent),
    t_decide_after: facts.map((f) => f.decideAfterMs),
    t_hop_send: facts.map((f) => f.hops.map((h) => h.send + 1)),
    t_hop_receive: facts.map((f) => f.hops.map((h) => h.receive + 1)),
  };
}

export function participantIds(s: Scenario): string[] {
  return [
    ...Array.from({ length: s.dvps }, (_, i) => `dvp-${i}`),
    ...Array.from({ length: s.dvas }, (_, i) => `dva-${i}`),
  ];
}

/** Returns the scenario already in the database, if it is this one. */
async function existing(ch: ClickHouseService, s: Scenario): Promise<Generated | undefined> {
  const rows = await ch
    .query<{ end_ms: string; lines: string; chains: string; seconds: number; load_average: number }>(
      ch.sql(
        'SELECT end_ms, lines, chains, seconds, load_average FROM {{db}}.bench_scenario WHERE scenario = {s:String}',
      ),
      { s: markerKey(s) },
    )
    .catch(() => []);
  if (rows.length === 0) return undefined;
  const r = rows[0];
  return {
    scenario: s,
    endMs: Number(r.end_ms),
    lines: Number(r.lines),
    chains: Number(r.chains),
    seconds: r.seconds,
    loadAverage: r.load_average,
    reused: true,
  };
}

/**
 * Writes the scenario (or finds it already written): lines in chunks of 100k chains, each chunk
 * followed by its chain decisions and hops, so the materialized views fill chain_parts,
 * chain_activity, event_rollup_*, chain_rollup_* and hop_rollup_* as in production. Then the
 * aanleveringen, and a marker row (written last, so an interrupted run is generated again).
 */
export async function generateScenario(
  ch: ClickHouseService,
  s: Scenario,
  log: (line: string) => void,
): Promise<Generated> {
  const found = await existing(ch, s);
  if (found) {
    // Migrations added since the data was generated (they backfill from the tables they read);
    // a changed migration means a different schema: generate again.
    const applied = await runMigrations(ch).catch((err: Error) => log(`  ${err.message}: generating again`));
    if (applied) {
      if (applied.length > 0) log(`  applied migrations ${applied.join(', ')} to the kept data`);
      return found;
    }
  }
  await ch.command(`DROP DATABASE IF EXISTS ${ch.database}`);
  await runMigrations(ch);
  const started = performance.now();
  const endMs = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const fromMs = endMs - s.days * DAY_MS;
  const chains = Math.ceil(s.lines / meanLinesPerChain());
  const base = {
    ...templateParams(),
    seed: s.seed,
    dvps: s.dvps,
    dvas: s.dvas,
    zas: s.zorgaanbieders,
    gds: GEGEVENSDIENSTEN,
    from_ms: fromMs,
    // Chains start up to 5 minutes before the end, so every line lies within the scenario.
    span_ms: s.days * DAY_MS - 300_000,
    chains,
    end_ms: endMs,
  };
  const [lines, outcomes, hops] = [INSERT_LINES, INSERT_OUTCOMES, INSERT_HOPS].map((q) => ch.sql(q));
  const loads: number[] = [];
  for (let offset = 0; offset < chains; offset += CHAINS_PER_CHUNK) {
    const params = { ...base, offset, count: Math.min(CHAINS_PER_CHUNK, chains - offset) };
    await ch.command(lines, params);
    await ch.command(outcomes, params);
    await ch.command(hops, params);
    const done = offset + params.count;
    const elapsed = (performance.now() - started) / 1000;
    const linesDone = done * meanLinesPerChain();
    loads.push(loadavg()[0]);
    log(
      `  ${(linesDone / 1e6).toFixed(1)}M of ~${(s.lines / 1e6).toFixed(0)}M lines ` +
        `(${done} of ${chains} chains), ${Math.round(linesDone / elapsed / 1000)}k lines/s, ` +
        `ETA ${Math.round((elapsed * (chains - done)) / done)} s, load ${loadavg()[0].toFixed(1)}`,
    );
  }
  for (let day = 0; day < s.days; day++) {
    await ch.command(ch.sql(INSERT_DELIVERIES), {
      from_ms: fromMs + day * DAY_MS,
      to_ms: fromMs + (day + 1) * DAY_MS,
    });
  }
  await ch.command(ch.sql(INSERT_FAILED_DELIVERIES), {
    seed: s.seed,
    from_ms: fromMs,
    windows: (s.days * DAY_MS) / 300_000,
    participants: participantIds(s),
  });
  await ch.command(ch.sql(INSERT_REJECTIONS));
  log(`  aanleveringen written at ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const total = Number(
    (await ch.query<{ n: string }>(ch.sql('SELECT count() AS n FROM {{db}}.ketenlog_events')))[0].n,
  );
  const seconds = (performance.now() - started) / 1000;
  const loadAverage = loads.reduce((a, b) => a + b, 0) / Math.max(loads.length, 1);
  await ch.command(ch.sql(MARKER));
  await ch.insert('bench_scenario', [
    { scenario: markerKey(s), end_ms: endMs, lines: total, chains, seconds, load_average: loadAverage },
  ]);
  return { scenario: s, endMs, lines: total, chains, seconds, loadAverage, reused: false };
}

/** On-disk size and rows per table (active parts), largest first. */
export async function tableSizes(
  ch: ClickHouseService,
): Promise<Array<{ table: string; rows: number; bytes: number; parts: number }>> {
  const rows = await ch.query<{ table: string; rows: string; bytes: string; parts: string }>(
    `SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes, count() AS parts FROM system.parts
     WHERE database = {db:String} AND active GROUP BY table ORDER BY sum(bytes_on_disk) DESC`,
    { db: ch.database },
  );
  return rows.map((r) => ({
    table: r.table,
    rows: Number(r.rows),
    bytes: Number(r.bytes),
    parts: Number(r.parts),
  }));
}
