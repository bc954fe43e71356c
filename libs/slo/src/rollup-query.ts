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

/** The windows of a query: parallel arrays of names and (bucket-aligned) start times. */
export const WINDOW_PARAMS = `{names:Array(String)} AS names, {starts:Array(DateTime('UTC'))} AS starts`;

/** A row counts in every window whose start it is not before. */
export function windowIndexes(bucket: 'minute' | 'hour'): string {
  return `arrayFilter(i -> ${bucket} >= starts[i], arrayEnumerate(starts))`;
}

/** Filters on the base columns for one entity (so the sort key prunes), and keeps only that kind. */
export const ENTITY_FILTER: Readonly<Record<EntityKind, string>> = {
  dvp: `dvp_id = {a:String}`,
  dva: `dva_id = {a:String}`,
  zorgaanbieder: `zorgaanbieder = {a:String}`,
  gegevensdienst: `gegevensdienst = {a:String}`,
  pair: `dvp_id = {a:String} AND dva_id = {b:String}`,
};

export function entityParams(ref: EntityRef | undefined): Record<string, string> {
  if (!ref) return { kind: '', a: '', b: '' };
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
