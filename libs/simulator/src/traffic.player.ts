import { ChainGenerator } from './chain-generator';
import { LineHeap } from './line-heap';
import { SeededRandom } from './seeded-random';
import { SimulatedLine } from './simulated-chain';
import { ChainOutcome } from './simulation-options';

/** One Kafka message to produce: a line (object) or a batch (array of lines), keyed by trace_id. */
export interface OutgoingMessage {
  readonly participantId: string;
  readonly key: string;
  readonly value: string;
  readonly lineCount: number;
  /** True for a batch sent again without its schema-invalid lines. */
  readonly redelivery: boolean;
}

export interface TrafficPlayerOptions {
  readonly chainsPerSecond: number;
  /** Participants that collect their lines and send an array every `batchIntervalMs`; the others stream. */
  readonly batchParticipants: ReadonlySet<string>;
  readonly batchIntervalMs: number;
  /** Largest array one message carries (bigger flushes are split). */
  readonly maxBatchLines?: number;
  /**
   * A batch with a schema-invalid line is refused as a whole (technisch niet OK); the
   * participant then delivers it again without the bad line, as MedMij asks. Default on.
   */
  readonly redeliverRejectedBatches?: boolean;
  /** Stop starting chains while this many lines wait to happen (a stalled producer). */
  readonly maxPendingLines?: number;
  /** Seed of arrival times and batch phases (the generator has its own). */
  readonly seed: number;
}

export interface TrafficStats {
  chains: number;
  chainsSkipped: number;
  lines: number;
  invalidLines: number;
  messages: number;
  batchMessages: number;
  redeliveries: number;
  oneSided: number;
  outcomes: Record<ChainOutcome, number>;
}

export function emptyTrafficStats(): TrafficStats {
  return {
    chains: 0,
    chainsSkipped: 0,
    lines: 0,
    invalidLines: 0,
    messages: 0,
    batchMessages: 0,
    redeliveries: 0,
    oneSided: 0,
    outcomes: {
      happy: 0,
      authorization_request_error: 0,
      authentication_error: 0,
      availability_check_error: 0,
      token_error: 0,
      resource_error: 0,
      technical_failure: 0,
      cancellation: 0,
      abandonment: 0,
    },
  };
}

/** How far behind real time chain arrivals may fall before the backlog is skipped, not replayed. */
const MAX_CATCH_UP_MS = 5_000;

/**
 * Plays participants in (simulated or real) time without doing I/O: {@link advance} starts
 * the chains due (Poisson arrivals), releases the lines that have happened, and returns the
 * messages each participant produces now. Streaming participants send each line as it
 * happens; batching participants send an array every few seconds, each at its own phase.
 */
export class TrafficPlayer {
  readonly stats = emptyTrafficStats();
  private readonly random: SeededRandom;
  private readonly pending = new LineHeap();
  private readonly buffers = new Map<string, SimulatedLine[]>();
  private readonly nextFlush = new Map<string, number>();
  private nextArrival: number;
  private readonly ratePerMs: number;
  private readonly maxBatchLines: number;
  private readonly maxPendingLines: number;

  constructor(
    private readonly generator: ChainGenerator,
    private readonly options: TrafficPlayerOptions,
    startMs: number,
  ) {
    if (!(options.chainsPerSecond > 0)) throw new Error('chainsPerSecond must be above 0');
    this.random = new SeededRandom(options.seed ^ 0x5bd1e995);
    this.ratePerMs = options.chainsPerSecond / 1000;
    this.maxBatchLines = options.maxBatchLines ?? 5_000;
    this.maxPendingLines = options.maxPendingLines ?? 500_000;
    this.nextArrival = startMs + this.random.exponential(this.ratePerMs);
    for (const id of generator.world.participantIds()) {
      if (!options.batchParticipants.has(id)) continue;
      this.buffers.set(id, []);
      this.nextFlush.set(id, startMs + Math.floor(this.random.next() * options.batchIntervalMs));
    }
  }

