import { createHash } from 'node:crypto';
import { JsonLogger } from '@app/observability';
import { AanleveringenRepository } from './aanleveringen.repository';
import { ConsumedMessage } from '@app/kafka';
import { IngestionMetrics } from './ingestion.metrics';
import { KetenlogEventsRepository } from './ketenlog-events.repository';
import { MessageProcessor, ProcessedMessage } from './message-processor';
import { RejectionsRepository } from './rejections.repository';
import { AanleveringRow, EventRecord, RejectionRow } from './rows';

export interface PipelineSettings {
  /** Flush when this many rows wait. */
  readonly batchMaxRows: number;
  /** Flush when the oldest waiting row is this old. */
  readonly batchMaxWaitMs: number;
  /** Longest pause between insert retries while ClickHouse is unavailable. */
  readonly insertRetryMaxMs: number;
}

export interface PipelineStores {
  readonly events: KetenlogEventsRepository;
  readonly rejections: RejectionsRepository;
  readonly aanleveringen: AanleveringenRepository;
}

/** What one flush wrote, after deduplication against what was stored before. */
export interface FlushResult {
  readonly events: EventRecord[];
  readonly rejections: RejectionRow[];
  readonly aanleveringen: AanleveringRow[];
}

class Deferred {
  resolve!: () => void;
  reject!: (err: Error) => void;
  readonly promise = new Promise<void>((res, rej) => {
    this.resolve = res;
    this.reject = rej;
  });
}

/**
 * Collects processed messages and writes them to ClickHouse in large batches (size and time
 * thresholds), one flush at a time. `submit` resolves only once those messages are durable,
 * so the caller commits Kafka offsets after it and never before. Lines stored before (a
 * participant re-delivering, or a replay after a crash) are recognised by their event_uid and
 * not written again. While ClickHouse is down a flush retries with backoff and the buffer
 * fills up to a high-water mark, at which point the consumer stops fetching (`saturated`).
 */
export class IngestionPipeline {
  private readonly log = new JsonLogger('ingestion');
  private pending: ProcessedMessage[] = [];
  private pendingRows = 0;
  private pendingSince = 0;
  private generation = new Deferred();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly spaceWaiters: Array<() => void> = [];
  private readonly flushListeners: Array<(result: FlushResult) => void> = [];

  constructor(
    private readonly processor: MessageProcessor,
    private readonly stores: PipelineStores,
    private readonly settings: PipelineSettings,
    private readonly metrics: IngestionMetrics,
  ) {
    // Avoid an unhandled rejection when nobody awaits a generation that is rejected on stop.
    this.generation.promise.catch(() => undefined);
  }

  /** Processes the messages now and resolves once they are durable in ClickHouse. */
  submit(messages: readonly ConsumedMessage[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('ingestion pipeline is stopped'));
    const now = Date.now();
    for (const m of messages) {
      const processed = this.processor.process(m, now);
      if (this.pending.length === 0) this.pendingSince = now;
      this.pending.push(processed);
      this.pendingRows += processed.events.length + processed.rejections.length + 1;
    }
    this.metrics.bufferedRows.set(this.pendingRows);
    const durable = this.generation.promise;
    this.schedule();
    return durable;
  }

  /** Called after every successful flush with what it wrote (benchmarks, read-your-writes hooks). */
  onFlushed(listener: (result: FlushResult) => void): void {
    this.flushListeners.push(listener);
  }

  /** True when so much waits that the consumer should stop fetching until a flush completes. */
  get saturated(): boolean {
    return this.pendingRows >= this.settings.batchMaxRows * 2;
  }

  /** Resolves when the buffer is below the high-water mark again (or within `maxWaitMs`). */
  waitForSpace(maxWaitMs: number): Promise<void> {
    if (!this.saturated) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.spaceWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Writes what is pending and stops; later submits fail. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    if (this.pending.length > 0) await this.flush();
    this.stopped = true;
  }

  /** Stops at once without writing what is pending (its submitters see a rejection). */
  abort(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.generation.reject(new Error('ingestion pipeline aborted'));
  }

