import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { ClickHouseService, applyRetention, runMigrations } from '@app/clickhouse';
import { KETENLOG_TOPIC_CONFIG } from '@app/kafka';

/**
 * Access to the real engines for end-to-end tests. Kafka: the broker the test command started
 * (KAFKA_BROKERS). ClickHouse: CLICKHOUSE_URL when set, otherwise embedded chDB; chDB binds one
 * data directory per process, so every test file shares it and isolates itself in a database of
 * its own.
 */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const CHDB_PATH =
  process.env.TEST_CHDB_PATH ??
  join(process.env.TEST_WORK_DIR ?? tmpdir(), `ketenmonitor-chdb-${process.pid}`);

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A ClickHouse database of its own for this test file, with every migration applied. */
export async function testClickHouse(database = uniqueName('t')): Promise<ClickHouseService> {
  const ch = new ClickHouseService({ url: process.env.CLICKHOUSE_URL, chdbPath: CHDB_PATH }, database);
  await runMigrations(ch);
  await applyRetention(ch, { eventMonths: 36, rejectionMonths: 6 });
  return ch;
}

export function testKafka(clientId = 'e2e'): Kafka {
  return new Kafka({ clientId, brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
}

export async function createTopics(kafka: Kafka, topics: string[], partitions = 1): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: partitions,
        configEntries: KETENLOG_TOPIC_CONFIG.map((c) => ({ ...c })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function connectedProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return producer;
}

/** Polls `probe` until it returns a value accepted by `done`, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last).slice(0, 2000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}
