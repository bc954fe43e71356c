import { IncidentStatus, Priority } from './incident';

/**
 * A typed timeline entry: what changed. Entries are immutable (a database trigger refuses
 * UPDATE and DELETE); who and when are stored beside them.
 */
export type IncidentChange =
  | { kind: 'created'; data: { title: string; priority: Priority; source: string; dedupKey: string | null } }
  | { kind: 'field-changed'; data: { field: string; from: unknown; to: unknown } }
  | {
      kind: 'status-changed';
      data: { from: IncidentStatus; to: IncidentStatus; reason: string | null; mergedInto?: string };
    }
  | { kind: 'comment'; data: { text: string } }
  | { kind: 'evidence-added'; data: { traceIds: string[] } }
  | { kind: 'alert-linked'; data: { dedupKey: string; rule: string; entity: string; tier: string } }
  | { kind: 'alert-refired'; data: { dedupKey: string } }
  | { kind: 'alert-cleared'; data: { dedupKey: string; allCleared: boolean } }
  | { kind: 'merged-in'; data: { incidentId: string; number: number } }
  | { kind: 'evaluation-recorded'; data: { summary: string; rootCause: string; lessonsLearned: string } }
  | { kind: 'action-added'; data: { actionId: string; description: string; owner: string | null } }
  | { kind: 'action-updated'; data: { actionId: string; field: string; from: unknown; to: unknown } };

export type IncidentChangeKind = IncidentChange['kind'];

export interface TimelineEntry {
  readonly seq: number;
  readonly at: Date;
  readonly actor: string;
  readonly kind: IncidentChangeKind;
  readonly data: Record<string, unknown>;
}
