import { ClickHouseService } from '@app/clickhouse';
import { ingestionMetrics } from '@app/ingestion';
import { collectorConfig, startCollector, testParticipants } from '../support/collector';
import { connectedProducer, createTopics, eventually, testClickHouse, testKafka } from '../support/engines';
import { amsterdamTime, line } from '../support/lines';

/**
 * A graceful stop (Ctrl-C, a rolling restart) writes what the collector holds and commits its
 * offsets before it leaves the consumer group. Were the offsets left behind, the next start
 * would fetch and process everything since the last commit again: nothing would be stored twice
 * (deduplication), but the work and the "offset commit failed" warnings are for nothing.
 */
describe('collector: graceful stop', () => {
  const participants = testParticipants();
  const kafka = testKafka();
  const topic = participants.topic('pgo-gezondheidsapp');
  let ch: ClickHouseService;

  beforeAll(async () => {
    ch = await testClickHouse();
    await createTopics(kafka, [topic]);
  });

  afterAll(async () => {
    await ch?.close();
  });

  it('stores what it holds and commits the offsets of it before it disconnects', async () => {
    // No flush before the stop: the lines are held when it begins.
    const config = collectorConfig(participants, ch.database, {
      INGEST_BATCH_MAX_WAIT_MS: '60000',
      INGEST_BATCH_MAX_ROWS: '1000000',
    });
    const app = await startCollector(config);
    const buffered = async () =>
      (await ingestionMetrics().bufferedRows.get()).values.reduce((sum, v) => sum + v.value, 0);

    const MESSAGES = 200;
    const lines = Array.from({ length: MESSAGES }, (_, i) =>
      line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now() - 60_000 + i) } }),
    );
    try {
      const producer = await connectedProducer(kafka);
      await producer.send({ topic, acks: -1, messages: lines.map((l) => ({ value: JSON.stringify(l) })) });
      await producer.disconnect();
      // One line and one aanlevering row per message.
      await eventually(buffered, (n) => n >= 2 * MESSAGES, 30_000, 100);
    } finally {
      await app.close();
    }

    const stored = await ch.query<{ n: string }>(
      ch.sql(`SELECT count() AS n FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)}`),
      { t: lines.map((l) => l.event.trace_id) },
    );
    expect(Number(stored[0].n)).toBe(MESSAGES);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const [end] = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: config.kafka.groupId, topics: [topic] });
      expect(committed.partitions).toEqual([{ partition: 0, offset: end.high, metadata: null }]);
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});
