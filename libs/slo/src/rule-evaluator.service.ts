import { ChainFinalizer, Clock, FinalizeResult } from '@app/chains';
import { JsonLogger } from '@app/observability';
import { ParticipantDirectory } from '@app/participants';
import { AlertState, AlertStateRepository } from './alert-state.repository';
import { RuleAlert, RuleAlertSink, alertKey } from './alert-sink';
import { participantOffsets } from './clock-skew-estimate';
import { DeliveryRepository } from './delivery.repository';
import { EntityKind, entityKey, entityParticipants, parseEntityKey } from './entity';
import { HopRollupRepository } from './hop-rollup.repository';
import { RULES } from './rules/rule.registry';
import { ReplicaShard, owns } from './sharding';
import { SliCollector, countsOf, ownLoggingOf } from './sli-collector';
import { SloDefinition, isRatioSli } from './slo-definition';
import { SloDefinitionsRepository } from './slo-definitions.repository';
import { SloStatus, evaluateSlo } from './slo-evaluation';
import { SloMetrics } from './slo.metrics';

export interface ParticipantRuleStatus {
  readonly entity: string;
  readonly rule: string;
  readonly indicator: 'delivery-freshness' | 'clock-skew';
  readonly firing: boolean;
  readonly value: number | null;
  readonly reason: string;
}

export interface CycleReport {
  readonly nowMs: number;
  readonly durationMs: number;
  readonly finalized?: FinalizeResult;
  readonly entities: number;
  readonly statuses: SloStatus[];
  readonly participantRules: ParticipantRuleStatus[];
  /** Alerts handed to the sink this cycle (state changes only). */
  readonly alerts: RuleAlert[];
}

export interface RuleEvaluatorDeps {
  readonly clock: Clock;
  readonly shard: ReplicaShard;
  readonly definitions: SloDefinitionsRepository;
  readonly collector: SliCollector;
  readonly hopRollups: HopRollupRepository;
  readonly deliveries: DeliveryRepository;
  readonly alertStates: AlertStateRepository;
  readonly sink: RuleAlertSink;
  readonly directory: ParticipantDirectory;
  /** Decides this replica's share of the chains first; absent when another process does it. */
  readonly finalizer?: ChainFinalizer;
  readonly metrics?: SloMetrics;
}

interface Desired {
  readonly entity: string;
  readonly rule: string;
  readonly tier: string;
  readonly state: 'firing' | 'cleared';
  readonly summary: string;
  readonly title: string;
}

/**
 * One evaluation cycle of one replica: decide chains, read the rollups once for every entity,
 * evaluate every SLO for every entity this replica owns, then the hourly delivery and
 * clock-skew rules per owned participant, and hand every change of alert state to the sink.
 */
export class RuleEvaluator {
  private readonly log = new JsonLogger('rule-worker');
  private states: Map<string, AlertState> | undefined;

  constructor(private readonly deps: RuleEvaluatorDeps) {}

