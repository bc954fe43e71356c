import { Readable } from 'node:stream';
import { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import {
  ClickHouseConnection,
  ClickHouseTarget,
  RawInsert,
  connectClickHouse,
  createClickHouseClient,
} from './clickhouse.factory';
import { tsvText } from './tsv';

/** Tables of queryWithSet: `_lookup_<pid>_<service>_<type>`, emptied after each use. */
const LOOKUP_TABLE_PREFIX = '_lookup_';
let instances = 0;

export interface InsertOptions {
  /** Deduplication token: a retried insert with the same token is dropped by ClickHouse. */
  readonly dedupToken?: string;
  /**
   * Send the rows as JSONCompactEachRow with these columns, in this order, instead of
   * JSONEachRow: half the bytes and, measured on chDB, about half the parse time per row.
   */
  readonly columns?: readonly string[];
  /**
   * The caller guarantees no two rows of this insert share a sorting key. Then a
   * Replacing/Collapsing table need not fold the block on insert (`optimize_on_insert=0`, a
   * quarter of chDB's insert CPU for ketenlog_events), and the body, a few MB at most, is
   * parsed in one go rather than handed to parallel parsing threads.
   */
  readonly uniqueKeys?: boolean;
  /**
   * Embedded only: run the insert on a chDB session of its own, named by the lane. chDB runs
   * one statement at a time per session, so inserts that should overlap (the collector's
   * aanleveringen rows beside the next batch's lines) need different sessions.
   */
  readonly lane?: string;
}

/**
 * The one door to ClickHouse. Reads and inserts use separate clients: in embedded mode each
 * client is its own chDB session, and session settings (the insert deduplication token is sent
 * as `SET`) must never leak from one statement into another. Every insert therefore states
 * its deduplication settings explicitly.
 */
export class ClickHouseService {
  private readonly reader: ClickHouseClient;
  private readonly writer: ClickHouseClient;
  private readonly rawInsert?: RawInsert;
  /** Embedded only: further chDB sessions by lane name (see InsertOptions.lane). */
  private readonly lanes = new Map<string, ClickHouseConnection>();
  private lookupChain: Promise<void> = Promise.resolve();
  private readonly lookupTables = new Set<string>();
  /** Tells apart the look-up tables of services of one process. */
  private readonly instance = ++instances;

  constructor(
    private readonly target: ClickHouseTarget,
    /** Database all tables live in; a validated identifier. */
    readonly database: string,
  ) {
    this.reader = createClickHouseClient(target);
    const writer = connectClickHouse(target);
    this.writer = writer.client;
    this.rawInsert = writer.rawInsert;
  }

  /** The embedded session of a lane, opened on first use. */
  private lane(name: string): ClickHouseConnection {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = connectClickHouse(this.target);
      this.lanes.set(name, lane);
    }
    return lane;
  }

  /** Expands `{{db}}` in a SQL template. Values are never spliced in: bind them with query params. */
  sql(template: string): string {
    return template.replace(/\{\{db\}\}/g, this.database);
  }

  async query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await this.reader.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  /**
   * Runs a SELECT that filters on a large set of values (`x IN <set>`); `sql` receives the set
   * expression. Over chDB the values go into a transient Set table through the raw insert
   * path: chDB parses a bound `Array(UUID)` parameter at about 2 µs a value (20,000 uids, 40 ms
   * of a collector flush), the same values as TSV at a tenth of that. Over HTTP the set is the
   * bound array parameter.
   */
  async queryWithSet<T>(
    sql: (set: string) => string,
    params: Record<string, unknown>,
    set: { readonly type: 'UUID' | 'String'; readonly values: readonly string[] },
  ): Promise<T[]> {
    if (!this.rawInsert || set.values.length === 0) {
      return this.query<T>(sql(`{set__:Array(${set.type})}`), { ...params, set__: set.values });
    }
    // A session of its own: on the reader or writer session the look-up would wait for
    // whatever statement runs there (chDB runs one at a time per session). One table per
    // service, created once and emptied after each use (creating a table per look-up waits on
    // chDB's DDL locks, up to 0.7 s while inserts run); look-ups take turns.
    const run = this.lookupChain.then(() => this.lookupOnce<T>(sql, params, set));
    this.lookupChain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async lookupOnce<T>(
    sql: (set: string) => string,
    params: Record<string, unknown>,
    set: { readonly type: 'UUID' | 'String'; readonly values: readonly string[] },
  ): Promise<T[]> {
    const { client, rawInsert } = this.lane('lookup');
    const table = `${this.database}.${LOOKUP_TABLE_PREFIX}${process.pid}_${this.instance}_${set.type.toLowerCase()}`;
    if (!this.lookupTables.has(table)) {
      // A Set table: the query reads the set it holds as it is. With a Memory table the query
      // first built that set from the table's rows, which cost twice the rest of a look-up
      // (20,000 uids: 27 against 9 ms of CPU). Not persistent: it is emptied after each use.
      // Dropped first: a table of this name may be left by an earlier process with this pid.
      await client.command({ query: `DROP TABLE IF EXISTS ${table} SYNC` });
      await client.command({
        query: `CREATE TABLE ${table} (v ${set.type}) ENGINE = Set SETTINGS persistent = 0`,
      });
      this.lookupTables.add(table);
    }
    try {
      // A UUID has nothing to escape (and anything else fails to parse as one either way).
      const body = Buffer.from((set.type === 'UUID' ? set.values : set.values.map(tsvText)).join('\n'));
      await (rawInsert as RawInsert)(table, body, 'TabSeparated', { insert_deduplicate: 0 }, ['v']);
      const result = await client.query({ query: sql(table), query_params: params, format: 'JSONEachRow' });
      return await result.json<T>();
    } finally {
      await client.command({ query: `TRUNCATE TABLE ${table}` });
    }
  }

  /**
   * Drops look-up tables (see queryWithSet) a killed process left behind. Embedded mode only:
   * there one process owns the data directory, so a table of another pid is stale.
   */
  async dropStaleLookupTables(): Promise<void> {
    if (!this.rawInsert) return;
    const stale = await this.query<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = {db:String} AND startsWith(name, {prefix:String})
         AND NOT startsWith(name, {own:String})`,
      { db: this.database, prefix: LOOKUP_TABLE_PREFIX, own: `${LOOKUP_TABLE_PREFIX}${process.pid}_` },
    );
    for (const { name } of stale) await this.command(`DROP TABLE IF EXISTS ${this.database}.${name} SYNC`);
  }

  async command(sql: string, params: Record<string, unknown> = {}): Promise<void> {
    await this.reader.command({ query: sql, query_params: params });
  }

  async insert(table: string, rows: readonly object[], options: InsertOptions = {}): Promise<void> {
    if (rows.length === 0) return;
    const settings = insertSettings(options);
    const columns = options.columns;
    const target = `${this.database}.${table}`;
    if (this.rawInsert) {
      const lines = columns ? rows.map((r) => compactRow(r, columns)) : rows.map((r) => JSON.stringify(r));
      const format = columns ? 'JSONCompactEachRow' : 'JSONEachRow';
      await this.rawInsert(target, Buffer.from(lines.join('\n')), format, settings, columns);
      return;
    }
    await this.writer.insert({
      table: target,
      values: columns
        ? rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]))
        : (rows as object[]),
      columns: columns ? ([...columns] as [string, ...string[]]) : undefined,
      format: columns ? 'JSONCompactEachRow' : 'JSONEachRow',
      clickhouse_settings: settings as ClickHouseSettings,
    });
  }

  /**
   * Inserts rows the caller serialised already, one JSONCompactEachRow line each with values in
   * `columns` order: the body is built by concatenation, with no row objects in between.
   */
  async insertCompactLines(
    table: string,
    lines: readonly string[],
    options: InsertOptions & { readonly columns: readonly string[] },
  ): Promise<void> {
    if (lines.length === 0) return;
    if (this.rawInsert) {
      await this.insertCompactBody(table, Buffer.from(lines.join('\n')), options);
      return;
    }
    await this.insertCompactValues(table, lines, options);
  }

  /**
   * Like insertCompactLines, with the lines already encoded: UTF-8, each ending in a newline
   * (see the collector's row arena).
   */
  async insertCompactBody(
    table: string,
    body: Buffer,
    options: InsertOptions & { readonly columns: readonly string[] },
  ): Promise<void> {
    if (body.length === 0 || (await this.insertEncoded(table, body, 'JSONCompactEachRow', options))) return;
    const text = body.toString('utf8');
    await this.insertCompactValues(
      table,
      text.slice(0, text.endsWith('\n') ? -1 : undefined).split('\n'),
      options,
    );
  }

  /**
   * Inserts TabSeparated lines the caller wrote (UTF-8, each ending in a newline, values in
   * `columns` order; see tsvText). Embedded: handed to chDB as they are. Over HTTP: sent as
   * a stream, which the client accepts for TabSeparated as it does not for JSON formats.
   */
  async insertTsvBody(
    table: string,
    body: Buffer,
    options: InsertOptions & { readonly columns: readonly string[] },
  ): Promise<void> {
    if (body.length === 0 || (await this.insertEncoded(table, body, 'TabSeparated', options))) return;
    await this.writer.insert({
      table: `${this.database}.${table}`,
      values: Readable.from([body]),
      columns: [...options.columns] as [string, ...string[]],
      format: 'TabSeparated',
      clickhouse_settings: insertSettings(options) as ClickHouseSettings,
    });
  }

  /**
   * Embedded only: hands an encoded body to chDB as it is, on the lane's session if one is named.
   * False over HTTP, where the caller sends it through the client.
   */
  private async insertEncoded(
    table: string,
    body: Buffer,
    format: 'JSONCompactEachRow' | 'TabSeparated',
    options: InsertOptions & { readonly columns: readonly string[] },
  ): Promise<boolean> {
    const rawInsert = options.lane && this.rawInsert ? this.lane(options.lane).rawInsert : this.rawInsert;
    if (!rawInsert) return false;
    await rawInsert(`${this.database}.${table}`, body, format, insertSettings(options), options.columns);
    return true;
  }

  /**
   * Over HTTP the client takes JSON* rows only as values it serialises itself (a byte stream
   * is refused for JSON formats), so the lines are parsed back; the embedded path is the one
   * that has to be fast.
   */
  private async insertCompactValues(
    table: string,
    lines: readonly string[],
    options: InsertOptions & { readonly columns: readonly string[] },
  ): Promise<void> {
    await this.writer.insert({
      table: `${this.database}.${table}`,
      values: lines.map((l) => JSON.parse(l) as unknown[]),
      columns: [...options.columns] as [string, ...string[]],
      format: 'JSONCompactEachRow',
      clickhouse_settings: insertSettings(options) as ClickHouseSettings,
    });
  }

  async ping(): Promise<boolean> {
    const result = await this.reader.ping();
    return result.success;
  }

  async close(): Promise<void> {
    await this.lookupChain;
    const lookup = this.lanes.get('lookup');
    for (const table of this.lookupTables) {
      await lookup?.client.command({ query: `DROP TABLE IF EXISTS ${table} SYNC` }).catch(() => undefined);
    }
    await Promise.all([
      this.reader.close(),
      this.writer.close(),
      ...[...this.lanes.values()].map((l) => l.client.close()),
    ]);
  }
}

function insertSettings(options: InsertOptions): Record<string, string | number> {
  const dedup = options.dedupToken
    ? { insert_deduplicate: 1, insert_deduplication_token: options.dedupToken }
    : { insert_deduplicate: 0, insert_deduplication_token: '' };
  return options.uniqueKeys ? { ...dedup, optimize_on_insert: 0, input_format_parallel_parsing: 0 } : dedup;
}

function compactRow(row: object, columns: readonly string[]): string {
  const r = row as Record<string, unknown>;
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]];
  return JSON.stringify(values);
}
