import { ReportMonth } from './report-month';

/** `YYYY-MM-DD HH:MM:SS` (UTC) for DateTime parameters. */
export function chSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The month as `from`/`to` DateTime parameters (half-open: use `>= from AND < to`). */
export function chSecondsOf(month: ReportMonth): { from: string; to: string } {
  return { from: chSeconds(month.fromMs), to: chSeconds(month.toMs) };
}
