import { MonthlyReport, ParticipantSection } from './monthly-report';
import { CSV_HEADER, renderReportCsv } from './report-csv.renderer';
import { duration, pct, renderReportHtml } from './report-html.renderer';
import { noChains, noHops } from './report-figures';
import { parseReportFormat } from './report-renderer.service';
import { ReportError } from './report.error';

const participant: ParticipantSection = {
  id: 'pgo-a',
  role: 'DVP',
  displayName: 'App "Gezond", <b>B.V.</b>',
  chains: { ...noChains(), decided: 3, happy: 3 },
  hops: noHops(),
  slos: [],
  completeness: { decided: 3, oneSided: 0, oneSidedShare: 0, logged: 3, bothLogged: 3, completeness: 1 },
  delivery: {
    aanleveringen: 1,
    technischOk: 1,
    technischNietOk: 0,
    lines: 3,
    hoursInMonth: 745,
    hoursWithDelivery: 1,
    hoursWithoutDelivery: 744,
    compliance: 1 / 745,
    lastDeliveryAt: null,
  },
  incidents: {
    total: 1,
    mttaSeconds: 90,
    mttrSeconds: null,
    byPriority: [],
    list: [
      {
        number: 7,
        title: 'Storing, "login" <script>',
        priority: 'P1',
        status: 'acknowledged',
        createdAt: '2026-10-01T08:00:00.000Z',
        mttaSeconds: 90,
        mttrSeconds: null,
        reactionBreached: false,
        resolutionBreached: false,
      },
    ],
  },
  beheerrapport: [],
};

const report: MonthlyReport = {
  month: '2026-10',
  timeZone: 'Europe/Amsterdam',
  from: '2026-09-30T22:00:00.000Z',
  to: '2026-10-31T23:00:00.000Z',
  hours: 745,
  generatedAt: '2026-11-01T06:00:00.000Z',
  scope: 'pgo-a',
  network: null,
  participants: [participant],
};

describe('report renderers', () => {
  it('writes RFC 4180 CSV: quotes fields with commas and quotes, CRLF line ends', () => {
    const csv = renderReportCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toContain('2026-10,pgo-a,DVP,incident,#7,title,"Storing, ""login"" <script>"');
    expect(lines).toContain('2026-10,pgo-a,DVP,delivery,,hours_without_delivery,744');
    expect(lines).toContain('2026-10,pgo-a,DVP,incidents,,mttr_seconds,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('escapes everything it prints in HTML and uses no scripts', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('App &quot;Gezond&quot;, &lt;b&gt;B.V.&lt;/b&gt;');
    expect(html).toContain('Storing, &quot;login&quot; &lt;script&gt;');
    expect(html).not.toContain('<script');
  });

  it('formats ratios and durations for print', () => {
    expect(pct(0.999)).toBe('99.900%');
    expect(pct(null)).toBe('–');
    expect(duration(90)).toBe('1 min 30 s');
    expect(duration(10_800)).toBe('3 h 00 min');
    expect(duration(null)).toBe('–');
  });

  it('accepts the four formats and rejects others', () => {
    expect(parseReportFormat(undefined)).toBe('json');
    expect(parseReportFormat('PDF')).toBe('pdf');
    expect(() => parseReportFormat('xlsx')).toThrow(ReportError);
  });
});
