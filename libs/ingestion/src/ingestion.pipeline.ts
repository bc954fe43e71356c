import { createHash } from 'node:crypto';
import { JsonLogger } from '@app/observability';
import { AanleveringenRepository } from './aanleveringen.repository';
import { ConsumedMessage } from '@app/kafka';
import { IngestionMetrics } from './ingestion.metrics';
import { KetenlogEventsRepository } from './ketenlog-events.repository';
import { MessageProcessor, ProcessedMessage } from './message-processor';
import { RejectionsRepository } from './rejections.repository';
import { AanleveringRow, EventRecord, RejectionRow } from './rows';
import { FlushWriter } from './flush-writer';

export interface PipelineSettings {
  /** Flush when this many rows wait. */
  readonly batchMaxRows: number;
  /** Flush when the oldest waiting row is this old. */
  readonly batchMaxWaitMs: number;
  /**
   * Under load, flush when the oldest waiting row is this old (or at batchMaxRows) instead.
   * Under load means: when the previous flush's first stage ended, a fifth of batchMaxRows was
   * waiting already. Then fewer, larger flushes cost ClickHouse less per line (one look-up and
   * one part per table per flush, fewer background merges), and the wait adds little to the
   * latency of a consumer that is behind anyway. At a light load flushes keep batchMaxWaitMs.
   * Not set (or below batchMaxWaitMs): batchMaxWaitMs always.
   */
  readonly batchBusyWaitMs?: number;
  /**
   * Under load, flush anyway once nothing was submitted for this long: the busy wait gathers a
   * large batch from input that keeps coming, and there is nothing to gather when it stopped
   * (the end of a burst, a consumer that caught up). Not set: 100 ms.
   */
  readonly batchIdleMs?: number;
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
  private lastSubmitMs = 0;
  private generation = new Deferred();
  private flushing: Promise<void> | undefined;
  /** Stage 2 of every flush, in batch order. */
  private completing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** See PipelineSettings.batchBusyWaitMs; decided when a flush's first stage ends. */
  private busy = false;
  private stopped = false;
  private readonly spaceWaiters: Array<() => void> = [];
  private readonly flushListeners: Array<(result: FlushResult) => void> = [];
  private readonly writer: FlushWriter;

  constructor(
    private readonly processor: MessageProcessor,
    private readonly stores: PipelineStores,
    private readonly settings: PipelineSettings,
    private readonly metrics: IngestionMetrics,
  ) {
    this.writer = new FlushWriter(stores, metrics);
    // Avoid an unhandled rejection when nobody awaits a generation that is rejected on stop.
    this.generation.promise.catch(() => undefined);
  }

  /** Processes the messages now and resolves once they are durable in ClickHouse. */
  submit(messages: readonly ConsumedMessage[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('ingestion pipeline is stopped'));
    const now = Date.now();
    this.lastSubmitMs = now;
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
    await this.completing;
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
    if (!this.timer) this.armTimer();
  }

  /** When the pending batch is due for its flush, as far as is known now (see PipelineSettings). */
  private flushDue(): number {
    const { batchMaxWaitMs, batchBusyWaitMs = 0, batchIdleMs = 100 } = this.settings;
    if (!this.busy) return this.pendingSince + batchMaxWaitMs;
    return Math.min(
      this.pendingSince + Math.max(batchMaxWaitMs, batchBusyWaitMs),
      this.lastSubmitMs + batchIdleMs,
    );
  }

