import { CSV_HEADER, MonthlyReport } from '@app/reports';
import { ReportHarness, startReportHarness } from './support/report-harness';

/**
 * The report endpoint's edges on the scenario month: one participant's report, CSV and HTML
 * bodies, 400 for a bad month, format or unknown participant, staff only, and every read in
 * the access audit.
 */
describe('reports: GET /api/v1/reports/monthly', () => {
  let h: ReportHarness;
  let operator: string;

  beforeAll(async () => {
    h = await startReportHarness();
    operator = await h.api.token('operator', 'report-reader');
  });

  afterAll(async () => {
    await h?.close();
  });

  const get = (query: string, token = operator) =>
    h.api.request('GET', `/api/v1/reports/monthly${query}`, { token });

  it('gives one participant its own section and no network section', async () => {
    const res = await get('?month=2026-10&participant=dva-y');
    expect(res.status).toBe(200);
    const report = res.body as MonthlyReport;
    expect(report.scope).toBe('dva-y');
    expect(report.network).toBeNull();
    expect(report.participants).toHaveLength(1);
    expect(report.participants[0]).toMatchObject({
      id: 'dva-y',
      role: 'DVA',
      chains: { decided: 3, oneSided: 1 },
      delivery: { aanleveringen: 2, hoursWithoutDelivery: 743 },
      incidents: { total: 1, mttaSeconds: 3600 },
    });
  });

  it('serves CSV with one figure per row', async () => {
    const res = await get('?month=2026-10&participant=dva-x&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('ketenmonitor-report-2026-10-dva-x.csv');
    const rows = (res.body as string).trimEnd().split('\r\n');
    expect(rows[0]).toBe(CSV_HEADER.join(','));
    expect(rows).toEqual(
      expect.arrayContaining([
        '2026-10,dva-x,DVA,chains,,decided,5',
        '2026-10,dva-x,DVA,slo,availability-month,good,4',
        '2026-10,dva-x,DVA,slo,availability-month,total,5',
        '2026-10,dva-x,DVA,delivery,,hours_without_delivery,2',
        '2026-10,dva-x,DVA,incidents,,mtta_seconds,1200',
        '2026-10,dva-x,DVA,beheerrapport,48/verzamelen,successful,2',
        '2026-10,dva-x,DVA,beheerrapport,48/abonneren,successful,1',
      ]),
    );
  });

  it('serves a self-contained HTML page', async () => {
    const res = await get('?month=2026-10&format=html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = res.body as string;
    expect(html).toContain('<h1>Monthly SLA and delivery report 2026-10</h1>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  });

  it.each([
    ['?month=2026-13', 'invalid_month'],
    ['', 'invalid_month'],
    ['?month=2026-10&participant=pgo-onbekend', 'unknown_participant'],
    ['?month=2026-10&format=docx', 'invalid_format'],
  ])('answers 400 for %p', async (query, code) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
  });

  it('is for staff only', async () => {
    expect((await h.api.request('GET', '/api/v1/reports/monthly?month=2026-10')).status).toBe(401);
    const participant = await h.api.token('participant', 'pgo-a-user', 'pgo-a');
    expect((await get('?month=2026-10&participant=pgo-a', participant)).status).toBe(403);
    const auditor = await h.api.token('auditor');
    expect((await get('?month=2026-10&participant=pgo-a', auditor)).status).toBe(200);
  });

  it('records every read in the access audit', async () => {
    await get('?month=2026-10&participant=pgo-b&format=csv');
    const { rows } = await h.api.sql.query<{ resource: string; details: { query?: Record<string, string> } }>(
      `SELECT resource, details FROM access_audit WHERE actor = 'report-reader' AND action = 'read'`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          resource: '/api/v1/reports/monthly',
          details: { query: { month: '2026-10', participant: 'pgo-b', format: 'csv' } },
        },
      ]),
    );
  });

  it('documents the endpoint in OpenAPI', async () => {
    const docs = await h.api.request('GET', '/api/docs-json');
    const op = docs.body.paths['/api/v1/reports/monthly'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'format',
      'month',
      'participant',
    ]);
    expect(op.responses['400']).toBeDefined();
  });
});
