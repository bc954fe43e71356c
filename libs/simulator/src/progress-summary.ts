import { TrafficStats } from './traffic.player';

/** The one-line progress summary: totals, rates over the last interval, and the outcome mix. */
export function formatProgress(
  now: TrafficStats,
  before: TrafficStats,
  intervalMs: number,
  pendingLines: number,
  sendErrors: number,
): string {
  const seconds = Math.max(intervalMs, 1) / 1000;
  const chains = now.chains - before.chains;
  const o = now.outcomes;
  const b = before.outcomes;
  const pct = (n: number): string => (chains > 0 ? `${Math.round((100 * n) / chains)}%` : '-');
  const errors =
    o.authorization_request_error -
    b.authorization_request_error +
    (o.authentication_error - b.authentication_error) +
    (o.availability_check_error - b.availability_check_error) +
    (o.token_error - b.token_error) +
    (o.resource_error - b.resource_error) +
    (o.technical_failure - b.technical_failure);
  return (
    `simulator: ${now.chains} chains (${(chains / seconds).toFixed(1)}/s), ` +
    `${now.lines} lines (${Math.round((now.lines - before.lines) / seconds)}/s), ${now.messages} messages` +
    ` | last ${Math.round(seconds)} s: happy ${pct(o.happy - b.happy)}, errors ${pct(errors)}, ` +
    `cancelled ${pct(o.cancellation - b.cancellation)}, abandoned ${pct(o.abandonment - b.abandonment)}, ` +
    `one-sided ${pct(now.oneSided - before.oneSided)}, invalid lines ${now.invalidLines - before.invalidLines}, ` +
    `redeliveries ${now.redeliveries - before.redeliveries}` +
    ` | pending ${pendingLines} lines` +
    (now.chainsSkipped > 0 ? `, skipped ${now.chainsSkipped} chains` : '') +
    (sendErrors > 0 ? `, send errors ${sendErrors}` : '')
  );
}
