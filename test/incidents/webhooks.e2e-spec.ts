import { verifyWebhookSignature } from '@app/webhooks';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { IncidentApiHarness, eventually } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A subscriber that answers 503 to the first `failFirst` requests, then 204. */
async function startReceiver(
  failFirst: number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length <= failFirst ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

describe('webhooks (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let operator: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('km_webhooks');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url, WEBHOOK_MAX_ATTEMPTS: '4' });
    operator = await api.token('operator', 'otto');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
    for (const s of servers) s.close();
  });

  it('delivers signed events that verify, and retries failed deliveries with backoff', async () => {
    const receiver = await startReceiver(2);
    servers.push(receiver.server);
    const sub = await api.request('POST', '/api/v1/webhooks', {
      token: operator,
      body: { url: receiver.url, eventTypes: ['incident.*'], description: 'ticket tool' },
    });
    expect(sub.status).toBe(201);
    const secret = sub.body.secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(
      (await api.request('GET', '/api/v1/webhooks', { token: operator })).body[0].secret,
    ).toBeUndefined();

    const created = await api.request('POST', '/api/v1/incidents', {
      token: operator,
      body: { title: 'hooked', priority: 'P2' },
    });
    const delivered = await eventually(
      async () => (receiver.received.length >= 3 ? receiver.received : undefined),
      'the third attempt to reach the subscriber',
    );
    // The same delivery, attempted three times; each attempt signed.
    const ids = new Set(delivered.map((r) => r.headers['x-ketenmonitor-delivery']));
    expect(ids.size).toBe(1);
    for (const r of delivered) {
      expect(verifyWebhookSignature(secret, r.headers['x-ketenmonitor-signature'] as string, r.body)).toBe(
        true,
      );
      expect(
        verifyWebhookSignature(
          'wrong-secret-wrong-secret',
          r.headers['x-ketenmonitor-signature'] as string,
          r.body,
        ),
      ).toBe(false);
      expect(
        verifyWebhookSignature(secret, r.headers['x-ketenmonitor-signature'] as string, r.body + ' '),
      ).toBe(false);
    }
    const event = JSON.parse(delivered[2].body);
    expect(event).toMatchObject({
      type: 'incident.created',
      resource: { kind: 'incident', id: created.body.id },
    });
    expect(delivered[2].headers['x-ketenmonitor-event']).toBe('incident.created');

    const log = await eventually(async () => {
      const res = await api.request('GET', `/api/v1/webhooks/${sub.body.id}/deliveries`, { token: operator });
      return res.body[0]?.status === 'delivered' ? res.body : undefined;
    }, 'the delivery log to show the delivery');
    expect(log[0].attempts).toBe(3);
    expect(log[0].attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 204]);
  });

  it('gives up after the maximum attempts and logs each one; filters by event type', async () => {
    const receiver = await startReceiver(1_000);
    servers.push(receiver.server);
    const sub = await api.request('POST', '/api/v1/webhooks', {
      token: operator,
      body: { url: receiver.url, eventTypes: ['compliance-case.created'] },
    });
    await api.request('POST', '/api/v1/incidents', {
      token: operator,
      body: { title: 'not for this hook', priority: 'P4' },
    });
    await api.request('PUT', '/api/v1/participants/pgo-hook', {
      token: operator,
      body: { role: 'DVP', displayName: 'Hook', hostnames: [] },
    });
    await api.request('POST', '/api/v1/compliance-cases', {
      token: operator,
      body: {
        participantId: 'pgo-hook',
        obligation: 'clock-accuracy',
        title: 'Skew',
        facts: 'Clock 4 min ahead',
      },
    });
    const log = await eventually(async () => {
      const res = await api.request('GET', `/api/v1/webhooks/${sub.body.id}/deliveries`, { token: operator });
      return res.body[0]?.status === 'failed' ? res.body : undefined;
    }, 'the delivery to be given up');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventType: 'compliance-case.created', attempts: 4, lastStatusCode: 503 });
    expect(log[0].attemptLog).toHaveLength(4);
    expect(receiver.received).toHaveLength(4);
  });
});
