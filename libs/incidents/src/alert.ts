import { Priority } from './incident';

/**
 * An alert from the rule worker (SLO burn rates, completeness, freshness, ...). Its dedup key
 * `(entity, rule, tier)` opens exactly one incident and keeps updating it while it is open; a
 * cleared alert lets the incident resolve itself after the quiet period.
 */
export interface Alert {
  /** What the alert is about, e.g. `dva:dva-huisartsnet` or `pair:pgo-x/dva-y`. */
  readonly entity: string;
  /** The SLO or rule id, e.g. `availability-30d`. */
  readonly rule: string;
  /** Alerting tier, e.g. `page` or `ticket`. */
  readonly tier: string;
  readonly state: 'firing' | 'cleared';
  readonly title?: string;
  readonly summary?: string;
  /** Defaults: `page` -> P2, otherwise P3. */
  readonly priority?: Priority;
  readonly participants?: readonly string[];
  readonly gegevensdiensten?: readonly string[];
  readonly traceIds?: readonly string[];
  readonly observedAt?: Date;
}

export type AlertAction = 'opened' | 'updated' | 'cleared' | 'ignored';

export interface AlertOutcome {
  readonly dedupKey: string;
  readonly incidentId: string | null;
  readonly action: AlertAction;
}

/** What the rule worker calls; implemented by the incident service. */
export interface AlertSink {
  /** Applies alerts in order; alerts of different dedup keys may be applied concurrently. */
  submit(alerts: readonly Alert[]): Promise<AlertOutcome[]>;
}

/** Injection token for the {@link AlertSink} implementation. */
export const ALERT_SINK = Symbol('ALERT_SINK');

export function alertDedupKey(alert: Pick<Alert, 'entity' | 'rule' | 'tier'>): string {
  return JSON.stringify([alert.entity, alert.rule, alert.tier]);
}

/** Consecutive alerts of one key and state, applied as one step. */
export interface AlertRun {
  /** The latest alert of the run (its summary and evidence win). */
  alert: Alert;
  count: number;
  /** Positions in the submitted list, to report an outcome for each. */
  readonly indexes: number[];
}

/**
 * Groups a submission by dedup key, keeping each key's order and folding consecutive alerts
 * of the same state into one run. An alert storm of N alerts over K keys becomes K short
 * sequences that can be applied in parallel.
 */
export function foldAlerts(alerts: readonly Alert[]): Map<string, AlertRun[]> {
  const byKey = new Map<string, AlertRun[]>();
  alerts.forEach((alert, index) => {
    const key = alertDedupKey(alert);
    let runs = byKey.get(key);
    if (!runs) byKey.set(key, (runs = []));
    const last = runs[runs.length - 1];
    if (last && last.alert.state === alert.state) {
      last.alert = alert;
      last.count += 1;
      last.indexes.push(index);
    } else {
      runs.push({ alert, count: 1, indexes: [index] });
    }
  });
  return byKey;
}
