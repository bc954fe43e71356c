/**
 * What migration 0022 (plain String instead of LowCardinality on ketenlog_events) costs in
 * storage and raw-table query time: the same generated lines in the table as migrated and in a
 * copy with every short text column LowCardinality again (the schema before 0022), compared
 * after OPTIMIZE FINAL, with the compressed size per column that differs.
 * Usage (after `npm run build`):
 *   node -r ./scripts/register-aliases.js dist/bench/ingest/schema-storage.bench.js [--lines N]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import { EVENT_COLUMNS, MessageProcessor, joinArenaRows } from '@app/ingestion';
import { ketenlogTopic } from '@app/kafka';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { generateLines } from '@app/simulator';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--lines') + 1] || 400_000);
/** Columns that were plain String before 0022 too. */
const ALWAYS_STRING = [
  'session_id',
  'request_id',
  'response_request_id',
  'request_uri',
  'error_description',
  'error_messages',
];

async function main(): Promise<void> {
  const registry = readParticipantsFile('deploy/local/participants.json');
  const processor = new MessageProcessor(
    loadCatalogRegistry(),
    new ParticipantDirectory(registry.participants, registry.zorgaanbieders),
    { maxMessageChars: 62_914_560, maxFutureSkewSeconds: 300, retentionMonths: 36 },
  );
  const ch = new ClickHouseService(
    { chdbPath: mkdtempSync(join(tmpdir(), 'schema-storage-')) },
    'storage_bench',
  );
  await runMigrations(ch);
  const events = Object.entries(generateLines(N, 42, { participants: registry })).flatMap(([id, lines]) =>
    lines.flatMap(
      (l, i) =>
        processor.process({
          topic: ketenlogTopic(id),
          partition: 0,
          offset: String(i),
          timestampMs: Date.now(),
          value: Buffer.from(JSON.stringify(l)),
          headers: {},
        }).events,
    ),
  );
  const ddl = (
    await ch.query<{ q: string }>(
      `SELECT create_table_query AS q FROM system.tables WHERE database = {db:String} AND name = 'ketenlog_events'`,
      { db: ch.database },
    )
  )[0].q;
  const tables = {
    as_migrated: ddl.replace(`${ch.database}.ketenlog_events`, `${ch.database}.as_migrated`),
    low_cardinality: ddl
      .replace(`${ch.database}.ketenlog_events`, `${ch.database}.low_cardinality`)
      .replace(/`(\w+)` (Array\()?String/g, (m, col: string, array?: string) =>
        ALWAYS_STRING.includes(col) ? m : `\`${col}\` ${array ?? ''}LowCardinality(String)`,
      ),
  };
  for (const [name, create] of Object.entries(tables)) {
    await ch.command(create);
    for (let i = 0; i < events.length; i += 20_000) {
      await ch.insertCompactBody(name, joinArenaRows(events.slice(i, i + 20_000)), {
        columns: EVENT_COLUMNS,
        dedupToken: `${name}-${i}`,
      });
    }
    await ch.command(`OPTIMIZE TABLE ${ch.database}.${name} FINAL`);
  }
  const sizes = await ch.query<{ table: string; rows: string; bytes: string }>(
    `SELECT table, sum(rows) AS rows, sum(data_compressed_bytes) AS bytes FROM system.parts
     WHERE database = {db:String} AND active AND table IN ('as_migrated', 'low_cardinality') GROUP BY table ORDER BY table`,
    { db: ch.database },
  );
  console.log(`ketenlog_events, ${events.length.toLocaleString('en')} generated lines, after OPTIMIZE FINAL`);
  for (const s of sizes) {
    console.log(
      `  ${s.table.padEnd(16)} ${(Number(s.bytes) / 2 ** 20).toFixed(1)} MiB compressed, ${(Number(s.bytes) / Number(s.rows)).toFixed(1)} bytes/line`,
    );
  }
  const columns = await ch.query<{ name: string; lc: string; str: string }>(
    `SELECT name, sumIf(data_compressed_bytes, table = 'low_cardinality') AS lc, sumIf(data_compressed_bytes, table = 'as_migrated') AS str
     FROM system.columns WHERE database = {db:String} AND table IN ('as_migrated', 'low_cardinality')
     GROUP BY name HAVING lc != str ORDER BY toInt64(str) - toInt64(lc) DESC`,
    { db: ch.database },
  );
  console.log('  columns that differ (KiB, LowCardinality -> as migrated):');
  for (const c of columns)
    console.log(
      `    ${c.name.padEnd(24)} ${Math.round(Number(c.lc) / 1024)} -> ${Math.round(Number(c.str) / 1024)}`,
    );

  const queries: Record<string, (t: string) => string> = {
    'one participant, per event type': (t) =>
      `SELECT event_type, count() AS c, countIf(NOT valid) AS invalid FROM ${ch.database}.${t} WHERE participant_id = 'pgo-gezondheidsapp' GROUP BY event_type ORDER BY c DESC`,
    'per client/server participant pair': (t) =>
      `SELECT client_participant_id, server_participant_id, count() AS c FROM ${ch.database}.${t} GROUP BY ALL ORDER BY c DESC`,
    'per zorgaanbieder and gegevensdienst': (t) =>
      `SELECT zorgaanbieder, arrayJoin(gegevensdiensten) AS g, count() AS c FROM ${ch.database}.${t} GROUP BY ALL ORDER BY c DESC LIMIT 10`,
  };
  console.log('  raw-table queries (ms, mean of 5, two alternating rounds):');
  for (const [label, sql] of Object.entries(queries)) {
    const times: Record<string, number[]> = { low_cardinality: [], as_migrated: [] };
    for (let round = 0; round < 2; round++) {
      for (const t of ['low_cardinality', 'as_migrated']) {
        const t0 = performance.now();
        for (let k = 0; k < 5; k++) await ch.query(sql(t));
        times[t].push((performance.now() - t0) / 5);
      }
    }
    console.log(
      `    ${label.padEnd(38)} LowCardinality ${times.low_cardinality.map((x) => x.toFixed(1)).join(' / ')}, as migrated ${times.as_migrated.map((x) => x.toFixed(1)).join(' / ')}`,
    );
  }
  await ch.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
