import { MonthlyReport } from './monthly-report';

/** The report model as JSON: the same figures the other formats show, unrounded. */
export function renderReportJson(report: MonthlyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
