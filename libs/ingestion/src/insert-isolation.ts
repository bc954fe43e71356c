import { hash } from 'node:crypto';
import { isDataError } from '@app/clickhouse';

/** A row ClickHouse refused for its content, with the error it gave on its own. */
export interface PoisonRow<T> {
  readonly row: T;
  readonly error: Error;
}

/**
 * Inserts `rows`; when ClickHouse refuses them for their content (a parse or type error, see
 * isDataError) splits them in halves and inserts each, down to the single rows that fail,
 * which are returned instead of inserted. Any other error is thrown, so the caller retries.
 *
 * Deduplication tokens of the halves are derived from their content (the keys of their rows),
 * never from their position: a retry after a partial failure may split a different set, and
 * a positional token could then match a half stored earlier and silently drop new rows.
 */
export async function insertIsolating<T>(
  rows: readonly T[],
  token: string,
  key: (row: T) => string,
  insert: (rows: readonly T[], token: string) => Promise<void>,
): Promise<PoisonRow<T>[]> {
  if (rows.length === 0) return [];
  try {
    await insert(rows, token);
    return [];
  } catch (err) {
    if (!isDataError(err)) throw err;
    if (rows.length === 1) return [{ row: rows[0], error: err as Error }];
  }
  const base = token.split('#')[0];
  const half = (part: readonly T[]) =>
    `${base}#${hash('sha256', part.map(key).join(','), 'hex').slice(0, 32)}`;
  const mid = rows.length >> 1;
  const [left, right] = [rows.slice(0, mid), rows.slice(mid)];
  const poisonLeft = await insertIsolating(left, half(left), key, insert);
  const poisonRight = await insertIsolating(right, half(right), key, insert);
  return [...poisonLeft, ...poisonRight];
}
