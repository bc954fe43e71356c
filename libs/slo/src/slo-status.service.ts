import { Clock } from '@app/chains';
import { AlertState, AlertStateRepository } from './alert-state.repository';
import { participantOffsets } from './clock-skew-estimate';
import { ChainCounters, HopCounters, emptyChainCounters, emptyHopCounters } from './counters';
import { DeliveryRepository } from './delivery.repository';
import { EntityRef, entityKey } from './entity';
import { HopRollupRepository } from './hop-rollup.repository';
import { RULES } from './rules/rule.registry';
import { SliCollector, countsOf, ownLoggingOf } from './sli-collector';
import { serverFailures } from './sli-counts';
import { isRatioSli } from './slo-definition';
import { SloDefinitionsRepository } from './slo-definitions.repository';
import { SloStatus, evaluateSlo } from './slo-evaluation';

/** The figures of one entity over a time range, with shares computed from the counts. */
export interface RangeFigures {
  readonly chains: ChainCounters;
  /** Shares of decided chains per outcome (0..1), null without chains. */
  readonly outcomeShares: Readonly<Record<string, number | null>>;
  readonly availability: number | null;
  readonly errorRate: number | null;
  readonly oneSidedShare: number | null;
  readonly completeness: number | null;
  readonly hops: HopCounters;
}

export interface ParticipantFigures {
  readonly lastDeliveryAt: string | null;
  readonly deliveryAgeSeconds: number | null;
  readonly deliveryOverdue: boolean;
  readonly clockSkewSeconds: number | null;
  readonly clockSkewFlagged: boolean;
  readonly clockSkewReason: string;
}

export interface EntityStatus {
  readonly entity: string;
  readonly kind: EntityRef['kind'];
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly range: RangeFigures;
  /** Every SLO applicable to the entity, evaluated as of `to`. */
  readonly slos: SloStatus[];
  readonly participant: ParticipantFigures | null;
  readonly alerts: AlertState[];
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);

/** SLI/SLO status of one entity for the read API (the same evaluation the rule worker runs). */
export class SloStatusService {
  constructor(
    private readonly clock: Clock,
    private readonly definitions: SloDefinitionsRepository,
    private readonly collector: SliCollector,
    private readonly hopRollups: HopRollupRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly alertStates: AlertStateRepository,
  ) {}

  async status(entity: EntityRef, fromMs?: number, toMs?: number): Promise<EntityStatus> {
    const to = toMs ?? this.clock.now();
    const from = fromMs ?? to - 30 * 86_400_000;
    const key = entityKey(entity);
    // The default range (the last 30 days up to now) is the 30d window: no second scan.
    const defaultRange = fromMs === undefined && toMs === undefined;
    const [definitions, windows, custom, alerts, participant] = await Promise.all([
      this.definitions.active(),
      this.collector.windows(to, entity),
      defaultRange ? undefined : this.collector.range(entity, from, to),
      this.alertStates.ofEntity(key),
      entity.kind === 'dvp' || entity.kind === 'dva'
        ? this.participant(entity.id, to)
        : Promise.resolve(null),
    ]);
    const slos: SloStatus[] = [];
    for (const def of definitions) {
      const spec = def.document.spec;
      const sli = spec.indicator.metadata.name;
      if (!isRatioSli(sli) || !spec.entitySelector.kinds.includes(entity.kind)) continue;
      slos.push(
        evaluateSlo({
          definition: def,
          entity: key,
          counts: countsOf(windows, key, sli, spec.indicator.params),
          ownLogging: ownLoggingOf(windows, key),
          deliveryOverdue: participant?.deliveryOverdue ?? false,
        }),
      );
    }
    const rangeWindow = defaultRange ? '30d' : 'range';
    const range = custom ?? windows;
    const c = range.chains.get(key)?.get(rangeWindow) ?? emptyChainCounters();
    const completenessTotal =
      entity.kind === 'dvp' ? c.dvpLogged : entity.kind === 'dva' ? c.dvaLogged : c.decided;
    return {
      entity: key,
      kind: entity.kind,
      id: entity.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      range: {
        chains: c,
        outcomeShares: {
          happy: share(c.happy, c.decided),
          alternative: share(c.alternative, c.decided),
          error: share(c.errors, c.decided),
          abandoned: share(c.abandoned, c.decided),
          one_sided: share(c.oneSided, c.decided),
        },
        availability: share(c.decided - serverFailures(entity.kind, c), c.decided),
        errorRate: share(c.errors, c.decided),
        oneSidedShare: share(c.oneSided, c.decided),
        completeness: share(c.bothLogged, completenessTotal),
        hops: range.hops.get(key)?.get(rangeWindow) ?? emptyHopCounters(),
      },
      slos,
      participant,
      alerts,
    };
  }

  private async participant(id: string, nowMs: number): Promise<ParticipantFigures> {
    const definitions = await this.definitions.active();
    const delivery = definitions.find(
      (d) => d.document.spec.indicator.metadata.name === 'delivery-freshness',
    );
    const skew = definitions.find((d) => d.document.spec.indicator.metadata.name === 'clock-skew');
    const dp = delivery?.document.spec.indicator.params ?? {};
    const sp = skew?.document.spec.indicator.params ?? {};
    const windowMs = (sp.windowMinutes ?? 360) * 60_000;
    const [last, medians] = await Promise.all([
      this.deliveries.lastDeliveries(nowMs),
      this.hopRollups.pairMedians(nowMs - windowMs, nowMs),
    ]);
    const lastMs = last.get(id) ?? null;
    const d = RULES.hourlyDelivery.evaluate({
      lastDeliveryMs: lastMs,
      nowMs,
      maxAgeSeconds: dp.maxAgeSeconds ?? 3600,
      graceSeconds: dp.graceSeconds ?? 300,
    });
    const s = RULES.clockSkew.evaluate({
      offsets: participantOffsets(medians).get(id) ?? [],
      maxSkewMs: (sp.maxSkewSeconds ?? 30) * 1000,
      minSamples: sp.minSamples ?? 5,
    });
    return {
      lastDeliveryAt: lastMs === null ? null : new Date(lastMs).toISOString(),
      deliveryAgeSeconds: d.ageSeconds,
      deliveryOverdue: d.firing,
      clockSkewSeconds: s.skewMs === null ? null : s.skewMs / 1000,
      clockSkewFlagged: s.firing,
      clockSkewReason: s.reason,
    };
  }
}
