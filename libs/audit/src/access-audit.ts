/** Who accessed data: the subject of a token plus what it was allowed to see. */
export interface AuditActor {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly participantId?: string;
}

export type AuditOutcome = 'granted' | 'denied';

export interface AccessAuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actor: string;
  readonly actorRoles: string[];
  readonly actorParticipantId: string | null;
  readonly action: string;
  readonly resource: string;
  readonly outcome: AuditOutcome;
  readonly details: Record<string, unknown>;
}

export interface AccessAuditQuery {
  readonly actor?: string;
  readonly resourcePrefix?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  /** Return entries with an id below this one (the `nextCursor` of the previous page). */
  readonly before?: number;
}
