import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { CLOCK, ManualClock } from '@app/chains';
import { ClickHouseService } from '@app/clickhouse';
import { AppConfig, ConfigModule } from '@app/config';
import { KetenlogLine } from '@app/ketenlog';
import { JsonLogger } from '@app/observability';
import { RuleWorkerAppModule } from '../../apps/rule-worker/src/rule-worker.module';
import { collectorConfig, startCollector, testParticipants } from '../support/collector';
import { connectedProducer, eventually, testClickHouse, testKafka } from '../support/engines';
import { HOSTS, amsterdamTime, line } from '../support/lines';
import { ChainStepSpec, HAPPY, authorizationError } from './support/chain-builder';
import { loadCatalogRegistry } from '@app/ketenlog';
import { Role, signDevToken } from '@app/auth';
import { SQL_CLIENT, SqlClient } from '@app/postgres';

const SECRET = 'rule-worker-e2e-secret-0123456789abcdefghij';
const token = (role: Role, participantId?: string) =>
  signDevToken(SECRET, {
    subject: `${role}-user`,
    roles: [role],
    participantId,
    issuer: 'ketenmonitor',
    audience: 'ketenmonitor-api',
  });
let operator = '';

const MIN = 60_000;
const catalog = loadCatalogRegistry().latest();

/**
 * The whole path on the real engines: participants deliver lines on their Kafka topics, the
 * real collector validates and stores them, the rule-worker app (scheduler, read API, /metrics,
 * /health) decides the chains and evaluates the SLOs. Its clock runs 80 minutes ahead so the
 * one-sided chain is past its grace period.
 */
