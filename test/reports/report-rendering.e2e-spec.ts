import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { withChromium } from '@app/reports';
import { CHDB_PATH } from '../support/engines';
import { reportCommand } from '../../apps/cli/src/report.command';
import { ReportHarness, startReportHarness } from './support/report-harness';

/** The text a reader sees: tags dropped, entities decoded, whitespace collapsed. */
function visibleText(dom: string): string {
  return dom
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The HTML and PDF of the scenario month's report, rendered by headless Chromium (Debian's
 * chromium package), show the hand-computed figures (monthly-report.e2e-spec.ts has the
 * computation); the CLI writes the same report with progress per participant.
 */
describe('reports: HTML and PDF rendered in headless Chromium, and the CLI', () => {
  let h: ReportHarness;
  let operator: string;
  const dir = mkdtempSync(join(tmpdir(), 'report-rendering-'));

  beforeAll(async () => {
    h = await startReportHarness();
    operator = await h.api.token('operator');
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetchReport = async (query: string): Promise<Buffer> => {
    const res = await fetch(`${h.api.baseUrl}/api/v1/reports/monthly${query}`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('shows the figures on the rendered page and in a screenshot', async () => {
    const html = (await fetchReport('?month=2026-10&format=html')).toString('utf8');
    const text = visibleText(
      await withChromium(
        html,
        () => ['--dump-dom'],
        async (_dir, stdout) => stdout,
      ),
    );
    expect(text).toContain('Monthly SLA and delivery report 2026-10');
    expect(text).toContain('2026-09-30T22:00:00.000Z to 2026-10-31T23:00:00.000Z (UTC), 745 hours');
    // Whole network: availability 7/8, incidents 3 with MTTA 2000 s and MTTR 10800 s.
    expect(text).toContain(
      'Bereikbaarheid (kalendermaand) (availability-month) 99.900% 87.500% 7 / 8 1 / 0.008',
    );
    expect(text).toContain('3 incident(s); MTTA 33 min 20 s, MTTR 3 h 00 min.');
    expect(text).toContain('48 verzamelen 2 1 2 48 abonneren 1 0 0 51 delen 1 1 0');
    expect(text).toContain(
      '4 of 4 participants missed at least one hour; 2227 participant-hours without delivery',
    );
    // dva-x: the calendar-month availability SLO missed, budget overspent 200-fold.
    expect(text).toContain(
      'Bereikbaarheid (kalendermaand) (availability-month) 99.900% 80.000% 4 / 5 1 / 0.005 -19900.000% no',
    );
    expect(text).toContain('748 747 / 1');
    expect(text).toContain('745 743 2 99.732%');
    expect(text).toContain('2 incident(s); MTTA 20 min 00 s, MTTR 3 h 00 min.');

    const png = await withChromium(
      html,
      (d) => ['--window-size=1280,1800', '--hide-scrollbars', `--screenshot=${join(d, 'shot.png')}`],
      async (d) => readFileSync(join(d, 'shot.png')),
    );
    expect(pngSize(png)).toEqual({ width: 1280, height: 1800 });
    // Text and tables, not a blank page (a blank 1280x1800 PNG is a few KB).
    expect(png.length).toBeGreaterThan(40_000);
  });

  it('prints a PDF with a page per section', async () => {
    const pdf = await fetchReport('?month=2026-10&format=pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    // The network and the four participants each start a page.
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('writes the report from the CLI with progress per participant', async () => {
    const config = loadConfig({
      DATABASE_URL: h.db.url,
      CHDB_PATH,
      ...(process.env.CLICKHOUSE_URL ? { CLICKHOUSE_URL: process.env.CLICKHOUSE_URL } : {}),
      CLICKHOUSE_DATABASE: h.ch.database,
      PARTICIPANTS_FILE: h.participantsFile,
      LOG_LEVEL: 'error',
    });
    const out = join(dir, 'network.pdf');
    const stderr: string[] = [];
    const io = { stdout: () => undefined, stderr: (l: string) => stderr.push(l) };
    expect(await reportCommand(['--month', '2026-10', '--format', 'pdf', '--out', out], config, io)).toBe(0);
    expect(stderr.slice(0, 4)).toEqual([
      'report 2026-10: participant 1/4 dva-x',
      'report 2026-10: participant 2/4 dva-y',
      'report 2026-10: participant 3/4 pgo-a',
      'report 2026-10: participant 4/4 pgo-b',
    ]);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const csv: Buffer[] = [];
    const csvIo = { stdout: (d: string | Buffer) => csv.push(Buffer.from(d)), stderr: () => undefined };
    expect(
      await reportCommand(['--month=2026-10', '--participant=pgo-a', '--format=csv'], config, csvIo),
    ).toBe(0);
    expect(Buffer.concat(csv).toString('utf8')).toContain(
      '2026-10,pgo-a,DVP,delivery,,hours_without_delivery,740',
    );

    const errors: string[] = [];
    const errIo = { stdout: () => undefined, stderr: (l: string) => errors.push(l) };
    expect(await reportCommand(['--month', '2026-10', '--participant', 'nobody'], config, errIo)).toBe(2);
    expect(errors.join('\n')).toContain('unknown participant "nobody"');
  });
});
