import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { JsonLogger } from '@app/observability';
import { ConsumedMessage } from './consumed-message';

/** The message pattern under which the transport hands over each fetched batch. */
export const KETENLOG_BATCH = 'ketenlog.batch';

/** What a batch handler returns: when the batch is durable, and when fetching may go on. */
export interface BatchAccepted {
  /** Resolves once every message of the batch is durable; only then are offsets committed. */
  readonly durable: Promise<void>;
  /** Resolves when the consumer may fetch again (backpressure); absent = at once. */
  readonly backpressure?: Promise<void>;
}

export interface KafkaBatchTransportOptions {
  readonly groupId: string;
  readonly topicPattern: RegExp;
  /** How often to look for new matching topics (kafkajs only subscribes to topics that exist). */
  readonly topicRefreshMs: number;
  readonly sessionTimeoutMs: number;
  readonly onLag?: (topic: string, partition: number, lag: number) => void;
  /** Called when the consumer (re)joins its group: partitions were (re)assigned. */
  readonly onGroupJoin?: (atMs: number) => void;
  /**
   * Called by close() before it commits and leaves the group: make every batch handed over so
   * far durable now (the collector writes its buffer), so that its offsets can be committed.
   */
  readonly drain?: () => Promise<void>;
}

/**
 * A NestJS transport that consumes in batches (kafkajs `eachBatch`), unlike Nest's built-in
 * Kafka transport which hands over one message at a time. Offsets are resolved in memory so
 * fetching goes on while earlier batches are written, and committed only after the handler's
 * `durable` promise resolves. No auto-commit: a crash replays from the last durable offset.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private readonly log = new JsonLogger('kafka-transport');
  private consumer: Consumer | undefined;
  private topics = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private commitChain: Promise<void> = Promise.resolve();
  private closing = false;
  private refreshing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaBatchTransportOptions,
  ) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      await this.start();
      this.refreshTimer = setInterval(() => void this.refreshTopics(), this.options.topicRefreshMs);
      this.refreshTimer.unref();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /**
   * Stops handing over batches, lets the handler make what it holds durable (`drain`), and
   * commits those offsets before it leaves the group. Once the consumer has disconnected
   * kafkajs refuses commits, and the next start would fetch and process those batches again
   * (deduplicated, so only wasted work). The wait is bounded: while ClickHouse is down nothing
   * becomes durable, and then the uncommitted batches are simply replayed at the next start.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    let timer: NodeJS.Timeout | undefined;
    const drained = (async () => {
      await this.options.drain?.();
      await this.commitChain;
    })();
    await Promise.race([
      drained.catch((err: Error) => this.log.warn('drain before close failed', { error: err.message })),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_DRAIN_WAIT_MS))),
    ]);
    clearTimeout(timer);
    await this.consumer?.disconnect();
    await this.commitChain;
  }

  /** Required by Nest's Server; this transport has no native events to expose. */
  on(): void {
    return undefined;
  }
  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async matchingTopics(): Promise<Set<string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return new Set((await admin.listTopics()).filter((t) => this.options.topicPattern.test(t)));
    } finally {
      await admin.disconnect();
    }
  }

  private async start(): Promise<void> {
    this.topics = await this.matchingTopics();
    if (this.topics.size === 0) {
      this.log.warn('no topics match yet; waiting for the first participant topic', {
        pattern: String(this.options.topicPattern),
      });
      return;
    }
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(this.options.sessionTimeoutMs / 3)),
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxBytes: 64 * 1024 * 1024,
      maxWaitTimeInMs: 50,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => this.options.onGroupJoin?.(e.timestamp));
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.log.info('consuming', { groupId: this.options.groupId, topics: this.topics.size });
  }

  /** Picks up topics created after start (new participants) by re-subscribing. */
  private async refreshTopics(): Promise<void> {
    // A refresh can outlast the interval (a slow broker, a long rejoin): never run two at once.
    if (this.closing || this.refreshing) return;
    this.refreshing = true;
    try {
      const now = await this.matchingTopics();
      if ([...now].every((t) => this.topics.has(t))) return;
      this.log.info('new participant topics; re-subscribing', {
        added: [...now].filter((t) => !this.topics.has(t)),
      });
      await this.consumer?.disconnect();
      await this.commitChain;
      await this.start();
    } catch (err) {
      this.log.warn('topic refresh failed', { error: (err as Error).message });
    } finally {
      this.refreshing = false;
    }
  }

  /**
   * Hands a fetched batch to the handler in slices of at most {@link SLICE_MESSAGES} messages or
   * {@link SLICE_BYTES} bytes, letting the event loop run between slices. A fetch may hold
   * 8 MB per partition (15,000 one-line messages, or one 60 MB message's worth of lines in a
   * few); processed in one go it kept the thread busy for up to a second, and every ClickHouse
   * completion of the flushes in flight (look-ups, inserts: several per flush) waited behind
   * it, so the engine idled while the thread was busy and the other way round. Backpressure
   * is honoured between slices too. Offsets are committed once every slice is durable.
   */
  private async handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    if (batch.isEmpty() || !isRunning() || isStale() || this.closing) return;
    const handler = this.getHandlerByPattern(KETENLOG_BATCH);
    if (!handler) throw new Error(`no handler registered for ${KETENLOG_BATCH}`);
    const all = batch.messages;
    const durables: Promise<void>[] = [];
    let last: string | undefined;
    for (let start = 0; start < all.length;) {
      if (start > 0 && (!isRunning() || isStale() || this.closing)) break;
      let end = start;
      let bytes = 0;
      while (end < all.length && end - start < SLICE_MESSAGES && (bytes < SLICE_BYTES || end === start)) {
        bytes += all[end].value?.length ?? 0;
        end++;
      }
      const messages: ConsumedMessage[] = new Array<ConsumedMessage>(end - start);
      for (let k = start; k < end; k++) {
        const m = all[k];
        messages[k - start] = {
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          timestampMs: Number(m.timestamp),
          value: m.value,
          headers: decodeHeaders(m.headers),
        };
      }
      const out = await handler(messages);
      const accepted = (isObservable(out) ? await lastValueFrom(out) : out) as BatchAccepted;
      durables.push(accepted.durable);
      last = all[end - 1].offset;
      resolveOffset(last);
      start = end;
      if (accepted.backpressure) {
        let waiting = true;
        const done = accepted.backpressure.finally(() => (waiting = false));
        while (waiting && isRunning()) {
          await Promise.race([done, new Promise((r) => setTimeout(r, 2_000))]);
          await heartbeat();
        }
      } else if (start < all.length) {
        await new Promise((r) => setImmediate(r));
      }
    }
    if (last === undefined) return;
    this.options.onLag?.(batch.topic, batch.partition, Number(batch.offsetLag()));
    const next = (BigInt(last) + 1n).toString();
    const consumer = this.consumer;
    const durable = Promise.all(durables);
    this.commitChain = this.commitChain.then(() =>
      durable
        .then(
          () => consumer?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]),
          (err: Error) => this.log.warn('batch not durable; offsets not committed', { error: err.message }),
        )
        .catch((err: Error) =>
          this.log.warn('offset commit failed; the batch will be replayed', { error: err.message }),
        ),
    );
  }
}

/** How long close() waits for the handler's drain and the commits before it disconnects. */
const CLOSE_DRAIN_WAIT_MS = 15_000;

/** Slice sizes of handleBatch: about 20 ms of processing each. */
const SLICE_MESSAGES = 1_000;
const SLICE_BYTES = 1024 * 1024;

/** Messages without headers (nearly all) share one empty object instead of one each. */
const NO_HEADERS: Record<string, string | undefined> = Object.freeze({});

function decodeHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
) {
  if (!headers) return NO_HEADERS;
  let out: Record<string, string | undefined> | undefined;
  for (const k in headers) {
    const v = headers[k];
    out ??= {};
    const first = Array.isArray(v) ? v[0] : v;
    out[k] = first === undefined ? undefined : first.toString();
  }
  return out ?? NO_HEADERS;
}
