import { MonthlyReport } from './monthly-report';
import { renderReportCsv } from './report-csv.renderer';
import { renderReportHtml } from './report-html.renderer';
import { renderReportJson } from './report-json.renderer';
import { ReportPdfRenderer } from './report-pdf.renderer';
import { ReportError, ReportErrorCode } from './report.error';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export function parseReportFormat(format: string | undefined): ReportFormat {
  const f = (format ?? 'json').toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
    throw new ReportError(
      ReportErrorCode.InvalidFormat,
      `format must be one of ${REPORT_FORMATS.join(', ')}, got "${format}"`,
    );
  }
  return f as ReportFormat;
}

/** One report model, four formats. */
export class ReportRenderer {
  constructor(private readonly pdf = new ReportPdfRenderer()) {}

  async render(report: MonthlyReport, format: ReportFormat): Promise<Buffer> {
    switch (format) {
      case 'json':
        return Buffer.from(renderReportJson(report), 'utf8');
      case 'csv':
        return Buffer.from(renderReportCsv(report), 'utf8');
      case 'html':
        return Buffer.from(renderReportHtml(report), 'utf8');
      case 'pdf':
        return this.pdf.render(report);
    }
  }

  /** A file name for downloads: `ketenmonitor-report-2026-10-network.pdf`. */
  fileName(report: MonthlyReport, format: ReportFormat): string {
    return `ketenmonitor-report-${report.month}-${report.scope}.${format}`;
  }
}
