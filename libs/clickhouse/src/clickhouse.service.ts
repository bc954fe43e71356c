import { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import { ClickHouseTarget, RawInsert, connectClickHouse, createClickHouseClient } from './clickhouse.factory';

export interface InsertOptions {
  /** Deduplication token: a retried insert with the same token is dropped by ClickHouse. */
  readonly dedupToken?: string;
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
    const settings = options.dedupToken
      ? { insert_deduplicate: 1, insert_deduplication_token: options.dedupToken }
      : { insert_deduplicate: 0, insert_deduplication_token: '' };
    if (this.rawInsert) {
      const body = Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'));
      await this.rawInsert(`${this.database}.${table}`, body, settings);
      return;
    }
    await this.writer.insert({
      table: `${this.database}.${table}`,
      values: rows as object[],
      format: 'JSONEachRow',
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
