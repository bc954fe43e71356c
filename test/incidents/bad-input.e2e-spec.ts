import { IncidentApiHarness } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

describe('bad input gets a clear 4xx and nothing is half-written (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let token: string;
  let id: string;
  let caseId: string;

  const snapshot = async () =>
    (
      await api.sql.query(
        `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_timeline) AS timeline,
                (SELECT count(*) FROM incident_actions) AS actions, (SELECT count(*) FROM compliance_cases) AS cases,
                (SELECT count(*) FROM compliance_case_timeline) AS case_timeline,
                (SELECT count(*) FROM compliance_case_evidence) AS evidence,
                (SELECT count(*) FROM participants) AS participants, (SELECT count(*) FROM webhook_subscriptions) AS hooks,
                (SELECT max(version) FROM incidents) AS version`,
      )
    ).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('km_badinput');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
    token = await api.token('operator', 'otto');
    id = (
      await api.request('POST', '/api/v1/incidents', { token, body: { title: 'target', priority: 'P3' } })
    ).body.id;
    await api.request('PUT', '/api/v1/participants/pgo-x', {
      token,
      body: { role: 'DVP', displayName: 'X', hostnames: [] },
    });
    caseId = (
      await api.request('POST', '/api/v1/compliance-cases', {
        token,
        body: { participantId: 'pgo-x', obligation: 'other', title: 't', facts: 'f' },
      })
    ).body.id;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const big = 'x'.repeat(10_001);
  const cases: Array<[string, string, string, unknown, number, RegExp]> = [
    [
      'invalid priority',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P9' },
      400,
      /priority must be one of/,
    ],
    ['missing title', 'POST', '/api/v1/incidents', { priority: 'P1' }, 400, /title/],
    [
      'oversized description',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P1', description: big },
      400,
      /description/,
    ],
    [
      'oversized title',
      'POST',
      '/api/v1/incidents',
      { title: 'x'.repeat(201), priority: 'P1' },
      400,
      /title/,
    ],
    ['wrong type', 'POST', '/api/v1/incidents', { title: 42, priority: 'P1' }, 400, /title must be a string/],
    [
      'wrong array type',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P1', affectedParticipants: 'pgo-x' },
      400,
      /affectedParticipants/,
    ],
    [
      'bad participant id',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P1', affectedParticipants: ['Robert; DROP'] },
      400,
      /affectedParticipants/,
    ],
    [
      'bad trace id',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P1', traceIds: ['nope'] },
      400,
      /traceIds/,
    ],
    [
      'unknown property',
      'POST',
      '/api/v1/incidents',
      { title: 't', priority: 'P1', status: 'closed' },
      400,
      /property status should not exist/,
    ],
    ['unknown status', 'POST', `/api/v1/incidents/:id/transitions`, { to: 'done' }, 400, /to must be one of/],
    [
      'unknown transition',
      'POST',
      `/api/v1/incidents/:id/transitions`,
      { to: 'closed' },
      409,
      /cannot go from new to closed/,
    ],
    [
      'merge without target',
      'POST',
      `/api/v1/incidents/:id/transitions`,
      { to: 'merged' },
      400,
      /mergedInto/,
    ],
    ['bad id', 'GET', '/api/v1/incidents/not-a-uuid', undefined, 400, /uuid/],
    [
      'unknown id',
      'GET',
      '/api/v1/incidents/00000000-0000-4000-8000-000000000000',
      undefined,
      404,
      /No incident/,
    ],
    ['bad filter', 'GET', '/api/v1/incidents?status=bogus', undefined, 400, /status/],
    ['bad limit', 'GET', '/api/v1/incidents?limit=100000', undefined, 400, /limit/],
    ['bad cursor', 'GET', '/api/v1/incidents?cursor=abc', undefined, 400, /cursor/],
    [
      'bad action due date',
      'POST',
      `/api/v1/incidents/:id/actions`,
      { description: 'd', dueAt: 'tomorrow' },
      400,
      /dueAt/,
    ],
    [
      'evaluation before resolution',
      'PUT',
      `/api/v1/incidents/:id/evaluation`,
      { summary: 's' },
      409,
      /resolved/,
    ],
    ['empty alert batch', 'POST', '/api/v1/alerts', { alerts: [] }, 400, /alerts/],
    [
      'bad alert state',
      'POST',
      '/api/v1/alerts',
      { alerts: [{ entity: 'e', rule: 'r', tier: 't', state: 'on' }] },
      400,
      /state/,
    ],
    [
      'unknown obligation',
      'POST',
      '/api/v1/compliance-cases',
      { participantId: 'pgo-x', obligation: 'be-nice', title: 't', facts: 'f' },
      400,
      /obligation/,
    ],
    [
      'unknown participant',
      'POST',
      '/api/v1/compliance-cases',
      { participantId: 'pgo-nobody', obligation: 'other', title: 't', facts: 'f' },
      422,
      /No participant pgo-nobody/,
    ],
    [
      'hearing without due date',
      'POST',
      `/api/v1/compliance-cases/:case/transitions`,
      { to: 'hearing' },
      400,
      /responseDueAt/,
    ],
    [
      'case skip to decided',
      'POST',
      `/api/v1/compliance-cases/:case/transitions`,
      { to: 'decided', decision: 'x' },
      409,
      /cannot go from recorded to decided/,
    ],
    [
      'response outside hearing',
      'POST',
      `/api/v1/compliance-cases/:case/responses`,
      { text: 'hi' },
      409,
      /hoor en wederhoor/,
    ],
    [
      'bad evidence kind',
      'POST',
      `/api/v1/compliance-cases/:case/evidence`,
      { evidence: [{ kind: 'rumour', reference: 'r' }] },
      400,
      /kind/,
    ],
    [
      'bad hostname',
      'PUT',
      '/api/v1/participants/pgo-y',
      { role: 'DVP', displayName: 'Y', hostnames: ['not a host'] },
      400,
      /hostnames/,
    ],
    [
      'bad participant path id',
      'PUT',
      '/api/v1/participants/UPPER',
      { role: 'DVP', displayName: 'Y', hostnames: [] },
      400,
      /id/,
    ],
    [
      'bad webhook url',
      'POST',
      '/api/v1/webhooks',
      { url: 'ftp://x', eventTypes: ['*'] },
      400,
      /http or https/,
    ],
    [
      'bad webhook event',
      'POST',
      '/api/v1/webhooks',
      { url: 'https://x.example', eventTypes: ['DROP TABLE'] },
      400,
      /Event types/,
    ],
  ];

  it.each(cases)('%s -> %s %s gets %i', async (_name, method, rawPath, body, status, message) => {
    const before = await snapshot();
    const path = rawPath.replace(':id', id).replace(':case', caseId);
    const res = await api.request(method, path, { token, body, headers: { 'if-match': '"1"' } });
    expect({ status: res.status, message: JSON.stringify(res.body.message) }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(res.body.code).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });

  it('malformed JSON gets 400', async () => {
    const before = await snapshot();
    const res = await api.request('POST', '/api/v1/incidents', {
      token,
      rawBody: '{"title": "t", "priority": ',
    });
    expect(res.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('an oversized body gets 413', async () => {
    const res = await api.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 't', priority: 'P1', description: 'x'.repeat(2_000_000) },
    });
    expect(res.status).toBe(413);
  });

  it('a write that fails halfway leaves nothing behind (merge into a missing incident)', async () => {
    const before = await snapshot();
    const res = await api.request('POST', `/api/v1/incidents/${id}/transitions`, {
      token,
      headers: { 'if-match': '"1"' },
      body: { to: 'merged', mergedInto: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect((await api.request('GET', `/api/v1/incidents/${id}`, { token })).body).toMatchObject({
      status: 'new',
      version: 1,
    });
  });
});
