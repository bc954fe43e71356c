/**
 * Ingestion benchmark (issue 2). Phases, all on the same broker and engine in one run:
 *  1. generate N realistic lines (the simulator's bulk generator) and produce them to the
 *     participant topics: once one line per message, once in batches;
 *  2. baseline A: the raw consume rate of those topics by a consumer that does nothing;
 *  3. baseline B: the raw insert rate of the same rows into ClickHouse;
 *  4. end to end: the real collector app drains each backlog (lines/s, produce -> queryable);
 *  5. paced: producers at a fixed rate (default 5,000 lines/s, one line per message) for a
 *     while: p50/p99 freshness from Kafka append to queryable, and RSS over time (flat?).
 * Usage: node -r ./scripts/register-aliases.js dist/bench/ingest/ingest.bench.js [--quick]
 *        [--lines N] [--batch-size B] [--paced-rate R] [--paced-seconds S]
 */
import { Kafka, logLevel } from 'kafkajs';
import { performance } from 'node:perf_hooks';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import { loadConfig } from '@app/config';
import { FlushResult, IngestionPipeline, MessageProcessor } from '@app/ingestion';
import { ConsumedMessage, ensureParticipantTopics, ketenlogTopic } from '@app/kafka';
import { KetenlogLine, loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { generateLines } from '@app/simulator';
import { createCollectorApp as startCollector } from '../../apps/collector/src/collector.bootstrap';

const args = parseArgs(process.argv.slice(2));
const QUICK = args.quick === 'true';
const N = Number(args.lines ?? (QUICK ? 100_000 : 400_000));
const BATCH = Number(args['batch-size'] ?? 100);
const PACED_RATE = Number(args['paced-rate'] ?? 5_000);
const PACED_SECONDS = Number(args['paced-seconds'] ?? (QUICK ? 30 : 300));
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const CHDB_PATH = process.env.CHDB_PATH ?? '/tmp/ketenmonitor-bench-ch';
const TARGET = { singleLinesPerSec: 40_000, shareOfSlowerBaseline: 0.5, p99FreshnessSec: 2 };

const snapshot = readParticipantsFile('deploy/local/participants.json');
const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS, logLevel: logLevel.NOTHING });

async function main(): Promise<void> {
  log(
    `bench/ingest: ${N.toLocaleString('en')} lines, batches of ${BATCH}, paced ${PACED_RATE}/s for ${PACED_SECONDS}s`,
  );
  const results: Record<string, string | number> = {};
  await ensureParticipantTopics(
    kafka,
    snapshot.participants.map((p) => p.id),
  );

  // 1. Generate and pre-load two backlogs: single-line messages and batched messages.
  const grouped = generateLines(N, 42, { participants: snapshot });
  const singles = await preload('bench-single', grouped, 1);
  const batches = await preload('bench-batch', grouped, BATCH);
  results['produce, 1 line/message (lines/s)'] = Math.round(singles.rate);

  // 2. Baseline A: raw consume of the single-line backlog.
  const rawConsume = await rawConsumeRate(singles.messages);
  results['baseline A: raw consume (messages/s)'] = Math.round(rawConsume);

  // 3. Baseline B: raw insert of the same rows into ClickHouse.
  const rawInsert = await rawInsertRate(grouped);
  results['baseline B: raw insert of the same rows (rows/s)'] = Math.round(rawInsert);

  // 4. End to end through the real collector: single-line backlog, then the batched one.
  const ch = new ClickHouseService({ chdbPath: CHDB_PATH }, 'bench_e2e');
  await runMigrations(ch);
  const config = loadConfig({
    ...process.env,
    CHDB_PATH,
    CLICKHOUSE_DATABASE: 'bench_e2e',
    KAFKA_GROUP_ID: 'bench-e2e-single',
  });
  const app = await startCollector(config);
  const pipeline = app.get(IngestionPipeline);
  const single = await drain(pipeline, singles.messages, N);
  await app.close();
  const appB = await startCollector(
    loadConfig({
      ...process.env,
      CHDB_PATH,
      CLICKHOUSE_DATABASE: 'bench_e2e_batch',
      KAFKA_GROUP_ID: 'bench-e2e-batch',
    }),
  );
  const batched = await drain(appB.get(IngestionPipeline), batches.messages, N);
  await appB.close();
  results['end to end, 1 line/message (lines/s)'] = Math.round(single.linesPerSec);
  results[`end to end, ${BATCH} lines/message (lines/s)`] = Math.round(batched.linesPerSec);
  results['peak RSS during end-to-end (MB)'] = Math.round(Math.max(single.peakRss, batched.peakRss) / 1e6);

  // 5. Paced run: freshness and memory over time.
  const appC = await startCollector(
    loadConfig({
      ...process.env,
      CHDB_PATH,
      CLICKHOUSE_DATABASE: 'bench_paced',
      KAFKA_GROUP_ID: 'bench-paced',
    }),
  );
  const paced = await pacedRun(appC.get(IngestionPipeline), grouped);
  await appC.close();
  await ch.close();
  results[`paced ${PACED_RATE}/s: freshness p50 (s)`] = paced.p50;
  results[`paced ${PACED_RATE}/s: freshness p99 (s)`] = paced.p99;
  results[`paced ${PACED_RATE}/s: achieved (lines/s)`] = Math.round(paced.achieved);
  results['paced: RSS first minute / last minute (MB)'] =
    `${Math.round(paced.rssFirst / 1e6)} / ${Math.round(paced.rssLast / 1e6)}`;
  results['paced: peak RSS (MB)'] = Math.round(paced.rssPeak / 1e6);

  const slowerBaseline = Math.min(rawConsume, rawInsert);
  const checks: Array<[string, boolean]> = [
    [
      `end to end 1 line/message >= ${TARGET.singleLinesPerSec.toLocaleString('en')} lines/s`,
      single.linesPerSec >= TARGET.singleLinesPerSec,
    ],
    ['batched messages faster than single-line messages', batched.linesPerSec > single.linesPerSec],
    [
      `end to end >= ${TARGET.shareOfSlowerBaseline * 100}% of the slower baseline (${Math.round(slowerBaseline)}/s)`,
      single.linesPerSec >= TARGET.shareOfSlowerBaseline * slowerBaseline,
    ],
    [
      `p99 freshness < ${TARGET.p99FreshnessSec} s at ${PACED_RATE} lines/s`,
      paced.p99 < TARGET.p99FreshnessSec,
    ],
    ['memory flat (last minute within 15% of first minute)', paced.rssLast <= paced.rssFirst * 1.15],
  ];
  console.log('\nbench/ingest results');
  for (const [k, v] of Object.entries(results))
    console.log(`  ${k.padEnd(52)} ${typeof v === 'number' ? v.toLocaleString('en') : v}`);
  console.log('\ntargets');
  for (const [k, ok] of checks) console.log(`  ${ok ? 'PASS' : 'MISS'}  ${k}`);
  console.log(`\n${checks.filter(([, ok]) => ok).length} of ${checks.length} targets met`);
}

