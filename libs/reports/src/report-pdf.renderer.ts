import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MonthlyReport } from './monthly-report';
import { renderReportHtml } from './report-html.renderer';
import { ReportError, ReportErrorCode } from './report.error';

export interface ChromiumOptions {
  /** Debian's `chromium` by default (found on PATH). */
  readonly executable?: string;
  readonly timeoutMs?: number;
}

/**
 * Flags for a headless, offline, one-shot Chromium: no sandbox (containers, root), no GPU, no
 * network chatter (QUIC, background networking, component updates, sync), and a fresh profile
 * per run so concurrent renders never share state.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
] as const;

/**
 * Runs headless Chromium on an HTML document in a temporary directory. `args(dir)` gives the
 * action (e.g. `--print-to-pdf=<dir>/out.pdf`); the page is the last argument. Returns stdout
 * (what `--dump-dom` prints). The directory, profile included, is removed afterwards.
 */
export async function withChromium<T>(
  html: string,
  args: (dir: string) => string[],
  collect: (dir: string, stdout: string) => Promise<T>,
  options: ChromiumOptions = {},
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ketenmonitor-report-'));
  try {
    const page = join(dir, 'report.html');
    await writeFile(page, html, 'utf8');
    const argv = [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${join(dir, 'profile')}`,
      ...args(dir),
      pathToFileURL(page).href,
    ];
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        options.executable ?? 'chromium',
        argv,
        { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
        (err, out, stderr) => {
          if (err) {
            reject(
              new ReportError(
                ReportErrorCode.RendererFailed,
                `chromium failed (${err.message.split('\n')[0]}): ${String(stderr).slice(-500)}`,
              ),
            );
          } else resolve(out);
        },
      );
    });
    return await collect(dir, stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The printable HTML report as PDF, printed by headless Chromium (A4, no header/footer). */
export class ReportPdfRenderer {
  constructor(private readonly options: ChromiumOptions = {}) {}

  async render(report: MonthlyReport): Promise<Buffer> {
    return withChromium(
      renderReportHtml(report),
      (dir) => ['--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'report.pdf')}`],
      async (dir) => {
        const pdf = await readFile(join(dir, 'report.pdf')).catch(() => undefined);
        if (!pdf || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
          throw new ReportError(ReportErrorCode.RendererFailed, 'chromium wrote no PDF');
        }
        return pdf;
      },
      this.options,
    );
  }
}
