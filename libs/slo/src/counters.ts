/** Decided chains of one entity in one window, by what became of them. */
export interface ChainCounters {
  decided: number;
  /** Error chains failed by the DVA's component (server side, counts against its availability). */
  dvaFailed: number;
  /** Error chains failed by the DVP's component. */
  dvpFailed: number;
  errors: number;
  happy: number;
  alternative: number;
  abandoned: number;
  oneSided: number;
  dvpLogged: number;
  dvaLogged: number;
  bothLogged: number;
}

/** Paired hops of one entity in one window. */
export interface HopCounters {
  hops: number;
  /** Hops at or below each threshold (ms). */
  le: Record<number, number>;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Counters per entity key, per window name. */
export type WindowedCounters<T> = Map<string, Map<string, T>>;

export function emptyChainCounters(): ChainCounters {
  return {
    decided: 0,
    dvaFailed: 0,
    dvpFailed: 0,
    errors: 0,
    happy: 0,
    alternative: 0,
    abandoned: 0,
    oneSided: 0,
    dvpLogged: 0,
    dvaLogged: 0,
    bothLogged: 0,
  };
}

export function emptyHopCounters(): HopCounters {
  return { hops: 0, le: {}, p50: null, p95: null, p99: null };
}
