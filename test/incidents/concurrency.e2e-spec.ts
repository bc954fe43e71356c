import { IncidentApiHarness } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

describe('optimistic concurrency (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('km_concurrency');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
    token = await api.token('incident-handler', 'hanna');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('100 concurrent updates with the same ETag: one wins, 99 get 409, no write is lost silently', async () => {
    const created = await api.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'race', priority: 'P3' },
    });
    const id = created.body.id as string;
    const etag = created.headers.get('etag') as string;

    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.request('PATCH', `/api/v1/incidents/${id}`, {
          token,
          headers: { 'if-match': etag },
          body: { description: `writer ${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const winners = results.filter((r) => r.status === 200);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('INCIDENT_VERSION_CONFLICT');

    const after = await api.request('GET', `/api/v1/incidents/${id}`, { token });
    expect(after.body.version).toBe(2);
    expect(after.body.description).toBe(winners[0].body.description);
    const timeline = await api.request('GET', `/api/v1/incidents/${id}/timeline`, { token });
    const edits = timeline.body.filter((e: { kind: string }) => e.kind === 'field-changed');
    expect(edits).toHaveLength(1);
    expect(edits[0].data.to).toBe(winners[0].body.description);
  });

  it('serialises writers that each use the current ETag: 100 sequential rounds, 100 versions, 100 entries', async () => {
    const created = await api.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'counter', priority: 'P4' },
    });
    const id = created.body.id as string;
    // Ten writers race; each retries with the fresh ETag after a 409 until its write lands.
    const writer = async (w: number) => {
      for (let n = 0; n < 10;) {
        const current = await api.request('GET', `/api/v1/incidents/${id}`, { token });
        const res = await api.request('PATCH', `/api/v1/incidents/${id}`, {
          token,
          headers: { 'if-match': current.headers.get('etag') as string },
          body: { description: `w${w}-${n}` },
        });
        if (res.status === 200) n++;
        else expect(res.status).toBe(409);
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, w) => writer(w)));
    const after = await api.request('GET', `/api/v1/incidents/${id}`, { token });
    expect(after.body.version).toBe(101);
    const timeline = await api.request('GET', `/api/v1/incidents/${id}/timeline`, { token });
    expect(timeline.body.filter((e: { kind: string }) => e.kind === 'field-changed')).toHaveLength(100);
  });

  it('refuses a write without If-Match (428) and a malformed one (400)', async () => {
    const created = await api.request('POST', '/api/v1/incidents', {
      token,
      body: { title: 'no etag', priority: 'P4' },
    });
    const id = created.body.id as string;
    const missing = await api.request('PATCH', `/api/v1/incidents/${id}`, { token, body: { title: 'x' } });
    expect(missing.status).toBe(428);
    const malformed = await api.request('PATCH', `/api/v1/incidents/${id}`, {
      token,
      headers: { 'if-match': 'yesterday' },
      body: { title: 'x' },
    });
    expect(malformed.status).toBe(400);
    expect((await api.request('GET', `/api/v1/incidents/${id}`, { token })).body).toMatchObject({
      title: 'no etag',
      version: 1,
    });
  });
});
