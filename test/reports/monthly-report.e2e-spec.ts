import { MonthlyReport, ParticipantSection } from '@app/reports';
import { ReportHarness, startReportHarness } from './support/report-harness';

/**
 * The monthly report of a small scenario month (October 2026, Europe/Amsterdam), written through
 * the collector's processing and pipeline, the chain finalizer and the incident service on the
 * real engines, matches figures computed by hand.
 *
 * Hand computation (see support/report-scenario.ts for the chains and deliveries):
 * - Month: 2026-09-30T22:00Z .. 2026-10-31T23:00Z = 31 x 24 + 1 = 745 hours (DST ends 25 Oct).
 * - In the month: C1 (happy, 00:00 local 1 Oct), C3 (happy, 23:30 local 31 Oct), C5 (503 from
 *   dva-x), C6 (Delen, happy), C7 (Delen, 400 at the resource step), C8 (one-sided, only pgo-a
 *   logged), C9 (cancelled), C10 (Abonneren, happy) = 8 decided chains. Not: C2 (23:59 local
 *   30 Sep), C4 (00:00 local 1 Nov).
 * - pgo-a: C1 C3 C5 C8 C10 = 5; happy 3, error 1 (the DVA's failure), one-sided 1, logged 5,
 *   both logged 4. Availability 5/5 (the 503 is not the DVP's), chain-success 4/5, happy-flow 3/5,
 *   one-sided 4/5, completeness 4/5. Hops: 3 happy chains x 6 (one of them 2.5 s) + 1 (C5's
 *   authorization request) = 19, within 2 s 3 x 5 + 1 = 16.
 * - pgo-b: C6 C7 C9 = 3; happy 1, error 1 (client error), alternative 1. Availability 3/3,
 *   chain-success 2/3. Hops: C6 6 (5 within 2 s) + C7 6 (all within) + C9 1 = 13, 12 within.
 * - dva-x: C1 C3 C5 C9 C10 = 5; happy 3, error 1 (its own 503), alternative 1. Availability
 *   (calendar-month SLO, 99.9%) 4/5: budget allowed 0.001 x 5 = 0.005, spent 1, left
 *   1 - 1/0.005 = -199. Hops 3 x 6 + 1 + 1 = 20, 17 within.
 * - dva-y: C6 C7 C8 = 3; happy 1, error 1, one-sided 1; it logged 2, both logged 2:
 *   completeness 2/2, one-sided 2/3, availability 3/3. Hops 6 + 6 = 12, 11 within.
 * - Network: 8 decided, happy 4, errors 2 (1 server side), alternative 1, one-sided 1:
 *   availability 7/8 (either side's failure counts), hops 32, 28 within 2 s.
 * - Deliveries (aanleveringen in the month, each party one per chain it logged):
 *   pgo-a 5 in 5 distinct hours -> 740 hours without; pgo-b 3 -> 742; dva-y 2 -> 743;
 *   dva-x: 742 hourly re-deliveries (every hour but 10, 11 and 12 UTC on 20 Oct) + 5 chain
 *   deliveries (in hours it already covered) + 1 unreadable message at 11:45 UTC on 20 Oct =
 *   748 aanleveringen, 747 technisch OK, 743 hours with a delivery, 2 without.
 * - pgo-a's lines: 6 per happy chain x 3 + 1 (C5) + 1 (C8) = 20.
 * - Incidents opened in October: #1 P2 dva-x (MTTA 600 s, MTTR 7200 s), #2 P3 dva-x + pgo-a
 *   (1800 s, 14400 s), #4 P4 dva-y (3600 s, not resolved); #3 (00:10 local 1 Nov) is November.
 *   dva-x: 2, MTTA 1200 s, MTTR 10800 s; pgo-a: 1 (1800, 14400); pgo-b: 0; dva-y: 1 (3600, null);
 *   network: 3, MTTA (600 + 1800 + 3600) / 3 = 2000 s, MTTR (7200 + 14400) / 2 = 10800 s.
 * - Beheerrapport (per gegevensdienst and flow: successful / failed / not completed):
 *   network 48 verzamelen 2/1/2 (C1 C3 / C5 / C8 C9), 48 abonneren 1/0/0, 51 delen 1/1/0.
 */
