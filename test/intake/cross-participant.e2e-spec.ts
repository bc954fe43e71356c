import { INestApplication } from '@nestjs/common';
import { ClickHouseService } from '@app/clickhouse';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../support/collector';
import { randomUUID } from 'node:crypto';
import { ketenlogTopic } from '@app/kafka';
import { connectedProducer, eventually, testClickHouse, testKafka } from '../support/engines';
import { HOSTS, line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, Reply, intakeConfig } from './support/intake.harness';

interface Party {
  readonly id: string;
  readonly key: string;
  /** Aanlevering ids and trace ids of what this party delivered. */
  readonly aanleveringen: string[];
  readonly traces: Set<string>;
}

const cursorFor = (receivedAtMs: number, aanlevering: string, lineIndex: number) =>
  Buffer.from(JSON.stringify([receivedAtMs, aanlevering, lineIndex])).toString('base64url');

/**
 * A participant can never read another participant's lines, deliveries or rejections, whatever
 * parameters it sends: every endpoint and filter combination is tried from both sides.
 */
describe('intake: cross-participant refusal', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let collector: INestApplication;
  let intake: IntakeHarness;
  let a: Party;
  let b: Party;

  async function party(base: string, lineType: string, location: string): Promise<Party> {
    const id = participants.id(base);
    const { apiKey } = await intake.apiKey(id);
    const p: Party = { id, key: apiKey, aanleveringen: [], traces: new Set() };
    for (let i = 0; i < 2; i++) {
      const batch = [
        line(lineType, { event: { location } }),
        line('send_something_unknown', { event: { location } }),
      ];
      const res = await intake.post(apiKey, batch);
      expect(res.status).toBe(200);
      p.aanleveringen.push(res.body.aanleveringId);
      batch.forEach((l) => p.traces.add(l.event.trace_id));
    }
    const bad = await intake.post(apiKey, [{ event: { type: lineType } }]);
    expect(bad.status).toBe(400);
    return p;
  }

  beforeAll(async () => {
    participants = testParticipants();
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_cross');
    collector = await startCollector(collectorConfig(participants, ch.database));
    intake = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url));
    a = await party('pgo-gezondheidsapp', 'send_authorization_request', HOSTS.dvp);
    b = await party('dva-huisartsnet', 'receive_authorization_request', HOSTS.dva);
    // Each also delivers a technisch niet OK message through Kafka (the other channel), so both
    // have stored rejections that the other must never see.
    const kafka = testKafka('e2e-cross');
    const producer = await connectedProducer(kafka);
    for (const p of [a, b]) {
      const trace = randomUUID();
      p.traces.add(trace);
      await producer.send({
        topic: ketenlogTopic(p.id),
        acks: -1,
        messages: [{ value: JSON.stringify([{ event: { type: 'send_token_request', trace_id: trace } }]) }],
      });
    }
    await producer.disconnect();
    for (const p of [a, b]) {
      const listed = await eventually(
        () => intake.request('GET', '/eagleeye/v1/aanleveringen?count=1000', { key: p.key }),
        (r) => r.status === 200 && r.body.items.some((x: { channel: string }) => x.channel === 'kafka'),
      );
      const viaKafka = listed.body.items.find((x: { channel: string }) => x.channel === 'kafka');
      expect(viaKafka).toMatchObject({ status: 'technisch niet OK', counts: { rejected: 1 } });
      p.aanleveringen.push(viaKafka.id);
    }
    for (const p of [a, b]) {
      await eventually(
        () => intake.request('GET', '/eagleeye/v1/aanleveringen?count=1000', { key: p.key }),
        (r) =>
          r.status === 200 &&
          p.aanleveringen.every((id) => r.body.items.some((x: { id: string }) => x.id === id)),
      );
    }
  });

  afterAll(async () => {
    await intake?.close();
    await collector?.close();
    await ch?.close();
    await pg?.drop();
  });

  const get = (p: Party, path: string) => intake.request('GET', path, { key: p.key });
  const leaks = (res: Reply, other: Party) => {
    const text = JSON.stringify(res.body);
    return [...other.aanleveringen, ...other.traces, other.id].filter((s) => text.includes(s));
  };

  function filterCombinations(self: Party, other: Party): string[] {
    const from = [
      '',
      'from=2000-01-01T00:00:00Z',
      'to=2100-01-01T00:00:00Z',
      'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z',
    ];
    const valid = ['', 'valid=true', 'valid=false'];
    const aanlevering = ['', `aanlevering=${self.aanleveringen[0]}`, `aanlevering=${other.aanleveringen[0]}`];
    const cursor = ['', `cursor=${cursorFor(0, other.aanleveringen[0], 0)}`];
    const out: string[] = [];
    for (const f of from)
      for (const v of valid)
        for (const al of aanlevering)
          for (const c of cursor) out.push([f, v, al, c, 'count=1000'].filter(Boolean).join('&'));
    return out;
  }

  it.each([
    ['A', () => [a, b] as const],
    ['B', () => [b, a] as const],
  ])('%s never sees the other participant in GET /logs, whatever the filters', async (_name, pair) => {
    const [self, other] = pair();
    const combos = filterCombinations(self, other);
    let ownSeen = 0;
    for (const query of combos) {
      const res = await get(self, `/eagleeye/v1/logs?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect([query, leaks(res, other)]).toEqual([query, []]);
      ownSeen += res.body.items.length;
      if (query.includes(`aanlevering=${other.aanleveringen[0]}`)) expect(res.body.items).toEqual([]);
    }
    expect(ownSeen).toBeGreaterThan(0);
  });

  it.each([
    ['A', () => [a, b] as const],
    ['B', () => [b, a] as const],
  ])('%s never sees the other participant in aanleveringen, list or by id', async (_name, pair) => {
    const [self, other] = pair();
    for (const query of [
      '',
      'count=1000',
      'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z',
      `cursor=${Buffer.from(JSON.stringify([9_999_999_999_999, other.aanleveringen[0]])).toString('base64url')}`,
    ]) {
      const res = await get(self, `/eagleeye/v1/aanleveringen?${query}`);
      expect(res.status).toBe(200);
      expect(leaks(res, other)).toEqual([]);
      expect(res.body.items.length).toBeGreaterThan(0);
    }
    for (const id of other.aanleveringen) {
      const res = await get(self, `/eagleeye/v1/aanleveringen/${id}`);
      expect(res.status).toBe(404);
      expect(leaks(res, other).filter((s) => s !== id)).toEqual([]);
      expect(await get(self, `/eagleeye/v1/aanleveringen/${id.toUpperCase()}`)).toMatchObject({
        status: 404,
      });
    }
    const own = await get(self, `/eagleeye/v1/aanleveringen/${self.aanleveringen[0]}`);
    expect(own.status).toBe(200);
    expect(own.body.invalidLines.length).toBeGreaterThan(0);
    expect(leaks(own, other)).toEqual([]);
    const ownRejected = await get(self, `/eagleeye/v1/aanleveringen/${self.aanleveringen[2]}`);
    expect(ownRejected.body.rejections).toEqual([
      expect.objectContaining({ scope: 'line', lineIndex: 0, errors: expect.any(Array) }),
    ]);
    expect(leaks(ownRejected, other)).toEqual([]);
  });

  it('refuses any attempt to name a participant in the query, and ignores it in headers and body', async () => {
    for (const param of ['participant', 'participantId', 'participant_id', 'submitter']) {
      for (const path of ['/eagleeye/v1/logs', '/eagleeye/v1/aanleveringen']) {
        const res = await get(a, `${path}?${param}=${b.id}`);
        expect([path, param, res.status]).toEqual([path, param, 400]);
        expect(leaks(res, b).filter((s) => s !== b.id)).toEqual([]);
      }
    }
    const viaHeader = await intake.request('GET', '/eagleeye/v1/logs?count=1000', {
      key: a.key,
      headers: { 'x-participant-id': b.id, 'x-participant': b.id },
    });
    expect(leaks(viaHeader, b)).toEqual([]);

    // A batch posted by A with B's hostnames and a "participant" header lands under A, never B.
    const posing = line('receive_authorization_request', { event: { location: HOSTS.dva } });
    const res = await intake.post(a.key, [posing], { 'x-participant-id': b.id });
    expect(res.status).toBe(200);
    const stored = await eventually(
      () => get(a, `/eagleeye/v1/logs?aanlevering=${res.body.aanleveringId}`),
      (r) => r.status === 200 && r.body.items.length === 1,
    );
    expect(stored.body.items[0].valid).toBe(false);
    const bLines = await get(b, '/eagleeye/v1/logs?count=1000');
    expect(JSON.stringify(bLines.body)).not.toContain(posing.event.trace_id);
    const rows = await ch.query<{ participant_id: string }>(
      ch.sql('SELECT participant_id FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}'),
      { t: posing.event.trace_id },
    );
    expect(rows.map((r) => r.participant_id)).toEqual([a.id]);
  });

  it('refuses participant keys on the admin endpoints and records denied reads in the audit', async () => {
    expect((await get(a, '/eagleeye/v1/admin/api-keys')).status).toBe(401);
    expect(
      (
        await intake.request('POST', '/eagleeye/v1/admin/api-keys', {
          key: a.key,
          json: { participantId: b.id },
        })
      ).status,
    ).toBe(401);
    expect(
      (await intake.request('DELETE', '/eagleeye/v1/admin/api-keys/0000000000000000', { key: a.key })).status,
    ).toBe(401);
    const sql = intake.app.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM access_audit
       WHERE actor_participant_id = $1 AND outcome = 'denied' AND resource = $2`,
      [a.id, `/eagleeye/v1/aanleveringen/${b.aanleveringen[0]}`],
    );
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });
});
