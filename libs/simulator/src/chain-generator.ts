import { KetenlogLine } from '@app/ketenlog';
import { localDateTimeWithoutOffset } from './amsterdam-time';
import { ChainFlowPlayer, FlowContext } from './chain-flow.player';
import { misspelledEventType } from './chain-vocabulary';
import { ChainRecorder } from './chain-recorder';
import { SeededRandom, WeightedTable } from './seeded-random';
import { SimulatedChain, SimulatedLine } from './simulated-chain';
import {
  ChainFlow,
  ChainOutcome,
  InvalidLineKind,
  OUTCOME_RATE_KEYS,
  SimulationOptions,
  SimulationRates,
  resolveFlowMix,
  resolveRates,
} from './simulation-options';
import { SimulationWorld } from './simulation-world';

/**
 * Generates complete chains across both parties: pure and seedable (no I/O, no clock, no
 * Math.random), so the same seed and start times give the same lines. Call {@link next} with
 * the instant the person starts the chain; the lines come back in the order they happen.
 */
export class ChainGenerator {
  readonly world: SimulationWorld;
  readonly rates: SimulationRates;
  private readonly random: SeededRandom;
  private readonly outcomes: WeightedTable<ChainOutcome>;
  private readonly flows: WeightedTable<ChainFlow>;
  private readonly skews = new Map<string, number>();
  private readonly player: ChainFlowPlayer;

  constructor(options: SimulationOptions, world = new SimulationWorld(options.participants)) {
    this.world = world;
    this.rates = resolveRates(options.rates);
    this.random = new SeededRandom(options.seed);
    const failures = OUTCOME_RATE_KEYS.map(([, key]) => this.rates[key]);
    const happy = Math.max(0, 1 - failures.reduce((a, b) => a + b, 0));
    this.outcomes = new WeightedTable<ChainOutcome>(
      ['happy', ...OUTCOME_RATE_KEYS.map(([outcome]) => outcome)],
      [happy, ...failures],
    );
    const mix = resolveFlowMix(options.flows);
    this.flows = new WeightedTable<ChainFlow>(
      ['verzamelen', 'delen', 'abonneren'],
      [mix.verzamelen, mix.delen, mix.abonneren],
    );
    if (options.clockSkew && options.clockSkew.offsetMs !== 0) {
      this.skews.set(options.clockSkew.participantId, options.clockSkew.offsetMs);
    }
    this.player = new ChainFlowPlayer(this.random);
  }

  /** The clock skew of a participant (0 for all but the skewed one). */
  skewOf(participantId: string): number {
    return this.skews.get(participantId) ?? 0;
  }

  next(startMs: number): SimulatedChain {
    const r = this.random;
    const dvp = this.world.dvpTable.pick(r);
    const zorgaanbieder = this.world.zorgaanbiederTable.pick(r);
    const flow = this.flows.pick(r);
    const outcome = this.outcomes.pick(r);
    const offered = zorgaanbieder.gegevensdiensten;
    // Verzamelen mostly asks one gegevensdienst, sometimes all; Delen and Abonneren exactly one.
    const gegevensdiensten =
      flow === 'verzamelen' && offered.length > 1 && r.chance(0.3) ? [...offered] : [r.pick(offered)];
    const recorder = new ChainRecorder(r, r.uuid(), startMs, (id) => this.skewOf(id));
    const context: FlowContext = {
      rec: recorder,
      dvp,
      dvpHost: r.pick(dvp.hostnames),
      dva: zorgaanbieder.dva,
      zorgaanbieder: zorgaanbieder.naam,
      gegevensdiensten,
      flow,
      outcome,
    };
    this.player.play(context);

    let lines: SimulatedLine[] = recorder.lines;
    let oneSided: 'DVP' | 'DVA' | undefined;
    if (r.chance(this.rates.oneSided)) {
      // The DVA's logging fails more often than the DVP's in practice (more components).
      const silent = r.chance(0.7) ? zorgaanbieder.dva.id : dvp.id;
      const remaining = lines.filter((l) => l.participantId !== silent);
      if (remaining.length > 0) {
        lines = remaining;
        oneSided = silent === dvp.id ? 'DVA' : 'DVP';
      }
    }
    const { lines: finalLines, invalid } = this.spoil(lines);
    return {
      traceId: recorder.traceId,
      flow,
      outcome,
      oneSided,
      dvpId: dvp.id,
      dvaId: zorgaanbieder.dva.id,
      zorgaanbieder: zorgaanbieder.naam,
      gegevensdiensten,
      startMs,
      endMs: finalLines[finalLines.length - 1].at,
      lines: finalLines,
      invalidLines: invalid,
    };
  }

  /** Makes a small, configured fraction of lines invalid, the ways participants get it wrong. */
  private spoil(lines: SimulatedLine[]): { lines: SimulatedLine[]; invalid: number } {
    const { timestampWithoutOffset: ts, unknownEventType: ut, bsnInUri: bsn } = this.rates;
    if (ts + ut + bsn === 0) return { lines, invalid: 0 };
    let invalid = 0;
    const out = lines.map((sim) => {
      const draw = this.random.next();
      let kind: InvalidLineKind | undefined;
      if (draw < ts) kind = 'timestamp_without_offset';
      else if (draw < ts + ut) kind = 'unknown_event_type';
      else if (draw < ts + ut + bsn && sim.line.request) kind = 'bsn_in_uri';
      if (!kind) return sim;
      invalid++;
      return { ...sim, line: this.spoilLine(sim, kind), invalid: kind };
    });
    return { lines: out, invalid };
  }

  private spoilLine(sim: SimulatedLine, kind: InvalidLineKind): KetenlogLine {
    const line = sim.line;
    switch (kind) {
      case 'timestamp_without_offset':
        return {
          ...line,
          event: {
            ...line.event,
            datetime: localDateTimeWithoutOffset(sim.at + this.skewOf(sim.participantId)),
          },
        };
      case 'unknown_event_type':
        return { ...line, event: { ...line.event, type: misspelledEventType(line.event.type) } };
      case 'bsn_in_uri': {
        const request = line.request!;
        const separator = request.uri.includes('?') ? '&' : '?';
        const parameter = request.uri.includes('/oauth/')
          ? `login_hint=${this.bsnLike()}`
          : `identifier=http%3A%2F%2Ffhir.nl%2Ffhir%2FNamingSystem%2Fbsn%7C${this.bsnLike()}`;
        return { ...line, request: { ...request, uri: `${request.uri}${separator}${parameter}` } };
      }
    }
  }

  /** A fictional nine-digit number that passes the 11-check, as a real BSN would. */
  private bsnLike(): string {
    for (;;) {
      const digits = [this.random.int(1, 9)];
      for (let i = 1; i < 8; i++) digits.push(this.random.int(0, 9));
      const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
      const last = sum % 11;
      if (last <= 9) return [...digits, last].join('');
    }
  }
}
