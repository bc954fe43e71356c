import { Incident, IncidentStatus, OPEN_STATUSES, Priority } from './incident';

/**
 * Reaction and resolution targets per priority, in minutes of wall-clock time from the
 * incident's creation. Reaction = the incident left `new` (acknowledged or further).
 */
export const PRIORITY_TARGETS: Readonly<
  Record<Priority, { reactionMinutes: number; resolutionMinutes: number }>
> = {
  P1: { reactionMinutes: 15, resolutionMinutes: 4 * 60 },
  P2: { reactionMinutes: 30, resolutionMinutes: 8 * 60 },
  P3: { reactionMinutes: 4 * 60, resolutionMinutes: 3 * 24 * 60 },
  P4: { reactionMinutes: 24 * 60, resolutionMinutes: 10 * 24 * 60 },
};

export interface IncidentMetrics {
  readonly reactionTargetMinutes: number;
  readonly resolutionTargetMinutes: number;
  readonly reactionDueAt: Date;
  readonly resolutionDueAt: Date;
  /** Time to acknowledge, seconds; null until the incident left `new`. */
  readonly mttaSeconds: number | null;
  /** Time to resolve, seconds; null until resolved. */
  readonly mttrSeconds: number | null;
  readonly reactionBreached: boolean;
  readonly resolutionBreached: boolean;
}

const ENDED_WITHOUT_WORK: readonly IncidentStatus[] = ['cancelled', 'merged'];

/** MTTA, MTTR and whether the priority's targets were (or are being) missed, as of `now`. */
export function incidentMetrics(incident: Incident, now: Date): IncidentMetrics {
  const targets = PRIORITY_TARGETS[incident.priority];
  const created = incident.createdAt.getTime();
  const reactionDueAt = new Date(created + targets.reactionMinutes * 60_000);
  const resolutionDueAt = new Date(created + targets.resolutionMinutes * 60_000);
  const open = OPEN_STATUSES.includes(incident.status);
  const seconds = (d: Date | null) => (d ? Math.round((d.getTime() - created) / 1000) : null);
  const reactedAt = incident.acknowledgedAt ?? (open ? now : null);
  const resolvedAt = incident.resolvedAt ?? (open ? now : null);
  const ignoreBreach = ENDED_WITHOUT_WORK.includes(incident.status);
  return {
    reactionTargetMinutes: targets.reactionMinutes,
    resolutionTargetMinutes: targets.resolutionMinutes,
    reactionDueAt,
    resolutionDueAt,
    mttaSeconds: seconds(incident.acknowledgedAt),
    mttrSeconds: seconds(incident.resolvedAt),
    reactionBreached: !ignoreBreach && reactedAt !== null && reactedAt > reactionDueAt,
    resolutionBreached: !ignoreBreach && resolvedAt !== null && resolvedAt > resolutionDueAt,
  };
}
