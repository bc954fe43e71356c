import { IncidentApiHarness } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

const TRACE = '0b6f8a3e-5c1d-4e2f-9a7b-1c2d3e4f5a6b';

describe('incident lifecycle (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let handler: string;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDatabase('km_lifecycle');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
    handler = await api.token('incident-handler', 'hanna');
    operator = await api.token('operator', 'otto');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('registers, works, resolves, evaluates and closes an incident with a full timeline', async () => {
    const created = await api.request('POST', '/api/v1/incidents', {
      token: handler,
      body: {
        title: 'DVA HuisartsNet unreachable',
        description: 'Token endpoint returns 503',
        priority: 'P1',
        affectedParticipants: ['dva-huisartsnet'],
        affectedGegevensdiensten: ['48'],
        traceIds: [TRACE],
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'new', priority: 'P1', version: 1, traceIds: [TRACE] });
    expect(created.body.metrics).toMatchObject({
      reactionTargetMinutes: 15,
      resolutionTargetMinutes: 240,
      mttaSeconds: null,
    });

    let version = 1;
    const step = async (to: string, extra: Record<string, unknown> = {}) => {
      const res = await api.request('POST', `/api/v1/incidents/${id}/transitions`, {
        token: handler,
        headers: { 'if-match': `"${version}"` },
        body: { to, ...extra },
      });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: to } });
      version = res.body.version;
      expect(res.headers.get('etag')).toBe(`"${version}"`);
      return res.body;
    };

    const acked = await step('acknowledged');
    expect(acked.acknowledgedAt).not.toBeNull();
    expect(acked.metrics.mttaSeconds).toBeGreaterThanOrEqual(0);
    expect(acked.metrics.reactionBreached).toBe(false);

    const patched = await api.request('PATCH', `/api/v1/incidents/${id}`, {
      token: handler,
      headers: { 'if-match': `"${version}"` },
      body: {
        assignee: 'hanna',
        publicSummary: 'Verzamelen bij HuisartsNet faalt',
        affectedParticipants: ['dva-huisartsnet', 'pgo-zorgkluis'],
      },
    });
    expect(patched.status).toBe(200);
    version = patched.body.version;

    await step('investigating');
    const comment = await api.request('POST', `/api/v1/incidents/${id}/comments`, {
      token: handler,
      body: { text: 'Escalated to the servicemanager of HuisartsNet' },
    });
    expect(comment.status).toBe(204);
    await step('monitoring');
    const resolved = await step('resolved', { reason: 'Certificate renewed' });
    expect(resolved.metrics.mttrSeconds).toBeGreaterThanOrEqual(0);

    // A P1 is closed only after the evaluation.
    const early = await api.request('POST', `/api/v1/incidents/${id}/transitions`, {
      token: handler,
      headers: { 'if-match': `"${version}"` },
      body: { to: 'closed' },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INCIDENT_EVALUATION_REQUIRED');

    const evaluation = await api.request('PUT', `/api/v1/incidents/${id}/evaluation`, {
      token: handler,
      body: {
        summary: 'Expired certificate',
        rootCause: 'No renewal alert',
        lessonsLearned: 'Monitor expiry',
      },
    });
    expect(evaluation.status).toBe(200);
    const action = await api.request('POST', `/api/v1/incidents/${id}/actions`, {
      token: handler,
      body: {
        description: 'Add certificate expiry check',
        owner: 'HuisartsNet',
        dueAt: '2030-01-01T00:00:00Z',
      },
    });
    expect(action.status).toBe(201);
    const done = await api.request('PATCH', `/api/v1/incidents/${id}/actions/${action.body.id}`, {
      token: handler,
      body: { status: 'done' },
    });
    expect(done.body.status).toBe('done');

    version = (await api.request('GET', `/api/v1/incidents/${id}`, { token: handler })).body.version;
    const closed = await step('closed');
    expect(closed.closedAt).not.toBeNull();

    // Closed is final.
    const reopen = await api.request('POST', `/api/v1/incidents/${id}/transitions`, {
      token: handler,
      headers: { 'if-match': `"${version}"` },
      body: { to: 'investigating' },
    });
    expect(reopen.status).toBe(409);
    expect(reopen.body.message).toMatch(/closed to investigating/);

    const timeline = await api.request('GET', `/api/v1/incidents/${id}/timeline`, { token: operator });
    expect(timeline.status).toBe(200);
    const kinds = timeline.body.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'created',
      'status-changed',
      'field-changed',
      'field-changed',
      'field-changed',
      'status-changed',
      'comment',
      'status-changed',
      'status-changed',
      'evaluation-recorded',
      'action-added',
      'action-updated',
      'status-changed',
    ]);
    expect(timeline.body.map((e: { seq: number }) => e.seq)).toEqual(
      kinds.map((_: string, i: number) => i + 1),
    );
    expect(timeline.body[1]).toMatchObject({ actor: 'hanna', data: { from: 'new', to: 'acknowledged' } });
    expect(timeline.body[2].data).toMatchObject({ field: 'assignee', from: null, to: 'hanna' });

    // Timeline entries are immutable in the database itself.
    await expect(
      api.sql.query('UPDATE incident_timeline SET actor = $1 WHERE incident_id = $2', ['x', id]),
    ).rejects.toThrow(/immutable/);
  });

  it('lists with filters and pagination', async () => {
    for (const [i, priority] of ['P2', 'P3', 'P3', 'P4', 'P3'].entries()) {
      const res = await api.request('POST', '/api/v1/incidents', {
        token: handler,
        body: {
          title: `list test ${i}`,
          priority,
          affectedParticipants: i % 2 === 0 ? ['pgo-medimapp'] : [],
        },
      });
      expect(res.status).toBe(201);
    }
    const p3 = await api.request('GET', '/api/v1/incidents?priority=P3&status=new', { token: handler });
    expect(p3.body.items).toHaveLength(3);
    const medimapp = await api.request('GET', '/api/v1/incidents?participant=pgo-medimapp', {
      token: handler,
    });
    expect(medimapp.body.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'list test 0',
      'list test 2',
      'list test 4',
    ]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.request('GET', `/api/v1/incidents?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: handler,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(6);
    const future = await api.request(
      'GET',
      `/api/v1/incidents?from=${encodeURIComponent('2100-01-01T00:00:00Z')}`,
      {
        token: handler,
      },
    );
    expect(future.body.items).toEqual([]);
  });

  it('merges duplicates, reopens a resolved incident, links evidence and reports MTTA/MTTR per priority', async () => {
    const make = async (title: string) =>
      (await api.request('POST', '/api/v1/incidents', { token: handler, body: { title, priority: 'P2' } }))
        .body;
    const main = await make('main');
    const dup = await make('duplicate');
    const merged = await api.request('POST', `/api/v1/incidents/${dup.id}/transitions`, {
      token: handler,
      headers: { 'if-match': '"1"' },
      body: { to: 'merged', mergedInto: main.id, reason: 'same outage' },
    });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: main.id });
    const mainTimeline = await api.request('GET', `/api/v1/incidents/${main.id}/timeline`, {
      token: handler,
    });
    expect(mainTimeline.body.at(-1)).toMatchObject({
      kind: 'merged-in',
      data: { incidentId: dup.id, number: dup.number },
    });

    let version = (await api.request('GET', `/api/v1/incidents/${main.id}`, { token: handler })).body.version;
    const go = async (to: string) => {
      const res = await api.request('POST', `/api/v1/incidents/${main.id}/transitions`, {
        token: handler,
        headers: { 'if-match': `"${version}"` },
        body: { to },
      });
      version = res.body.version;
      return res.body;
    };
    expect((await go('resolved')).resolvedAt).not.toBeNull();
    const reopened = await go('investigating');
    expect(reopened).toMatchObject({ status: 'investigating', resolvedAt: null });
    expect(reopened.acknowledgedAt).not.toBeNull();

    const evidence = await api.request('POST', `/api/v1/incidents/${main.id}/evidence`, {
      token: handler,
      body: { traceIds: [TRACE, TRACE] },
    });
    expect(evidence.body.traceIds).toEqual([TRACE]);
    const again = await api.request('POST', `/api/v1/incidents/${main.id}/evidence`, {
      token: handler,
      body: { traceIds: [TRACE] },
    });
    expect(again.body.version).toBe(evidence.body.version);
    version = evidence.body.version;
    expect((await go('resolved')).status).toBe('resolved');

    const stats = await api.request('GET', '/api/v1/incidents/stats?priority=P2', { token: operator });
    expect(stats.status).toBe(200);
    const p2 = stats.body.find((s: { priority: string }) => s.priority === 'P2');
    expect(p2.total).toBeGreaterThanOrEqual(2);
    expect(p2.mttaSeconds).toBeGreaterThanOrEqual(0);
    expect(p2.mttrSeconds).toBeGreaterThanOrEqual(0);
    expect(p2).toMatchObject({ reactionBreached: 0, resolutionBreached: 0 });
  });

  it('serves the OpenAPI document, health and Prometheus metrics without a token', async () => {
    const docs = await api.request('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/incidents',
        '/api/v1/incidents/{id}/transitions',
        '/api/v1/compliance-cases',
        '/api/v1/alerts',
        '/api/v1/webhooks',
        '/api/v1/access-audit',
        '/api/v1/participant-imports/zal',
      ]),
    );
    expect(docs.body.components.schemas.CreateIncidentDto.properties.priority.enum).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
    ]);
    expect((await api.request('GET', '/health')).body).toEqual({
      status: 'ok',
      checks: { postgres: { ok: true, detail: { engine: 'postgres' } } },
    });
    const metrics = await api.request('GET', '/metrics');
    expect(metrics.body).toMatch(
      /ketenmonitor_incident_api_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/incidents"/,
    );
  });
});
