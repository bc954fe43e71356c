import { ClickHouseService } from '@app/clickhouse';
import { WindowSpec } from './chain-rollup.repository';
import { HopCounters, WindowedCounters } from './counters';
import { EntityRef, entityKey } from './entity';
import {
  ENTITY_FILTER,
  EntityQuery,
  PAIR_TABLE_KINDS,
  chSeconds,
  entityParams,
  windowedAggregation,
} from './rollup-query';
import { LATENCY_THRESHOLDS_MS } from './slo-definition';

const SUMS = [['hops', 'h'], ...LATENCY_THRESHOLDS_MS.map((t) => [`le_${t}`, `le${t}`] as const)] as const;
const COUNTERS = SUMS.map(([, as]) => [`n_${as}`, as, ''] as const);

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

type Row = { kind: string; id: string; q?: number[] } & Record<string, string[]>;

/**
 * Paired hops per entity and window from hop_rollup_1m / hop_rollup_1h (counts and latency
 * buckets for event-weighted latency SLOs; percentiles only for one entity's reads, since
 * merging t-digests for every entity would dominate the cycle), and pair medians for clock skew.
 */
export class HopRollupRepository {
  private readonly sql = new Map<string, string>();
  private readonly pairSql: string;

  constructor(private readonly ch: ClickHouseService) {
    this.pairSql = ch.sql(PAIR_MEDIANS);
  }

  private sqlFor(bucket: 'minute' | 'hour', windows: number, kind: EntityRef['kind'] | undefined): string {
    const key = `${bucket}:${windows}:${kind ?? ''}`;
    let sql = this.sql.get(key);
    if (!sql) {
      // One DVP, DVA or pair over hours: the per-pair rollup holds a fraction of the rows.
      const pairs = bucket === 'hour' && kind !== undefined && PAIR_TABLE_KINDS.includes(kind);
      // Percentiles for one entity's reads, over the query's whole range (the widest window).
      const percentiles = kind !== undefined && (bucket === 'hour' || windows === 1);
      sql = this.ch.sql(
        windowedAggregation({
          table: bucket === 'minute' ? 'hop_rollup_1m' : pairs ? 'hop_rollup_pair_1h' : 'hop_rollup_1h',
          pairsOnly: pairs,
          bucket,
          windows,
          filter: kind ? `AND ${ENTITY_FILTER[kind]}` : '',
          keys: [],
          sums: SUMS,
          counters: COUNTERS,
          extraInner: percentiles ? ', quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency) AS q_state' : '',
          extraOuter: percentiles ? ', quantilesTDigestMerge(0.5, 0.95, 0.99)(q_state) AS q' : '',
        }),
      );
      this.sql.set(key, sql);
    }
    return sql;
  }

  async windowed(
    bucket: 'minute' | 'hour',
    windows: WindowSpec,
    entity?: EntityQuery,
    into: WindowedCounters<HopCounters> = new Map(),
  ): Promise<WindowedCounters<HopCounters>> {
    if (windows.names.length === 0) return into;
    const rows = await this.ch.query<Row>(this.sqlFor(bucket, windows.names.length, entity?.kind), {
      starts: windows.starts.map(chSeconds),
      from: chSeconds(Math.min(...windows.starts)),
      to: chSeconds(windows.toMs),
      ...entityParams(entity),
    });
    const widest = windows.starts.indexOf(Math.min(...windows.starts));
    for (const r of rows) {
      const key = entityKey({ kind: r.kind as EntityRef['kind'], id: r.id });
      let perWindow = into.get(key);
      if (!perWindow) into.set(key, (perWindow = new Map()));
      windows.names.forEach((name, i) => {
        const hops = Number(r.n_h[i]);
        if (hops === 0) return;
        const q = i === widest ? r.q : undefined;
        perWindow.set(name, {
          hops,
          le: Object.fromEntries(LATENCY_THRESHOLDS_MS.map((t) => [t, Number(r[`n_le${t}`][i])])),
          p50: q ? Number(q[0]) : null,
          p95: q ? Number(q[1]) : null,
          p99: q ? Number(q[2]) : null,
        });
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