describe('reports: monthly SLA and delivery report of a scenario month', () => {
  let h: ReportHarness;
  let report: MonthlyReport;
  let operator: string;
  const section = (id: string): ParticipantSection => report.participants.find((p) => p.id === id)!;
  const slo = (s: { slos: MonthlyReport['participants'][number]['slos'] }, sli: string) =>
    s.slos.find((x) => x.sli === sli)!;

  beforeAll(async () => {
    h = await startReportHarness();
    operator = await h.api.token('operator');
    const res = await h.api.request<MonthlyReport>('GET', '/api/v1/reports/monthly?month=2026-10', {
      token: operator,
    });
    expect(res.status).toBe(200);
    report = res.body;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('covers the local calendar month, DST included', () => {
    expect(report).toMatchObject({
      month: '2026-10',
      timeZone: 'Europe/Amsterdam',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
      hours: 745,
      scope: 'network',
    });
    expect(report.participants.map((p) => p.id)).toEqual(['dva-x', 'dva-y', 'pgo-a', 'pgo-b']);
  });

  it('counts the chains of the month per participant and for the network', () => {
    expect(section('pgo-a').chains).toMatchObject({
      decided: 5,
      happy: 3,
      errors: 1,
      dvaFailed: 1,
      dvpFailed: 0,
      oneSided: 1,
      dvpLogged: 5,
      bothLogged: 4,
    });
    expect(section('pgo-b').chains).toMatchObject({ decided: 3, happy: 1, errors: 1, alternative: 1 });
    expect(section('dva-x').chains).toMatchObject({
      decided: 5,
      happy: 3,
      errors: 1,
      dvaFailed: 1,
      alternative: 1,
    });
    expect(section('dva-y').chains).toMatchObject({
      decided: 3,
      happy: 1,
      errors: 1,
      oneSided: 1,
      dvaLogged: 2,
    });
    expect(report.network!.chains).toMatchObject({
      decided: 8,
      happy: 4,
      errors: 2,
      dvaFailed: 1,
      dvpFailed: 0,
      alternative: 1,
      oneSided: 1,
      bothLogged: 7,
    });
  });

  it('gives availability and the error budget per SLO', () => {
    const x = slo(section('dva-x'), 'availability');
    // The calendar-month definition is the monthly SLA.
    expect(x).toMatchObject({ slo: 'availability-month', target: 0.999, good: 4, total: 5, met: false });
    expect(x.ratio).toBeCloseTo(0.8, 12);
    expect(x.budgetAllowed).toBeCloseTo(0.005, 12);
    expect(x.budgetSpent).toBe(1);
    expect(x.budgetRemaining).toBeCloseTo(-199, 6);
    expect(slo(section('pgo-a'), 'availability')).toMatchObject({
      good: 5,
      total: 5,
      ratio: 1,
      met: true,
      budgetRemaining: 1,
    });
    expect(slo(section('pgo-a'), 'chain-success')).toMatchObject({ good: 4, total: 5 });
    expect(slo(section('pgo-a'), 'happy-flow')).toMatchObject({ good: 3, total: 5 });
    expect(slo(section('pgo-a'), 'one-sided')).toMatchObject({ good: 4, total: 5 });
    expect(slo(section('pgo-a'), 'completeness')).toMatchObject({ good: 4, total: 5 });
    expect(slo(section('pgo-a'), 'hop-latency')).toMatchObject({ good: 16, total: 19 });
    expect(slo(section('pgo-b'), 'hop-latency')).toMatchObject({ good: 12, total: 13 });
    expect(slo(section('pgo-b'), 'chain-success')).toMatchObject({ good: 2, total: 3 });
    expect(slo(section('dva-x'), 'hop-latency')).toMatchObject({ good: 17, total: 20 });
    expect(slo(section('dva-y'), 'hop-latency')).toMatchObject({ good: 11, total: 12 });
    expect(slo(section('dva-y'), 'one-sided')).toMatchObject({ good: 2, total: 3 });
    expect(slo(section('dva-y'), 'completeness')).toMatchObject({ good: 2, total: 2 });
    expect(slo(report.network!, 'availability')).toMatchObject({ good: 7, total: 8, ratio: 0.875 });
    expect(slo(report.network!, 'hop-latency')).toMatchObject({ good: 28, total: 32 });
  });

  it('counts clock hours without an aanlevering (any outcome) per participant', () => {
    expect(section('dva-x').delivery).toMatchObject({
      aanleveringen: 748,
      technischOk: 747,
      technischNietOk: 1,
      hoursInMonth: 745,
      hoursWithDelivery: 743,
      hoursWithoutDelivery: 2,
      lastDeliveryAt: '2026-10-31T22:31:00.000Z',
    });
    expect(section('pgo-a').delivery).toMatchObject({
      aanleveringen: 5,
      lines: 20,
      hoursWithoutDelivery: 740,
    });
    expect(section('pgo-b').delivery).toMatchObject({ aanleveringen: 3, hoursWithoutDelivery: 742 });
    expect(section('dva-y').delivery).toMatchObject({ aanleveringen: 2, hoursWithoutDelivery: 743 });
    expect(report.network).toMatchObject({
      aanleveringen: 758,
      participantsMissingHours: 4,
      hoursWithoutDelivery: 2 + 740 + 742 + 743,
    });
  });

  it('reports one-sided chains and completeness', () => {
    expect(section('dva-y').completeness).toEqual({
      decided: 3,
      oneSided: 1,
      oneSidedShare: 1 / 3,
      logged: 2,
      bothLogged: 2,
      completeness: 1,
    });
    expect(section('pgo-a').completeness).toMatchObject({
      oneSided: 1,
      logged: 5,
      bothLogged: 4,
      completeness: 0.8,
    });
    expect(report.network!.completeness).toMatchObject({ decided: 8, oneSided: 1, oneSidedShare: 0.125 });
  });

  it('lists the incidents of the month with MTTA and MTTR', () => {
    expect(section('dva-x').incidents).toMatchObject({ total: 2, mttaSeconds: 1200, mttrSeconds: 10800 });
    expect(section('dva-x').incidents.list.map((i) => [i.priority, i.mttaSeconds, i.mttrSeconds])).toEqual([
      ['P2', 600, 7200],
      ['P3', 1800, 14400],
    ]);
    expect(section('pgo-a').incidents).toMatchObject({ total: 1, mttaSeconds: 1800, mttrSeconds: 14400 });
    expect(section('pgo-b').incidents).toMatchObject({ total: 0, mttaSeconds: null, mttrSeconds: null });
    expect(section('dva-y').incidents).toMatchObject({ total: 1, mttaSeconds: 3600, mttrSeconds: null });
    const n = report.network!.incidents;
    expect(n).toMatchObject({ total: 3, mttaSeconds: 2000, mttrSeconds: 10800 });
    expect(n.byPriority.map((p) => [p.priority, p.total, p.mttaSeconds, p.mttrSeconds])).toEqual([
      ['P2', 1, 600, 7200],
      ['P3', 1, 1800, 14400],
      ['P4', 1, 3600, null],
    ]);
  });

  it('gives the Beheerrapport: Verzamelen, Delen and Abonneren per gegevensdienst', () => {
    expect(report.network!.beheerrapport).toEqual([
      { gegevensdienst: '48', flow: 'verzamelen', successful: 2, failed: 1, notCompleted: 2 },
      { gegevensdienst: '48', flow: 'abonneren', successful: 1, failed: 0, notCompleted: 0 },
      { gegevensdienst: '51', flow: 'delen', successful: 1, failed: 1, notCompleted: 0 },
    ]);
    expect(section('pgo-b').beheerrapport).toEqual([
      { gegevensdienst: '48', flow: 'verzamelen', successful: 0, failed: 0, notCompleted: 1 },
      { gegevensdienst: '51', flow: 'delen', successful: 1, failed: 1, notCompleted: 0 },
    ]);
    expect(section('dva-x').beheerrapport).toEqual([
      { gegevensdienst: '48', flow: 'verzamelen', successful: 2, failed: 1, notCompleted: 1 },
      { gegevensdienst: '48', flow: 'abonneren', successful: 1, failed: 0, notCompleted: 0 },
    ]);
  });
});
