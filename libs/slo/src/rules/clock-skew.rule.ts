import { Rule } from './rule';

/** The estimated offset of one participant's clock against one counterpart. */
export interface CounterpartOffset {
  readonly counterpartId: string;
  /** Positive: the participant's clock is ahead of the counterpart's. */
  readonly offsetMs: number;
  readonly samples: number;
}

export interface ClockSkewInput {
  readonly offsets: readonly CounterpartOffset[];
  readonly maxSkewMs: number;
  readonly minSamples: number;
}

export interface ClockSkewResult {
  readonly firing: boolean;
  /** Median offset over the counterparts with enough samples; null without any. */
  readonly skewMs: number | null;
  readonly counterparts: number;
  readonly disagreeing: number;
  readonly reason: string;
}

/**
 * A participant's clock is off when it disagrees by more than the threshold with more than
 * half of its counterparts (with enough paired hops). A single bad clock then flags only its
 * owner: its counterparts each disagree with it, but agree with their other counterparts.
 * With one counterpart only, both sides are flagged: the data cannot tell which clock is off.
 */
export const clockSkewRule: Rule<ClockSkewInput, ClockSkewResult> = {
  id: 'clock-skew',
  description: 'clock offset beyond the threshold against the majority of counterparts',
  evaluate({ offsets, maxSkewMs, minSamples }) {
    const usable = offsets.filter((o) => o.samples >= minSamples);
    if (usable.length === 0) {
      return {
        firing: false,
        skewMs: null,
        counterparts: 0,
        disagreeing: 0,
        reason: 'not enough paired hops',
      };
    }
    const sorted = usable.map((o) => o.offsetMs).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const skewMs = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const disagreeing = usable.filter((o) => Math.abs(o.offsetMs) > maxSkewMs).length;
    const firing = disagreeing * 2 > usable.length;
    return {
      firing,
      skewMs,
      counterparts: usable.length,
      disagreeing,
      reason: firing
        ? `clock off by ~${Math.round(skewMs / 1000)} s against ${disagreeing} of ${usable.length} counterparts (threshold ${maxSkewMs / 1000} s)`
        : '',
    };
  },
};
