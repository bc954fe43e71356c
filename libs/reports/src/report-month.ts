import { ReportError, ReportErrorCode } from './report.error';

/** The platform reports in Dutch civil time: a month starts at local midnight of the 1st. */
export const REPORT_TIME_ZONE = 'Europe/Amsterdam';

/** One calendar month as a half-open UTC interval [fromMs, toMs). */
export interface ReportMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly timeZone: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Clock hours in the month: 743 in March, 745 in October (DST), 24 x days otherwise. */
  readonly hours: number;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (+1 h in CET, +2 h in CEST). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instantMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of local midnight at the start of a day (no DST change happens at midnight here). */
function localMidnight(year: number, monthIndex: number, timeZone: string): number {
  const naive = Date.UTC(year, monthIndex, 1);
  // The offset at the naive instant is right unless a change lies between; check once more.
  const first = naive - zoneOffsetMs(naive, timeZone);
  return naive - zoneOffsetMs(first, timeZone);
}

/** Parses `YYYY-MM` into the month's UTC interval in `timeZone`; a bad month is a ReportError. */
export function reportMonth(month: string, timeZone = REPORT_TIME_ZONE): ReportMonth {
  const m = MONTH_RE.exec(month ?? '');
  if (!m) {
    throw new ReportError(
      ReportErrorCode.InvalidMonth,
      `month must be YYYY-MM (e.g. 2026-10), got "${month}"`,
    );
  }
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  const fromMs = localMidnight(year, index, timeZone);
  const toMs = localMidnight(index === 11 ? year + 1 : year, (index + 1) % 12, timeZone);
  return { month, timeZone, fromMs, toMs, hours: (toMs - fromMs) / 3_600_000 };
}

/** The month before the one containing `nowMs` (the default report). */
export function previousMonth(nowMs: number, timeZone = REPORT_TIME_ZONE): string {
  const local = new Date(nowMs + zoneOffsetMs(nowMs, timeZone));
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
