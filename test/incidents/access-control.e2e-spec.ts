import { SignJWT } from 'jose';
import { IncidentApiHarness } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

const FUTURE = '2099-01-01T00:00:00Z';

describe('access control and access audit (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let operator: string;
  let participantA: string;
  let auditor: string;
  let incA: string;
  let incB: string;
  let caseA: string;
  let caseB: string;

  beforeAll(async () => {
    db = await createTestDatabase('km_access');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
    operator = await api.token('operator', 'otto');
    participantA = await api.token('participant', 'servicedesk@pgo-a', 'pgo-a');
    auditor = await api.token('auditor', 'audrey');
    for (const id of ['pgo-a', 'pgo-b']) {
      const res = await api.request('PUT', `/api/v1/participants/${id}`, {
        token: operator,
        body: { role: 'DVP', displayName: id.toUpperCase(), hostnames: [`api.${id}.example`] },
      });
      expect(res.status).toBe(200);
    }
    const inc = async (participants: string[]) =>
      (
        await api.request('POST', '/api/v1/incidents', {
          token: operator,
          body: {
            title: `about ${participants.join(',')}`,
            priority: 'P3',
            affectedParticipants: participants,
          },
        })
      ).body.id as string;
    incA = await inc(['pgo-a']);
    incB = await inc(['pgo-b']);
    await inc(['pgo-a', 'pgo-b']);
    const openCase = async (participantId: string) => {
      const created = await api.request('POST', '/api/v1/compliance-cases', {
        token: operator,
        body: {
          participantId,
          obligation: 'hourly-delivery',
          title: 'No delivery',
          facts: 'No aanlevering since 09:00',
        },
      });
      const hearing = await api.request('POST', `/api/v1/compliance-cases/${created.body.id}/transitions`, {
        token: operator,
        headers: { 'if-match': created.headers.get('etag') as string },
        body: { to: 'hearing', responseDueAt: FUTURE },
      });
      expect(hearing.status).toBe(200);
      return created.body.id as string;
    };
    caseA = await openCase('pgo-a');
    caseB = await openCase('pgo-b');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('a participant token reads only its own incidents and cases, on every endpoint', async () => {
    const get = (path: string) => api.request('GET', path, { token: participantA });

    const incidents = await get('/api/v1/incidents');
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toHaveLength(2);
    expect(
      incidents.body.items.every((i: { affectedParticipants: string[] }) =>
        i.affectedParticipants.includes('pgo-a'),
      ),
    ).toBe(true);
    expect((await get('/api/v1/incidents?participant=pgo-b')).status).toBe(403);
    expect((await get('/api/v1/incidents?participant=pgo-a')).body.items).toHaveLength(2);
    expect((await get('/api/v1/incidents/stats')).body).toEqual([
      expect.objectContaining({ priority: 'P3', total: 2 }),
    ]);
    expect((await get('/api/v1/incidents/stats?participant=pgo-b')).status).toBe(403);

    // The incident shared with pgo-b does not reveal pgo-b, nor internal notes.
    const shared = incidents.body.items.find((i: { title: string }) => i.title === 'about pgo-a,pgo-b');
    expect(shared).toMatchObject({
      affectedParticipants: ['pgo-a'],
      description: '',
      assignee: null,
      traceIds: [],
    });
    await api.request('POST', `/api/v1/incidents/${incA}/comments`, {
      token: operator,
      body: { text: 'visible to pgo-a' },
    });
    const timeline = await get(`/api/v1/incidents/${incA}/timeline`);
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual(['created', 'comment']);
    expect(timeline.body[0].actor).toBe('regiefunctie');

    for (const suffix of ['', '/timeline', '/evaluation', '/actions']) {
      expect({ path: suffix, status: (await get(`/api/v1/incidents/${incA}${suffix}`)).status }).toEqual({
        path: suffix,
        status: 200,
      });
      expect({ path: suffix, status: (await get(`/api/v1/incidents/${incB}${suffix}`)).status }).toEqual({
        path: suffix,
        status: 404,
      });
    }

    const cases = await get('/api/v1/compliance-cases');
    expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual([caseA]);
    expect((await get('/api/v1/compliance-cases?participant=pgo-b')).status).toBe(403);
    for (const suffix of ['', '/timeline', '/evidence']) {
      expect({
        path: suffix,
        status: (await get(`/api/v1/compliance-cases/${caseA}${suffix}`)).status,
      }).toEqual({ path: suffix, status: 200 });
      expect({
        path: suffix,
        status: (await get(`/api/v1/compliance-cases/${caseB}${suffix}`)).status,
      }).toEqual({ path: suffix, status: 404 });
    }

    const participants = await get('/api/v1/participants');
    expect(participants.body.map((p: { id: string }) => p.id)).toEqual(['pgo-a']);
    expect((await get('/api/v1/participants/pgo-a')).status).toBe(200);
    expect((await get('/api/v1/participants/pgo-b')).status).toBe(404);
    for (const path of [
      '/api/v1/zorgaanbieders',
      '/api/v1/access-audit',
      '/api/v1/webhooks',
      '/api/v1/participant-imports',
    ]) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 403 });
    }
  });

  it('a participant responds on its own incident and case only, and cannot change them', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      api.request('POST', path, { token: participantA, body, headers });
    expect(
      (await post(`/api/v1/incidents/${incA}/comments`, { text: 'We are restarting our server' })).status,
    ).toBe(204);
    expect((await post(`/api/v1/incidents/${incB}/comments`, { text: 'not mine' })).status).toBe(404);
    const response = await post(`/api/v1/compliance-cases/${caseA}/responses`, {
      text: 'Our log shipper was down',
    });
    expect(response.status).toBe(200);
    expect((await post(`/api/v1/compliance-cases/${caseB}/responses`, { text: 'not mine' })).status).toBe(
      404,
    );

    expect((await post('/api/v1/incidents', { title: 'x', priority: 'P4' })).status).toBe(403);
    expect(
      (await post(`/api/v1/incidents/${incA}/transitions`, { to: 'acknowledged' }, { 'if-match': '"1"' }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.request('PATCH', `/api/v1/incidents/${incA}`, {
          token: participantA,
          headers: { 'if-match': '"1"' },
          body: { title: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(
          `/api/v1/compliance-cases/${caseA}/transitions`,
          { to: 'withdrawn' },
          { 'if-match': '"2"' },
        )
      ).status,
    ).toBe(403);

    const timeline = await api.request('GET', `/api/v1/compliance-cases/${caseA}/timeline`, {
      token: operator,
    });
    expect(timeline.body.at(-1)).toMatchObject({
      actor: 'servicedesk@pgo-a',
      kind: 'participant-response',
      data: { text: 'Our log shipper was down', onBehalf: false },
    });
  });

  it('an auditor reads everything and cannot write anything', async () => {
    for (const path of [
      '/api/v1/incidents',
      `/api/v1/incidents/${incB}`,
      `/api/v1/incidents/${incB}/timeline`,
      '/api/v1/compliance-cases',
      `/api/v1/compliance-cases/${caseB}/evidence`,
      '/api/v1/participants',
      '/api/v1/zorgaanbieders',
      '/api/v1/access-audit',
      '/api/v1/webhooks',
      '/api/v1/participant-imports',
    ]) {
      expect({ path, status: (await api.request('GET', path, { token: auditor })).status }).toEqual({
        path,
        status: 200,
      });
    }
    const counts = async () =>
      (
        await api.sql.query(
          `SELECT (SELECT count(*) FROM incidents) AS i, (SELECT count(*) FROM incident_timeline) AS t,
                  (SELECT count(*) FROM compliance_cases) AS c, (SELECT count(*) FROM compliance_case_timeline) AS ct,
                  (SELECT count(*) FROM participants) AS p, (SELECT count(*) FROM webhook_subscriptions) AS w`,
        )
      ).rows[0];
    const before = await counts();
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/incidents', { title: 'x', priority: 'P4' }],
      ['PATCH', `/api/v1/incidents/${incA}`, { title: 'x' }],
      ['POST', `/api/v1/incidents/${incA}/transitions`, { to: 'acknowledged' }],
      ['POST', `/api/v1/incidents/${incA}/comments`, { text: 'x' }],
      ['POST', `/api/v1/incidents/${incA}/evidence`, { traceIds: ['7d7e3a1c-2b4f-4c8e-9a1d-0e2f3a4b5c6d'] }],
      ['PUT', `/api/v1/incidents/${incA}/evaluation`, { summary: 'x' }],
      ['POST', `/api/v1/incidents/${incA}/actions`, { description: 'x' }],
      ['POST', '/api/v1/alerts', { alerts: [{ entity: 'e', rule: 'r', tier: 't', state: 'firing' }] }],
      [
        'POST',
        '/api/v1/compliance-cases',
        { participantId: 'pgo-a', obligation: 'other', title: 'x', facts: 'x' },
      ],
      [
        'POST',
        '/api/v1/compliance-cases/signals',
        { participantId: 'pgo-a', obligation: 'other', rule: 'r', facts: 'x' },
      ],
      ['PATCH', `/api/v1/compliance-cases/${caseA}`, { title: 'x' }],
      ['POST', `/api/v1/compliance-cases/${caseA}/transitions`, { to: 'withdrawn' }],
      ['POST', `/api/v1/compliance-cases/${caseA}/responses`, { text: 'x' }],
      [
        'POST',
        `/api/v1/compliance-cases/${caseA}/evidence`,
        { evidence: [{ kind: 'note', reference: 'x' }] },
      ],
      ['PUT', '/api/v1/participants/pgo-c', { role: 'DVP', displayName: 'C', hostnames: [] }],
      ['PUT', '/api/v1/participants/pgo-a/contacts', { contacts: [] }],
      ['POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:1/x', eventTypes: ['*'] }],
    ];
    for (const [method, path, body] of writes) {
      const res = await api.request(method, path, { token: auditor, body, headers: { 'if-match': '"1"' } });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses missing, forged and role-less tokens', async () => {
    expect((await api.request('GET', '/api/v1/incidents')).status).toBe(401);
    const forged = await new SignJWT({ roles: ['operator'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('ketenmonitor')
      .setAudience('ketenmonitor-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expect((await api.request('GET', '/api/v1/incidents', { token: forged })).status).toBe(401);
    const noParticipant = await api.token('participant', 'p-without-id');
    expect((await api.request('GET', '/api/v1/incidents', { token: noParticipant })).status).toBe(401);
    expect((await api.request('GET', '/health')).status).toBe(200);
  });

  it('records every read in the access audit, granted and denied', async () => {
    const reader = await api.token('participant', 'audited-reader', 'pgo-a');
    const paths = [
      `/api/v1/incidents/${incA}`,
      `/api/v1/incidents/${incB}`,
      '/api/v1/compliance-cases',
      '/api/v1/access-audit',
    ];
    const statuses = [];
    for (const path of paths) statuses.push((await api.request('GET', path, { token: reader })).status);
    expect(statuses).toEqual([200, 404, 200, 403]);
    const audit = await api.request('GET', '/api/v1/access-audit?actor=audited-reader&limit=50', {
      token: auditor,
    });
    expect(audit.status).toBe(200);
    const entries = [...audit.body]
      .reverse()
      .map((e: { resource: string; outcome: string; actorParticipantId: string }) => [
        e.resource,
        e.outcome,
        e.actorParticipantId,
      ]);
    expect(entries).toEqual([
      [paths[0], 'granted', 'pgo-a'],
      [paths[1], 'denied', 'pgo-a'],
      [paths[2], 'granted', 'pgo-a'],
      [paths[3], 'denied', 'pgo-a'],
    ]);
    // The auditor's own read of the audit is recorded too.
    const own = await api.request('GET', '/api/v1/access-audit?actor=audrey&resource=/api/v1/access-audit', {
      token: auditor,
    });
    expect(own.body.length).toBeGreaterThanOrEqual(1);
  });
});