  private armTimer(): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (this.flushing || this.pending.length === 0) return; // schedule() runs after stage 1
        // Under load the idle moment moves on with every submit: if input came meanwhile, wait on.
        if (Date.now() >= this.flushDue()) void this.flush();
        else this.armTimer();
      },
      Math.max(0, this.flushDue() - Date.now()),
    );
  }

  /**
   * Writes the pending batch in two stages. Stage 1 (look-ups, lines, rejections) runs one batch
   * at a time, so each batch's look-up sees the lines of the batch before it. Stage 2 (the
   * aanleveringen rows, then `durable`) runs in batch order behind it, while the next batch
   * already goes through stage 1: the engine is kept busy instead of idling between inserts.
   */
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
    const token = batchToken(batch);
    this.flushing = (async () => {
      let staged: FlushResult;
      try {
        staged = await this.withRetry(() => this.writer.store(batch, token));
      } catch (err) {
        done.reject(err as Error);
        return;
      } finally {
        this.flushing = undefined;
        this.busy = this.pendingRows >= this.settings.batchMaxRows / 5;
        this.schedule();
      }
      this.completing = this.completing.then(async () => {
        try {
          await this.withRetry(() => this.writer.complete(staged, token));
          this.record(staged.aanleveringen, staged.rejections);
          done.resolve();
          for (const listener of this.flushListeners) listener(staged);
        } catch (err) {
          done.reject(err as Error);
        }
      });
    })();
    return this.flushing;
  }

  private async withRetry<T>(attempt: () => Promise<T>): Promise<T> {
    let delay = 100;
    for (;;) {
      try {
        return await attempt();
      } catch (err) {
        this.metrics.insertFailures.inc();
        if (this.stopped) throw err;
        this.log.warn('writing to ClickHouse failed; retrying', {
          error: (err as Error).message.slice(0, 500),
          retryInMs: delay,
        });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, this.settings.insertRetryMaxMs);
      }
    }
  }

  /** Metrics of one flush, summed per label set first: one counter update per participant, not per message. */
  private record(aanleveringen: AanleveringRow[], rejections: RejectionRow[]): void {
    const now = Date.now();
    const perParticipant = new Map<string, number[]>();
    const perRule = new Map<string, number>();
    let receivedText = '';
    let receivedMs = 0;
    for (const a of aanleveringen) {
      let sums = perParticipant.get(a.participant_id);
      if (!sums) perParticipant.set(a.participant_id, (sums = [0, 0, 0, 0, 0, 0]));
      sums[a.technisch_ok ? 0 : 1]++;
      sums[2] += a.line_count;
      sums[3] += a.duplicate_count;
      sums[4] += a.valid_count;
      sums[5] += a.invalid_count;
      for (const rule in a.functional_errors)
        perRule.set(rule, (perRule.get(rule) ?? 0) + a.functional_errors[rule]);
      if (a.received_at !== receivedText) {
        receivedText = a.received_at;
        receivedMs = Date.parse(`${receivedText.replace(' ', 'T')}Z`);
      }
      this.metrics.freshness.observe((now - receivedMs) / 1000);
    }
    const m = this.metrics;
    for (const [participant, [ok, notOk, lines, dup, valid, invalid]] of perParticipant) {
      if (ok) m.messages.inc({ participant, technisch_ok: 'true' }, ok);
      if (notOk) m.messages.inc({ participant, technisch_ok: 'false' }, notOk);
      if (lines) m.linesConsumed.inc({ participant }, lines);
      if (dup) m.linesDuplicate.inc({ participant }, dup);
      if (valid) m.linesStored.inc({ participant, valid: 'true' }, valid);
      if (invalid) m.linesStored.inc({ participant, valid: 'false' }, invalid);
    }
    for (const [rule, n] of perRule) m.lineErrors.inc({ rule }, n);
    for (const r of rejections)
      m.linesRejected.inc({ participant: r.participant_id, rule: r.rule_ids[0] ?? '' });
  }
}

/** Deterministic insert deduplication token of a batch: its Kafka offset ranges. */
export function batchToken(batch: readonly ProcessedMessage[]): string {
  const ranges = new Map<string, { first: string; last: string }>();
  // Consecutive messages nearly always share a partition: its range is reused without
  // building the key, and offsets (canonical decimal text) are compared as text, no BigInt.
  let topic: string | undefined;
  let partition = -1;
  let range = { first: '', last: '' };
  for (const { aanlevering: a } of batch) {
    const offset = a.kafka_offset;
    if (a.kafka_topic !== topic || a.kafka_partition !== partition) {
      topic = a.kafka_topic;
      partition = a.kafka_partition;
      const key = `${topic}:${partition}`;
      const known = ranges.get(key);
      if (known) range = known;
      else ranges.set(key, (range = { first: offset, last: offset }));
    }
    if (offsetBefore(offset, range.first)) range.first = offset;
    if (offsetBefore(range.last, offset)) range.last = offset;
  }
  const text = [...ranges.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, r]) => `${k}:${r.first}-${r.last}`)
    .join(',');
  return text.length <= 200 ? text : createHash('sha256').update(text).digest('hex');
}

/** a < b for Kafka offsets as text (decimal, no sign, no leading zeros). */
function offsetBefore(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}
