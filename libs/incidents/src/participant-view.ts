import { Incident } from './incident';
import { TimelineEntry } from './incident-change';

/** Timeline entries a participant sees on its own incidents: the status and the conversation. */
const PARTICIPANT_TIMELINE_KINDS = new Set(['created', 'status-changed', 'comment']);

/**
 * What a participant sees of an incident that affects it. Other participants' ids, internal
 * notes (description, assignee, dedup key, who registered it) and the trace ids (other parties'
 * chains) stay with the regiefunctie; the public summary is written for participants.
 */
export function participantIncident<T extends Incident>(incident: T, participantId: string): T {
  return {
    ...incident,
    description: '',
    assignee: null,
    dedupKey: null,
    createdBy: 'regiefunctie',
    traceIds: [],
    mergedInto: null,
    affectedParticipants: incident.affectedParticipants.filter((p) => p === participantId),
  };
}

export function participantTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .filter((e) => PARTICIPANT_TIMELINE_KINDS.has(e.kind))
    .map((e) =>
      e.kind === 'created'
        ? { ...e, actor: 'regiefunctie', data: { title: e.data.title, priority: e.data.priority } }
        : e,
    );
}
