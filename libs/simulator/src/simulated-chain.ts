import { KetenlogLine } from '@app/ketenlog';
import { ChainFlow, ChainOutcome, InvalidLineKind } from './simulation-options';

/** One line as a participant writes it. */
export interface SimulatedLine {
  /** The participant that logs it, i.e. whose topic it goes to. */
  readonly participantId: string;
  /** The true instant it happens (ms since epoch); `event.datetime` adds the participant's clock skew. */
  readonly at: number;
  readonly line: KetenlogLine;
  /** Set when the line was made invalid on purpose. */
  readonly invalid?: InvalidLineKind;
}

/** Every line of one keten (one trace_id), from both parties, in the order they happen. */
export interface SimulatedChain {
  readonly traceId: string;
  readonly flow: ChainFlow;
  readonly outcome: ChainOutcome;
  /** Set when one party's lines were dropped (it did not log). */
  readonly oneSided?: 'DVP' | 'DVA';
  readonly dvpId: string;
  readonly dvaId: string;
  readonly zorgaanbieder: string;
  readonly gegevensdiensten: readonly string[];
  readonly startMs: number;
  readonly endMs: number;
  readonly lines: readonly SimulatedLine[];
  /** Number of lines made invalid on purpose (0 for a clean chain). */
  readonly invalidLines: number;
}