interface Backlog {
  messages: number;
  rate: number;
}

/** Produces every participant's lines to its topic, `perMessage` lines per message, keyed by trace id. */
async function preload(
  label: string,
  grouped: Record<string, KetenlogLine[]>,
  perMessage: number,
): Promise<Backlog> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const t0 = performance.now();
  let messages = 0;
  const topicMessages = Object.entries(grouped).map(([id, lines]) => {
    const out: Array<{ key: string; value: string }> = [];
    for (let i = 0; i < lines.length; i += perMessage) {
      const chunk = lines.slice(i, i + perMessage);
      out.push({ key: chunk[0].event.trace_id, value: JSON.stringify(perMessage === 1 ? chunk[0] : chunk) });
    }
    messages += out.length;
    return { topic: ketenlogTopic(id), messages: out };
  });
  for (const { topic, messages: list } of topicMessages) {
    for (let i = 0; i < list.length; i += 5_000)
      await producer.send({ topic, acks: -1, messages: list.slice(i, i + 5_000) });
  }
  await producer.disconnect();
  const seconds = (performance.now() - t0) / 1000;
  log(`${label}: produced ${messages.toLocaleString('en')} messages in ${seconds.toFixed(1)} s`);
  return { messages, rate: N / seconds };
}

/** Baseline A: the same consumer settings as the collector, doing nothing with the messages. */
async function rawConsumeRate(expected: number): Promise<number> {
  const consumer = kafka.consumer({
    groupId: 'bench-raw',
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({
    topics: snapshot.participants.map((p) => ketenlogTopic(p.id)),
    fromBeginning: true,
  });
  let seen = 0;
  let first = 0;
  let last = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (!first) first = performance.now();
        seen += batch.messages.length;
        resolveOffset(batch.lastOffset());
        last = performance.now();
        if (seen >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  const rate = seen / ((last - first) / 1000);
  log(
    `baseline A: consumed ${seen.toLocaleString('en')} messages at ${Math.round(rate).toLocaleString('en')}/s`,
  );
  return rate;
}

/** Baseline B: the rows the collector would write, inserted directly in batches of the collector's size. */
async function rawInsertRate(grouped: Record<string, KetenlogLine[]>): Promise<number> {
  const directory = new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders);
  const processor = new MessageProcessor(loadCatalogRegistry(), directory, {
    maxMessageChars: 62_914_560,
    maxFutureSkewSeconds: 300,
    retentionMonths: 36,
  });
  const rows = Object.entries(grouped).flatMap(([id, lines]) =>
    lines.map((l, i) => processor.process(message(id, i, l)).events[0]),
  );
  const ch = new ClickHouseService({ chdbPath: CHDB_PATH }, 'bench_raw');
  await runMigrations(ch);
  const t0 = performance.now();
  const batch = 20_000;
  for (let i = 0; i < rows.length; i += batch)
    await ch.insert('ketenlog_events', rows.slice(i, i + batch), { dedupToken: `raw-${i}` });
  const rate = rows.length / ((performance.now() - t0) / 1000);
  await ch.close();
  log(
    `baseline B: inserted ${rows.length.toLocaleString('en')} rows at ${Math.round(rate).toLocaleString('en')}/s`,
  );
  return rate;
}

function message(participantId: string, offset: number, line: KetenlogLine): ConsumedMessage {
  return {
    topic: ketenlogTopic(participantId),
    partition: 0,
    offset: String(offset),
    timestampMs: Date.now(),
    value: Buffer.from(JSON.stringify(line)),
    headers: {},
  };
}

/** Waits until the collector made `messages` deliveries durable; rate from first processed to last durable. */
async function drain(pipeline: IngestionPipeline, messages: number, lines: number) {
  let done = 0;
  let stored = 0;
  let first = Infinity;
  let last = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
  await new Promise<void>((resolve) => {
    pipeline.onFlushed((r: FlushResult) => {
      for (const a of r.aanleveringen)
        first = Math.min(first, Date.parse(`${a.processed_at.replace(' ', 'T')}Z`));
      done += r.aanleveringen.length;
      stored += r.events.length;
      last = Date.now();
      if (done >= messages) resolve();
    });
  });
  clearInterval(sampler);
  const seconds = (last - first) / 1000;
  log(
    `end to end: ${done.toLocaleString('en')} deliveries, ${stored.toLocaleString('en')} lines stored in ${seconds.toFixed(2)} s`,
  );
  if (stored !== lines)
    log(`  note: ${lines - stored} lines were not stored as new (duplicates in the generated set)`);
  return { linesPerSec: lines / seconds, peakRss };
}

/** Producers at a fixed rate, one line per message; freshness = durable time - Kafka append time. */
async function pacedRun(pipeline: IngestionPipeline, grouped: Record<string, KetenlogLine[]>) {
  const freshness: number[] = [];
  pipeline.onFlushed((r) => {
    const now = Date.now();
    for (const a of r.aanleveringen) freshness.push(now - Date.parse(`${a.received_at.replace(' ', 'T')}Z`));
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const pool = Object.entries(grouped).flatMap(([id, lines]) =>
    lines.map((l) => [ketenlogTopic(id), l] as const),
  );
  const rss: Array<[number, number]> = [];
  const t0 = Date.now();
  let sent = 0;
  const tickMs = 50;
  while (Date.now() - t0 < PACED_SECONDS * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * PACED_RATE) - sent;
    if (due > 0) {
      const byTopic = new Map<string, Array<{ value: string }>>();
      for (let i = 0; i < due; i++) {
        const [topic, l] = pool[(sent + i) % pool.length];
        // A fresh trace id per send: the paced run must not be deduplicated away.
        const fresh = {
          ...l,
          event: { ...l.event, trace_id: crypto.randomUUID(), datetime: l.event.datetime },
        };
        (byTopic.get(topic) ?? byTopic.set(topic, []).get(topic)!).push({ value: JSON.stringify(fresh) });
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      sent += due;
    }
    if (rss.length === 0 || Date.now() - rss[rss.length - 1][0] >= 5_000)
      rss.push([Date.now(), process.memoryUsage.rss()]);
    await new Promise((r) => setTimeout(r, tickMs));
  }
  const elapsed = (Date.now() - t0) / 1000;
  await producer.disconnect();
  await new Promise((r) => setTimeout(r, 3_000));
  freshness.sort((a, b) => a - b);
  const q = (p: number) =>
    Number((freshness[Math.min(freshness.length - 1, Math.floor(p * freshness.length))] / 1000).toFixed(3));
  const window = Math.min(60_000, (PACED_SECONDS * 1000) / 3);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rssFirst = avg(rss.filter(([t]) => t - t0 <= window).map(([, v]) => v));
  const rssLast = avg(rss.filter(([t]) => t - t0 >= PACED_SECONDS * 1000 - window).map(([, v]) => v));
  log(
    `paced: sent ${sent.toLocaleString('en')} lines in ${elapsed.toFixed(0)} s; ${freshness.length.toLocaleString('en')} deliveries measured`,
  );
  return {
    p50: q(0.5),
    p99: q(0.99),
    achieved: sent / elapsed,
    rssFirst,
    rssLast,
    rssPeak: Math.max(...rss.map(([, v]) => v)),
  };
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = 'true';
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
