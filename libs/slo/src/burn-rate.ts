/** Good and total events of one window (event-weighted: every chain or hop counts once). */
export interface Counts {
  readonly good: number;
  readonly total: number;
}

export const NO_COUNTS: Counts = { good: 0, total: 0 };

/** good / total; null without events. */
export function sliRatio(c: Counts): number | null {
  return c.total > 0 ? c.good / c.total : null;
}

/**
 * How fast the error budget burns: the bad share divided by the share the objective allows.
 * 1 = the budget lasts exactly the SLO window; 14.4 = a 30-day budget gone in ~2 days.
 */
export function burnRate(c: Counts, target: number): number | null {
  if (c.total <= 0) return null;
  return (c.total - c.good) / c.total / (1 - target);
}

/**
 * Share of the window's error budget left: 1 - bad / allowed bad, where allowed bad is
 * (1 - target) x total events (event-weighted budget). Negative once overspent.
 */
export function budgetRemaining(c: Counts, target: number): number | null {
  if (c.total <= 0) return null;
  const allowed = (1 - target) * c.total;
  return 1 - (c.total - c.good) / allowed;
}
