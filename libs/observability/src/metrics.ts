import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; apps add their metrics to it and expose it on /metrics. */
export const metricsRegistry = new Registry();
let defaultsCollected = false;

export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry });
}
