import { INestApplication } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { ClickHouseService } from '@app/clickhouse';
import { AppConfig } from '@app/config';
import { BSN_MASK } from '@app/ketenlog';
import { collectorConfig, startCollector, testParticipants } from '../support/collector';
import { connectedProducer, createTopics, eventually, testClickHouse, testKafka } from '../support/engines';
import { HOSTS, amsterdamTime, line } from '../support/lines';

/**
 * The collector end to end: real Kafka broker, real ClickHouse engine, the real Nest app.
 * Every case produces to the participant's topic and reads back what a participant or operator
 * would query.
 */
describe('collector: participant topics to ClickHouse', () => {
  const participants = testParticipants();
  const dvpTopic = participants.topic('pgo-gezondheidsapp');
  const dvp = participants.id('pgo-gezondheidsapp');
  const kafka = testKafka();
  let ch: ClickHouseService;
  let app: INestApplication;
  let producer: Producer;
  let config: AppConfig;

  /** The consumer group's committed offset on partition 0 of `topic` (-1 when none). */
  const committedOffset = async (groupId: string, topic: string): Promise<number> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(t.partitions[0].offset);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    ch = await testClickHouse();
    config = collectorConfig(participants, ch.database, { INGEST_MAX_MESSAGE_CHARS: '20000' });
    await createTopics(kafka, [participants.topic('unknown')]);
    app = await startCollector(config);
    producer = await connectedProducer(kafka);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await ch?.close();
  });

  const send = (value: unknown, topic = dvpTopic) =>
    producer.send({
      topic,
      acks: -1,
      messages: [{ value: typeof value === 'string' ? value : JSON.stringify(value) }],
    });

  const rows = <T>(sql: string, params: Record<string, unknown> = {}) => ch.query<T>(ch.sql(sql), params);

  const aanleveringFor = async (traceOrMarker: string) =>
    eventually(
      () =>
        rows<{
          technisch_ok: boolean;
          line_count: number;
          stored_count: number;
          duplicate_count: number;
          message_error: string;
        }>(
          `SELECT technisch_ok, line_count, stored_count, duplicate_count, message_error FROM {{db}}.aanleveringen FINAL
           WHERE aanlevering_id IN (SELECT aanlevering_id FROM {{db}}.ketenlog_rejections WHERE position(redacted_excerpt, {m:String}) > 0
                                    UNION ALL SELECT aanlevering_id FROM {{db}}.ketenlog_events WHERE toString(trace_id) = {m:String})`,
          { m: traceOrMarker },
        ),
      (r) => r.length > 0,
    );

  it('stores a valid line once, with normalised fields', async () => {
    const l = line('send_authorization_request', {
      event: { datetime: '2026-11-30T10:59:00.250+01:00', location: 'API.GezondheidsApp.example' },
    });
    // Event time must not be far in the future: anchor it to now.
    l.event.datetime = amsterdamTime(Date.now() - 60_000);
    await send(l);
    const stored = await eventually(
      () =>
        rows<Record<string, unknown>>(
          `SELECT participant_id, participant_role, event_type, event_location, location_participant_id, server_participant_id,
                  zorgaanbieder, gegevensdiensten, valid, error_codes, event_utc_offset_minutes, source,
                  toUnixTimestamp64Milli(event_time) AS event_ms
           FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`,
          { t: l.event.trace_id },
        ),
      (r) => r.length === 1,
    );
    expect(stored[0]).toMatchObject({
      participant_id: dvp,
      participant_role: 'DVP',
      event_type: 'send_authorization_request',
      event_location: HOSTS.dvp,
      location_participant_id: dvp,
      server_participant_id: participants.id('dva-huisartsnet'),
      zorgaanbieder: 'huisartsdeboer',
      gegevensdiensten: ['48'],
      valid: true,
      error_codes: [],
      event_utc_offset_minutes: 60,
      source: 'kafka',
    });
    expect(Number(stored[0].event_ms)).toBe(Date.parse(l.event.datetime));
    const [a] = await aanleveringFor(l.event.trace_id);
    expect(a).toMatchObject({ technisch_ok: true, line_count: 1, stored_count: 1, duplicate_count: 0 });
  });

  it('stores a line delivered twice (same message again, and inside another batch) once', async () => {
    const l = line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now() - 5_000) } });
    const other = line('send_authorization_request', {
      event: { datetime: amsterdamTime(Date.now() - 4_000) },
    });
    await send(l);
    await send(l);
    await send([other, l]);
    await eventually(
      () =>
        rows<{ n: number }>(
          `SELECT count() AS n FROM {{db}}.aanleveringen FINAL WHERE participant_id = {p:String} AND duplicate_count > 0`,
          { p: dvp },
        ),
      (r) => Number(r[0].n) >= 2,
    );
    const counts = await rows<{ trace: string; n: string }>(
      `SELECT toString(trace_id) AS trace, count() AS n FROM {{db}}.ketenlog_events
       WHERE trace_id IN ({a:UUID}, {b:UUID}) GROUP BY trace ORDER BY trace`,
      { a: l.event.trace_id, b: other.event.trace_id },
    );
    expect(Object.fromEntries(counts.map((c) => [c.trace, Number(c.n)]))).toEqual({
      [l.event.trace_id]: 1,
      [other.event.trace_id]: 1,
    });
    const dupes = await rows<{ d: string }>(
      `SELECT sum(duplicate_count) AS d FROM {{db}}.aanleveringen FINAL WHERE participant_id = {p:String}`,
      { p: dvp },
    );
    expect(Number(dupes[0].d)).toBe(2);
  });

  it.each([
    ['not JSON', () => '{"event": {"type": MARKER', 'message.not-json'],
    ['a JSON string', () => '"MARKER"', 'message.not-lines'],
  ])('rejects a message that is %s, and the stream goes on', async (_what, make, rule) => {
    const marker = `m${Math.random().toString(36).slice(2, 10)}`;
    await send(make().replace('MARKER', marker));
    const next = line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now()) } });
    await send(next);
    const rejected = await eventually(
      () =>
        rows<{ rule_ids: string[]; scope: string; redacted_excerpt: string }>(
          `SELECT rule_ids, scope, redacted_excerpt FROM {{db}}.ketenlog_rejections WHERE position(redacted_excerpt, {m:String}) > 0`,
          { m: marker },
        ),
      (r) => r.length === 1,
    );
    expect(rejected[0]).toMatchObject({ rule_ids: [rule], scope: 'message' });
    await eventually(
      () =>
        rows<{ n: string }>(`SELECT count() AS n FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`, {
          t: next.event.trace_id,
        }),
      (r) => Number(r[0].n) === 1,
    );
    const [a] = await aanleveringFor(marker);
    expect(a).toMatchObject({ technisch_ok: false, message_error: rule, stored_count: 0 });
  });

  it.each([
    ['wrong types', { response: { request_id: 'r-1', status: '200' } }, 'schema.type', '/response/status'],
    ['a missing required field', { event: { trace_id: undefined } }, 'schema.required', '/event/trace_id'],
    [
      'a timestamp without offset',
      { event: { datetime: '2026-11-30T10:00:00.000' } },
      'schema.datetime',
      '/event/datetime',
    ],
  ])(
    'rejects a batch with a line of %s, with the reason, and stores none of it',
    async (_what, patch, rule, pointer) => {
      const good = line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now()) } });
      const base = line('receive_token_response', {
        event: { datetime: amsterdamTime(Date.now()), location: HOSTS.dvp },
      });
      const bad = JSON.parse(
        JSON.stringify({
          ...base,
          ...patch,
          event: { ...base.event, ...(patch as { event?: object }).event },
        }),
      );
      await send([good, bad]);
      const rejected = await eventually(
        () =>
          rows<{ rule_ids: string[]; pointers: string[]; line_index: number }>(
            `SELECT rule_ids, pointers, line_index FROM {{db}}.ketenlog_rejections WHERE position(redacted_excerpt, {m:String}) > 0`,
            { m: base.event.session_id! },
          ),
        (r) => r.length === 1,
      );
      expect(rejected[0]).toMatchObject({ rule_ids: [rule], pointers: [pointer], line_index: 1 });
      const stored = await rows<{ n: string }>(
        `SELECT count() AS n FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`,
        {
          t: good.event.trace_id,
        },
      );
      expect(Number(stored[0].n)).toBe(0);
    },
  );

  it.each([
    [
      'an unknown event type',
      () => line('send_nonsense', { event: { location: HOSTS.dvp } }),
      'catalog.unknown-event-type',
    ],
    [
      'a timestamp far in the future',
      () =>
        line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now() + 3_600_000) } }),
      'time.in-future',
    ],
  ])('keeps a line with %s but flags it invalid with the reason', async (_what, make, rule) => {
    const l = make();
    if (rule !== 'time.in-future') l.event.datetime = amsterdamTime(Date.now());
    await send(l);
    const stored = await eventually(
      () =>
        rows<{ valid: boolean; error_codes: string[] }>(
          `SELECT valid, error_codes FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`,
          {
            t: l.event.trace_id,
          },
        ),
      (r) => r.length === 1,
    );
    expect(stored[0]).toEqual({ valid: false, error_codes: [rule] });
  });

  it('never stores a BSN-like value: the line is invalid and the value masked everywhere', async () => {
    const l = line('send_authorization_request', {
      event: { datetime: amsterdamTime(Date.now()) },
      request: { uri: `https://${HOSTS.dva}/authorize?scope=huisartsdeboer~48&patient=111222333` },
    });
    await send(l);
    const stored = await eventually(
      () =>
        rows<{ valid: boolean; error_codes: string[]; request_uri: string }>(
          `SELECT valid, error_codes, request_uri FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}`,
          { t: l.event.trace_id },
        ),
      (r) => r.length === 1,
    );
    expect(stored[0]).toMatchObject({ valid: false, error_codes: ['privacy.bsn'] });
    expect(stored[0].request_uri).toContain(BSN_MASK);
    for (const table of ['ketenlog_events', 'ketenlog_rejections', 'aanleveringen']) {
      const leaks = await rows<{ n: string }>(
        `SELECT count() AS n FROM {{db}}.${table} WHERE position(toString(tuple(*)), '111222333') > 0`,
      );
      expect(Number(leaks[0].n)).toBe(0);
    }
  });

  it('rejects an oversize message with a specific reason', async () => {
    const marker = `big${Math.random().toString(36).slice(2, 8)}`;
    const lines = Array.from({ length: 8 }, () =>
      line('send_authorization_request', {
        request: { uri: `https://${HOSTS.dva}/authorize?x=${marker}${'a'.repeat(3000)}` },
      }),
    );
    await send(lines);
    const rejected = await eventually(
      () =>
        rows<{ rule_ids: string[]; messages: string[] }>(
          `SELECT rule_ids, messages FROM {{db}}.ketenlog_rejections WHERE position(redacted_excerpt, {m:String}) > 0`,
          { m: marker },
        ),
      (r) => r.length === 1,
    );
    expect(rejected[0].rule_ids).toEqual(['message.too-large']);
    expect(rejected[0].messages[0]).toMatch(/at most 20000 are allowed/);
  });

  it('rejects a message on the topic of no registered participant', async () => {
    const l = line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now()) } });
    await send(l, participants.topic('unknown'));
    const rejected = await eventually(
      () =>
        rows<{ rule_ids: string[]; participant_id: string }>(
          `SELECT rule_ids, participant_id FROM {{db}}.ketenlog_rejections WHERE kafka_topic = {t:String}`,
          { t: participants.topic('unknown') },
        ),
      (r) => r.length === 1,
    );
    expect(rejected[0].rule_ids).toEqual(['topic.unknown-participant']);
  });

  it('stops writing while ClickHouse refuses inserts, and drains everything once it is back', async () => {
    const committed = () => committedOffset(config.kafka.groupId, dvpTopic);
    // Let earlier cases settle so the committed offset is stable before the outage.
    let previous = -2;
    const stable = async () => {
      const now = await committed();
      const same = now === previous;
      previous = now;
      return same;
    };
    await eventually(stable, (same) => same, 10_000, 300);
    const before = await committed();
    await ch.command(ch.sql('DETACH TABLE {{db}}.aanleveringen'));
    const lines = Array.from({ length: 50 }, (_, i) =>
      line('send_authorization_request', { event: { datetime: amsterdamTime(Date.now() - i) } }),
    );
    for (let i = 0; i < lines.length; i += 5) await send(lines.slice(i, i + 5));
    // Nothing can complete while the table is gone: the consumer keeps its offsets.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await committed()).toBe(before);
    await ch.command(ch.sql('ATTACH TABLE {{db}}.aanleveringen'));
    const traces = lines.map((l) => l.event.trace_id);
    const stored = await eventually(
      () =>
        rows<{ n: string; u: string }>(
          `SELECT count() AS n, uniqExact(event_uid) AS u FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)}`,
          { t: traces },
        ),
      (r) => Number(r[0].n) >= 50,
    );
    expect(stored[0]).toEqual({ n: 50, u: 50 });
    const delivered = await eventually(
      () =>
        rows<{ n: string; s: string }>(
          `SELECT count() AS n, sum(stored_count) AS s FROM {{db}}.aanleveringen FINAL
           WHERE aanlevering_id IN (SELECT aanlevering_id FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)})`,
          { t: traces },
        ),
      (r) => Number(r[0].n) === 10,
    );
    expect(Number(delivered[0].s)).toBe(50);
    await eventually(committed, (o) => o > before, 10_000);
  });
});
