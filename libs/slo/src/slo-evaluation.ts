import { Counts, NO_COUNTS, budgetRemaining, burnRate, sliRatio } from './burn-rate';
import { RULES } from './rules/rule.registry';
import { BurnRateTierResult } from './rules/burn-rate-tier.rule';
import { SloDefinition } from './slo-definition';

export type SloState = 'ok' | 'burning' | 'insufficient_data' | 'no_data';
/** `held`: the entity cannot be judged now (insufficient data); the alert keeps its state. */
export type TierState = 'firing' | 'cleared' | 'held';

export interface PolicyStatus extends BurnRateTierResult {
  /** Why the condition may not fire although it burns. */
  readonly suppressedBy?: 'minimum-traffic' | 'insufficient-data';
  readonly longEvents: number;
}

export interface SloStatus {
  readonly slo: string;
  readonly version: number;
  readonly sli: string;
  readonly entity: string;
  readonly target: number;
  /** `30d` rolling or `month` (calendar month). */
  readonly window: string;
  readonly state: SloState;
  readonly ratio: number | null;
  readonly good: number;
  readonly total: number;
  readonly budgetRemaining: number | null;
  readonly burnRates: Readonly<Record<string, number | null>>;
  readonly policies: readonly PolicyStatus[];
  readonly tiers: Readonly<Record<string, TierState>>;
  readonly ownLoggingShare: number | null;
  readonly reason: string;
}

export interface SloEvaluationInput {
  readonly definition: SloDefinition;
  readonly entity: string;
  /** Good/total of the SLI per window name (5m .. 3d, 30d, month). */
  readonly counts: ReadonlyMap<string, Counts>;
  readonly ownLogging?: { readonly ownLogged: number; readonly attributed: number };
  readonly deliveryOverdue: boolean;
}

const BURN_WINDOWS = ['5m', '30m', '1h', '6h', '3d'];

/**
 * One SLO for one entity: SLI and error budget over the SLO window, burn rates, and the
 * multi-window multi-burn-rate conditions, each gated by the minimum-traffic guard; the whole
 * evaluation is held when the insufficient-data rule says the entity cannot be judged.
 */
export function evaluateSlo(input: SloEvaluationInput): SloStatus {
  const { definition, entity, counts } = input;
  const spec = definition.document.spec;
  const target = spec.objectives[0].target;
  const window = spec.timeWindow[0].duration === '1M' ? 'month' : '30d';
  const budgetCounts = counts.get(window) ?? NO_COUNTS;
  const burnRates = Object.fromEntries(
    BURN_WINDOWS.map((w) => [w, burnRate(counts.get(w) ?? NO_COUNTS, target)]),
  );
  const data = RULES.insufficientData.evaluate({
    ownLogged: input.ownLogging?.ownLogged ?? 0,
    attributed: input.ownLogging?.attributed ?? 0,
    minOwnLoggingShare: input.ownLogging ? spec.guards?.minOwnLoggingShare : undefined,
    deliveryOverdue: input.deliveryOverdue && spec.guards?.minOwnLoggingShare !== undefined,
  });
  const minEvents = spec.guards?.minEvents ?? 0;
  const policies: PolicyStatus[] = spec.alertPolicies.map((policy) => {
    const long = counts.get(policy.longWindow) ?? NO_COUNTS;
    const result = RULES.burnRateTier.evaluate({
      policy,
      target,
      long,
      short: counts.get(policy.shortWindow) ?? NO_COUNTS,
    });
    const traffic = RULES.minimumTraffic.evaluate({ long, minEvents });
    const suppressedBy = !result.firing
      ? undefined
      : data.insufficient
        ? 'insufficient-data'
        : !traffic.sufficient
          ? 'minimum-traffic'
          : undefined;
    return { ...result, firing: result.firing && !suppressedBy, suppressedBy, longEvents: long.total };
  });
  const tiers: Record<string, TierState> = {};
  for (const p of policies) {
    if (data.insufficient) tiers[p.tier] = 'held';
    else if (p.firing) tiers[p.tier] = 'firing';
    else tiers[p.tier] ??= 'cleared';
  }
  const firing = policies.filter((p) => p.firing);
  const state: SloState = data.insufficient
    ? 'insufficient_data'
    : budgetCounts.total === 0 && BURN_WINDOWS.every((w) => (counts.get(w)?.total ?? 0) === 0)
      ? 'no_data'
      : firing.length > 0
        ? 'burning'
        : 'ok';
  return {
    slo: definition.name,
    version: definition.version,
    sli: spec.indicator.metadata.name,
    entity,
    target,
    window,
    state,
    ratio: sliRatio(budgetCounts),
    good: budgetCounts.good,
    total: budgetCounts.total,
    budgetRemaining: budgetRemaining(budgetCounts, target),
    burnRates,
    policies,
    tiers,
    ownLoggingShare: data.ownLoggingShare,
    reason: data.insufficient
      ? data.reason
      : firing
          .map(
            (p) =>
              `${p.policy}: burn ${fmt(p.longBurn)} over ${windowOf(definition, p.policy, 'long')} and ${fmt(p.shortBurn)} over ${windowOf(definition, p.policy, 'short')} (>= ${policyRate(definition, p.policy)})`,
          )
          .join('; '),
  };
}

function fmt(n: number | null): string {
  return n === null ? '-' : n.toFixed(1);
}

function policyOf(d: SloDefinition, name: string) {
  return d.document.spec.alertPolicies.find((p) => p.name === name);
}

function windowOf(d: SloDefinition, name: string, which: 'long' | 'short'): string {
  const p = policyOf(d, name);
  return (which === 'long' ? p?.longWindow : p?.shortWindow) ?? '';
}

function policyRate(d: SloDefinition, name: string): number {
  return policyOf(d, name)?.burnRate ?? 0;
}
