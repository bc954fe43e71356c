import { AutoResolveScheduler, IncidentAlertSink } from '@app/incidents';
import { IncidentApiHarness, eventually } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

jest.setTimeout(120_000);

describe('alerts open, update and resolve incidents (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let operator: string;

  beforeAll(async () => {
    db = await createTestDatabase('km_alerts');
    api = await IncidentApiHarness.start({
      DATABASE_URL: db.url,
      INCIDENT_AUTO_RESOLVE_QUIET_SECONDS: '1',
      INCIDENT_AUTO_RESOLVE_INTERVAL_MS: '100',
    });
    operator = await api.token('operator', 'rule-worker');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('an alert storm of 10,000 alerts with 50 dedup keys yields exactly 50 incidents', async () => {
    const alerts = Array.from({ length: 10_000 }, (_, i) => ({
      entity: `dva:dva-${i % 50}`,
      rule: 'availability-30d',
      tier: 'page',
      state: 'firing' as const,
      summary: `burn rate ${i}`,
      participants: [`dva-${String(i % 50).padStart(2, '0')}`],
    }));
    // Half over HTTP in concurrent batches, half straight into the sink, all interleaved.
    const sink = api.app.get(IncidentAlertSink);
    const batches = Array.from({ length: 100 }, (_, b) => alerts.slice(b * 100, b * 100 + 100));
    const outcomes = await Promise.all(
      batches.map(async (batch, b) => {
        if (b % 2 === 0) return sink.submit(batch);
        const res = await api.request('POST', '/api/v1/alerts', { token: operator, body: { alerts: batch } });
        expect(res.status).toBe(200);
        return res.body.outcomes as Array<{ action: string; incidentId: string }>;
      }),
    );
    const flat = outcomes.flat();
    expect(flat).toHaveLength(10_000);
    expect(flat.filter((o) => o.action === 'opened')).toHaveLength(50);
    expect(new Set(flat.map((o) => o.incidentId)).size).toBe(50);

    const { rows } = await api.sql.query<{ n: number; occurrences: number }>(
      `SELECT count(DISTINCT i.id)::int AS n, sum(a.occurrences)::int AS occurrences
       FROM incidents i JOIN incident_alerts a ON a.incident_id = i.id`,
    );
    expect(rows[0]).toEqual({ n: 50, occurrences: 10_000 });
    const listed = await api.request('GET', '/api/v1/incidents?limit=200', { token: operator });
    expect(listed.body.items).toHaveLength(50);
    expect(
      listed.body.items.every(
        (i: { source: string; priority: string }) => i.source === 'alert' && i.priority === 'P2',
      ),
    ).toBe(true);
  });

  it('updates the open incident with new evidence, and a cleared alert resolves it after the quiet period', async () => {
    const base = { entity: 'pgo:pgo-zorgkluis', rule: 'completeness', tier: 'ticket' };
    const trace = '7d7e3a1c-2b4f-4c8e-9a1d-0e2f3a4b5c6d';
    const first = await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: { alerts: [{ ...base, state: 'firing', participants: ['pgo-zorgkluis'] }] },
    });
    const id = first.body.outcomes[0].incidentId as string;
    expect(first.body.outcomes[0].action).toBe('opened');
    const second = await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: { alerts: [{ ...base, state: 'firing', traceIds: [trace], participants: ['dva-huisartsnet'] }] },
    });
    expect(second.body.outcomes[0]).toMatchObject({ action: 'updated', incidentId: id });
    const updated = await api.request('GET', `/api/v1/incidents/${id}`, { token: operator });
    expect(updated.body).toMatchObject({
      priority: 'P3',
      traceIds: [trace],
      affectedParticipants: ['pgo-zorgkluis', 'dva-huisartsnet'],
    });

    const cleared = await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: { alerts: [{ ...base, state: 'cleared' }] },
    });
    expect(cleared.body.outcomes[0]).toMatchObject({ action: 'cleared', incidentId: id });
    const resolved = await eventually(async () => {
      const res = await api.request('GET', `/api/v1/incidents/${id}`, { token: operator });
      return res.body.status === 'resolved' ? res.body : undefined;
    }, 'the auto-resolver to resolve the incident');
    expect(resolved.resolvedAt).not.toBeNull();
    const timeline = await api.request('GET', `/api/v1/incidents/${id}/timeline`, { token: operator });
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'alert-linked',
      'field-changed',
      'evidence-added',
      'alert-cleared',
      'status-changed',
    ]);
    expect(timeline.body[5]).toMatchObject({ actor: 'system:auto-resolve', data: { to: 'resolved' } });

    // The same key firing again after resolution opens a new incident.
    const again = await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: { alerts: [{ ...base, state: 'firing' }] },
    });
    expect(again.body.outcomes[0].action).toBe('opened');
    expect(again.body.outcomes[0].incidentId).not.toBe(id);
  });

  it('a re-fired alert within the quiet period keeps the incident open', async () => {
    const base = { entity: 'dva:dva-apotheeklink', rule: 'latency-p99', tier: 'ticket' };
    const opened = await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: { alerts: [{ ...base, state: 'firing' }] },
    });
    const id = opened.body.outcomes[0].incidentId as string;
    await api.request('POST', '/api/v1/alerts', {
      token: operator,
      body: {
        alerts: [
          { ...base, state: 'cleared' },
          { ...base, state: 'firing' },
        ],
      },
    });
    const incident = await api.request('GET', `/api/v1/incidents/${id}`, { token: operator });
    expect(incident.body.alertsClearedAt).toBeNull();
    const timeline = await api.request('GET', `/api/v1/incidents/${id}/timeline`, { token: operator });
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'alert-linked',
      'alert-cleared',
      'alert-refired',
    ]);
    // The alert fires again, so the resolver leaves the incident alone.
    const resolvedNow = await api.app.get(AutoResolveScheduler).resolveQuietIncidents();
    expect(resolvedNow).toBe(0);
    expect((await api.request('GET', `/api/v1/incidents/${id}`, { token: operator })).body.status).toBe(
      'new',
    );
  });
});
