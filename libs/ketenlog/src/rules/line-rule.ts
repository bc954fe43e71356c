import { CatalogEvent } from '../catalog';
import { LineError } from '../line-error';
import { KetenlogLine } from '../line.schema';

/** What a functional rule sees of one schema-valid line. */
export interface LineContext {
  readonly line: KetenlogLine;
  /** The catalog entry for `event.type` in the version in force at the event time. */
  readonly catalogEvent: CatalogEvent | undefined;
  readonly catalogVersion: string;
  /** The submitter, from the topic or the credential (never from the payload). */
  readonly participantId: string;
  readonly participantRole: 'DVP' | 'DVA' | undefined;
  /** Participant the line's `event.location` hostname belongs to, if registered. */
  readonly locationParticipantId: string | undefined;
  readonly eventTimeMs: number;
  readonly receivedAtMs: number;
  readonly maxFutureSkewMs: number;
  readonly retentionMonths: number;
  /** Receipt time minus the retention period: lines older than this would be destroyed on arrival. */
  readonly oldestAllowedMs: number;
  /**
   * False when the raw message text cannot hold a BSN-like number in any string (see
   * `mayContainBsn`: the common case; checked once per message instead of per string).
   */
  readonly mayHoldBsn: boolean;
}

/** Receipt time minus `months`, for {@link LineContext.oldestAllowedMs}. */
export function oldestAllowed(receivedAtMs: number, months: number): number {
  const limit = new Date(receivedAtMs);
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return limit.getTime();
}

/** A functional (line-level) check: a pure function of the line, one file per rule. */
export interface LineRule {
  readonly id: string;
  evaluate(ctx: LineContext): LineError | undefined;
}
