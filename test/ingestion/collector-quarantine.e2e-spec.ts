import { INestApplication } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { ClickHouseService } from '@app/clickhouse';
import { AppConfig } from '@app/config';
import { collectorConfig, startCollector, testParticipants } from '../support/collector';
import { connectedProducer, eventually, testClickHouse, testKafka } from '../support/engines';
import { amsterdamTime, line } from '../support/lines';

/**
 * The quarantine, on the real engines: a line that passes every check of the collector but that
 * ClickHouse refuses to store (here a lone UTF-16 surrogate, `\ud800`, which JSON.parse accepts
 * and ClickHouse's JSON reader does not) must not stop the stream. It is isolated, recorded as a
 * `quarantine.insert_failed` rejection, and every other line of the same flush is stored once.
 */
describe('collector: quarantine of lines ClickHouse refuses', () => {
  const participants = testParticipants();
  const topic = participants.topic('pgo-gezondheidsapp');
  const kafka = testKafka();
  let ch: ClickHouseService;
  let app: INestApplication;
  let producer: Producer;
  let config: AppConfig;

  beforeAll(async () => {
    ch = await testClickHouse();
    // One flush for everything produced below: the poison line shares its insert with good ones.
    config = collectorConfig(participants, ch.database, { INGEST_BATCH_MAX_WAIT_MS: '1000' });
    app = await startCollector(config);
    producer = await connectedProducer(kafka);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await ch?.close();
  });

  const rows = <T>(sql: string, params: Record<string, unknown> = {}) => ch.query<T>(ch.sql(sql), params);

  const committed = async (): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId: config.kafka.groupId, topics: [topic] });
      return Number(t.partitions[0].offset);
    } finally {
      await admin.disconnect();
    }
  };

  it('sets the refused line aside and stores every other line exactly once', async () => {
    const at = (i: number) => ({ event: { datetime: amsterdamTime(Date.now() - 60_000 + i) } });
    const before = Array.from({ length: 20 }, (_, i) => line('send_authorization_request', at(i)));
    const poison = {
      ...line('send_authorization_request', at(100)),
      error: { code: 'server_error', description: 'broken \ud800 text' },
    };
    const neighbours = [
      line('send_authorization_request', at(101)),
      line('send_authorization_request', at(102)),
    ];
    const after = Array.from({ length: 20 }, (_, i) => line('send_authorization_request', at(200 + i)));
    const good = [...before, ...neighbours, ...after];
    // JSON.stringify writes the lone surrogate as the escape `\ud800`: valid JSON, as a participant would send it.
    const messages = [
      ...before.map((l) => JSON.stringify(l)),
      JSON.stringify([neighbours[0], poison, neighbours[1]]),
      ...after.map((l) => JSON.stringify(l)),
    ];
    expect(messages[20]).toContain('\\ud800');
    await producer.send({ topic, acks: -1, messages: messages.map((value) => ({ value })) });

    // Every good line stored, once (raw counts, no FINAL).
    const traces = good.map((l) => l.event.trace_id);
    const stored = await eventually(
      () =>
        rows<{ n: string; u: string }>(
          `SELECT count() AS n, uniqExact(event_uid) AS u FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)}`,
          { t: traces },
        ),
      (r) => Number(r[0].n) >= good.length,
    );
    expect(stored[0]).toEqual({ n: good.length, u: good.length });

    // The refused line is not stored, but set aside with its reason and a safe excerpt.
    const poisonRows = await rows<{ n: string }>(
      `SELECT count() AS n FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`,
      { t: poison.event.trace_id },
    );
    expect(Number(poisonRows[0].n)).toBe(0);
    const quarantined = await eventually(
      () =>
        rows<{
          rule_ids: string[];
          line_index: number;
          scope: string;
          messages: string[];
          redacted_excerpt: string;
          aanlevering_id: string;
        }>(
          `SELECT rule_ids, line_index, scope, messages, redacted_excerpt, toString(aanlevering_id) AS aanlevering_id
           FROM {{db}}.ketenlog_rejections WHERE has(rule_ids, 'quarantine.insert_failed')`,
        ),
      (r) => r.length > 0,
    );
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ line_index: 1, scope: 'line' });
    expect(quarantined[0].messages[0]).toMatch(/ClickHouse refused to store this line \(error 25/);
    expect(quarantined[0].redacted_excerpt).toContain(poison.event.trace_id);

    // Its delivery says so: two lines stored, one rejected.
    const [delivery] = await eventually(
      () =>
        rows<{
          technisch_ok: boolean;
          line_count: number;
          stored_count: number;
          rejected_count: number;
          message_error: string;
        }>(
          `SELECT technisch_ok, line_count, stored_count, rejected_count, message_error FROM {{db}}.aanleveringen FINAL
           WHERE aanlevering_id = {a:UUID}`,
          { a: quarantined[0].aanlevering_id },
        ),
      (r) => r.length === 1,
    );
    expect(delivery).toEqual({
      technisch_ok: true,
      line_count: 3,
      stored_count: 2,
      rejected_count: 1,
      message_error: 'quarantine.insert_failed',
    });

    // And the stream went on: every message is committed.
    await eventually(committed, (o) => o >= messages.length, 15_000);
  });
});
