import { ClickHouseService } from '@app/clickhouse';
import { ChainCounters, WindowedCounters } from './counters';
import { EntityRef, entityKey } from './entity';
import {
  ENTITY_FILTER,
  EntityQuery,
  PAIR_TABLE_KINDS,
  chSeconds,
  entityParams,
  windowedAggregation,
} from './rollup-query';

/** Outer figures: [name, per-window sum, condition on the inner keys]. */
const COUNTERS = [
  ['n_decided', 'c', ''],
  ['n_dva_failed', 'c', `outcome = 'error' AND server_side = 1`],
  ['n_dvp_failed', 'c', `outcome = 'error' AND server_side = 2`],
  ['n_errors', 'c', `outcome = 'error'`],
  ['n_happy', 'c', `outcome = 'happy'`],
  ['n_alternative', 'c', `outcome = 'alternative'`],
  ['n_abandoned', 'c', `outcome = 'abandoned'`],
  ['n_one_sided', 'c', `outcome = 'one_sided'`],
  ['n_dvp_logged', 'c', `dvp_logged = 1`],
  ['n_dva_logged', 'c', `dva_logged = 1`],
  ['n_both_logged', 'c', `dvp_logged = 1 AND dva_logged = 1`],
] as const;

type Row = { kind: string; id: string } & Record<(typeof COUNTERS)[number][0], string[]>;

export interface WindowSpec {
  readonly names: readonly string[];
  /** Bucket-aligned start of each window (ms). */
  readonly starts: readonly number[];
  /** Inclusive upper bound (ms). */
  readonly toMs: number;
}

/**
 * Decided chains per entity and window from chain_rollup_1m (short windows) and
 * chain_rollup_1h (long windows). One scan serves every entity kind and every window.
 * Counts are event-weighted sums of signed rows (a retracted decision cancels out).
 */
export class ChainRollupRepository {
  private readonly sql = new Map<string, string>();

  constructor(private readonly ch: ClickHouseService) {}

  private sqlFor(bucket: 'minute' | 'hour', windows: number, kind: EntityRef['kind'] | undefined): string {
    const key = `${bucket}:${windows}:${kind ?? ''}`;
    let sql = this.sql.get(key);
    if (!sql) {
      // One DVP, DVA or pair over hours: the per-pair rollup holds a fraction of the rows.
      const pairs = bucket === 'hour' && kind !== undefined && PAIR_TABLE_KINDS.includes(kind);
      sql = this.ch.sql(
        windowedAggregation({
          table: bucket === 'minute' ? 'chain_rollup_1m' : pairs ? 'chain_rollup_pair_1h' : 'chain_rollup_1h',
          pairsOnly: pairs,
          bucket,
          windows,
          filter: kind ? `AND ${ENTITY_FILTER[kind]}` : '',
          keys: ['outcome', 'server_side', 'dvp_logged', 'dva_logged'],
          sums: [['chains', 'c']],
          counters: COUNTERS,
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
    into: WindowedCounters<ChainCounters> = new Map(),
  ): Promise<WindowedCounters<ChainCounters>> {
    if (windows.names.length === 0) return into;
    const rows = await this.ch.query<Row>(this.sqlFor(bucket, windows.names.length, entity?.kind), {
      starts: windows.starts.map(chSeconds),
      from: chSeconds(Math.min(...windows.starts)),
      to: chSeconds(windows.toMs),
      ...entityParams(entity),
    });
    for (const r of rows) {
      const key = entityKey({ kind: r.kind as EntityRef['kind'], id: r.id });
      let perWindow = into.get(key);
      if (!perWindow) into.set(key, (perWindow = new Map()));
      windows.names.forEach((name, i) => {
        const decided = Number(r.n_decided[i]);
        if (decided === 0) return;
        perWindow.set(name, {
          decided,
          dvaFailed: Number(r.n_dva_failed[i]),
          dvpFailed: Number(r.n_dvp_failed[i]),
          errors: Number(r.n_errors[i]),
          happy: Number(r.n_happy[i]),
          alternative: Number(r.n_alternative[i]),
          abandoned: Number(r.n_abandoned[i]),
          oneSided: Number(r.n_one_sided[i]),
          dvpLogged: Number(r.n_dvp_logged[i]),
          dvaLogged: Number(r.n_dva_logged[i]),
          bothLogged: Number(r.n_both_logged[i]),
        });
      });
    }
    return into;
  }
}
