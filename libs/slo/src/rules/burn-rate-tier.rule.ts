import { Counts, burnRate } from '../burn-rate';
import { AlertPolicy } from '../slo-definition';
import { Rule } from './rule';

export interface BurnRateTierInput {
  readonly policy: AlertPolicy;
  readonly target: number;
  readonly long: Counts;
  readonly short: Counts;
}

export interface BurnRateTierResult {
  readonly policy: string;
  readonly tier: AlertPolicy['tier'];
  readonly firing: boolean;
  readonly longBurn: number | null;
  readonly shortBurn: number | null;
}

/**
 * Multi-window, multi-burn-rate condition (SRE workbook ch. 5): fires when both the long window
 * and the short window burn at least at the policy's rate. The long window gives significance,
 * the short one makes the alert stop soon after the burn stops.
 */
export const burnRateTierRule: Rule<BurnRateTierInput, BurnRateTierResult> = {
  id: 'burn-rate-tier',
  description: 'long-window and short-window burn rate both at or above the policy burn rate',
  evaluate({ policy, target, long, short }) {
    const longBurn = burnRate(long, target);
    const shortBurn = burnRate(short, target);
    return {
      policy: policy.name,
      tier: policy.tier,
      firing:
        longBurn !== null &&
        shortBurn !== null &&
        longBurn >= policy.burnRate &&
        shortBurn >= policy.burnRate,
      longBurn,
      shortBurn,
    };
  },
};
