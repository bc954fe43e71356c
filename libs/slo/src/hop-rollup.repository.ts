import { ClickHouseService } from '@app/clickhouse';
import { HopCounters, WindowedCounters } from './counters';
import { EntityRef, entityKey } from './entity';
import {
  ENTITY_ARRAY,
  ENTITY_FILTER,
  WINDOW_PARAMS,
  chSeconds,
  entityParams,
  windowIndexes,
} from './rollup-query';
import { WindowSpec } from './chain-rollup.repository';
import { LATENCY_THRESHOLDS_MS } from './slo-definition';

function windowedSql(
  table: 'hop_rollup_1m' | 'hop_rollup_1h',
  bucket: 'minute' | 'hour',
  filter: string,
): string {
  return `
  WITH ${WINDOW_PARAMS}
  SELECT e.1 AS kind, e.2 AS id, names[w] AS window, sum(hops) AS hops,
         ${LATENCY_THRESHOLDS_MS.map((t) => `sum(le_${t}) AS le_${t}`).join(', ')},
         quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS q
  FROM {{db}}.${table}
  ARRAY JOIN ${ENTITY_ARRAY} AS e
  ARRAY JOIN ${windowIndexes(bucket)} AS w
  WHERE ${bucket} >= {from:DateTime('UTC')} AND ${bucket} <= {to:DateTime('UTC')} ${filter}
  GROUP BY kind, id, window`;
}

// Per DVP x DVA pair and direction: the median of (receive - send). Request hops carry
// +offset(DVA vs DVP), response hops -offset; half their difference estimates the offset.
const PAIR_MEDIANS = `
  SELECT dvp_id, dva_id, direction, sum(hops) AS hops,
         quantilesTDigestMerge(0.5, 0.95, 0.99)(latency)[1] AS median
  FROM {{db}}.hop_rollup_1m
  WHERE minute >= {from:DateTime('UTC')} AND minute <= {to:DateTime('UTC')} AND dvp_id != '' AND dva_id != ''
  GROUP BY dvp_id, dva_id, direction`;

export interface PairDirectionMedian {
  readonly dvpId: string;
  readonly dvaId: string;
  readonly direction: 'DVP->DVA' | 'DVA->DVP';
  readonly hops: number;
  readonly medianMs: number;
}

/** Paired hops per entity and window from hop_rollup_1m / hop_rollup_1h; pair medians for clock skew. */
export class HopRollupRepository {
  private readonly sql: Record<string, string> = {};
  private readonly pairSql: string;

  constructor(private readonly ch: ClickHouseService) {
    for (const [table, bucket] of [
      ['hop_rollup_1m', 'minute'],
      ['hop_rollup_1h', 'hour'],
    ] as const) {
      this.sql[`${bucket}:all`] = ch.sql(windowedSql(table, bucket, ''));
      for (const [kind, f] of Object.entries(ENTITY_FILTER)) {
        this.sql[`${bucket}:${kind}`] = ch.sql(
          windowedSql(table, bucket, `AND ${f} AND kind = {kind:String}`),
        );
      }
    }
    this.pairSql = ch.sql(PAIR_MEDIANS);
  }

  async windowed(
    bucket: 'minute' | 'hour',
    windows: WindowSpec,
    entity?: EntityRef,
    into: WindowedCounters<HopCounters> = new Map(),
  ): Promise<WindowedCounters<HopCounters>> {
    if (windows.names.length === 0) return into;
    const rows = await this.ch.query<Record<string, string> & { q: number[] }>(
      this.sql[`${bucket}:${entity?.kind ?? 'all'}`],
      {
        names: windows.names,
        starts: windows.starts.map(chSeconds),
        from: chSeconds(Math.min(...windows.starts)),
        to: chSeconds(windows.toMs),
        ...entityParams(entity),
      },
    );
    for (const r of rows) {
      const key = entityKey({ kind: r.kind as EntityRef['kind'], id: r.id });
      let perWindow = into.get(key);
      if (!perWindow) into.set(key, (perWindow = new Map()));
      const hops = Number(r.hops);
      perWindow.set(r.window, {
        hops,
        le: Object.fromEntries(LATENCY_THRESHOLDS_MS.map((t) => [t, Number(r[`le_${t}`])])),
        p50: hops > 0 ? Number(r.q[0]) : null,
        p95: hops > 0 ? Number(r.q[1]) : null,
        p99: hops > 0 ? Number(r.q[2]) : null,
      });
    }
    return into;
  }

  async pairMedians(fromMs: number, toMs: number): Promise<PairDirectionMedian[]> {
    const rows = await this.ch.query<{
      dvp_id: string;
      dva_id: string;
      direction: PairDirectionMedian['direction'];
      hops: string;
      median: number;
    }>(this.pairSql, { from: chSeconds(fromMs), to: chSeconds(toMs) });
    return rows.map((r) => ({
      dvpId: r.dvp_id,
      dvaId: r.dva_id,
      direction: r.direction,
      hops: Number(r.hops),
      medianMs: Number(r.median),
    }));
  }
}
