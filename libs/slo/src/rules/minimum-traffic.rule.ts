import { Counts } from '../burn-rate';
import { Rule } from './rule';

export interface MinimumTrafficInput {
  /** The long window of the alert policy. */
  readonly long: Counts;
  readonly minEvents: number;
}

export interface MinimumTrafficResult {
  readonly sufficient: boolean;
  readonly reason: string;
}

/**
 * A quiet entity must not page on a single failure: 1 bad chain out of 3 is a 33% error rate
 * and a huge burn rate, but no evidence of a disruption. Below `minEvents` in the long window
 * a burn-rate condition is not allowed to fire.
 */
export const minimumTrafficRule: Rule<MinimumTrafficInput, MinimumTrafficResult> = {
  id: 'minimum-traffic',
  description: 'at least minEvents events in the long window before a burn-rate condition may fire',
  evaluate({ long, minEvents }) {
    return long.total >= minEvents
      ? { sufficient: true, reason: `${long.total} events >= ${minEvents}` }
      : { sufficient: false, reason: `only ${long.total} events in the window (minimum ${minEvents})` };
  },
};
