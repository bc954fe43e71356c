/**
 * Ingestion benchmark (issue 2). Phases, all on the same broker and engine in one run, each on
 * topics of its own (the registry's participants with a phase suffix):
 *  1. generate N realistic lines (the simulator's bulk generator) and produce them: once one
 *     line per message, once in batches;
 *  2. baseline A: the raw consume rate of the single-line backlog by a consumer doing nothing;
 *  3. baseline B: the raw insert rate of the same rows into ClickHouse;
 *  4. end to end: the real collector app drains each backlog;
 *  5. paced: producers at a fixed rate (default 5,000 lines/s, one line per message): p50/p99
 *     freshness from Kafka append to queryable, and RSS over time.
 * Rates count from the consumer's group join to the last message handled (A) or made durable (4).
 * Usage: npm run bench:ingest -- [--quick] [--lines N] [--batch-size B] [--paced-rate R] [--paced-seconds S]
 *        [--send-lines L]: lines per producer request in the batched phase (default 5,000, about
 *        2.5 MB; 500,000 sends each participant's batched messages as one ~20 MB record batch)
 */
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ClickHouseService, runMigrations } from '@app/clickhouse';
import { loadConfig } from '@app/config';
import {
  AanleveringenRepository,
  EVENT_COLUMNS,
  FlushResult,
  IngestionPipeline,
  MessageProcessor,
  joinArenaRows,
} from '@app/ingestion';
import { ConsumedMessage, ensureParticipantTopics, ketenlogTopic } from '@app/kafka';
import { KetenlogLine, loadCatalogRegistry } from '@app/ketenlog';
import { METRICS, metricsRegistry } from '@app/observability';
import { ParticipantDirectory, ParticipantsSnapshot, readParticipantsFile } from '@app/participants';
import { generateLines } from '@app/simulator';
import {
  mainThreadCpuMicros,
  pidCpuMicros,
  processCpuMicros,
  threadCpuByName,
  threadCpuDiff,
  hostSpeedProbe,
} from './cpu-time';
import { createCollectorApp } from '../../apps/collector/src/collector.bootstrap';
import { benchArgs } from '../bench-args';

const args = benchArgs();
const QUICK = args.quick === 'true';
const N = Number(args.lines ?? (QUICK ? 100_000 : 400_000));
const BATCH = Number(args['batch-size'] ?? 100);
const PACED_RATE = Number(args['paced-rate'] ?? 5_000);
const PACED_SECONDS = Number(args['paced-seconds'] ?? (QUICK ? 30 : 300));
const SEND_LINES = Number(args['send-lines'] ?? 5_000);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const CHDB_PATH = process.env.CHDB_PATH ?? '/tmp/ketenmonitor-bench-ch';
const TARGET = { singleLinesPerSec: 40_000, shareOfSlowerBaseline: 0.5, p99FreshnessSec: 2 };

const registry = readParticipantsFile('deploy/local/participants.json');
const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS, logLevel: logLevel.NOTHING });
const workDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));

interface Phase {
  readonly tag: string;
  readonly snapshot: ParticipantsSnapshot;
  readonly env: Record<string, string>;
}

function phase(tag: string): Phase {
  const rename = (id: string) => `${id}-${tag}`;
  const snapshot: ParticipantsSnapshot = {
    participants: registry.participants.map((p) => ({ ...p, id: rename(p.id) })),
    zorgaanbieders: registry.zorgaanbieders.map((z) => ({ ...z, dvaId: rename(z.dvaId) })),
  };
  const file = join(workDir, `participants-${tag}.json`);
  writeFileSync(file, JSON.stringify(snapshot));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CHDB_PATH,
    CLICKHOUSE_DATABASE: `bench_${tag}`,
    KAFKA_GROUP_ID: `bench-${tag}`,
    KAFKA_TOPIC_PATTERN: `^ketenlog\\..*-${tag}$`,
    PARTICIPANTS_FILE: file,
  };
  return { tag, snapshot, env };
}

