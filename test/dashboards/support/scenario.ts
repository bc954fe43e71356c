import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Producer } from 'kafkajs';
import { ClickHouseService } from '@app/clickhouse';
import { AlertState, sloMetrics } from '@app/slo';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../../support/collector';
import { connectedProducer, eventually, testClickHouse, testKafka } from '../../support/engines';
import { line } from '../../support/lines';
import { IncidentApiHarness } from '../../incidents/support/incident-api.harness';
import { createTestDatabase } from '../../incidents/support/test-database';
import {
  ABANDONED,
  CANCELLED,
  ChainSpec,
  HAPPY,
  authorizationError,
  deliver,
  directoryOf,
} from '../../slo/support/chain-builder';
import { simulatedStart, sloHarness } from '../../slo/support/slo-harness';

const MIN = 60_000;

/**
 * The scenario every panel query runs on, written through the platform's own paths:
 * - chains in the collector's row shape (test/slo/support/chain-builder), decided by the real
 *   chain finalizer and evaluated by the real rule worker (rule_alert_states);
 * - one participant's deliveries through Kafka and the real collector (a technisch niet OK
 *   message, a batch with a functionally invalid line): aanleveringen, rejections, error codes;
 * - participants, zorgaanbieders (ZAL import), incidents and a compliance case through the
 *   incident API on PostgreSQL.
 *
 * Chains (start T0 + minute, DVA x serves za-1 with gegevensdienst 48, DVA y za-2 with 51):
 *   m0-3 pgo-a -> dva-x happy        m4 pgo-a -> dva-x error 503 (DVA side)
 *   m5 pgo-b -> dva-x error 400      m6 pgo-b -> dva-x cancelled (alternative)
 *   m7 pgo-a -> dva-y abandoned      m8-9 pgo-a -> dva-y one-sided (only the DVP logged)
 *   m10 pgo-a -> dva-y happy, the DVA's clock 400 ms ahead
 */
export interface Scenario {
  readonly ch: ClickHouseService;
  readonly api: IncidentApiHarness;
  readonly t0: number;
  readonly happy: { traceId: string; sessionId: string };
  /** The participant whose deliveries went through Kafka and the collector. */
  readonly collectorDvp: string;
  /** The error codes the collector gave that participant's invalid line. */
  readonly invalidLineErrors: string[];
  readonly firing: AlertState[];
  /** Metric names and types of the running collector's /metrics (plus the rule worker's gauges). */
  readonly exposed: Map<string, string>;
  close(): Promise<void>;
}

export async function buildScenario(): Promise<Scenario> {
  const t0 = simulatedStart(180);
  const ch = await testClickHouse();
  const directory = directoryOf(
    ['pgo-a', 'pgo-b'],
    ['dva-x', 'dva-y'],
    [
      ['za-1', 'dva-x'],
      ['za-2', 'dva-y'],
    ],
  );
  const h = await sloHarness(ch, directory, t0);
  const x = (dvp: string, steps: ChainSpec['steps'], m: number): ChainSpec => ({
    dvp,
    dva: 'dva-x',
    zorgaanbieder: 'za-1',
    gegevensdienst: '48',
    startMs: t0 + m * MIN,
    steps,
  });
  const y = (steps: ChainSpec['steps'], m: number, extra: Partial<ChainSpec> = {}): ChainSpec => ({
    dvp: 'pgo-a',
    dva: 'dva-y',
    zorgaanbieder: 'za-2',
    gegevensdienst: '51',
    startMs: t0 + m * MIN,
    steps,
    ...extra,
  });
  const [happy] = await deliver(
    ch,
    [0, 1, 2, 3]
      .map((m) => x('pgo-a', HAPPY, m))
      .concat([x('pgo-a', authorizationError(503, 'server_error'), 4)]),
    t0 + 5 * MIN,
  );
  await deliver(ch, [x('pgo-b', authorizationError(400, 'invalid_request'), 5)], t0 + 6 * MIN);
  await deliver(ch, [x('pgo-b', CANCELLED, 6)], t0 + 7 * MIN);
  await deliver(ch, [y(ABANDONED, 7)], t0 + 8 * MIN);
  await deliver(
    ch,
    [8, 9].map((m) => y(HAPPY.slice(0, 1), m, { logged: ['DVP'] })),
    t0 + 10 * MIN,
  );
  await deliver(ch, [y(HAPPY, 10, { dvaClockOffsetMs: 400 })], t0 + 11 * MIN);
  // Decide everything (past every grace period), then one rule-worker cycle at that time.
  h.clock.set(t0 + 100 * MIN);
  await h.chains.finalizer.finalize(h.clock.now());
  await h.slo.evaluator.cycle();
  const firing = await h.slo.alertStates.firing();

  const participants = testParticipants();
  const { collector, exposed, collectorDvp } = await collectorDeliveries(ch, participants);
  const [invalid] = await ch.query<{ codes: string[] }>(
    ch.sql(
      `SELECT error_codes AS codes FROM {{db}}.ketenlog_events WHERE participant_id = {p:String} AND NOT valid`,
    ),
    { p: collectorDvp },
  );

  const db = await createTestDatabase('km_dashboards');
  const api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
  await registryAndIncidents(api);

  return {
    ch,
    api,
    t0,
    happy,
    collectorDvp,
    invalidLineErrors: invalid?.codes ?? [],
    firing,
    exposed,
    async close() {
      await collector?.close();
      await api?.close();
      await db?.drop();
      await ch?.close();
    },
  };
}

