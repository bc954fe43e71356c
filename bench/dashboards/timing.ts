import { ClickHouseService } from '@app/clickhouse';

export interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly runs: number;
  readonly rows: number;
  /** The first failure, if the query failed (then there are no figures). */
  readonly error?: string;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Runs `sql` `warmups` times untimed, then `runs` times timed, one after another (as one Grafana
 * panel refresh would), and returns the latency percentiles including the rows' transfer and
 * JSON parse in Node. `settings` is appended when the query has no SETTINGS clause of its own.
 */
export async function timeQuery(
  ch: ClickHouseService,
  sql: string,
  warmups: number,
  runs: number,
  settings = '',
): Promise<Timing> {
  const text = settings && !/\bSETTINGS\b/i.test(sql) ? `${sql}\nSETTINGS ${settings}` : sql;
  return timeRuns(async () => (await ch.query<unknown>(text)).length, warmups, runs);
}

/** As {@link timeQuery} for any engine: `run` executes the query once and returns its row count. */
export async function timeRuns(run: () => Promise<number>, warmups: number, runs: number): Promise<Timing> {
  const times: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < warmups + runs; i++) {
      const started = performance.now();
      rows = await run();
      const elapsed = performance.now() - started;
      if (i >= warmups) times.push(elapsed);
    }
  } catch (err) {
    const error = String(err instanceof Error ? err.message : err)
      .split('\n')[0]
      .slice(0, 300);
    return { p50: NaN, p95: NaN, max: NaN, runs: times.length, rows, error };
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), runs, rows };
}

export const fmtMs = (n: number): string => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : n.toFixed(0));
