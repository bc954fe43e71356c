/** The windows SLIs are counted over. Short ones from the minute rollups, long ones hourly. */
export type WindowName = '5m' | '30m' | '1h' | '6h' | '3d' | '30d' | 'month';

export const MINUTE_WINDOWS: Readonly<Record<string, number>> = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
};
export const HOUR_WINDOWS: Readonly<Record<string, number>> = {
  '3d': 3 * 86_400_000,
  '30d': 30 * 86_400_000,
};
export const WINDOW_NAMES: readonly WindowName[] = ['5m', '30m', '1h', '6h', '3d', '30d', 'month'];

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Start (inclusive) of each window ending at `nowMs`, aligned to the rollup's bucket size. */
export function windowStarts(nowMs: number): { minute: Map<string, number>; hour: Map<string, number> } {
  const minute = new Map<string, number>();
  for (const [name, ms] of Object.entries(MINUTE_WINDOWS)) {
    minute.set(name, Math.floor((nowMs - ms) / MINUTE) * MINUTE);
  }
  const hour = new Map<string, number>();
  for (const [name, ms] of Object.entries(HOUR_WINDOWS))
    hour.set(name, Math.floor((nowMs - ms) / HOUR) * HOUR);
  const d = new Date(nowMs);
  hour.set('month', Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return { minute, hour };
}

/** `5m`, `1h`, `3d` -> milliseconds. */
export function durationMs(text: string): number {
  const m = /^(\d+)(m|h|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { m: MINUTE, h: HOUR, d: 24 * HOUR }[m[2] as 'm' | 'h' | 'd'];
}