/** Two deliveries of one DVP through Kafka and the collector; returns its /metrics names. */
async function collectorDeliveries(ch: ClickHouseService, participants: TestParticipants) {
  const collectorDvp = participants.id('pgo-gezondheidsapp');
  const collector: INestApplication = await startCollector(collectorConfig(participants, ch.database));
  await collector.listen(0, '127.0.0.1');
  const kafka = testKafka();
  const producer: Producer = await connectedProducer(kafka);
  try {
    const topic = participants.topic('pgo-gezondheidsapp');
    await producer.send({ topic, acks: -1, messages: [{ value: 'dit is geen json' }] });
    const batch = [line('send_authorization_request'), line('send_nonexistent_event')];
    await producer.send({ topic, acks: -1, messages: [{ value: JSON.stringify(batch) }] });
    await eventually(
      () =>
        ch.query<{ n: string }>(
          ch.sql(`SELECT count() AS n FROM {{db}}.aanleveringen FINAL WHERE participant_id = {p:String}`),
          { p: collectorDvp },
        ),
      (r) => Number(r[0]?.n) === 2,
    );
  } finally {
    await producer.disconnect();
  }
  // The rule worker's gauges join the same process registry when it runs in the process
  // (the all-in-one app does exactly this).
  sloMetrics();
  const { port } = collector.getHttpServer().address() as AddressInfo;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const exposed = new Map<string, string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) exposed.set(m[1], m[2]);
  return { collector, exposed, collectorDvp };
}

const zal = (
  providers: Array<[naam: string, host: string, diensten: string[]]>,
) => `<?xml version="1.0" encoding="UTF-8"?>
<Zorgaanbiederslijst xmlns="xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/">
  <Tijdstempel>2026-11-01T12:00:00Z</Tijdstempel>
  <Volgnummer>1</Volgnummer>
  <Zorgaanbieders>${providers
    .map(
      ([naam, host, diensten]) => `
    <Zorgaanbieder><Zorgaanbiedernaam>${naam}@medmij</Zorgaanbiedernaam><Gegevensdiensten>${diensten
      .map(
        (d) => `
      <Gegevensdienst><GegevensdienstId>${d}</GegevensdienstId>
        <AuthorizationEndpoint><AuthorizationEndpointuri>https://${host}/oauth/authorize</AuthorizationEndpointuri></AuthorizationEndpoint>
        <TokenEndpoint><TokenEndpointuri>https://${host}/oauth/token</TokenEndpointuri></TokenEndpoint>
        <Systeemrollen><Systeemrol><Systeemrolcode>X</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>https://${host}/fhir</ResourceEndpointuri></ResourceEndpoint></Systeemrol></Systeemrollen>
      </Gegevensdienst>`,
      )
      .join('')}
    </Gegevensdiensten></Zorgaanbieder>`,
    )
    .join('')}
  </Zorgaanbieders>
</Zorgaanbiederslijst>`;

/**
 * Participants and zorgaanbieders (registry), three incidents (P1 resolved, P2 acknowledged,
 * P3 new) and one open compliance case, all through the incident API.
 */
async function registryAndIncidents(api: IncidentApiHarness): Promise<void> {
  const operator = await api.token('operator');
  const handler = await api.token('incident-handler');
  const call = async (method: string, path: string, token: string, body?: unknown, headers = {}) => {
    const res = await api.request(method, path, { token, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  for (const [id, role] of [
    ['pgo-a', 'DVP'],
    ['pgo-b', 'DVP'],
    ['dva-x', 'DVA'],
    ['dva-y', 'DVA'],
  ]) {
    await call('PUT', `/api/v1/participants/${id}`, operator, {
      role,
      displayName: id,
      hostnames: [`${id}.example`],
    });
  }
  const zalRes = await api.request('POST', '/api/v1/participant-imports/zal', {
    token: operator,
    rawBody: zal([
      ['za-1', 'dva-x.example', ['48']],
      ['za-2', 'dva-y.example', ['48', '51']],
    ]),
    headers: { 'content-type': 'application/xml' },
  });
  if (zalRes.status !== 200) throw new Error(`ZAL import: ${zalRes.status} ${JSON.stringify(zalRes.body)}`);

  const open = async (title: string, priority: string, participants: string[]) =>
    (
      await call('POST', '/api/v1/incidents', handler, {
        title,
        priority,
        affectedParticipants: participants,
      })
    ).body;
  const move = async (incident: { id: string; version: number }, ...steps: string[]) => {
    let version = incident.version;
    for (const to of steps) {
      const res = await call(
        'POST',
        `/api/v1/incidents/${incident.id}/transitions`,
        handler,
        { to },
        {
          'if-match': `"${version}"`,
        },
      );
      version = res.body.version;
    }
  };
  await move(await open('dva-x onbereikbaar', 'P1', ['dva-x']), 'acknowledged', 'investigating', 'resolved');
  await move(await open('dva-y trage tokens', 'P2', ['dva-y']), 'acknowledged');
  await open('pgo-b foutieve verzoeken', 'P3', ['pgo-b']);
  await call('POST', '/api/v1/compliance-cases', handler, {
    participantId: 'dva-y',
    obligation: 'hourly-delivery',
    title: 'Geen aanlevering sinds T0',
    facts: 'dva-y leverde na T0 + 11 minuten niets meer aan.',
  });
}
