import { KetenlogLine } from '@app/ketenlog';
import { ParticipantsSnapshot } from '@app/participants';
import { ChainGenerator } from './chain-generator';
import { SimulatedLine } from './simulated-chain';
import { ChainFlow, ClockSkew, SimulationRates } from './simulation-options';

export interface GenerateLinesOptions {
  readonly participants: ParticipantsSnapshot;
  /**
   * Rate overrides. Unlike the live simulator the bulk default has no invalid lines (a
   * schema-invalid line makes its whole batch technisch niet OK, which a throughput benchmark
   * does not want); pass them explicitly to include some.
   */
  readonly rates?: Partial<SimulationRates>;
  readonly flows?: Partial<Record<ChainFlow, number>>;
  readonly clockSkew?: ClockSkew;
  /** Start of the first chain (default: far enough back that every line lies in the past). */
  readonly startMs?: number;
  /** Gap between chain starts (default 5 ms, i.e. 200 chains/s). */
  readonly spacingMs?: number;
}

/** Rough lines per chain over the default mix; used only to place the default start time. */
const AVERAGE_LINES_PER_CHAIN = 17;
const NO_INVALID_LINES: Partial<SimulationRates> = {
  timestampWithoutOffset: 0,
  unknownEventType: 0,
  bsnInUri: 0,
};

/**
 * Exactly `n` realistic lines from complete chains (the last chain may be cut short), grouped
 * per participant id and, per participant, in the order it would write them. Fast enough for
 * benchmarks (about a million lines in a few seconds); same seed, same lines.
 */
export function generateLines(
  n: number,
  seed: number,
  options: GenerateLinesOptions,
  nowMs: number = Date.now(),
): Record<string, KetenlogLine[]> {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be a whole number >= 0, got ${n}`);
  const spacing = options.spacingMs ?? 5;
  const startMs = options.startMs ?? nowMs - Math.ceil(n / AVERAGE_LINES_PER_CHAIN) * spacing - 30 * 60_000;
  const generator = new ChainGenerator({
    participants: options.participants,
    seed,
    rates: { ...NO_INVALID_LINES, ...options.rates },
    flows: options.flows,
    clockSkew: options.clockSkew,
  });
  const grouped = new Map<string, SimulatedLine[]>();
  for (const id of generator.world.participantIds()) grouped.set(id, []);
  let remaining = n;
  for (let i = 0; remaining > 0; i++) {
    const chain = generator.next(startMs + i * spacing);
    const take = Math.min(remaining, chain.lines.length);
    for (let j = 0; j < take; j++) {
      const sim = chain.lines[j];
      let list = grouped.get(sim.participantId);
      if (!list) grouped.set(sim.participantId, (list = []));
      list.push(sim);
    }
    remaining -= take;
  }
  const out: Record<string, KetenlogLine[]> = {};
  for (const [id, list] of grouped) {
    list.sort((a, b) => a.at - b.at);
    out[id] = list.map((l) => l.line);
  }
  return out;
}