describe('rule worker on real Kafka + collector + ClickHouse', () => {
  const participants = testParticipants();
  const dvp = participants.id('pgo-gezondheidsapp');
  const dva = participants.id('dva-huisartsnet');
  const kafka = testKafka();
  const start = Math.floor(Date.now() / 1000) * 1000 - 10 * MIN;
  const clock = new ManualClock(Date.now() + 80 * MIN);
  let ch: ClickHouseService;
  let collector: INestApplication;
  let worker: INestApplication;
  let producer: Producer;
  let config: AppConfig;
  const traces = { happy: [randomUUID(), randomUUID()], failed: randomUUID(), oneSided: randomUUID() };
  const session = randomUUID();

  /** The lines one party logs for a chain, as it would deliver them. */
  const linesOf = (role: 'DVP' | 'DVA', traceId: string, steps: readonly ChainStepSpec[], at: number) =>
    steps
      .filter((s) => catalog.event(s.type)!.role === role)
      .map((s) => {
        const event = catalog.event(s.type)!;
        const l: KetenlogLine = line(s.type, {
          event: {
            trace_id: traceId,
            session_id: session,
            datetime: amsterdamTime(at + s.at),
            location: role === 'DVP' ? HOSTS.dvp : HOSTS.dva,
          },
          request: { id: s.key ?? `${traceId}-${s.type}` },
        });
        if (event.carries === 'response') {
          delete l.request;
          l.response = { request_id: s.key ?? `${traceId}-${s.type}`, status: s.status ?? 200 };
        }
        if (s.errorCode) l.error = { code: s.errorCode };
        return l;
      });

  const deliver = async (role: 'DVP' | 'DVA', lines: KetenlogLine[]) =>
    producer.send({
      topic: participants.topic(role === 'DVP' ? 'pgo-gezondheidsapp' : 'dva-huisartsnet'),
      acks: -1,
      messages: [{ value: JSON.stringify(lines) }],
    });

  const dvaLines = () => [
    ...traces.happy.flatMap((t, i) => linesOf('DVA', t, HAPPY, start + i * MIN)),
    ...linesOf('DVA', traces.failed, authorizationError(503, 'temporarily_unavailable'), start + 2 * MIN),
  ];

  beforeAll(async () => {
    JsonLogger.setLevel('error');
    ch = await testClickHouse();
    config = collectorConfig(participants, ch.database, {
      SLO_EVALUATION_INTERVAL_MS: '200',
      AUTH_JWT_SECRET: SECRET,
      DATABASE_URL: process.env.DATABASE_URL ?? '',
    });
    operator = await token('operator');
    collector = await startCollector(config);
    producer = await connectedProducer(kafka);

    @Module({ imports: [ConfigModule.forRoot(config), RuleWorkerAppModule] })
    class TestWorkerModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestWorkerModule] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    worker = moduleRef.createNestApplication({ logger: false });
    await worker.init();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await worker?.close();
    await collector?.close();
    await ch?.close();
  });

  const dvaEntity = () => `dva:${dva}`;
  const status = async () =>
    (
      await request(worker.getHttpServer())
        .get('/api/v1/slo/status')
        .set('Authorization', `Bearer ${operator}`)
        .query({ entity: dvaEntity() })
        .expect(200)
    ).body;

  it('turns delivered lines into decided chains and the hand-computed figures', async () => {
    await deliver('DVP', [
      ...traces.happy.flatMap((t, i) => linesOf('DVP', t, HAPPY, start + i * MIN)),
      ...linesOf('DVP', traces.failed, authorizationError(503, 'temporarily_unavailable'), start + 2 * MIN),
      ...linesOf('DVP', traces.oneSided, HAPPY.slice(0, 1), start + 3 * MIN),
    ]);
    await deliver('DVA', dvaLines());
    // 2 happy + 1 failed by the DVA (503) + 1 only the DVP logged = 4 decided chains. (If the
    // worker decides the DVP's lines before the DVA's arrive, it first sees 4 one-sided chains
    // and moves them when the DVA's lines come in.)
    const s = await eventually(
      status,
      (b) => b.range.chains.decided === 4 && b.range.chains.happy === 2 && b.range.hops.hops === 13,
      60_000,
      250,
    );
    expect(s.range.chains).toMatchObject({ decided: 4, happy: 2, errors: 1, dvaFailed: 1, oneSided: 1 });
    expect(s.range.availability).toBe(0.75);
    expect(s.range.oneSidedShare).toBe(0.25);
    // 2 happy chains x 6 hops + the failed chain's authorization request hop; 2 hops over 2 s.
    expect(s.range.hops).toMatchObject({ hops: 13, le: { 2000: 11 } });
    const availability = s.slos.find((x: { slo: string }) => x.slo === 'availability');
    expect(availability).toMatchObject({ good: 3, total: 4, window: '30d' });
  });

  it('counts nothing twice when the DVA delivers the same lines again', async () => {
    await deliver('DVA', dvaLines());
    const marker = randomUUID();
    await deliver('DVA', linesOf('DVA', marker, HAPPY.slice(1, 2), start));
    await eventually(
      () => ch.query(ch.sql('SELECT 1 FROM {{db}}.ketenlog_events WHERE trace_id = {t:UUID}'), { t: marker }),
      (r) => r.length > 0,
      30_000,
    );
    const [{ n }] = await ch.query<{ n: string }>(
      ch.sql('SELECT count() AS n FROM {{db}}.ketenlog_events FINAL WHERE participant_id = {p:String}'),
      { p: dva },
    );
    expect(Number(n)).toBe(14 * 2 + 2 + 1);
    // The marker is a chain of its own that only the DVA logged: one more one-sided chain, the
    // re-delivered lines nothing.
    const s = await eventually(status, (b) => b.range.chains.oneSided === 2, 30_000, 250);
    expect(s.range.chains).toMatchObject({ decided: 5, happy: 2, errors: 1, dvaFailed: 1, oneSided: 2 });
    expect(s.range.availability).toBe(0.8);
    expect(s.range.hops.hops).toBe(13);
  });

  it('serves the chain look-up, gauges on /metrics, /health and an OpenAPI description', async () => {
    const server = worker.getHttpServer();
    const chain = (
      await request(server)
        .get(`/api/v1/chains/${traces.happy[0]}`)
        .set('Authorization', `Bearer ${operator}`)
        .expect(200)
    ).body;
    expect(chain.classification).toMatchObject({
      outcome: 'happy',
      dvpId: dvp,
      dvaId: dva,
      zorgaanbieder: 'huisartsdeboer',
    });
    expect(chain.lines.map((l: { eventType: string }) => l.eventType)).toEqual(HAPPY.map((x) => x.type));
    const bySession = (
      await request(server)
        .get('/api/v1/chains')
        .set('Authorization', `Bearer ${operator}`)
        .query({ session_id: session })
        .expect(200)
    ).body;
    expect(bySession).toHaveLength(5);
    await request(server)
      .get(`/api/v1/chains/${randomUUID()}`)
      .set('Authorization', `Bearer ${operator}`)
      .expect(404);
    await request(server)
      .get('/api/v1/slo/status')
      .set('Authorization', `Bearer ${operator}`)
      .query({ entity: 'nonsense' })
      .expect(400);

    const metrics = await eventually(
      async () => (await request(server).get('/metrics').expect(200)).text,
      (text) => text.includes(`entity="${dvaEntity()}",slo="availability",window="30d"} 0.8`),
      30_000,
      250,
    );
    const lines = metrics.split('\n').filter((l) => l.includes(dvaEntity()) && l.includes('"availability"'));
    expect(lines).toContain(
      `ketenmonitor_slo_sli_ratio{entity="${dvaEntity()}",slo="availability",window="30d"} 0.8`,
    );
    expect(metrics).toMatch(/ketenmonitor_slo_burn_rate\{/);
    expect(metrics).toMatch(/ketenmonitor_slo_error_budget_remaining\{/);
    const health = (await request(server).get('/health').expect(200)).body;
    expect(health.checks['rule-worker']).toMatchObject({ ok: true });

    const doc = SwaggerModule.createDocument(worker, new DocumentBuilder().setTitle('t').build());
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/slo/status',
        '/api/v1/slo/alerts',
        '/api/v1/slo/definitions',
        '/api/v1/slo/definitions/{name}',
        '/api/v1/chains/{traceId}',
        '/api/v1/chains',
      ]),
    );
  });

  it('stores a new version of an SLO definition and rejects an invalid one', async () => {
    const server = worker.getHttpServer();
    const [current] = (
      await request(server)
        .get('/api/v1/slo/definitions/availability/versions')
        .set('Authorization', `Bearer ${operator}`)
        .expect(200)
    ).body;
    const changed = {
      ...current.document,
      spec: { ...current.document.spec, objectives: [{ target: 0.995 }] },
    };
    const saved = (
      await request(server)
        .put('/api/v1/slo/definitions/availability')
        .set('Authorization', `Bearer ${operator}`)
        .send(changed)
        .expect(200)
    ).body;
    expect(saved).toMatchObject({ name: 'availability', version: 2 });
    const versions = (
      await request(server)
        .get('/api/v1/slo/definitions/availability/versions')
        .set('Authorization', `Bearer ${operator}`)
        .expect(200)
    ).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const bad = await request(server)
      .put('/api/v1/slo/definitions/availability')
      .set('Authorization', `Bearer ${operator}`)
      .send({ ...changed, spec: { ...changed.spec, budgetingMethod: 'Timeslices' } })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('budgetingMethod');
    const s = await status();
    expect(s.slos.find((x: { slo: string }) => x.slo === 'availability')).toMatchObject({
      version: 2,
      target: 0.995,
    });
  });
  it('requires a staff token for the read API and records every chain look-up in the access audit', async () => {
    const server = worker.getHttpServer();
    const trace = traces.happy[0];
    await request(server).get(`/api/v1/chains/${trace}`).expect(401);
    await request(server)
      .get(`/api/v1/chains/${trace}`)
      .set('Authorization', `Bearer ${await token('participant', participants.id('pgo-gezondheidsapp'))}`)
      .expect(403);
    await request(server).get('/api/v1/slo/alerts').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(server)
      .put('/api/v1/slo/definitions/availability')
      .set('Authorization', `Bearer ${await token('auditor')}`)
      .send({})
      .expect(403);
    const auditor = await token('auditor');
    await request(server)
      .get(`/api/v1/chains/${trace}`)
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    const sql = worker.get<SqlClient>(SQL_CLIENT);
    const { rows } = await sql.query<{ actor: string; resource: string }>(
      'SELECT actor, resource FROM access_audit WHERE resource = $1 ORDER BY id',
      [`/api/v1/chains/${trace}`],
    );
    expect(rows.map((r) => r.actor)).toEqual(expect.arrayContaining(['operator-user', 'auditor-user']));
  });
});