  /** Lines generated but not yet happened or not yet sent. */
  get pendingLines(): number {
    let n = this.pending.size;
    for (const b of this.buffers.values()) n += b.length;
    return n;
  }

  advance(nowMs: number): OutgoingMessage[] {
    this.startChains(nowMs);
    const out: OutgoingMessage[] = [];
    for (let next = this.pending.peek(); next && next.at <= nowMs; next = this.pending.peek()) {
      this.pending.pop();
      const buffer = this.buffers.get(next.participantId);
      if (buffer) buffer.push(next);
      else out.push(this.single(next));
    }
    for (const [id, due] of this.nextFlush) {
      if (due > nowMs) continue;
      out.push(...this.flush(id));
      let following = due + this.options.batchIntervalMs;
      if (following <= nowMs) following = nowMs + this.options.batchIntervalMs;
      this.nextFlush.set(id, following);
    }
    this.count(out);
    return out;
  }

  /**
   * At shutdown: the lines that have already happened, including every batch buffer, as
   * messages; lines still in the future are dropped (their chains end where the stop fell).
   */
  drain(nowMs: number): OutgoingMessage[] {
    this.nextArrival = Number.POSITIVE_INFINITY;
    const out = this.advance(nowMs);
    const flushed = [...this.buffers.keys()].flatMap((id) => this.flush(id));
    this.pending.clear();
    this.count(flushed);
    return [...out, ...flushed];
  }

  private startChains(nowMs: number): void {
    if (nowMs - this.nextArrival > MAX_CATCH_UP_MS) {
      const missed = Math.floor((nowMs - this.nextArrival) * this.ratePerMs);
      this.stats.chainsSkipped += missed;
      this.nextArrival = nowMs;
    }
    while (this.nextArrival <= nowMs) {
      if (this.pending.size >= this.maxPendingLines) this.stats.chainsSkipped++;
      else {
        const chain = this.generator.next(Math.floor(this.nextArrival));
        this.stats.chains++;
        this.stats.outcomes[chain.outcome]++;
        if (chain.oneSided) this.stats.oneSided++;
        this.stats.invalidLines += chain.invalidLines;
        for (const line of chain.lines) this.pending.push(line);
      }
      this.nextArrival += this.random.exponential(this.ratePerMs);
    }
  }

  private single(sim: SimulatedLine): OutgoingMessage {
    return {
      participantId: sim.participantId,
      key: sim.line.event.trace_id,
      value: JSON.stringify(sim.line),
      lineCount: 1,
      redelivery: false,
    };
  }

  private flush(participantId: string): OutgoingMessage[] {
    const buffer = this.buffers.get(participantId);
    if (!buffer || buffer.length === 0) return [];
    this.buffers.set(participantId, []);
    const out: OutgoingMessage[] = [];
    for (let i = 0; i < buffer.length; i += this.maxBatchLines) {
      const chunk = buffer.slice(i, i + this.maxBatchLines);
      out.push(batchMessage(participantId, chunk, false));
      const clean = chunk.filter((l) => l.invalid !== 'timestamp_without_offset');
      if (
        this.options.redeliverRejectedBatches !== false &&
        clean.length < chunk.length &&
        clean.length > 0
      ) {
        out.push(batchMessage(participantId, clean, true));
      }
    }
    return out;
  }

  private count(messages: readonly OutgoingMessage[]): void {
    for (const m of messages) {
      this.stats.messages++;
      if (m.redelivery) this.stats.redeliveries++;
      else this.stats.lines += m.lineCount;
      if (m.value.startsWith('[')) this.stats.batchMessages++;
    }
  }
}

function batchMessage(
  participantId: string,
  lines: readonly SimulatedLine[],
  redelivery: boolean,
): OutgoingMessage {
  return {
    participantId,
    // A batch carries many chains; it is keyed by its first line's trace_id.
    key: lines[0].line.event.trace_id,
    value: JSON.stringify(lines.map((l) => l.line)),
    lineCount: lines.length,
    redelivery,
  };
}
