import { Gauge, Histogram } from 'prom-client';
import { BUCKETS, METRICS, metricsRegistry } from '@app/observability';

/**
 * Gauges per entity for Prometheus/Alertmanager users. Each replica exports the entities it
 * owns; every cycle replaces the previous values, so entities without data disappear.
 */
export class SloMetrics {
  readonly sli = new Gauge({
    name: METRICS.sloSli,
    help: 'SLI (good / total events) over the SLO window',
    labelNames: ['entity', 'slo', 'window'],
    registers: [metricsRegistry],
  });
  readonly burnRate = new Gauge({
    name: METRICS.sloBurnRate,
    help: 'Error-budget burn rate per window (1 = budget lasts exactly the SLO window)',
    labelNames: ['entity', 'slo', 'window'],
    registers: [metricsRegistry],
  });
  readonly budgetRemaining = new Gauge({
    name: METRICS.sloBudgetRemaining,
    help: 'Share of the SLO window error budget left (negative when overspent)',
    labelNames: ['entity', 'slo'],
    registers: [metricsRegistry],
  });
  readonly insufficientData = new Gauge({
    name: METRICS.sloInsufficientData,
    help: '1 when the entity logged too little of its own chains to be judged',
    labelNames: ['entity', 'slo'],
    registers: [metricsRegistry],
  });
  readonly alertFiring = new Gauge({
    name: METRICS.ruleAlertFiring,
    help: '1 while the alert (entity, rule, tier) is firing',
    labelNames: ['entity', 'rule', 'tier'],
    registers: [metricsRegistry],
  });
  readonly deliveryAge = new Gauge({
    name: METRICS.deliveryAge,
    help: 'Seconds since the participant last delivered an aanlevering',
    labelNames: ['participant'],
    registers: [metricsRegistry],
  });
  readonly clockSkew = new Gauge({
    name: METRICS.clockSkew,
    help: "Estimated offset of the participant's clock against its counterparts (positive: ahead)",
    labelNames: ['participant'],
    registers: [metricsRegistry],
  });
  readonly cycleDuration = new Histogram({
    name: METRICS.ruleCycleDuration,
    help: 'Duration of one full evaluation cycle',
    buckets: [...BUCKETS.ruleCycleSeconds],
    registers: [metricsRegistry],
  });
  readonly cycleEntities = new Gauge({
    name: METRICS.ruleCycleEntities,
    help: 'Entities this replica evaluated in the last cycle',
    registers: [metricsRegistry],
  });

  /** Drops the per-entity series before a cycle writes the current ones. */
  resetEntities(): void {
    for (const g of [this.sli, this.burnRate, this.budgetRemaining, this.insufficientData, this.alertFiring])
      g.reset();
    this.deliveryAge.reset();
    this.clockSkew.reset();
  }
}

let instance: SloMetrics | undefined;

/** One set per process (the registry rejects a metric name registered twice). */
export function sloMetrics(): SloMetrics {
  instance ??= new SloMetrics();
  return instance;
}
