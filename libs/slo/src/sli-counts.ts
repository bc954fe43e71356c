import { Counts } from './burn-rate';
import { ChainCounters, HopCounters } from './counters';
import { EntityKind } from './entity';
import { RatioSli } from './slo-definition';

/**
 * Good and total events of a ratio SLI for one entity kind, from the window's counters.
 * Event-weighted: each chain (or hop) is one event, so a budget is never an average of ratios.
 */
export function sliCounts(
  sli: RatioSli,
  kind: EntityKind,
  chains: ChainCounters | undefined,
  hops: HopCounters | undefined,
  params: Readonly<Record<string, number>> = {},
): Counts {
  if (sli === 'hop-latency') {
    if (!hops) return { good: 0, total: 0 };
    return { good: hops.le[params.thresholdMs ?? 2000] ?? 0, total: hops.hops };
  }
  if (!chains) return { good: 0, total: 0 };
  const c = chains;
  switch (sli) {
    case 'availability':
      return { good: c.decided - serverFailures(kind, c), total: c.decided };
    case 'chain-success':
      return { good: c.decided - c.errors, total: c.decided };
    case 'happy-flow':
      return { good: c.happy, total: c.decided };
    case 'one-sided':
      return { good: c.decided - c.oneSided, total: c.decided };
    case 'completeness':
      if (kind === 'dvp') return { good: c.bothLogged, total: c.dvpLogged };
      if (kind === 'dva') return { good: c.bothLogged, total: c.dvaLogged };
      return { good: c.bothLogged, total: c.decided };
  }
}

/**
 * How much of the entity's chains its own side logged (for the insufficient-data guard). The
 * DVA logs for its zorgaanbieders; a pair needs both; a gegevensdienst has no own side.
 */
export function ownLogging(
  kind: EntityKind,
  c: ChainCounters | undefined,
): { ownLogged: number; attributed: number } | undefined {
  if (!c || kind === 'gegevensdienst') return undefined;
  const ownLogged =
    kind === 'dvp' ? c.dvpLogged : kind === 'pair' ? Math.min(c.dvpLogged, c.dvaLogged) : c.dvaLogged;
  return { ownLogged, attributed: c.decided };
}

/**
 * Chains that failed for server-side reasons, as far as the entity is concerned: a DVP
 * answers for its own components, a DVA (and its zorgaanbieders) for its own; a pair and a
 * gegevensdienst for both.
 */
export function serverFailures(kind: EntityKind, c: ChainCounters): number {
  if (kind === 'dvp') return c.dvpFailed;
  if (kind === 'dva' || kind === 'zorgaanbieder') return c.dvaFailed;
  return c.dvaFailed + c.dvpFailed;
}
