/**
 * Delay before retry number `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with up
 * to 10% jitter so many failed deliveries do not retry in lock-step.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + 0.1 * random()));
}
