export const INCIDENT_STATUSES = [
  'new',
  'acknowledged',
  'investigating',
  'monitoring',
  'resolved',
  'closed',
  'cancelled',
  'merged',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses in which an incident is still being worked; alerts with its dedup key update it. */
export const OPEN_STATUSES: readonly IncidentStatus[] = [
  'new',
  'acknowledged',
  'investigating',
  'monitoring',
];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type IncidentSource = 'manual' | 'alert';

/** One incident as stored. `version` is the ETag: every change of these fields increments it. */
export interface Incident {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly priority: Priority;
  readonly status: IncidentStatus;
  readonly source: IncidentSource;
  readonly dedupKey: string | null;
  readonly assignee: string | null;
  readonly publicSummary: string;
  readonly affectedParticipants: string[];
  readonly affectedGegevensdiensten: string[];
  readonly traceIds: string[];
  readonly mergedInto: string | null;
  readonly version: number;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
  readonly alertsClearedAt: Date | null;
}

/** The fields a person may edit directly (status changes go through transitions). */
export interface IncidentPatch {
  readonly title?: string;
  readonly description?: string;
  readonly priority?: Priority;
  readonly assignee?: string | null;
  readonly publicSummary?: string;
  readonly affectedParticipants?: string[];
  readonly affectedGegevensdiensten?: string[];
}

export interface NewIncident {
  readonly title: string;
  readonly description?: string;
  readonly priority: Priority;
  readonly assignee?: string;
  readonly publicSummary?: string;
  readonly affectedParticipants?: string[];
  readonly affectedGegevensdiensten?: string[];
  readonly traceIds?: string[];
}

export interface IncidentFilter {
  readonly status?: IncidentStatus[];
  readonly priority?: Priority[];
  readonly participant?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface IncidentEvaluation {
  readonly summary: string;
  readonly rootCause: string;
  readonly lessonsLearned: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export type ActionStatus = 'open' | 'done' | 'dropped';

export interface IncidentAction {
  readonly id: string;
  readonly description: string;
  readonly owner: string | null;
  readonly dueAt: Date | null;
  readonly status: ActionStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
