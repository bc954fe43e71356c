import { JsonLogger } from '@app/observability';

/**
 * An alert as the rule worker hands it to the incident service. Structurally the `Alert` of
 * @app/incidents (dedup key `(entity, rule, tier)`), so its `AlertSink` can be bound to
 * {@link RULE_ALERT_SINK} directly.
 */
export interface RuleAlert {
  readonly entity: string;
  readonly rule: string;
  readonly tier: string;
  readonly state: 'firing' | 'cleared';
  readonly title?: string;
  readonly summary?: string;
  readonly participants?: readonly string[];
  readonly gegevensdiensten?: readonly string[];
  readonly traceIds?: readonly string[];
  readonly observedAt?: Date;
}

export interface RuleAlertSink {
  submit(alerts: readonly RuleAlert[]): Promise<unknown>;
}

/** Injection token: bind the incident service's AlertSink here (`useExisting: ALERT_SINK`). */
export const RULE_ALERT_SINK = Symbol('RULE_ALERT_SINK');

/** The default when no incident service is wired: alerts go to the structured log. */
export class LoggingAlertSink implements RuleAlertSink {
  private readonly log = new JsonLogger('rule-alerts');

  async submit(alerts: readonly RuleAlert[]): Promise<void> {
    for (const a of alerts) this.log.warn(`alert ${a.state}: ${a.title ?? a.rule}`, { ...a });
  }
}

/** Keeps what it receives (tests, benchmarks). */
export class RecordingAlertSink implements RuleAlertSink {
  readonly received: RuleAlert[] = [];

  async submit(alerts: readonly RuleAlert[]): Promise<void> {
    this.received.push(...alerts);
  }
}

export function alertKey(a: Pick<RuleAlert, 'entity' | 'rule' | 'tier'>): string {
  return JSON.stringify([a.entity, a.rule, a.tier]);
}
