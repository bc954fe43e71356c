import { ClickHouseClient, ClickHouseClientConfigOptions, createClient } from '@clickhouse/client';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ClickHouseTarget {
  /** Server URL; when absent the embedded chDB engine is used. */
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  readonly chdbPath: string;
}

// chDB binds one data directory per process. Remember it so that a second, different path
// fails loudly instead of silently writing somewhere else.
let boundChdbPath: string | undefined;

/** Inserts pre-serialised rows with settings scoped to that one insert. */
export type RawInsert = (
  table: string,
  body: Buffer,
  format: 'JSONEachRow' | 'JSONCompactEachRow' | 'TabSeparated',
  settings: Record<string, string | number>,
  columns?: readonly string[],
) => Promise<void>;

export interface ClickHouseConnection {
  readonly client: ClickHouseClient;
  /**
   * Embedded only: chDB's native passthrough insert. Through the generic client, chDB's
   * connection sends insert settings as session-wide `SET`s that leak into later inserts
   * (seen: a later insert without a token deduplicated against the previous token and was
   * dropped) and copies the body into the SQL text; the passthrough scopes settings to the one
   * insert and hands the bytes over without copies.
   */
  readonly rawInsert?: RawInsert;
}

/** A `@clickhouse/client` over HTTP to a server, or over the in-process chDB engine. Same SQL either way. */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  return connectClickHouse(target).client;
}

export function connectClickHouse(target: ClickHouseTarget): ClickHouseConnection {
  if (target.url) {
    const client = createClient({
      url: target.url,
      username: target.username,
      password: target.password,
      request_timeout: 120_000,
      compression: { request: false, response: true },
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    return { client };
  }
  // Loaded lazily: the native engine is only needed in embedded mode.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/connection');
  const path = resolve(target.chdbPath);
  if (boundChdbPath !== undefined && boundChdbPath !== path) {
    throw new Error(
      `chDB is already bound to ${boundChdbPath} in this process; it cannot also open ${path}. ` +
        'Use one CHDB_PATH per process (separate databases inside it are fine).',
    );
  }
  mkdirSync(path, { recursive: true });
  boundChdbPath = path;
  const chdb = createChdbConnection({ path });
  const rawInsert: RawInsert = async (table, body, format, settings, columns) => {
    await chdb.chdb.rawInsert({ table, values: body, format, settings, columns });
  };
  // chdb builds against its own copy of @clickhouse/client-common; the shapes are the same.
  const connection = chdb as unknown as ClickHouseClientConfigOptions['connection'];
  return { client: createClient({ connection }), rawInsert };
}

export function isEmbedded(target: ClickHouseTarget): boolean {
  return !target.url;
}
