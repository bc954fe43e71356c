import { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { ClickHouseTarget, RawInsert, connectClickHouse, createClickHouseClient } from './clickhouse.factory';

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

  constructor(
    target: ClickHouseTarget,
    /** Database all tables live in; a validated identifier. */
    readonly database: string,
  ) {
    this.reader = createClickHouseClient(target);
    const writer = connectClickHouse(target);
    this.writer = writer.client;
    this.rawInsert = writer.rawInsert;
  }

  /** Expands `{{db}}` in a SQL template. Values are never spliced in: bind them with query params. */
  sql(template: string): string {
    return template.replace(/\{\{db\}\}/g, this.database);
  }

  async query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await this.reader.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
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
    const settings = insertSettings(options);
    const target = `${this.database}.${table}`;
    if (this.rawInsert) {
      const body = Buffer.from(lines.join('\n'));
      await this.rawInsert(target, body, 'JSONCompactEachRow', settings, options.columns);
      return;
    }
    // Over HTTP the client takes JSON* rows only as values it serialises itself (a byte stream
    // is refused for JSON formats), so the lines are parsed back; the embedded path above is
    // the one that has to be fast.
    await this.writer.insert({
      table: target,
      values: lines.map((l) => JSON.parse(l) as unknown[]),
      columns: [...options.columns] as [string, ...string[]],
      format: 'JSONCompactEachRow',
      clickhouse_settings: settings as ClickHouseSettings,
    });
  }

  async ping(): Promise<boolean> {
    const result = await this.reader.ping();
    return result.success;
  }

  async close(): Promise<void> {
    await Promise.all([this.reader.close(), this.writer.close()]);
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