/** The rename keeps hostnames, so the same generated lines fit every phase. */
function forPhase(grouped: Record<string, KetenlogLine[]>, p: Phase): Record<string, KetenlogLine[]> {
  return Object.fromEntries(Object.entries(grouped).map(([id, lines]) => [`${id}-${p.tag}`, lines]));
}

async function main(): Promise<void> {
  log(
    `bench/ingest: ${N.toLocaleString('en')} lines, batches of ${BATCH}, paced ${PACED_RATE}/s for ${PACED_SECONDS}s`,
  );
  const results: Record<string, string | number> = {};
  const [singleP, batchP, pacedP] = [phase('single'), phase('batch'), phase('paced')];
  for (const p of [singleP, batchP, pacedP]) {
    await ensureParticipantTopics(
      kafka,
      p.snapshot.participants.map((x) => x.id),
    );
  }

  // The generated lines (400,000 line objects, some 300 MB of heap) are dropped before the
  // end-to-end phases and generated again (same seed) for the paced phase: the collector runs in
  // this process, and in production its heap does not hold a dataset that every major garbage
  // collection has to mark.
  const { singles, batches, rawInsert } = await prepare(singleP, batchP);
  results['produce, 1 line/message (lines/s)'] = Math.round(singles.rate);

  const rawConsume = await rawConsumeRate(singleP, singles.messages);
  results['baseline A: raw consume, 1 line/message (msgs/s)'] = Math.round(rawConsume);
  results['baseline B: raw insert of the same rows (rows/s)'] = Math.round(rawInsert.events);
  results['  (information) with the aanleveringen row per message (lines/s)'] = Math.round(
    rawInsert.withAanleveringen,
  );
  (globalThis as { gc?: () => void }).gc?.();

  await settle('single');
  const probeBefore = hostSpeedProbe();
  const cpuA = cpuSnapshot();
  const appA = await createCollectorApp(loadConfig(singleP.env));
  const insertsBefore = await insertSeconds();
  const single = await drain(appA.get(IngestionPipeline), singles.messages, N, cpuA);
  const insertsAfter = await insertSeconds();
  await appA.close();
  for (const [table, sec] of Object.entries(insertsAfter)) {
    results[`  of which writing ${table}, 1 line/message (s)`] = Number(
      (sec - (insertsBefore[table] ?? 0)).toFixed(2),
    );
  }
  const probeAfter = hostSpeedProbe();
  await settle('batch');
  const cpuB = cpuSnapshot();
  const appB = await createCollectorApp(loadConfig(batchP.env));
  const batchInsertsBefore = await insertSeconds();
  const batched = await drain(appB.get(IngestionPipeline), batches.messages, N, cpuB);
  const batchInsertsAfter = await insertSeconds();
  await appB.close();
  for (const [table, sec] of Object.entries(batchInsertsAfter)) {
    results[`  of which writing ${table}, ${BATCH} lines/message (s)`] = Number(
      (sec - (batchInsertsBefore[table] ?? 0)).toFixed(2),
    );
  }
  results['end to end, 1 line/message (lines/s)'] = Math.round(single.linesPerSec);
  results['  host speed probe before / after it (ms; 14-15 normal, higher = slower host)'] =
    `${probeBefore.toFixed(1)} / ${probeAfter.toFixed(1)}`;
  results['  CPU per line, 1 line/message (µs: main thread / other threads / broker)'] = single.cpu;
  results[`  CPU per line, ${BATCH} lines/message (µs: main thread / other threads / broker)`] = batched.cpu;
  results[`end to end, ${BATCH} lines/message (lines/s)`] = Math.round(batched.linesPerSec);
  results['peak RSS during end to end (MB)'] = Math.round(Math.max(single.peakRss, batched.peakRss) / 1e6);

  (globalThis as { gc?: () => void }).gc?.();
  const appC = await createCollectorApp(loadConfig(pacedP.env));
  const paced = await pacedRun(
    appC.get(IngestionPipeline),
    forPhase(generateLines(N, 42, { participants: registry }), pacedP),
  );
  await appC.close();
  results[`paced ${PACED_RATE}/s: freshness p50 (s)`] = paced.p50;
  results[`paced ${PACED_RATE}/s: freshness p99 (s)`] = paced.p99;
  results[`paced: achieved (lines/s)`] = Math.round(paced.achieved);
  results['paced: RSS first / last window (MB)'] =
    `${Math.round(paced.rssFirst / 1e6)} / ${Math.round(paced.rssLast / 1e6)}`;
  results['paced: peak RSS (MB)'] = Math.round(paced.rssPeak / 1e6);

  const slower = Math.min(rawConsume, rawInsert.events);
  // undefined: not judged (a paced run under a minute says nothing about memory growth).
  const checks: Array<[string, boolean | undefined]> = [
    [
      `end to end, 1 line/message >= ${TARGET.singleLinesPerSec.toLocaleString('en')} lines/s`,
      single.linesPerSec >= TARGET.singleLinesPerSec,
    ],
    ['batched messages faster than single-line messages', batched.linesPerSec > single.linesPerSec],
    [
      `end to end >= ${TARGET.shareOfSlowerBaseline * 100}% of the slower baseline (${Math.round(slower).toLocaleString('en')}/s)`,
      single.linesPerSec >= TARGET.shareOfSlowerBaseline * slower,
    ],
    [
      `p99 freshness < ${TARGET.p99FreshnessSec} s at ${PACED_RATE} lines/s`,
      paced.p99 < TARGET.p99FreshnessSec,
    ],
    [
      'memory flat (last window within 15% of the first)',
      PACED_SECONDS >= 60 ? paced.rssLast <= paced.rssFirst * 1.15 : undefined,
    ],
  ];
  console.log('\nbench/ingest results');
  for (const [k, v] of Object.entries(results)) {
    console.log(`  ${k.padEnd(54)} ${typeof v === 'number' ? v.toLocaleString('en') : v}`);
  }
  console.log('\ntargets');
  for (const [k, ok] of checks)
    console.log(
      `  ${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS'}  ${k}${ok === undefined ? ' (paced run under 60 s)' : ''}`,
    );
  const judged = checks.filter(([, ok]) => ok !== undefined);
  console.log(`\n${judged.filter(([, ok]) => ok).length} of ${judged.length} judged targets met`);
}

