import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { HEADER_AANLEVERING_ID, HEADER_CHANNEL } from '@app/kafka';
import { IntakeError, IntakeErrorCode } from './intake.error';

export interface ProducerSettings {
  /** Producers (connections) sharing the load; a kafkajs producer handles one batch at a time well. */
  readonly producers: number;
  /** How long one produce may take (connect included) before it counts as failed. */
  readonly timeoutMs: number;
  readonly retryAfterSeconds: number;
}

/**
 * Produces one aanlevering as one Kafka message with an idempotent producer and acks=all, and
 * resolves only when the broker acknowledged it (so the intake's 200 means durable). Connects
 * lazily, so the intake starts and answers 503 while Kafka is away. The client's own bounded
 * retries (see createIntakeKafka) decide when a send has failed, so nothing of a batch answered
 * 503 is still being retried; the deadline here is only a backstop (twice the produce timeout)
 * for a client that hangs. A failed send retires the producer: the next batch gets a fresh one.
 * Where the outcome is truly unknown (a request timed out after the broker got it) a late copy
 * is harmless: the participant delivers again and lines are deduplicated by content.
 */
export class KetenlogProducer {
  private readonly slots: (Promise<Producer> | undefined)[] = [];
  private next = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: ProducerSettings,
  ) {}

  async send(topic: string, value: Buffer, aanleveringId: string): Promise<void> {
    const slot = this.next++ % Math.max(1, this.settings.producers);
    const connecting = this.producer(slot);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no acknowledgement within ${2 * this.settings.timeoutMs} ms`)),
        2 * this.settings.timeoutMs,
      );
    });
    try {
      const producer = await Promise.race([connecting, deadline]);
      await Promise.race([
        producer.send({
          topic,
          acks: -1,
          compression: CompressionTypes.None,
          messages: [
            {
              value,
              headers: { [HEADER_AANLEVERING_ID]: aanleveringId, [HEADER_CHANNEL]: 'http' },
            },
          ],
        }),
        deadline,
      ]);
    } catch (err) {
      this.retire(slot, connecting);
      throw new IntakeError(
        IntakeErrorCode.KafkaUnavailable,
        `Kafka did not acknowledge the batch (${(err as Error).message}); nothing was received, deliver again`,
        undefined,
        this.settings.retryAfterSeconds,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** True when the cluster answers a metadata request within 2 s (for /health). */
  async connected(): Promise<boolean> {
    const admin = this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        admin.connect().then(() => admin.describeCluster()),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), 2_000);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      void admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const open = this.slots.splice(0);
    await Promise.all(open.map((p) => p?.then((x) => x.disconnect()).catch(() => undefined)));
  }

  private producer(slot: number): Promise<Producer> {
    const current = this.slots[slot];
    if (current) return current;
    const producer = this.kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      // Bounded retries: kafkajs must have given up before the intake answers 503.
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    const connecting = producer.connect().then(() => producer);
    connecting.catch(() => this.retire(slot, connecting));
    this.slots[slot] = connecting;
    return connecting;
  }

  private retire(slot: number, which: Promise<Producer>): void {
    if (this.slots[slot] !== which) return;
    this.slots[slot] = undefined;
    which.then((p) => p.disconnect()).catch(() => undefined);
  }
}
