import { INestApplication } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { Producer } from 'kafkajs';
import { ClickHouseService } from '@app/clickhouse';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory, ParticipantsSnapshot } from '@app/participants';
import { collectorConfig, startCollector, testParticipants } from '../support/collector';
import { connectedProducer, createTopics, eventually, testClickHouse, testKafka } from '../support/engines';
import { amsterdamTime, line } from '../support/lines';

/**
 * A participant that joins while the collector runs: kafkajs subscribes only to topics that
 * exist, so the collector looks for new `ketenlog.*` topics every KAFKA_TOPIC_REFRESH_MS and
 * re-subscribes. Lines produced to the new topic (even before the collector noticed it) must
 * be stored within a deadline, and the topics it consumed before keep flowing.
 */
describe('collector: a participant topic created while it runs', () => {
  const participants = testParticipants();
  const kafka = testKafka();
  const newId = participants.id('pgo-nieuwkomer');
  const newTopic = participants.topic('pgo-nieuwkomer');
  const newHost = 'api.nieuwkomer.example';
  let ch: ClickHouseService;
  let app: INestApplication;
  let producer: Producer;

  beforeAll(async () => {
    ch = await testClickHouse();
    app = await startCollector(
      collectorConfig(participants, ch.database, { KAFKA_TOPIC_REFRESH_MS: '1000' }),
    );
    producer = await connectedProducer(kafka);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await ch?.close();
  });

  const storedTraces = async (traces: string[]) => {
    const r = await ch.query<{ n: string; u: string }>(
      ch.sql(
        `SELECT count() AS n, uniqExact(event_uid) AS u FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)}`,
      ),
      { t: traces },
    );
    return { n: Number(r[0].n), u: Number(r[0].u) };
  };

  it('stores lines produced to the new topic within the deadline, and the old topics go on', async () => {
    // The operator registers the participant (the collector reloads the registry file) ...
    const snapshot = JSON.parse(readFileSync(participants.file, 'utf8')) as ParticipantsSnapshot;
    const dvp = snapshot.participants.find((p) => p.role === 'DVP');
    snapshot.participants.push({ ...dvp!, id: newId, displayName: 'Nieuwkomer', hostnames: [newHost] });
    writeFileSync(participants.file, JSON.stringify(snapshot));
    const directory = app.get<ParticipantDirectory>(PARTICIPANT_DIRECTORY);
    await eventually(
      () => Promise.resolve(directory.get(newId)),
      (p) => p !== undefined,
      30_000,
      200,
    );

    // ... and creates its topic; the participant starts delivering at once.
    await createTopics(kafka, [newTopic]);
    const created = Date.now();
    const lines = Array.from({ length: 30 }, (_, i) =>
      line('send_authorization_request', {
        event: { location: newHost, datetime: amsterdamTime(Date.now() - 30_000 + i) },
        request: { client_id: newHost },
      }),
    );
    await producer.send({
      topic: newTopic,
      acks: -1,
      messages: lines.map((l) => ({ value: JSON.stringify(l) })),
    });

    // Deadline: one topic refresh (1 s) plus a group rebalance, with room for a busy machine.
    const traces = lines.map((l) => l.event.trace_id);
    await eventually(
      () => storedTraces(traces),
      (r) => r.n >= lines.length,
      20_000,
      200,
    );
    expect(await storedTraces(traces)).toEqual({ n: lines.length, u: lines.length });
    const took = Date.now() - created;
    expect(took).toBeLessThan(20_000);

    const rows = await ch.query<{ participant_id: string; valid: boolean }>(
      ch.sql(
        `SELECT DISTINCT participant_id, valid FROM {{db}}.ketenlog_events WHERE trace_id IN {t:Array(UUID)}`,
      ),
      { t: traces },
    );
    expect(rows).toEqual([{ participant_id: newId, valid: true }]);

    // A topic that was consumed before the re-subscription still is.
    const old = line('send_authorization_request', {
      event: { datetime: amsterdamTime(Date.now() - 1_000) },
    });
    await producer.send({
      topic: participants.topic('pgo-gezondheidsapp'),
      acks: -1,
      messages: [{ value: JSON.stringify(old) }],
    });
    await eventually(
      () => storedTraces([old.event.trace_id]),
      (r) => r.n === 1,
      20_000,
      200,
    );
  });
});