/** Seconds spent in ClickHouse inserts so far, per table (from the collector's histogram). */
/**
 * Waits until ClickHouse has no merges running, so each end-to-end phase starts on a settled
 * store instead of sharing the cores with the background merges of the phase before it.
 */
async function settle(label: string): Promise<void> {
  const ch = new ClickHouseService({ chdbPath: CHDB_PATH }, 'bench_raw');
  const t0 = performance.now();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [row] = await ch.query<{ n: string }>('SELECT count() AS n FROM system.merges');
    if (Number(row?.n ?? 0) === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await ch.close();
  log(
    `${label}: ClickHouse settled (no merges running) after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function insertSeconds(): Promise<Record<string, number>> {
  const metric = await metricsRegistry.getSingleMetric(METRICS.insertDuration)?.get();
  const out: Record<string, number> = {};
  for (const v of metric?.values ?? []) {
    if ((v as { metricName?: string }).metricName?.endsWith('_sum')) out[String(v.labels.table)] = v.value;
  }
  return out;
}

/** Produces every participant's lines to its topic, `perMessage` lines per message, keyed by trace id. */
async function preload(label: string, grouped: Record<string, KetenlogLine[]>, perMessage: number) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const t0 = performance.now();
  let messages = 0;
  for (const [id, lines] of Object.entries(grouped)) {
    const list: Array<{ key: string; value: string }> = [];
    for (let i = 0; i < lines.length; i += perMessage) {
      const chunk = lines.slice(i, i + perMessage);
      list.push({ key: chunk[0].event.trace_id, value: JSON.stringify(perMessage === 1 ? chunk[0] : chunk) });
    }
    messages += list.length;
    // The single-line phase always in requests of 5,000 (kafkajs' producer slows down badly on
    // larger ones); the batched phase in --send-lines.
    const perSend = Math.max(1, Math.floor((perMessage === 1 ? 5_000 : SEND_LINES) / perMessage));
    for (let i = 0; i < list.length; i += perSend) {
      await producer.send({ topic: ketenlogTopic(id), acks: -1, messages: list.slice(i, i + perSend) });
    }
  }
  await producer.disconnect();
  const seconds = (performance.now() - t0) / 1000;
  log(`${label}: produced ${messages.toLocaleString('en')} messages in ${seconds.toFixed(1)} s`);
  return { messages, rate: N / seconds };
}

/** Generates the lines, produces both phases' messages and measures baseline B; keeps no lines. */
async function prepare(singleP: Phase, batchP: Phase) {
  const grouped = generateLines(N, 42, { participants: registry });
  const singles = await preload('single', forPhase(grouped, singleP), 1);
  const batches = await preload('batch', forPhase(grouped, batchP), BATCH);
  const rawInsert = await rawInsertRate(grouped);
  return { singles, batches, rawInsert };
}

/** Baseline A: the collector's consumer settings, doing nothing with the messages. */
async function rawConsumeRate(p: Phase, expected: number): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `bench-raw-${p.tag}`,
    maxBytesPerPartition: 8 * 1024 * 1024,
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: 50,
  });
  let joined = 0;
  consumer.on(consumer.events.GROUP_JOIN, (e) => (joined = e.timestamp));
  await consumer.connect();
  await consumer.subscribe({
    topics: p.snapshot.participants.map((x) => ketenlogTopic(x.id)),
    fromBeginning: true,
  });
  let seen = 0;
  let last = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        seen += batch.messages.length;
        resolveOffset(batch.lastOffset());
        last = Date.now();
        if (seen >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  const rate = seen / ((last - joined) / 1000);
  log(
    `baseline A: consumed ${seen.toLocaleString('en')} messages at ${Math.round(rate).toLocaleString('en')}/s`,
  );
  return rate;
}

/**
 * Baseline B: the lines' ketenlog_events rows, inserted directly in batches of the collector's
 * size (the target is judged against this one). Also, for information, the rate per line with
 * the one aanleveringen row per message that the collector writes as well (same batch size).
 */
async function rawInsertRate(
  grouped: Record<string, KetenlogLine[]>,
): Promise<{ events: number; withAanleveringen: number }> {
  const directory = new ParticipantDirectory(registry.participants, registry.zorgaanbieders);
  const processor = new MessageProcessor(loadCatalogRegistry(), directory, {
    maxMessageChars: 62_914_560,
    maxFutureSkewSeconds: 300,
    retentionMonths: 36,
  });
  const processed = Object.entries(grouped).flatMap(([id, lines]) =>
    lines.map((l, i) => processor.process(message(id, i, l))),
  );
  const rows = processed.map((p) => p.events[0]);
  const aanleveringen = processed.map((p) => ({ ...p.aanlevering, stored_count: 1, valid_count: 1 }));
  const ch = new ClickHouseService({ chdbPath: CHDB_PATH }, 'bench_raw');
  await runMigrations(ch);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 20_000) {
    await ch.insertCompactBody('ketenlog_events', joinArenaRows(rows.slice(i, i + 20_000)), {
      dedupToken: `raw-${i}`,
      columns: EVENT_COLUMNS,
    });
  }
  const eventsSec = (performance.now() - t0) / 1000;
  const aanleveringenStore = new AanleveringenRepository(ch);
  const t1 = performance.now();
  for (let i = 0; i < aanleveringen.length; i += 20_000) {
    // As the collector writes them (its repository: same format and settings).
    await aanleveringenStore.insert(aanleveringen.slice(i, i + 20_000), `raw-a-${i}`);
  }
  const aanleveringenSec = (performance.now() - t1) / 1000;
  await ch.close();
  const rate = rows.length / eventsSec;
  const withAanleveringen = rows.length / (eventsSec + aanleveringenSec);
  log(
    `baseline B: inserted ${rows.length.toLocaleString('en')} rows at ${Math.round(rate).toLocaleString('en')}/s; ` +
      `with one aanleveringen row per line ${Math.round(withAanleveringen).toLocaleString('en')} lines/s`,
  );
  return { events: rate, withAanleveringen };
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

/** Waits until the collector made `messages` deliveries durable; rate from its group join to the last flush. */
async function drain(pipeline: IngestionPipeline, messages: number, lines: number, cpu0: CpuSnapshot) {
  let done = 0;
  let stored = 0;
  let last = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);
  await new Promise<void>((resolve) => {
    pipeline.onFlushed((r: FlushResult) => {
      done += r.aanleveringen.length;
      stored += r.events.length;
      last = Date.now();
      if (done >= messages) resolve();
    });
  });
  clearInterval(sampler);
  const cpu1 = cpuSnapshot();
  const perLine = (a: number, b: number) => ((b - a) / lines).toFixed(1);
  const cpu = [
    perLine(cpu0.main, cpu1.main),
    perLine(cpu0.process - cpu0.main, cpu1.process - cpu1.main),
    perLine(cpu0.broker, cpu1.broker),
  ].join(' / ');
  const joinedSec =
    (await metricsRegistry.getSingleMetric(METRICS.lastGroupJoin)?.get())?.values[0]?.value ?? 0;
  const seconds = (last - joinedSec * 1000) / 1000;
  log(
    `end to end: ${done.toLocaleString('en')} deliveries, ${stored.toLocaleString('en')} lines stored in ${seconds.toFixed(2)} s`,
  );
  log(`  CPU per line by thread name (µs): ${threadCpuDiff(cpu0.threads, cpu1.threads, lines)}`);
  return { linesPerSec: lines / seconds, peakRss, cpu };
}

interface CpuSnapshot {
  readonly main: number;
  readonly process: number;
  readonly broker: number;
  readonly threads: Map<string, number>;
}

/**
 * CPU time so far of the bench process's main thread, of the whole process (chDB's threads,
 * V8's GC helpers) and of the Kafka broker (BENCH_BROKER_PID, set by run.sh). CPU time, unlike
 * a rate, shows where the cores went.
 */
function cpuSnapshot(): CpuSnapshot {
  return {
    main: mainThreadCpuMicros(),
    process: processCpuMicros(),
    broker: pidCpuMicros(Number(process.env.BENCH_BROKER_PID) || undefined),
    threads: threadCpuByName(),
  };
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
  while (Date.now() - t0 < PACED_SECONDS * 1000) {
    const due = Math.floor(((Date.now() - t0) / 1000) * PACED_RATE) - sent;
    if (due > 0) {
      const byTopic = new Map<string, Array<{ value: string }>>();
      for (let i = 0; i < due; i++) {
        const [topic, l] = pool[(sent + i) % pool.length];
        // A fresh trace id per send: repeated pool lines must not be deduplicated away.
        const fresh = { ...l, event: { ...l.event, trace_id: crypto.randomUUID() } };
        const list = byTopic.get(topic) ?? [];
        list.push({ value: JSON.stringify(fresh) });
        byTopic.set(topic, list);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      sent += due;
    }
    if (rss.length === 0 || Date.now() - rss[rss.length - 1][0] >= 5_000)
      rss.push([Date.now(), process.memoryUsage.rss()]);
    await new Promise((r) => setTimeout(r, 50));
  }
  const elapsed = (Date.now() - t0) / 1000;
  rss.push([Date.now(), process.memoryUsage.rss()]);
  await producer.disconnect();
  const deadline = Date.now() + 30_000;
  while (freshness.length < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  freshness.sort((a, b) => a - b);
  const q = (p: number) =>
    Number((freshness[Math.min(freshness.length - 1, Math.floor(p * freshness.length))] / 1000).toFixed(3));
  const window = Math.min(60_000, (PACED_SECONDS * 1000) / 3);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rssFirst = avg(rss.filter(([t]) => t - t0 <= window).map(([, v]) => v));
  const rssLast = avg(rss.filter(([t]) => t - t0 >= PACED_SECONDS * 1000 - window).map(([, v]) => v));
  log(
    `paced: sent ${sent.toLocaleString('en')} lines in ${elapsed.toFixed(0)} s; ${freshness.length.toLocaleString('en')} made durable`,
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
