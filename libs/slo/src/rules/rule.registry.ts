import { burnRateTierRule } from './burn-rate-tier.rule';
import { clockSkewRule } from './clock-skew.rule';
import { hourlyDeliveryRule } from './hourly-delivery.rule';
import { insufficientDataRule } from './insufficient-data.rule';
import { minimumTrafficRule } from './minimum-traffic.rule';

/** Every rule the rule worker applies, by id. */
export const RULES = {
  burnRateTier: burnRateTierRule,
  minimumTraffic: minimumTrafficRule,
  insufficientData: insufficientDataRule,
  hourlyDelivery: hourlyDeliveryRule,
  clockSkew: clockSkewRule,
} as const;

export const RULE_LIST = Object.values(RULES);
