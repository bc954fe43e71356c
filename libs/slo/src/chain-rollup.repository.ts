import { ClickHouseService } from '@app/clickhouse';
import { ChainCounters, WindowedCounters } from './counters';
import { EntityRef, entityKey } from './entity';
import {
  ENTITY_ARRAY,
  ENTITY_FILTER,
  WINDOW_PARAMS,
  chSeconds,
  entityParams,
  windowIndexes,
} from './rollup-query';

function windowedSql(
  table: 'chain_rollup_1m' | 'chain_rollup_1h',
  bucket: 'minute' | 'hour',
  filter: string,
): string {
  return `
  WITH ${WINDOW_PARAMS}
  SELECT e.1 AS kind, e.2 AS id, names[w] AS window,
         sum(chains) AS decided,
         sumIf(chains, outcome = 'error' AND server_side = 1) AS dva_failed,
         sumIf(chains, outcome = 'error' AND server_side = 2) AS dvp_failed,
         sumIf(chains, outcome = 'error') AS errors,
         sumIf(chains, outcome = 'happy') AS happy,
         sumIf(chains, outcome = 'alternative') AS alternative,
         sumIf(chains, outcome = 'abandoned') AS abandoned,
         sumIf(chains, outcome = 'one_sided') AS one_sided,
         sumIf(chains, dvp_logged = 1) AS n_dvp_logged,
         sumIf(chains, dva_logged = 1) AS n_dva_logged,
         sumIf(chains, dvp_logged = 1 AND dva_logged = 1) AS n_both_logged
  FROM {{db}}.${table}
  ARRAY JOIN ${ENTITY_ARRAY} AS e
  ARRAY JOIN ${windowIndexes(bucket)} AS w
  WHERE ${bucket} >= {from:DateTime('UTC')} AND ${bucket} <= {to:DateTime('UTC')} ${filter}
  GROUP BY kind, id, window
  HAVING decided != 0`;
}

interface Row {
  kind: string;
  id: string;
  window: string;
  decided: string;
  dva_failed: string;
  dvp_failed: string;
  errors: string;
  happy: string;
  alternative: string;
  abandoned: string;
  one_sided: string;
  n_dvp_logged: string;
  n_dva_logged: string;
  n_both_logged: string;
}

export interface WindowSpec {
  readonly names: readonly string[];
  /** Bucket-aligned start of each window (ms). */
  readonly starts: readonly number[];
  /** Inclusive upper bound (ms). */
  readonly toMs: number;
}

/**
 * Decided chains per entity and window from chain_rollup_1m (short windows) and
 * chain_rollup_1h (long windows). One scan serves every entity kind and every window: each
 * row is expanded to the entities and windows it counts in. Counts are event-weighted sums.
 */
export class ChainRollupRepository {
  private readonly sql: Record<string, string> = {};

  constructor(private readonly ch: ClickHouseService) {
    for (const [table, bucket] of [
      ['chain_rollup_1m', 'minute'],
      ['chain_rollup_1h', 'hour'],
    ] as const) {
      this.sql[`${bucket}:all`] = ch.sql(windowedSql(table, bucket, ''));
      for (const [kind, f] of Object.entries(ENTITY_FILTER)) {
        this.sql[`${bucket}:${kind}`] = ch.sql(
          windowedSql(table, bucket, `AND ${f} AND kind = {kind:String}`),
        );
      }
    }
  }

  async windowed(
    bucket: 'minute' | 'hour',
    windows: WindowSpec,
    entity?: EntityRef,
    into: WindowedCounters<ChainCounters> = new Map(),
  ): Promise<WindowedCounters<ChainCounters>> {
    if (windows.names.length === 0) return into;
    const rows = await this.ch.query<Row>(this.sql[`${bucket}:${entity?.kind ?? 'all'}`], {
      names: windows.names,
      starts: windows.starts.map(chSeconds),
      from: chSeconds(Math.min(...windows.starts)),
      to: chSeconds(windows.toMs),
      ...entityParams(entity),
    });
    for (const r of rows) {
      const key = entityKey({ kind: r.kind as EntityRef['kind'], id: r.id });
      let perWindow = into.get(key);
      if (!perWindow) into.set(key, (perWindow = new Map()));
      perWindow.set(r.window, {
        decided: Number(r.decided),
        dvaFailed: Number(r.dva_failed),
        dvpFailed: Number(r.dvp_failed),
        errors: Number(r.errors),
        happy: Number(r.happy),
        alternative: Number(r.alternative),
        abandoned: Number(r.abandoned),
        oneSided: Number(r.one_sided),
        dvpLogged: Number(r.n_dvp_logged),
        dvaLogged: Number(r.n_dva_logged),
        bothLogged: Number(r.n_both_logged),
      });
    }
    return into;
  }
}
