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

/** A `@clickhouse/client` over HTTP to a server, or over the in-process chDB engine. Same SQL either way. */
export function createClickHouseClient(target: ClickHouseTarget): ClickHouseClient {
  if (target.url) {
    return createClient({
      url: target.url,
      username: target.username,
      password: target.password,
      request_timeout: 120_000,
      compression: { request: false, response: true },
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
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
  // chdb builds against its own copy of @clickhouse/client-common; the shapes are the same.
  const connection = createChdbConnection({ path }) as unknown as ClickHouseClientConfigOptions['connection'];
  return createClient({ connection });
}

export function isEmbedded(target: ClickHouseTarget): boolean {
  return !target.url;
}
