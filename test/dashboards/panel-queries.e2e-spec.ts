import {
  ALL,
  MacroContext,
  PanelQuerySpec,
  checkPromql,
  expandClickHouseMacros,
  expandPostgresMacros,
  panelQueries,
  variableQueries,
} from '../../dashboards/src';

import { readMigrations, splitStatements } from '@app/clickhouse';
import { EXPECTATIONS, Row } from './support/expectations';
import { Scenario, buildScenario } from './support/scenario';

const MIN = 60_000;
/** ClickHouse DateTime text (UTC) -> epoch ms. */
const ms = (v: unknown) => Date.parse(`${String(v).replace(' ', 'T')}Z`);

/**
 * Every panel of every dashboard, run as Grafana would run it: the SQL text of the dashboard
 * JSON with Grafana's macros and template variables expanded (dashboards/src/grafana-macros.ts),
 * against the real ClickHouse engine and PostgreSQL server, on a scenario written through the
 * platform's own paths (support/scenario.ts). Each result is checked column by column against
 * the hand-computed figures (support/expectations.ts); Prometheus panels are checked for syntax
 * and for metric names the running app exposes.
 */
describe('dashboard panel queries on the scenario', () => {
  let s: Scenario;
  let to: Date;

  beforeAll(async () => {
    s = await buildScenario();
    to = new Date(Date.now() + 5 * MIN);
  }, 240_000);

  afterAll(async () => {
    await s?.close();
  });

  /** Template variable values per dashboard (the scenario's subjects). */
  const variables = (dashboard: string): MacroContext['variables'] =>
    ({
      ketenoverzicht: { gegevensdienst: ALL },
      deelnemer: { role: 'dva', participant: 'dva-x' },
      zorgaanbieder: { zorgaanbieder: 'za-1', gegevensdienst: [ALL] },
      aanleveringen: { participant: [ALL] },
      keten: { trace_id: s.happy.traceId, session_id: '' },
      incidenten: {},
    })[dashboard] ?? {};

  const run = async (
    spec: Pick<PanelQuerySpec, 'datasource' | 'sql'>,
    vars: MacroContext['variables'],
    range = { from: new Date(s.t0 - 60 * MIN), to },
  ) => {
    const ctx: MacroContext = { ...range, intervalSeconds: 60, variables: vars };
    if (spec.datasource === 'clickhouse') {
      return s.ch.query<Row>(expandClickHouseMacros(spec.sql, { ...ctx, database: s.ch.database }));
    }
    return (await s.api.sql.query<Row>(expandPostgresMacros(spec.sql, ctx))).rows;
  };

  const sqlPanels = panelQueries().filter((q) => q.datasource !== 'prometheus');
  const promPanels = panelQueries().filter((q) => q.datasource === 'prometheus');

  it.each(sqlPanels.map((q) => [`${q.dashboard} / ${q.panel} / ${q.refId}`, q] as const))(
    '%s gives the expected figures',
    async (_name, q) => {
      const expectation = EXPECTATIONS[`${q.dashboard}/${q.panel}/${q.refId}`];
      expect({ panel: q.panel, hasExpectation: expectation !== undefined }).toEqual({
        panel: q.panel,
        hasExpectation: true,
      });
      const rows = await run(q, variables(q.dashboard));
      expect(rows.length).toBeGreaterThan(0);
      expectation(rows, s, to);
    },
  );

  it.each(promPanels.map((q) => [`${q.dashboard} / ${q.panel} / ${q.refId}`, q] as const))(
    '%s selects metrics the platform exposes',
    (_name, q) => {
      for (const metric of checkPromql(q.sql)) {
        const histogram = /^(.*)_(bucket|sum|count)$/.exec(metric);
        const ok =
          s.exposed.has(metric) || (histogram !== null && s.exposed.get(histogram[1]) === 'histogram');
        expect({ metric, exposed: ok }).toEqual({ metric, exposed: true });
      }
    },
  );

  it('runs every baseline query (the bench compares the panels with them)', async () => {
    const baselines = panelQueries().filter((q) => q.rawBaselineSql);
    expect(baselines.length).toBeGreaterThanOrEqual(5);
    for (const q of baselines) {
      const rows = await run(
        { datasource: 'clickhouse', sql: q.rawBaselineSql as string },
        variables(q.dashboard),
      );
      expect({ panel: q.panel, rows: rows.length > 0 }).toEqual({ panel: q.panel, rows: true });
    }
  });

  it('narrows by the selected values of a multi-value variable, and by role', async () => {
    const outcomes = panelQueries().find((q) => q.panel === 'Uitkomsten') as PanelQuerySpec;
    const only51 = await run(outcomes, { gegevensdienst: ['51'] });
    expect(Object.fromEntries(only51.map((r) => [r.uitkomst, Number(r.ketens)]))).toEqual({
      abandoned: 1,
      happy: 1,
      one_sided: 2,
    });
    const sli = panelQueries().find((q) => q.panel === 'SLI’s') as PanelQuerySpec;
    const [dvp] = await run(sli, { role: 'dvp', participant: 'pgo-a' });
    expect(Number(dvp.ketens)).toBe(9);
    expect(Number(dvp.beschikbaarheid)).toBe(1);
    expect(Number(dvp.eenzijdig)).toBeCloseTo(2 / 9, 9);
    expect(Number(dvp.volledigheid)).toBeCloseTo(7 / 9, 9);
    // dva-y's clock runs 400 ms ahead: the estimate shows it.
    const skew = panelQueries().find((q) => q.panel === 'Klokverschil per tegenpartij') as PanelQuerySpec;
    const [y] = await run(skew, { role: 'dva', participant: 'dva-y' });
    expect(Number(y.klokverschil_ms)).toBeGreaterThan(250);
  });

  it('reads exchanges of a range reaching past the minute rollup from the hourly rollup, complete', async () => {
    const exchanges = panelQueries().find((q) => q.panel === 'Uitwisselingen per minuut') as PanelQuerySpec;
    const month = { from: new Date(s.t0 - 30 * 86_400_000), to };
    const rows = await run(exchanges, { gegevensdienst: ALL }, month);
    // Hourly buckets, each giving its chains per minute: the 11 scenario chains start within
    // t0..t0+10 min, so they sit in one or two whole hours and sum back to 11 (rate x 60).
    for (const r of rows) expect(ms(r.time) % 3_600_000).toBe(0);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((a, r) => a + Number(r.ketens_per_minuut) * 60, 0)).toBeCloseTo(11, 9);
  });

  it('reads hops of ranges over 48 hours from the daily rollup, with the same figures', async () => {
    const hops = panelQueries().find(
      (q) => q.dashboard === 'deelnemer' && q.panel === 'Hop-latenties',
    ) as PanelQuerySpec;
    const wide = {
      from: new Date(s.t0 - 3 * 86_400_000 - 90 * MIN),
      to: new Date(s.t0 + 2 * 86_400_000 + 30 * MIN),
    };
    const total = (rows: Row[]) => rows.reduce((a, r) => a + Number(r.aantal), 0);
    expect(total(await run(hops, { role: 'dva', participant: 'dva-x' }, wide))).toBe(27);
    // The daily rollup holds the scenario's hops (the figures above came from it).
    const daily = await s.ch.query<Row>(
      s.ch.sql(
        `SELECT sum(hops) AS n FROM {{db}}.hop_rollup_pair_1d WHERE dva_id = 'dva-x' AND day = toDate({t:DateTime})`,
      ),
      { t: Math.floor(s.t0 / 1000) },
    );
    expect(Number(daily[0].n)).toBeGreaterThan(0);
  });

  it('finds the chain by session id as well', async () => {
    const lines = panelQueries().find(
      (q) => q.dashboard === 'keten' && q.panel === 'Regels',
    ) as PanelQuerySpec;
    const rows = await run(lines, { trace_id: '', session_id: s.happy.sessionId });
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.keten_id))).toEqual(new Set([s.happy.traceId]));
  });

  it('fills every query variable from the registry', async () => {
    const values = async (variable: string, vars: MacroContext['variables'] = {}) => {
      const v = variableQueries().find((q) => q.variable === variable && q.datasource === 'postgres');
      const rows = await run({ datasource: 'postgres', sql: (v as { sql: string }).sql }, vars);
      return rows.map((r) => Object.values(r)[0]);
    };
    expect(await values('participant', { role: 'dvp' })).toEqual(['pgo-a', 'pgo-b']);
    expect(await values('zorgaanbieder')).toEqual(['za-1', 'za-2']);
    expect(await values('gegevensdienst')).toEqual(['48', '51']);
    for (const v of variableQueries()) {
      const rows = await run(v, { role: 'dva' });
      expect({ variable: v.variable, rows: rows.length > 0 }).toEqual({ variable: v.variable, rows: true });
    }
  });

  it('backfills failed_chains from chain_outcomes exactly as its view fills it (migration 0020)', async () => {
    const rows = () =>
      s.ch.query<Row>(
        s.ch.sql(`SELECT role, participant_id, chain_start, trace_id, outcome FROM {{db}}.failed_chains FINAL
                  ORDER BY role, participant_id, chain_start, trace_id`),
      );
    const fromView = await rows();
    // The scenario's failures: 2 errors, 1 abandoned, 2 one-sided chains, each for its DVP and DVA.
    expect(fromView).toHaveLength(10);
    const migration = readMigrations().find((m) => m.version === 20);
    const backfill = splitStatements(migration?.sql ?? '').find((st) => st.trimStart().startsWith('INSERT'));
    await s.ch.command(s.ch.sql('TRUNCATE TABLE {{db}}.failed_chains'));
    await s.ch.command(s.ch.sql(backfill as string));
    expect(await rows()).toEqual(fromView);
  });

  it('backfills hop_rollup_pair_1d from the hourly pairs exactly as its view fills it (migration 0021)', async () => {
    const rows = () =>
      s.ch.query<Row>(
        s.ch.sql(`SELECT day, dvp_id, dva_id, hop, direction, sum(hops) AS hops, sum(le_2000) AS le_2000,
                    quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS q
                  FROM {{db}}.hop_rollup_pair_1d GROUP BY ALL ORDER BY ALL`),
      );
    const fromView = await rows();
    // dva-x: 4 x 6 + 3 hops; dva-y: 6 of the happy chain + 1 of the abandoned one.
    expect(fromView.reduce((a, r) => a + Number(r.hops), 0)).toBe(34);
    const migration = readMigrations().find((m) => m.version === 21);
    const backfill = splitStatements(migration?.sql ?? '').find((st) => st.trimStart().startsWith('INSERT'));
    await s.ch.command(s.ch.sql('TRUNCATE TABLE {{db}}.hop_rollup_pair_1d'));
    await s.ch.command(s.ch.sql(backfill as string));
    expect(await rows()).toEqual(fromView);
  });
});
