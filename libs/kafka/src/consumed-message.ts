/** One Kafka record as the ingestion pipeline sees it, independent of the client library. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset as a decimal string (64-bit). */
  readonly offset: string;
  /** Broker append time in ms: when the delivery became durable, i.e. its receipt time. */
  readonly timestampMs: number;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
}
