import { PairDirectionMedian } from './hop-rollup.repository';
import { CounterpartOffset } from './rules/clock-skew.rule';

/**
 * Clock offsets per participant from the paired-hop medians of each DVP x DVA pair. With
 * o = DVA clock - DVP clock and transit time t: request hops (DVP->DVA) measure t + o, response
 * hops (DVA->DVP) t - o, so o = (forward - backward) / 2 cancels the transit time. With one
 * direction only, the transit time is neglected (it is small next to the thresholds).
 */
export function participantOffsets(
  medians: readonly PairDirectionMedian[],
): Map<string, CounterpartOffset[]> {
  const pairs = new Map<
    string,
    { dvp: string; dva: string; fwd?: PairDirectionMedian; back?: PairDirectionMedian }
  >();
  for (const m of medians) {
    const key = `${m.dvpId}/${m.dvaId}`;
    const p = pairs.get(key) ?? { dvp: m.dvpId, dva: m.dvaId };
    if (m.direction === 'DVP->DVA') p.fwd = m;
    else p.back = m;
    pairs.set(key, p);
  }
  const out = new Map<string, CounterpartOffset[]>();
  const add = (id: string, o: CounterpartOffset) => out.set(id, [...(out.get(id) ?? []), o]);
  for (const { dvp, dva, fwd, back } of pairs.values()) {
    let offset: number;
    let samples: number;
    if (fwd && back) {
      offset = (fwd.medianMs - back.medianMs) / 2;
      samples = Math.min(fwd.hops, back.hops);
    } else if (fwd) {
      offset = fwd.medianMs;
      samples = fwd.hops;
    } else if (back) {
      offset = -back.medianMs;
      samples = back.hops;
    } else continue;
    add(dva, { counterpartId: dvp, offsetMs: offset, samples });
    add(dvp, { counterpartId: dva, offsetMs: -offset, samples });
  }
  return out;
}