  private schedule(): void {
    if (this.flushing || this.pending.length === 0) return;
    if (this.pendingRows >= this.settings.batchMaxRows) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      const delay = Math.max(0, this.pendingSince + this.settings.batchMaxWaitMs - Date.now());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, delay);
    }
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    const done = this.generation;
    this.pending = [];
    this.pendingRows = 0;
    this.generation = new Deferred();
    this.generation.promise.catch(() => undefined);
    this.metrics.bufferedRows.set(0);
    for (const wake of this.spaceWaiters.splice(0)) wake();
    this.flushing = (async () => {
      try {
        const result = await this.writeWithRetry(batch);
        done.resolve();
        for (const listener of this.flushListeners) listener(result);
      } catch (err) {
        done.reject(err as Error);
      } finally {
        this.flushing = undefined;
        this.schedule();
      }
    })();
    return this.flushing;
  }

  private async writeWithRetry(batch: ProcessedMessage[]): Promise<FlushResult> {
    let delay = 100;
    for (;;) {
      try {
        return await this.write(batch);
      } catch (err) {
        this.metrics.insertFailures.inc();
        if (this.stopped) throw err;
        this.log.warn('writing to ClickHouse failed; retrying', {
          error: (err as Error).message,
          retryInMs: delay,
        });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, this.settings.insertRetryMaxMs);
      }
    }
  }

  private async write(batch: ProcessedMessage[]): Promise<FlushResult> {
    const already = await this.stores.aanleveringen.findExisting(batch.map((b) => b.aanlevering));
    const live = batch.filter((b) => !already.has(b.aanlevering.aanlevering_id));
    const candidates = live.flatMap((b) => b.events);
    const existing = await this.stores.events.findExisting(candidates);

    const events: EventRecord[] = [];
    const rejections: RejectionRow[] = [];
    const aanleveringen: AanleveringRow[] = [];
    const taken = new Set<string>();
    for (const { aanlevering, events: rows, rejections: rejected } of live) {
      // A fresh outcome per attempt: a retried write must not count twice.
      const outcome = { ...aanlevering, functional_errors: {} as Record<string, number> };
      for (const row of rows) {
        const storedBy = existing.get(row.uid);
        const replay = storedBy === aanlevering.aanlevering_id;
        if ((storedBy !== undefined && !replay) || taken.has(row.uid)) {
          outcome.duplicate_count++;
          continue;
        }
        taken.add(row.uid);
        if (!replay) events.push(row);
        outcome.stored_count++;
        if (row.valid) outcome.valid_count++;
        else outcome.invalid_count++;
        for (const code of row.errorCodes)
          outcome.functional_errors[code] = (outcome.functional_errors[code] ?? 0) + 1;
      }
      rejections.push(...rejected);
      aanleveringen.push(outcome);
    }

    const token = batchToken(batch);
    await this.timed('ketenlog_events', events.length, () =>
      this.stores.events.insert(events, `${token}:events`),
    );
    await this.timed('ketenlog_rejections', rejections.length, () =>
      this.stores.rejections.insert(rejections, `${token}:rejections`),
    );
    // Last: an aanlevering row means all of its lines and rejections are stored.
    await this.timed('aanleveringen', aanleveringen.length, () =>
      this.stores.aanleveringen.insert(aanleveringen, `${token}:aanleveringen`),
    );
    this.record(aanleveringen, rejections);
    return { events, rejections, aanleveringen };
  }

  private async timed(table: string, rows: number, insert: () => Promise<void>): Promise<void> {
    if (rows === 0) return;
    const end = this.metrics.insertDuration.startTimer({ table });
    await insert();
    end();
    this.metrics.insertBatchRows.observe({ table }, rows);
  }

  private record(aanleveringen: AanleveringRow[], rejections: RejectionRow[]): void {
    const now = Date.now();
    for (const a of aanleveringen) {
      this.metrics.messages.inc({ participant: a.participant_id, technisch_ok: String(a.technisch_ok) });
      if (a.line_count) this.metrics.linesConsumed.inc({ participant: a.participant_id }, a.line_count);
      if (a.duplicate_count)
        this.metrics.linesDuplicate.inc({ participant: a.participant_id }, a.duplicate_count);
      if (a.valid_count)
        this.metrics.linesStored.inc({ participant: a.participant_id, valid: 'true' }, a.valid_count);
      if (a.invalid_count)
        this.metrics.linesStored.inc({ participant: a.participant_id, valid: 'false' }, a.invalid_count);
      for (const [rule, n] of Object.entries(a.functional_errors)) this.metrics.lineErrors.inc({ rule }, n);
      this.metrics.freshness.observe((now - Date.parse(`${a.received_at.replace(' ', 'T')}Z`)) / 1000);
    }
    for (const r of rejections)
      this.metrics.linesRejected.inc({ participant: r.participant_id, rule: r.rule_ids[0] ?? '' });
  }
}

/** Deterministic insert deduplication token of a batch: its Kafka offset ranges. */
export function batchToken(batch: readonly ProcessedMessage[]): string {
  const ranges = new Map<string, { first: bigint; last: bigint }>();
  for (const { aanlevering: a } of batch) {
    const key = `${a.kafka_topic}:${a.kafka_partition}`;
    const offset = BigInt(a.kafka_offset);
    const r = ranges.get(key);
    if (!r) ranges.set(key, { first: offset, last: offset });
    else {
      if (offset < r.first) r.first = offset;
      if (offset > r.last) r.last = offset;
    }
  }
  const text = [...ranges.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, r]) => `${k}:${r.first}-${r.last}`)
    .join(',');
  return text.length <= 200 ? text : createHash('sha256').update(text).digest('hex');
}
