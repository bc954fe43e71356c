import { Counts } from './burn-rate';
import { ChainRollupRepository, WindowSpec } from './chain-rollup.repository';
import { ChainCounters, HopCounters, WindowedCounters } from './counters';
import { EntityRef, parseEntityKey } from './entity';
import { EntityQuery } from './rollup-query';
import { HopRollupRepository } from './hop-rollup.repository';
import { ownLogging, sliCounts } from './sli-counts';
import { RatioSli } from './slo-definition';
import { windowStarts } from './windows';

export interface CollectedSlis {
  readonly chains: WindowedCounters<ChainCounters>;
  readonly hops: WindowedCounters<HopCounters>;
}

function spec(starts: Map<string, number>, toMs: number): WindowSpec {
  return { names: [...starts.keys()], starts: [...starts.values()], toMs };
}

/** Reads the counters of every window (or of one custom range) for all entities or one. */
export class SliCollector {
  constructor(
    /**
     * One repository per reader client: the four window queries of a read then run in parallel
     * (each chDB client is its own session; one client runs its queries one after another).
     */
    private readonly chainRollups: readonly ChainRollupRepository[],
    private readonly hopRollups: readonly HopRollupRepository[],
    /** The DVA of a zorgaanbieder (ZAL), so per-zorgaanbieder reads use the sort key. */
    private readonly dvaOf: (zorgaanbieder: string) => string | undefined = () => undefined,
  ) {}

  private chain(i: number): ChainRollupRepository {
    return this.chainRollups[i % this.chainRollups.length];
  }

  private hop(i: number): HopRollupRepository {
    return this.hopRollups[i % this.hopRollups.length];
  }

  private query(entity: EntityRef | undefined): EntityQuery | undefined {
    return entity?.kind === 'zorgaanbieder' ? { ...entity, dva: this.dvaOf(entity.id) } : entity;
  }

  async windows(nowMs: number, ref?: EntityRef, withHops = true): Promise<CollectedSlis> {
    const entity = this.query(ref);
    const { minute, hour } = windowStarts(nowMs);
    const chains: WindowedCounters<ChainCounters> = new Map();
    const hops: WindowedCounters<HopCounters> = new Map();
    await Promise.all([
      this.chain(0).windowed('minute', spec(minute, nowMs), entity, chains),
      this.chain(1).windowed('hour', spec(hour, nowMs), entity, chains),
      withHops ? this.hop(2).windowed('minute', spec(minute, nowMs), entity, hops) : undefined,
      withHops ? this.hop(3).windowed('hour', spec(hour, nowMs), entity, hops) : undefined,
    ]);
    return { chains, hops };
  }

  /**
   * Counters of one entity over [from, to] as window `range`: minute buckets when the range is
   * short and recent enough for the minute rollups (kept 8 days), hour buckets otherwise.
   */
  async range(ref: EntityRef, fromMs: number, toMs: number): Promise<CollectedSlis> {
    const entity = this.query(ref);
    const useMinutes = toMs - fromMs <= 6 * 3_600_000 && fromMs >= toMs - 7 * 86_400_000;
    const bucket = useMinutes ? 'minute' : 'hour';
    const size = useMinutes ? 60_000 : 3_600_000;
    const w = { names: ['range'], starts: [Math.floor(fromMs / size) * size], toMs };
    const [chains, hops] = await Promise.all([
      this.chain(0).windowed(bucket, w, entity),
      this.hop(1).windowed(bucket, w, entity),
    ]);
    return { chains, hops };
  }
}

/** Good/total per window of one ratio SLI for one entity key. */
export function countsOf(
  collected: CollectedSlis,
  key: string,
  sli: RatioSli,
  params: Readonly<Record<string, number>> | undefined,
): Map<string, Counts> {
  const kind = parseEntityKey(key)?.kind ?? 'dvp';
  const windows = new Set([
    ...(collected.chains.get(key)?.keys() ?? []),
    ...(collected.hops.get(key)?.keys() ?? []),
  ]);
  const out = new Map<string, Counts>();
  for (const w of windows) {
    out.set(
      w,
      sliCounts(sli, kind, collected.chains.get(key)?.get(w), collected.hops.get(key)?.get(w), params),
    );
  }
  return out;
}

/** The entity's own logging over the guard window (6h). */
export function ownLoggingOf(collected: CollectedSlis, key: string) {
  const kind = parseEntityKey(key)?.kind ?? 'dvp';
  return ownLogging(kind, collected.chains.get(key)?.get('6h'));
}
