import { createHash } from 'node:crypto';
import { ConsumedMessage } from '@app/kafka';
import { loadCatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { line } from '../../../test/support/lines';
import { ingestionMetrics } from './ingestion.metrics';
import { FlushResult, IngestionPipeline, PipelineStores, batchToken } from './ingestion.pipeline';
import { MessageProcessor, ProcessedMessage } from './message-processor';
import { AanleveringRow, EVENT_COLUMNS, EventRecord, RejectionRow } from './rows';

/**
 * The pipeline's ordering and quarantine logic with an in-memory stand-in for the three tables
 * (the real engines are in test/ingestion). What is checked here is orchestration only: which
 * insert may start when, in which order batches become durable, how a refused line is counted.
 */
const snapshot = readParticipantsFile('deploy/local/participants.json');
const processor = new MessageProcessor(
  loadCatalogRegistry(),
  new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders),
  { maxMessageChars: 100_000, maxFutureSkewSeconds: 300, retentionMonths: 36 },
);

function message(offset: number, value: unknown): ConsumedMessage {
  return {
    topic: 'ketenlog.pgo-gezondheidsapp',
    partition: 0,
    offset: String(offset),
    timestampMs: Date.now(),
    value: Buffer.from(JSON.stringify(value)),
    headers: {},
  };
}

const LONE_SURROGATE = /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

const aanleveringOf = (e: EventRecord) =>
  (JSON.parse(e.line) as unknown[])[EVENT_COLUMNS.indexOf('aanlevering_id')] as string;

const poisonError = () =>
  Object.assign(new Error('Code: 25. DB::Exception: Cannot parse escape sequence: (at row 1)'), {
    clickhouseCode: 25,
  });

/** Tables in memory; an aanleveringen insert can be held open to look at what happens meanwhile. */
class FakeTables {
  readonly log: string[] = [];
  /** The offsets of each aanleveringen look-up. */
  readonly lookups: string[] = [];
  readonly events = new Map<string, EventRecord>();
  readonly rejections: RejectionRow[] = [];
  readonly aanleveringen: AanleveringRow[] = [];
  hold: Promise<void> | undefined;

  stores(): PipelineStores {
    const offsets = (rows: readonly { kafka_offset?: string; line?: string }[]) =>
      rows.map((r) => r.kafka_offset ?? (JSON.parse(r.line as string) as unknown[])[35]).join(',');
    return {
      events: {
        // Like the real look-up: which of these lines are stored, and by which aanlevering.
        findExisting: (rows: readonly EventRecord[]) =>
          Promise.resolve(
            new Map(
              rows
                .filter((r) => this.events.has(r.uid))
                .map((r) => [r.uid, aanleveringOf(this.events.get(r.uid) as EventRecord)]),
            ),
          ),
        insert: (rows: readonly EventRecord[]) => {
          if (rows.some((r) => r.line.includes('POISON'))) return Promise.reject(poisonError());
          this.log.push(`events ${offsets(rows)}`);
          for (const r of rows) this.events.set(r.uid, r);
          return Promise.resolve();
        },
      },
      rejections: {
        insert: (rows: readonly RejectionRow[]) => {
          // Like ClickHouse's JSON reader: a lone surrogate anywhere in the row is refused.
          if (rows.some((r) => LONE_SURROGATE.test(JSON.stringify(r)))) return Promise.reject(poisonError());
          this.log.push(`rejections ${offsets(rows)}`);
          this.rejections.push(...rows);
          return Promise.resolve();
        },
      },
      aanleveringen: {
        findExisting: (rows: readonly AanleveringRow[]) => {
          this.lookups.push(offsets(rows));
          const stored = new Set(this.aanleveringen.map((a) => a.aanlevering_id));
          return Promise.resolve(new Set(rows.map((r) => r.aanlevering_id).filter((id) => stored.has(id))));
        },
        insert: async (rows: readonly AanleveringRow[]) => {
          this.log.push(`aanleveringen ${offsets(rows)} start`);
          const hold = this.hold;
          this.hold = undefined;
          await hold;
          this.aanleveringen.push(...rows);
          this.log.push(`aanleveringen ${offsets(rows)} done`);
        },
      },
    } as unknown as PipelineStores;
  }
}

const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(what()).toBe(true);
};

