/**
 * What writing the aanleveringen rows costs (migration 0023): the collector's packed insert
 * (AanleveringenRepository: one line of arrays per partition run into aanleveringen_packed,
 * unpacked by a view) against the baseline of one 18-field TabSeparated row per delivery
 * straight into aanleveringen, in the same run, alternating, on the same rows (one per
 * generated one-line message). Counts CPU of all threads (chDB's too) from the first insert
 * until the background merges have settled, and checks that both ways stored the same rows.
 * Usage: node -r ./scripts/register-aliases.js dist/bench/ingest/aanleveringen.bench.js
 *        [--rows N] [--batch-size B] [--rounds R]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseService, runMigrations, tsvQuoted, tsvText } from '@app/clickhouse';
import {
  AANLEVERING_COLUMNS,
  AanleveringRow,
  AanleveringenRepository,
  BodyBuilder,
  MessageProcessor,
} from '@app/ingestion';
import { ketenlogTopic } from '@app/kafka';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { generateLines } from '@app/simulator';
import { processCpuMicros, threadCpuByName, threadCpuDiff } from './cpu-time';
import { benchArgs } from '../bench-args';

const args = benchArgs();
const N = Number(args.rows ?? 200_000);
const BATCH = Number(args['batch-size'] ?? 50_000);
const ROUNDS = Number(args.rounds ?? 3);

/** The rows as the collector makes them: one per one-line message, in slices per partition. */
function aanleveringRows(): AanleveringRow[] {
  const registry = readParticipantsFile('deploy/local/participants.json');
  const directory = new ParticipantDirectory(registry.participants, registry.zorgaanbieders);
  const processor = new MessageProcessor(loadCatalogRegistry(), directory, {
    maxMessageChars: 62_914_560,
    maxFutureSkewSeconds: 300,
    retentionMonths: 36,
  });
  const lists = Object.entries(generateLines(N, 42, { participants: registry }));
  const next = lists.map(() => 0);
  const rows: AanleveringRow[] = [];
  const now = Date.now();
  while (rows.length < N) {
    lists.forEach(([id, lines], k) => {
      // Slices of 1,000 per partition, as the consumer hands them over.
      for (let j = 0; j < 1_000 && next[k] < lines.length; j++, next[k]++) {
        const p = processor.process({
          topic: ketenlogTopic(id),
          partition: 0,
          offset: String(next[k]),
          timestampMs: now + (rows.length >> 6),
          value: Buffer.from(JSON.stringify(lines[next[k]])),
          headers: {},
        });
        const valid = p.events[0]?.valid ?? false;
        rows.push({
          ...p.aanlevering,
          stored_count: 1,
          valid_count: valid ? 1 : 0,
          invalid_count: valid ? 0 : 1,
        });
      }
    });
  }
  return rows;
}

/** The baseline: one TabSeparated row per delivery, in AANLEVERING_COLUMNS order. */
function textRow(r: AanleveringRow): string {
  let map = '{';
  for (const key in r.functional_errors)
    map += `${map.length > 1 ? ',' : ''}${tsvQuoted(key)}:${r.functional_errors[key]}`;
  return [
    r.aanlevering_id,
    tsvText(r.participant_id),
    tsvText(r.channel),
    r.received_at,
    tsvText(r.kafka_topic),
    r.kafka_partition,
    r.kafka_offset,
    r.message_chars,
    r.line_count,
    r.stored_count,
    r.duplicate_count,
    r.valid_count,
    r.invalid_count,
    r.rejected_count,
    r.technisch_ok,
    tsvText(r.message_error),
    `${map}}`,
    r.processed_at,
  ].join('\t');
}

async function settle(ch: ClickHouseService): Promise<void> {
  for (;;) {
    const [r] = await ch.query<{ n: string }>('SELECT count() AS n FROM system.merges');
    if (Number(r.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const rows = aanleveringRows();
  const path = mkdtempSync(join(tmpdir(), 'aanleveringen-bench-'));
  console.log(
    `bench/ingest aanleveringen: ${N.toLocaleString('en')} rows in inserts of ${BATCH.toLocaleString('en')}`,
  );
  const results: Record<string, number[]> = { 'text rows (baseline)': [], packed: [] };
  const checks = new Map<string, string>();
  let db = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const way of Object.keys(results)) {
      const ch = new ClickHouseService({ chdbPath: path }, `aanleveringen_bench_${++db}`);
      await runMigrations(ch);
      const repo = new AanleveringenRepository(ch);
      const threads0 = threadCpuByName();
      const cpu0 = processCpuMicros();
      for (let i = 0, k = 0; i < rows.length; i += BATCH, k++) {
        const batch = rows.slice(i, i + BATCH);
        if (way === 'packed') {
          await repo.insert(batch, `packed-${k}`);
        } else {
          const body = new BodyBuilder(batch.length * 200);
          for (const r of batch) body.append(textRow(r));
          await ch.insertTsvBody('aanleveringen', body.bytes(), {
            dedupToken: `text-${k}`,
            columns: AANLEVERING_COLUMNS,
            uniqueKeys: true,
          });
        }
      }
      await settle(ch);
      const perRow = (processCpuMicros() - cpu0) / rows.length;
      results[way].push(perRow);
      console.log(
        `round ${round} ${way}: ${perRow.toFixed(2)} µs CPU a row (${threadCpuDiff(threads0, threadCpuByName(), rows.length)})`,
      );
      const [sums] = await ch.query<Record<string, string>>(
        ch.sql(`SELECT count() AS rows, uniqExact(aanlevering_id) AS ids, sum(kafka_offset) AS offsets,
          sum(message_chars) AS chars, sum(valid_count) AS valid, sum(invalid_count) AS invalid,
          countIf(technisch_ok) AS ok, min(received_at) AS first, max(processed_at) AS last
          FROM {{db}}.aanleveringen`),
      );
      checks.set(way, JSON.stringify(sums));
      await ch.command(`DROP DATABASE ${ch.database} SYNC`);
      await ch.close();
    }
  }
  const [baseline, packed] = Object.values(results).map((xs) => xs.reduce((a, b) => a + b) / xs.length);
  const same = new Set(checks.values()).size === 1;
  console.log('\nresults (mean over rounds, µs of CPU per aanleveringen row, all threads, merges included)');
  console.log(`  text rows (baseline)  ${baseline.toFixed(2)}`);
  console.log(
    `  packed                ${packed.toFixed(2)}  (${packed <= baseline ? `${Math.round((1 - packed / baseline) * 100)}% less` : `${Math.round((packed / baseline - 1) * 100)}% more`})`,
  );
  console.log(`  same rows stored both ways: ${same ? 'yes' : `NO ${[...checks.values()].join(' vs ')}`}`);
  if (!same) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
