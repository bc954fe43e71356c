/**
 * Timestamps as Dutch participants write them: local time in Europe/Amsterdam with
 * milliseconds and the offset of the moment (+01:00 in winter, +02:00 in summer), e.g.
 * `2025-09-22T16:30:00.123+02:00`. Computed without Intl (fast, and independent of the
 * machine's time-zone data): EU summer time runs from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October.
 */
const HOUR = 3_600_000;
const summerByYear = new Map<number, readonly [number, number]>();

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 24 * HOUR;
}

export function amsterdamOffsetMs(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  let summer = summerByYear.get(year);
  if (!summer) {
    summer = [lastSundayUtc(year, 2), lastSundayUtc(year, 9)];
    summerByYear.set(year, summer);
  }
  return instantMs >= summer[0] && instantMs < summer[1] ? 2 * HOUR : HOUR;
}

export function amsterdamDateTime(instantMs: number): string {
  const offset = amsterdamOffsetMs(instantMs);
  return `${new Date(instantMs + offset).toISOString().slice(0, 23)}${offset === 2 * HOUR ? '+02:00' : '+01:00'}`;
}

/** The same local time without its offset: a schema error participants really make. */
export function localDateTimeWithoutOffset(instantMs: number): string {
  return new Date(instantMs + amsterdamOffsetMs(instantMs)).toISOString().slice(0, 23);
}