describe('IngestionPipeline', () => {
  const at = (ms: number) => ({ event: { datetime: new Date(Date.now() - ms).toISOString() } });

  it('stores the next batch while the previous one writes its aanleveringen, and stays durable in order', async () => {
    const tables = new FakeTables();
    // Two rows (line + aanlevering) fill a batch: every submit below is its own flush.
    const pipeline = new IngestionPipeline(
      processor,
      tables.stores(),
      { batchMaxRows: 2, batchMaxWaitMs: 60_000, insertRetryMaxMs: 100 },
      ingestionMetrics(),
    );
    let release!: () => void;
    tables.hold = new Promise((r) => (release = r));
    const durable: number[] = [];
    const first = pipeline.submit([message(10, line('send_authorization_request', at(2_000)))]);
    void first.then(() => durable.push(10));
    await until(() => tables.log.includes('aanleveringen 10 start'));
    const second = pipeline.submit([message(11, line('send_authorization_request', at(1_000)))]);
    void second.then(() => durable.push(11));
    // Batch 11's lines go in while batch 10's aanleveringen insert is still open ...
    await until(() => tables.log.includes('events 11'));
    expect(durable).toEqual([]);
    expect(tables.log).not.toContain('aanleveringen 11 start');
    // ... and its aanleveringen follow batch 10's, so offsets become committable in order.
    release();
    await Promise.all([first, second]);
    expect(durable).toEqual([10, 11]);
    expect(tables.log).toEqual([
      'events 10',
      'aanleveringen 10 start',
      'events 11',
      'aanleveringen 10 done',
      'aanleveringen 11 start',
      'aanleveringen 11 done',
    ]);
    await pipeline.stop();
  });

  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  /** A pipeline whose first lines insert takes 100 ms; a fifth of 100 rows makes a flush busy. */
  const busyPipeline = (batchIdleMs: number) => {
    const tables = new FakeTables();
    const stores = tables.stores();
    // The first lines insert takes 100 ms: whatever arrives meanwhile waits for the next flush.
    const first = { slow: 1 };
    const insert = stores.events.insert.bind(stores.events);
    (stores.events as { insert: typeof insert }).insert = async (rows, token) => {
      if (first.slow-- > 0) await new Promise((r) => setTimeout(r, 100));
      return insert(rows, token);
    };
    // Ten one-line messages (line + aanlevering each) waiting make a flush busy.
    const pipeline = new IngestionPipeline(
      processor,
      stores,
      { batchMaxRows: 100, batchMaxWaitMs: 20, batchBusyWaitMs: 500, batchIdleMs, insertRetryMaxMs: 100 },
      ingestionMetrics(),
    );
    const latency = async (offsets: number[]) => {
      const t0 = Date.now();
      await pipeline.submit(offsets.map((o) => message(o, line('send_authorization_request', at(o)))));
      return Date.now() - t0;
    };
    return { tables, pipeline, first, latency };
  };

  it('waits longer before the next flush while rows pile up during a flush and input keeps coming (busy wait)', async () => {
    const { tables, pipeline, first, latency } = busyPipeline(100);
    const firstLatency = latency([70]);
    await until(() => first.slow === 0); // the first flush is inserting its lines
    const second = latency(range(71, 80));
    expect(await firstLatency).toBeLessThan(400);
    // Input keeps coming every 40 ms (within the idle time): the busy flush waits its 500 ms.
    const started = Date.now();
    for (let o = 100; Date.now() - started < 450; o++) {
      void pipeline.submit([message(o, line('send_authorization_request', at(o)))]);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(await second).toBeGreaterThanOrEqual(450);
    await new Promise((r) => setTimeout(r, 600)); // the input stopped: what remains is written
    // That flush found nothing waiting after it: back to the short wait.
    expect(await latency([73])).toBeLessThan(300);
    await pipeline.stop();
    expect(tables.events.size).toBeGreaterThan(10);
  });

  it('under load, flushes once the input stops instead of waiting out the busy wait', async () => {
    const { tables, pipeline, first, latency } = busyPipeline(60);
    const firstLatency = latency([70]);
    await until(() => first.slow === 0);
    // Rows pile up during the first flush (busy), then nothing more arrives: flushed after
    // about the idle time, not after the 500 ms busy wait.
    const second = latency(range(71, 80));
    expect(await firstLatency).toBeLessThan(400);
    const waited = await second;
    expect(waited).toBeGreaterThanOrEqual(60);
    expect(waited).toBeLessThan(350);
    await pipeline.stop();
    expect(tables.events.size).toBe(11);
  });

  it('quarantines a line the engine refuses and stores and counts the rest', async () => {
    const tables = new FakeTables();
    const pipeline = new IngestionPipeline(
      processor,
      tables.stores(),
      { batchMaxRows: 1_000, batchMaxWaitMs: 10, insertRetryMaxMs: 100 },
      ingestionMetrics(),
    );
    const flushed: FlushResult[] = [];
    pipeline.onFlushed((r) => flushed.push(r));
    const good = [1, 2, 3].map((i) => line('send_authorization_request', at(i * 1000)));
    const poison = {
      ...line('send_authorization_request', at(500)),
      error: { code: 'x', description: 'POISON' },
    };
    await pipeline.submit([
      message(20, good[0]),
      message(21, [good[1], poison, good[2]]),
      message(22, line('send_authorization_request', at(100))),
    ]);
    await pipeline.stop();

    expect(tables.events.size).toBe(4);
    expect([...tables.events.values()].some((e) => e.line.includes('POISON'))).toBe(false);
    expect(tables.rejections).toEqual([
      expect.objectContaining({
        kafka_offset: '21',
        line_index: 1,
        rule_ids: ['quarantine.insert_failed'],
        messages: [expect.stringContaining('error 25: Cannot parse escape sequence')],
      }),
    ]);
    const byOffset = Object.fromEntries(tables.aanleveringen.map((a) => [a.kafka_offset, a]));
    expect(byOffset['21']).toMatchObject({
      line_count: 3,
      stored_count: 2,
      valid_count: 2,
      rejected_count: 1,
      technisch_ok: true,
      message_error: 'quarantine.insert_failed',
    });
    expect(byOffset['20']).toMatchObject({ stored_count: 1, rejected_count: 0, message_error: '' });
    expect(flushed.flatMap((f) => f.events)).toHaveLength(4);
  });

  it('looks up in aanleveringen only deliveries without a new line, and never writes a replayed delivery twice', async () => {
    const tables = new FakeTables();
    const settings = { batchMaxRows: 1_000, batchMaxWaitMs: 10, insertRetryMaxMs: 100 };
    const poison = {
      ...line('send_authorization_request', at(500)),
      error: { code: 'x', description: 'POISON' },
    };
    const batch = [
      message(40, line('send_authorization_request', at(3_000))),
      message(41, [line('send_authorization_request', at(2_000)), poison]),
      message(42, { ...line('send_authorization_request', at(400)), error: poison.error }),
    ];
    const first = new IngestionPipeline(processor, tables.stores(), settings, ingestionMetrics());
    await first.submit(batch);
    await first.stop();
    // New lines everywhere, so no delivery was looked up; only 41 and 42, once their lines
    // were refused (a refused line is not in ketenlog_events, so it proves nothing).
    expect(tables.lookups).toEqual(['', '41,42']);
    const before = { events: tables.events.size, rejections: tables.rejections.length };
    expect(tables.aanleveringen).toHaveLength(3);

    // A replay after a crash: the same messages again, in a new pipeline.
    const replay = new IngestionPipeline(processor, tables.stores(), settings, ingestionMetrics());
    await replay.submit(batch);
    await replay.stop();
    expect(tables.aanleveringen).toHaveLength(3);
    expect(tables.events.size).toBe(before.events);
    expect(tables.rejections).toHaveLength(before.rejections);
  });

  it('keeps the reason of a rejection the engine refuses, without the refused text', async () => {
    const tables = new FakeTables();
    const pipeline = new IngestionPipeline(
      processor,
      tables.stores(),
      { batchMaxRows: 1_000, batchMaxWaitMs: 10, insertRetryMaxMs: 100 },
      ingestionMetrics(),
    );
    // Fails the schema (event.type pattern), and its type, copied into the rejection, holds a lone surrogate.
    const bad = line('send_authorization_request', at(1000));
    bad.event.type = 'send\ud800';
    await pipeline.submit([message(30, bad), message(31, line('send_authorization_request', at(900)))]);
    await pipeline.stop();
    expect(tables.rejections).toEqual([
      expect.objectContaining({
        kafka_offset: '30',
        rule_ids: ['schema.pattern'],
        event_type: 'send\ufffd',
        redacted_excerpt: '(excerpt withheld: ClickHouse could not store it)',
      }),
    ]);
    expect(tables.events.size).toBe(1);
  });
  it('counts functional errors into each delivery of its own, afresh when a write is retried', async () => {
    const tables = new FakeTables();
    const stores = tables.stores();
    // The first lines insert fails like an unreachable engine: the whole stage is retried.
    let failures = 1;
    const insert = stores.events.insert.bind(stores.events);
    (stores.events as { insert: typeof insert }).insert = (rows, token) =>
      failures-- > 0 ? Promise.reject(new Error('connect ECONNREFUSED')) : insert(rows, token);
    const pipeline = new IngestionPipeline(
      processor,
      stores,
      { batchMaxRows: 1_000, batchMaxWaitMs: 10, insertRetryMaxMs: 20 },
      ingestionMetrics(),
    );
    const future = (s: number) => ({ event: { datetime: new Date(Date.now() + s * 1000).toISOString() } });
    const twice = line('send_authorization_request', at(10));
    await pipeline.submit([
      // The same line twice in one message: one duplicate, however often the write is tried.
      message(60, [line('send_authorization_request', future(3_600)), twice, twice]),
      message(61, line('send_authorization_request', at(20))),
      message(62, [
        line('send_authorization_request', future(7_200)),
        line('send_authorization_request', future(7_300)),
      ]),
    ]);
    await pipeline.stop();

    const byOffset = Object.fromEntries(tables.aanleveringen.map((a) => [a.kafka_offset, a]));
    expect(byOffset['60']).toMatchObject({
      line_count: 3,
      duplicate_count: 1,
      stored_count: 2,
      valid_count: 1,
      invalid_count: 1,
      functional_errors: { 'time.in-future': 1 },
    });
    expect(byOffset['61']).toMatchObject({
      duplicate_count: 0,
      stored_count: 1,
      valid_count: 1,
      functional_errors: {},
    });
    expect(byOffset['62']).toMatchObject({
      stored_count: 2,
      invalid_count: 2,
      functional_errors: { 'time.in-future': 2 },
    });
    expect(failures).toBe(-1);
  });
});

describe('batchToken', () => {
  /** The definition: per topic and partition the lowest and highest offset, as numbers. */
  function reference(batch: readonly ProcessedMessage[]): string {
    const ranges = new Map<string, { first: bigint; last: bigint }>();
    for (const { aanlevering: a } of batch) {
      const key = `${a.kafka_topic}:${a.kafka_partition}`;
      const o = BigInt(a.kafka_offset);
      const r = ranges.get(key);
      if (!r) ranges.set(key, { first: o, last: o });
      else {
        if (o < r.first) r.first = o;
        if (o > r.last) r.last = o;
      }
    }
    const text = [...ranges.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, r]) => `${k}:${r.first}-${r.last}`)
      .join(',');
    return text.length <= 200 ? text : createHash('sha256').update(text).digest('hex');
  }
  const delivery = (topic: string, partition: number, offset: string) =>
    ({
      aanlevering: { kafka_topic: topic, kafka_partition: partition, kafka_offset: offset },
    }) as ProcessedMessage;

  it('gives each partition its lowest and highest offset by value, not by text', () => {
    const batch = [
      delivery('ketenlog.a', 0, '9'),
      delivery('ketenlog.a', 0, '10'),
      delivery('ketenlog.b', 1, '100'),
      delivery('ketenlog.a', 1, '99'),
      delivery('ketenlog.a', 0, '8'),
      delivery('ketenlog.b', 1, '1000'),
      delivery('ketenlog.b', 1, '999'),
    ];
    expect(batchToken(batch)).toBe('ketenlog.a:0:8-10,ketenlog.a:1:99-99,ketenlog.b:1:100-1000');
  });

  it('equals the BigInt definition on random interleaved batches with offsets up to 2^63', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const batch: ProcessedMessage[] = [];
      for (let i = 0; i < 30; i++) {
        const digits = 1 + Math.floor(random() * 19);
        let offset = String(1 + Math.floor(random() * 9));
        while (offset.length < digits) offset += String(Math.floor(random() * 10));
        batch.push(delivery(`ketenlog.p${Math.floor(random() * 3)}`, Math.floor(random() * 2), offset));
      }
      expect(batchToken(batch)).toBe(reference(batch));
    }
  });
});
