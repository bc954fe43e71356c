import { ClickHouseService } from '@app/clickhouse';
import { ALL, MacroContext, PanelQuerySpec, expandClickHouseMacros } from '../../dashboards/src';
import { Timing, timeQuery } from './timing';

/** A time range ending at the scenario's end, with the interval Grafana would pick for it. */
export interface Range {
  readonly name: string;
  readonly ms: number;
  /** Grafana: range / max data points (~1,500 px wide), rounded to a nice interval. */
  readonly intervalSeconds: number;
}

export const RANGES: readonly Range[] = [
  { name: '30d', ms: 30 * 86_400_000, intervalSeconds: 1_800 },
  { name: '24h', ms: 86_400_000, intervalSeconds: 60 },
  { name: '6h', ms: 6 * 3_600_000, intervalSeconds: 15 },
];

/** Realistic variable values, read from the generated data. */
export interface Picks {
  readonly bigDva: string;
  readonly bigDvp: string;
  readonly busyZorgaanbieder: string;
  readonly traceId: string;
  readonly sessionId: string;
}

export async function pickVariables(ch: ClickHouseService, endMs: number): Promise<Picks> {
  const top = async (column: string) =>
    (
      await ch.query<{ id: string }>(
        ch.sql(
          `SELECT ${column} AS id FROM {{db}}.chain_rollup_1h GROUP BY id ORDER BY sum(chains) DESC LIMIT 1`,
        ),
      )
    )[0].id;
  // A chain from the last day that failed at the resource server: 20 lines of both parties.
  const [chain] = await ch.query<{ trace: string; start: string }>(
    ch.sql(`SELECT toString(trace_id) AS trace, toUnixTimestamp64Milli(chain_start) AS start FROM {{db}}.chain_outcomes
            WHERE chain_start >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND outcome = 'error' AND error_area = 'resource'
            ORDER BY cityHash64(trace_id) LIMIT 1`),
    { from: endMs - 86_400_000 },
  );
  const [session] = await ch.query<{ id: string }>(
    ch.sql(`SELECT any(session_id) AS id FROM {{db}}.ketenlog_events
            WHERE trace_id = {trace:UUID} AND session_id != '' AND event_time >= fromUnixTimestamp64Milli({start:Int64}, 'UTC')`),
    { trace: chain.trace, start: Number(chain.start) },
  );
  return {
    bigDva: await top('dva_id'),
    bigDvp: await top('dvp_id'),
    busyZorgaanbieder: await top('zorgaanbieder'),
    traceId: chain.trace,
    sessionId: session.id,
  };
}

/** The variable sets a dashboard is timed with (a participant dashboard: as a DVA and as a DVP). */
export function variableCases(
  dashboard: string,
  picks: Picks,
): Array<{ name: string; variables: MacroContext['variables'] }> {
  const base = {
    gegevensdienst: ALL,
    zorgaanbieder: picks.busyZorgaanbieder,
    trace_id: picks.traceId,
    session_id: picks.sessionId,
    role: 'dva',
    participant: picks.bigDva,
  };
  if (dashboard === 'deelnemer') {
    return [
      { name: `dva ${picks.bigDva}`, variables: base },
      { name: `dvp ${picks.bigDvp}`, variables: { ...base, role: 'dvp', participant: picks.bigDvp } },
    ];
  }
  if (dashboard === 'aanleveringen')
    return [{ name: 'all participants', variables: { ...base, participant: ALL } }];
  if (dashboard === 'zorgaanbieder') return [{ name: picks.busyZorgaanbieder, variables: base }];
  if (dashboard === 'keten') return [{ name: 'one trace_id', variables: base }];
  return [{ name: '', variables: base }];
}

export interface PanelResult {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly case: string;
  readonly range: string;
  readonly panelTiming: Timing;
  readonly rawTiming?: Timing;
  readonly sql: string;
  readonly rawSql?: string;
}

export interface PanelRunOptions {
  readonly warmups: number;
  readonly runs: number;
  readonly rawWarmups: number;
  readonly rawRuns: number;
  /** Ranges the raw-lines baseline is timed for (it scans tens of millions of lines). */
  readonly rawRanges: readonly string[];
  /** Seconds after which a raw baseline is cut off (ClickHouse max_execution_time). */
  readonly rawTimeoutSeconds: number;
}

/** Times every ClickHouse panel query for every range and variable case, and its raw baseline. */
export async function timePanels(
  ch: ClickHouseService,
  specs: readonly PanelQuerySpec[],
  endMs: number,
  picks: Picks,
  o: PanelRunOptions,
  progress: (r: PanelResult) => void,
): Promise<PanelResult[]> {
  const results: PanelResult[] = [];
  for (const spec of specs.filter((s) => s.datasource === 'clickhouse')) {
    for (const c of variableCases(spec.dashboard, picks)) {
      for (const range of RANGES) {
        const ctx: MacroContext = {
          from: new Date(endMs - range.ms),
          to: new Date(endMs),
          intervalSeconds: range.intervalSeconds,
          variables: c.variables,
          database: ch.database,
        };
        let sql: string;
        try {
          sql = expandClickHouseMacros(spec.sql, ctx);
        } catch (err) {
          const error = `expansion failed: ${(err as Error).message}`;
          const failed: Timing = { p50: NaN, p95: NaN, max: NaN, runs: 0, rows: 0, error };
          results.push({ ...key(spec, c.name, range), panelTiming: failed, sql: spec.sql });
          progress(results[results.length - 1]);
          continue;
        }
        const panelTiming = await timeQuery(ch, sql, o.warmups, o.runs);
        let rawSql: string | undefined;
        let rawTiming: Timing | undefined;
        if (spec.rawBaselineSql && o.rawRanges.includes(range.name)) {
          rawSql = expandClickHouseMacros(spec.rawBaselineSql, ctx);
          rawTiming = await timeQuery(
            ch,
            rawSql,
            o.rawWarmups,
            o.rawRuns,
            `max_execution_time = ${o.rawTimeoutSeconds}`,
          );
        }
        results.push({ ...key(spec, c.name, range), panelTiming, rawTiming, sql, rawSql });
        progress(results[results.length - 1]);
      }
    }
  }
  return results;
}

function key(spec: PanelQuerySpec, caseName: string, range: Range) {
  return {
    dashboard: spec.dashboard,
    panel: spec.panel,
    refId: spec.refId,
    case: caseName,
    range: range.name,
  };
}