  async cycle(): Promise<CycleReport> {
    const d = this.deps;
    const started = Date.now();
    const nowMs = d.clock.now();
    const finalized = d.finalizer ? await d.finalizer.finalize(nowMs, d.shard) : undefined;
    const definitions = await d.definitions.active();
    const states = await this.loadStates();
    const ratioDefs = definitions.filter((def) => isRatioSli(def.document.spec.indicator.metadata.name));
    const withHops = ratioDefs.some((def) => def.document.spec.indicator.metadata.name === 'hop-latency');
    const [collected, lastDeliveries] = await Promise.all([
      d.collector.windows(nowMs, undefined, withHops),
      d.deliveries.lastDeliveries(nowMs),
    ]);

    const desired: Desired[] = [];
    const participantRules = await this.participantRules(definitions, nowMs, lastDeliveries, desired);
    const overdue = new Set(
      participantRules.filter((r) => r.indicator === 'delivery-freshness' && r.firing).map((r) => r.entity),
    );

    const known = new Set([...collected.chains.keys(), ...collected.hops.keys()]);
    const statuses: SloStatus[] = [];
    const evaluated = new Set<string>();
    for (const def of ratioDefs) {
      const spec = def.document.spec;
      const sli = spec.indicator.metadata.name;
      if (!isRatioSli(sli)) continue;
      // Entities with data, plus those whose alert is still firing (so it can clear).
      const keys = new Set([...known]);
      for (const s of states.values()) if (s.rule === def.name && s.state === 'firing') keys.add(s.entity);
      for (const key of keys) {
        const ref = parseEntityKey(key);
        if (!ref || !spec.entitySelector.kinds.includes(ref.kind) || !owns(d.shard, key)) continue;
        evaluated.add(key);
        const status = evaluateSlo({
          definition: def,
          entity: key,
          counts: countsOf(collected, key, sli, spec.indicator.params),
          ownLogging: ownLoggingOf(collected, key),
          deliveryOverdue: this.deliveryOverdue(ref.kind, ref.id, overdue),
        });
        statuses.push(status);
        for (const [tier, state] of Object.entries(status.tiers)) {
          if (state === 'held') continue;
          desired.push({
            entity: key,
            rule: def.name,
            tier,
            state,
            title: `${def.document.metadata.displayName ?? def.name} (${tier}): ${key}`,
            summary:
              state === 'firing'
                ? status.reason
                : `burn rate back below the ${tier} thresholds (SLI ${status.ratio?.toFixed(4) ?? '-'})`,
          });
        }
      }
    }
    const alerts = await this.handOver(desired, states, nowMs);
    this.export(statuses, participantRules, states);
    const durationMs = Date.now() - started;
    d.metrics?.cycleDuration.observe(durationMs / 1000);
    d.metrics?.cycleEntities.set(evaluated.size);
    return { nowMs, durationMs, finalized, entities: evaluated.size, statuses, participantRules, alerts };
  }

  private deliveryOverdue(kind: EntityKind, id: string, overdue: Set<string>): boolean {
    if (kind === 'dvp') return overdue.has(entityKey({ kind, id }));
    if (kind === 'dva') return overdue.has(entityKey({ kind, id }));
    if (kind === 'pair') {
      const [dvp, dva] = id.split('/');
      return overdue.has(`dvp:${dvp}`) || overdue.has(`dva:${dva}`);
    }
    if (kind === 'zorgaanbieder') {
      const dva = this.deps.directory.zorgaanbieder(id)?.dvaId;
      return dva !== undefined && overdue.has(`dva:${dva}`);
    }
    return false;
  }

  /** The hourly delivery and clock-skew rules for every registered participant this replica owns. */
  private async participantRules(
    definitions: readonly SloDefinition[],
    nowMs: number,
    lastDeliveries: Map<string, number>,
    desired: Desired[],
  ): Promise<ParticipantRuleStatus[]> {
    const out: ParticipantRuleStatus[] = [];
    const participants = this.deps.directory
      .participants()
      .map((p) => ({ p, key: entityKey({ kind: p.role === 'DVP' ? 'dvp' : 'dva', id: p.id }) }))
      .filter(({ key }) => owns(this.deps.shard, key));
    for (const def of definitions) {
      const spec = def.document.spec;
      const params = spec.indicator.params ?? {};
      const scoped = participants.filter(({ key }) =>
        spec.entitySelector.kinds.includes(parseEntityKey(key)!.kind),
      );
      if (spec.indicator.metadata.name === 'delivery-freshness') {
        for (const { p, key } of scoped) {
          const r = RULES.hourlyDelivery.evaluate({
            lastDeliveryMs: lastDeliveries.get(p.id) ?? null,
            nowMs,
            maxAgeSeconds: params.maxAgeSeconds ?? 3600,
            graceSeconds: params.graceSeconds ?? 300,
          });
          out.push({
            entity: key,
            rule: def.name,
            indicator: 'delivery-freshness',
            firing: r.firing,
            value: r.ageSeconds,
            reason: r.reason,
          });
          desired.push({
            entity: key,
            rule: def.name,
            tier: 'ticket',
            state: r.firing ? 'firing' : 'cleared',
            title: `${p.displayName} delivers less than hourly`,
            summary: r.firing ? r.reason : 'delivering again',
          });
        }
      } else if (spec.indicator.metadata.name === 'clock-skew') {
        const windowMs = (params.windowMinutes ?? 360) * 60_000;
        const offsets = participantOffsets(await this.deps.hopRollups.pairMedians(nowMs - windowMs, nowMs));
        for (const { p, key } of scoped) {
          const r = RULES.clockSkew.evaluate({
            offsets: offsets.get(p.id) ?? [],
            maxSkewMs: (params.maxSkewSeconds ?? 30) * 1000,
            minSamples: params.minSamples ?? 5,
          });
          out.push({
            entity: key,
            rule: def.name,
            indicator: 'clock-skew',
            firing: r.firing,
            value: r.skewMs === null ? null : r.skewMs / 1000,
            reason: r.reason,
          });
          if (r.skewMs === null && !r.firing) continue;
          desired.push({
            entity: key,
            rule: def.name,
            tier: 'ticket',
            state: r.firing ? 'firing' : 'cleared',
            title: `${p.displayName}: clock off`,
            summary: r.firing ? r.reason : 'clock within the threshold again',
          });
        }
      }
    }
    return out;
  }

