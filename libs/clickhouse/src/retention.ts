import { ClickHouseService } from './clickhouse.service';

export interface RetentionSettings {
  readonly eventMonths: number;
  readonly rejectionMonths: number;
}

const TABLES: ReadonlyArray<{ table: string; months: (r: RetentionSettings) => number }> = [
  { table: 'ketenlog_events', months: (r) => r.eventMonths },
  { table: 'aanleveringen', months: (r) => r.eventMonths },
  { table: 'ketenlog_rejections', months: (r) => r.rejectionMonths },
];

/**
 * Makes each table's TTL match the configured retention (MedMij: lines kept 24..36 months from
 * receipt, then destroyed). Changes only what differs; returns what it changed.
 */
export async function applyRetention(ch: ClickHouseService, settings: RetentionSettings): Promise<string[]> {
  const changed: string[] = [];
  for (const { table, months } of TABLES) {
    const wanted = months(settings);
    const rows = await ch.query<{ create_table_query: string }>(
      'SELECT create_table_query FROM system.tables WHERE database = {db:String} AND name = {table:String}',
      { db: ch.database, table },
    );
    if (rows.length === 0)
      throw new Error(`table ${ch.database}.${table} does not exist; run the migrations first`);
    const current = /TTL toDateTime\(received_at\) \+ toIntervalMonth\((\d+)\)/.exec(
      rows[0].create_table_query,
    );
    if (current && Number(current[1]) === wanted) continue;
    await ch.command(
      ch.sql(
        `ALTER TABLE {{db}}.${table} MODIFY TTL toDateTime(received_at) + INTERVAL ${Number(wanted)} MONTH DELETE`,
      ),
    );
    changed.push(`${table}: ${wanted} months`);
  }
  return changed;
}
