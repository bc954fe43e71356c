import { EntityKind, EntityRef } from './entity';

/**
 * Building blocks shared by the rollup repositories. Everything here is a constant: values are
 * bound as query parameters, never spliced into SQL.
 */

/** Each rollup row counts for every entity it belongs to (pairs only when both sides known). */
export const ENTITY_ARRAY = `arrayFilter(x -> x.2 != '', [
    ('dvp', toString(dvp_id)), ('dva', toString(dva_id)), ('zorgaanbieder', toString(zorgaanbieder)),
    ('gegevensdienst', toString(gegevensdienst)),
    ('pair', if(dvp_id != '' AND dva_id != '', concat(dvp_id, '/', dva_id), ''))])`;

/**
 * Two-stage windowed aggregation: the inner query folds the time range once per combination of
 * dimensions (sumIf per window, so each row is read once), the outer one expands the much
 * smaller result to the entities each combination counts for. `sums` are the per-window
 * columns of the inner query; `counters` name the outer figures and their conditions.
 */
export function windowedAggregation(o: {
  table: string;
  bucket: 'minute' | 'hour';
  windows: number;
  filter: string;
  keys: readonly string[];
  sums: ReadonlyArray<readonly [column: string, as: string]>;
  counters: ReadonlyArray<readonly [name: string, sum: string, condition: string]>;
  /** Extra inner/outer columns (percentile states) for single-entity reads. */
  extraInner?: string;
  extraOuter?: string;
  /** The table has no zorgaanbieder/gegevensdienst columns (the *_pair_1h rollups). */
  pairsOnly?: boolean;
}): string {
  const w = Array.from({ length: o.windows }, (_, i) => i);
  const dims = o.pairsOnly ? ['dvp_id', 'dva_id'] : ['dvp_id', 'dva_id', 'zorgaanbieder', 'gegevensdienst'];
  const inner = `
    WITH {starts:Array(DateTime('UTC'))} AS starts
    SELECT ${dims.join(', ')}, ${o.pairsOnly ? `'' AS zorgaanbieder, '' AS gegevensdienst, ` : ''}${o.keys.join(', ')}${o.keys.length ? ',' : ''}
      ${o.sums.flatMap(([col, as]) => w.map((i) => `sumIf(${col}, ${o.bucket} >= starts[${i + 1}]) AS ${as}_${i}`)).join(',\n      ')}
      ${o.extraInner ?? ''}
    FROM {{db}}.${o.table}
    WHERE ${o.bucket} >= {from:DateTime('UTC')} AND ${o.bucket} <= {to:DateTime('UTC')} ${o.filter}
    GROUP BY ${[...dims, ...o.keys].join(', ')}`;
  const counters = o.counters.map(
    ([name, sum, cond]) =>
      `[${w.map((i) => (cond ? `sumIf(${sum}_${i}, ${cond})` : `sum(${sum}_${i})`)).join(', ')}] AS ${name}`,
  );
  return `
  SELECT e.1 AS kind, e.2 AS id, ${counters.join(',\n    ')} ${o.extraOuter ?? ''}
  FROM (${inner})
  ARRAY JOIN ${ENTITY_ARRAY} AS e
  WHERE {kind:String} = '' OR kind = {kind:String}
  GROUP BY kind, id`;
}

/** Entity kinds whose single-entity hourly reads use the per-pair rollups. */
export const PAIR_TABLE_KINDS: readonly EntityKind[] = ['dvp', 'dva', 'pair'];

/** Filters on the base columns for one entity (so the sort key prunes), and keeps only that kind. */
export const ENTITY_FILTER: Readonly<Record<EntityKind, string>> = {
  dvp: `dvp_id = {a:String}`,
  dva: `dva_id = {a:String}`,
  // The DVA serving the zorgaanbieder (from the ZAL) leads the hourly sort key: pass it as {b}.
  zorgaanbieder: `zorgaanbieder = {a:String} AND ({b:String} = '' OR dva_id IN ({b:String}, ''))`,
  gegevensdienst: `gegevensdienst = {a:String}`,
  pair: `dvp_id = {a:String} AND dva_id = {b:String}`,
};

/** An entity to read, with the DVA of a zorgaanbieder when known (narrows the scan). */
export interface EntityQuery extends EntityRef {
  readonly dva?: string;
}

export function entityParams(ref: EntityQuery | undefined): Record<string, string> {
  if (!ref) return { kind: '', a: '', b: '' };
  if (ref.kind === 'zorgaanbieder') return { kind: ref.kind, a: ref.id, b: ref.dva ?? '' };
  if (ref.kind === 'pair') {
    const [a, b] = ref.id.split('/');
    return { kind: ref.kind, a: a ?? '', b: b ?? '' };
  }
  return { kind: ref.kind, a: ref.id, b: '' };
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) for DateTime parameters. */
export function chSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
