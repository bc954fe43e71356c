/**
 * CPU cost per message of the collector's own work, without Kafka: processing (parse, schema,
 * rules, uid, rows), serialising the insert body, and chDB's insert of the same rows. Counts
 * process CPU time (all threads, so chDB's native insert threads too), which stays meaningful
 * on a busy machine where wall-clock rates do not.
 * Usage: node -r ./scripts/register-aliases.js dist/bench/ingest/cpu.bench.js [--lines N] [--batch-size B]
 *        [--batch-max-rows R]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import {
  AanleveringenRepository,
  IngestionPipeline,
  KetenlogEventsRepository,
  MessageProcessor,
  RejectionsRepository,
  ingestionMetrics,
} from '@app/ingestion';
import { ConsumedMessage, ketenlogTopic } from '@app/kafka';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { generateLines } from '@app/simulator';
import { mainThreadCpuMicros, processCpuMicros } from './cpu-time';
import { benchArgs } from '../bench-args';

const args = benchArgs();
const N = Number(args.lines ?? 100_000);
const BATCH = Number(args['batch-size'] ?? 1);
const BATCH_MAX_ROWS = Number(args['batch-max-rows'] ?? 40_000);

const registry = readParticipantsFile('deploy/local/participants.json');
const directory = new ParticipantDirectory(registry.participants, registry.zorgaanbieders);
const settings = { maxMessageChars: 62_914_560, maxFutureSkewSeconds: 300, retentionMonths: 36 };

function messages(): ConsumedMessage[] {
  const grouped = generateLines(N, 42, { participants: registry });
  const out: ConsumedMessage[] = [];
  const now = Date.now();
  for (const [id, lines] of Object.entries(grouped)) {
    for (let i = 0; i < lines.length; i += BATCH) {
      const chunk = lines.slice(i, i + BATCH);
      out.push({
        topic: ketenlogTopic(id),
        partition: 0,
        offset: String(out.length),
        timestampMs: now,
        value: Buffer.from(JSON.stringify(BATCH === 1 ? chunk[0] : chunk)),
        headers: {},
      });
    }
  }
  return out;
}

const cpuMicros = processCpuMicros;

async function main(): Promise<void> {
  const msgs = messages();
  const processor = new MessageProcessor(loadCatalogRegistry(), directory, settings);
  // Warm up the JIT on a slice, then measure processing alone.
  for (const m of msgs.slice(0, 5_000)) processor.process(m);
  let c0 = cpuMicros();
  let m0 = mainThreadCpuMicros();
  let t0 = performance.now();
  for (const m of msgs) processor.process(m);
  const processUs = (cpuMicros() - c0) / msgs.length;
  const processMainUs = (mainThreadCpuMicros() - m0) / msgs.length;
  console.log(
    `process:            ${processUs.toFixed(1)} µs CPU/message (main thread ${processMainUs.toFixed(1)}) (${(((performance.now() - t0) * 1000) / msgs.length).toFixed(1)} µs wall)`,
  );

  const ch = new ClickHouseService({ chdbPath: mkdtempSync(join(tmpdir(), 'cpu-bench-ch-')) }, 'cpu_bench');
  await runMigrations(ch);
  for (const view of (args['drop-views'] ?? '').split(',').filter(Boolean)) {
    await ch.command(`DROP VIEW cpu_bench.${view}`);
  }
  const pipeline = new IngestionPipeline(
    processor,
    {
      events: new KetenlogEventsRepository(ch),
      rejections: new RejectionsRepository(ch),
      aanleveringen: new AanleveringenRepository(ch),
    },
    { batchMaxRows: BATCH_MAX_ROWS, batchMaxWaitMs: 200, insertRetryMaxMs: 1_000 },
    ingestionMetrics(),
  );
  (globalThis as { gc?: () => void }).gc?.();
  c0 = cpuMicros();
  m0 = mainThreadCpuMicros();
  t0 = performance.now();
  const waits: Promise<void>[] = [];
  for (let i = 0; i < msgs.length; i += 500) {
    waits.push(pipeline.submit(msgs.slice(i, i + 500)));
    // Yield like the Kafka consumer does between fetches, so flushes make progress meanwhile.
    await new Promise((r) => setImmediate(r));
    if (pipeline.saturated) await pipeline.waitForSpace(30_000);
  }
  await Promise.all(waits);
  await pipeline.stop();
  const wall = (performance.now() - t0) / 1000;
  const total = (cpuMicros() - c0) / msgs.length;
  const main = (mainThreadCpuMicros() - m0) / msgs.length;
  console.log(
    `pipeline (process + dedup + insert): ${total.toFixed(1)} µs CPU/message ` +
      `(main thread ${main.toFixed(1)}, other threads, i.e. chDB, ${(total - main).toFixed(1)}), ` +
      `${Math.round(N / wall).toLocaleString('en')} lines/s wall`,
  );
  await ch.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