  private async loadStates(): Promise<Map<string, AlertState>> {
    if (!this.states) {
      this.states = new Map((await this.deps.alertStates.all()).map((s) => [alertKey(s), s]));
    }
    return this.states;
  }

  /** Hands state changes to the sink; the stored states move only once the sink accepted them. */
  private async handOver(desired: readonly Desired[], states: Map<string, AlertState>, nowMs: number) {
    const changes = desired.filter((x) => (states.get(alertKey(x))?.state ?? 'cleared') !== x.state);
    if (changes.length === 0) return [];
    const alerts: RuleAlert[] = changes.map((x) => {
      const ref = parseEntityKey(x.entity);
      return {
        entity: x.entity,
        rule: x.rule,
        tier: x.tier,
        state: x.state,
        title: x.title,
        summary: x.summary,
        participants: ref ? entityParticipants(ref) : [],
        gegevensdiensten: ref?.kind === 'gegevensdienst' ? [ref.id] : [],
        observedAt: new Date(nowMs),
      };
    });
    try {
      await this.deps.sink.submit(alerts);
    } catch (err) {
      this.log.error('handing alerts to the incident service failed; retrying next cycle', err as Error);
      return [];
    }
    const saved = changes.map((x) => ({
      entity: x.entity,
      rule: x.rule,
      tier: x.tier,
      state: x.state,
      severity: x.tier,
      summary: x.summary,
    }));
    await this.deps.alertStates.save(saved, nowMs);
    for (const s of saved) states.set(alertKey(s), { ...s, changedAt: new Date(nowMs).toISOString() });
    return alerts;
  }

  private export(
    statuses: SloStatus[],
    participantRules: ParticipantRuleStatus[],
    states: Map<string, AlertState>,
  ) {
    const m = this.deps.metrics;
    if (!m) return;
    m.resetEntities();
    for (const s of statuses) {
      if (s.ratio !== null) m.sli.set({ entity: s.entity, slo: s.slo, window: s.window }, s.ratio);
      if (s.budgetRemaining !== null)
        m.budgetRemaining.set({ entity: s.entity, slo: s.slo }, s.budgetRemaining);
      for (const [window, rate] of Object.entries(s.burnRates)) {
        if (rate !== null) m.burnRate.set({ entity: s.entity, slo: s.slo, window }, rate);
      }
      m.insufficientData.set({ entity: s.entity, slo: s.slo }, s.state === 'insufficient_data' ? 1 : 0);
    }
    for (const r of participantRules) {
      if (r.value === null) continue;
      const participant = parseEntityKey(r.entity)?.id ?? r.entity;
      if (r.indicator === 'delivery-freshness') m.deliveryAge.set({ participant }, r.value);
      else m.clockSkew.set({ participant }, r.value);
    }
    for (const s of states.values()) {
      if (owns(this.deps.shard, s.entity)) {
        m.alertFiring.set({ entity: s.entity, rule: s.rule, tier: s.tier }, s.state === 'firing' ? 1 : 0);
      }
    }
  }
}
