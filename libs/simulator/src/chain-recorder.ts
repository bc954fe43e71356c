import { KetenlogLine } from '@app/ketenlog';
import { amsterdamDateTime } from './amsterdam-time';
import { SeededRandom } from './seeded-random';
import { SimulatedLine } from './simulated-chain';

type Request = NonNullable<KetenlogLine['request']>;
type Parts = Omit<KetenlogLine, 'event'>;

/**
 * Collects the lines of one chain while the flow is played: a running clock, the shared
 * trace_id, the DVA's session, and the latency draws. Each line gets its own copies of the
 * request/response parts, so later edits of one line never leak into another.
 */
export class ChainRecorder {
  readonly lines: SimulatedLine[] = [];
  readonly sessionId: string;
  private t: number;

  constructor(
    private readonly random: SeededRandom,
    readonly traceId: string,
    startMs: number,
    private readonly skewOf: (participantId: string) => number,
  ) {
    this.t = startMs;
    this.sessionId = random.uuid();
  }

  get now(): number {
    return this.t;
  }

  /** Moves the chain clock forward. */
  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** Server-to-server hop (network plus handling), with the occasional slow spike. */
  hop(speed: number): number {
    const base = this.random.duration(18 * speed, 0.5, 2, 5_000);
    return this.random.chance(0.01) ? base * this.random.int(3, 12) : base;
  }

  /** Work inside one component before it logs the next event. */
  work(speed: number, median = 12): number {
    return this.random.duration(median * speed, 0.6, 1, 10_000);
  }

  /** A redirect through the person's browser (phone networks included). */
  browser(): number {
    return this.random.duration(160, 0.6, 25, 8_000);
  }

  /** Time a person takes at a user-facing step. */
  person(medianMs: number, maxMs = 300_000): number {
    return this.random.duration(medianMs, 0.6, Math.min(800, medianMs), maxMs);
  }

  request(
    method: string,
    clientId: string,
    serverId: string,
    uri: string,
    initiatedBy: 'user' | 'machine',
  ): Request {
    return {
      id: this.random.uuid(),
      method,
      client_id: clientId,
      server_id: serverId,
      uri,
      initiated_by: initiatedBy,
    };
  }

  /** A DVP line (the DVP does not know the DVA's session). */
  dvp(participantId: string, location: string, type: string, parts: Parts = {}): void {
    this.push(participantId, location, type, parts, undefined);
  }

  /** A DVA line, carrying its session. */
  dva(participantId: string, location: string, type: string, parts: Parts = {}): void {
    this.push(participantId, location, type, parts, this.sessionId);
  }

  private push(
    participantId: string,
    location: string,
    type: string,
    parts: Parts,
    sessionId: string | undefined,
  ): void {
    // Every line of a chain gets its own millisecond, so flow order and time order agree.
    const last = this.lines[this.lines.length - 1];
    if (last && this.t <= last.at) this.t = last.at + 1;
    const line: KetenlogLine = {
      event: {
        type,
        location,
        datetime: amsterdamDateTime(this.t + this.skewOf(participantId)),
        ...(sessionId ? { session_id: sessionId } : {}),
        trace_id: this.traceId,
      },
    };
    if (parts.request) line.request = { ...parts.request };
    if (parts.response) line.response = { ...parts.response };
    if (parts.error) line.error = { ...parts.error };
    this.lines.push({ participantId, at: this.t, line });
  }
}
