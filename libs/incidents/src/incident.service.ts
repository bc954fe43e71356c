import { Injectable } from '@nestjs/common';
import { Sql } from '@app/postgres';
import { randomUUID } from 'node:crypto';
import { Incident, IncidentFilter, IncidentPatch, IncidentStatus, NewIncident, Page } from './incident';
import { IncidentChange, TimelineEntry } from './incident-change';
import { IncidentMetrics, PRIORITY_TARGETS, incidentMetrics } from './incident-priority';
import { INCIDENT_TRANSITIONS, canTransition } from './incident-status';
import { IncidentError, IncidentErrorCode } from './incident.error';
import { IncidentEvaluationRepository } from './incident-evaluation.repository';
import { IncidentRepository, IncidentUpdate, PriorityStats } from './incident.repository';
import { IncidentTimelineRepository } from './incident-timeline.repository';
import { IncidentWriter, isVisibleTo } from './incident-writer.service';
import { decodeCursor, encodeCursor } from './list-cursor';
import { participantIncident, participantTimeline } from './participant-view';

export type IncidentView = Incident & { readonly metrics: IncidentMetrics };

const FINAL: readonly IncidentStatus[] = ['closed', 'cancelled', 'merged'];
const EDITABLE: ReadonlyArray<keyof IncidentPatch> = [
  'title',
  'description',
  'priority',
  'assignee',
  'publicSummary',
  'affectedParticipants',
  'affectedGegevensdiensten',
];
/** Priorities whose incidents may only be closed after a post-incident review. */
const REVIEW_REQUIRED = ['P1', 'P2'];

/** Registering, working and reading incidents. Every change goes through {@link IncidentWriter}. */
@Injectable()
export class IncidentService {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly timeline: IncidentTimelineRepository,
    private readonly evaluations: IncidentEvaluationRepository,
    private readonly writer: IncidentWriter,
  ) {}

  view(incident: Incident, now = new Date()): IncidentView {
    return { ...incident, metrics: incidentMetrics(incident, now) };
  }

  async create(input: NewIncident, actor: string): Promise<IncidentView> {
    const created = await this.writer.create({
      id: randomUUID(),
      title: input.title,
      description: input.description ?? '',
      priority: input.priority,
      source: 'manual',
      dedupKey: null,
      assignee: input.assignee ?? null,
      publicSummary: input.publicSummary ?? '',
      affectedParticipants: unique(input.affectedParticipants),
      affectedGegevensdiensten: unique(input.affectedGegevensdiensten),
      traceIds: unique(input.traceIds),
      createdBy: actor,
      createdAt: new Date(),
    });
    return this.view(created);
  }

  async get(id: string, participantScope?: string): Promise<IncidentView> {
    const incident = await this.incidents.get(id);
    if (!incident || !isVisibleTo(incident, participantScope)) {
      throw new IncidentError(IncidentErrorCode.NotFound, `No incident ${id}`);
    }
    return this.view(participantScope ? participantIncident(incident, participantScope) : incident);
  }

  async list(filter: IncidentFilter, participantScope?: string): Promise<Page<IncidentView>> {
    const scoped = participantScope ? { ...filter, participant: participantScope } : filter;
    const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    const rows = await this.incidents.list(scoped, cursor);
    const page = rows.slice(0, filter.limit);
    const now = new Date();
    const last = page[page.length - 1];
    return {
      items: page.map((i) => this.view(participantScope ? participantIncident(i, participantScope) : i, now)),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : undefined,
    };
  }

  /** Counts, mean MTTA/MTTR and target breaches per priority over the filtered incidents. */
  stats(
    filter: Omit<IncidentFilter, 'limit' | 'cursor'>,
    participantScope?: string,
  ): Promise<PriorityStats[]> {
    const targets = Object.entries(PRIORITY_TARGETS).map(([priority, t]) => ({
      priority,
      reaction_minutes: t.reactionMinutes,
      resolution_minutes: t.resolutionMinutes,
    }));
    return this.incidents.stats(
      participantScope ? { ...filter, participant: participantScope } : filter,
      targets,
    );
  }

  async timelineOf(id: string, participantScope?: string): Promise<TimelineEntry[]> {
    await this.get(id, participantScope);
    const entries = await this.timeline.list(id);
    return participantScope ? participantTimeline(entries) : entries;
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: IncidentPatch,
    actor: string,
  ): Promise<IncidentView> {
    const updated = await this.writer.mutate(id, { actor, expectedVersion }, async (current) => {
      if (FINAL.includes(current.status)) {
        throw new IncidentError(
          IncidentErrorCode.InvalidTransition,
          `A ${current.status} incident cannot be edited`,
        );
      }
      const update: Record<string, unknown> = {};
      const changes: IncidentChange[] = [];
      for (const field of EDITABLE) {
        let to: unknown = patch[field];
        if (to === undefined) continue;
        if (Array.isArray(to)) to = unique(to as string[]);
        const from = current[field];
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        update[field] = to;
        changes.push({ kind: 'field-changed', data: { field, from, to } });
      }
      return { update: update as IncidentUpdate, changes };
    });
    return this.view(updated);
  }

  async transition(
    id: string,
    expectedVersion: number,
    to: IncidentStatus,
    reason: string | undefined,
    mergedInto: string | undefined,
    actor: string,
  ): Promise<IncidentView> {
    const updated = await this.writer.mutate(id, { actor, expectedVersion }, async (current, tx, now) => {
      if (!canTransition(current.status, to)) {
        const allowed = INCIDENT_TRANSITIONS[current.status];
        throw new IncidentError(
          IncidentErrorCode.InvalidTransition,
          `An incident cannot go from ${current.status} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (final status)'}`,
        );
      }
      const update: { -readonly [K in keyof IncidentUpdate]: IncidentUpdate[K] } = { status: to };
      if (current.acknowledgedAt === null) update.acknowledgedAt = now;
      if (to === 'resolved') update.resolvedAt = now;
      if (current.status === 'resolved' && to === 'investigating') update.resolvedAt = null;
      if (to === 'closed') {
        update.closedAt = now;
        if (REVIEW_REQUIRED.includes(current.priority) && !(await this.evaluations.get(id, tx))) {
          throw new IncidentError(
            IncidentErrorCode.EvaluationRequired,
            `A ${current.priority} incident is closed only after its evaluation is recorded`,
          );
        }
      }
      if (to === 'merged') update.mergedInto = await this.mergeTarget(current, mergedInto, tx, actor, now);
      const data = {
        from: current.status,
        to,
        reason: reason ?? null,
        ...(to === 'merged' ? { mergedInto } : {}),
      };
      return { update, changes: [{ kind: 'status-changed', data }] };
    });
    return this.view(updated);
  }

  async comment(id: string, text: string, actor: string, participantScope?: string): Promise<void> {
    await this.writer.mutate(id, { actor, participantScope }, async () => ({
      changes: [{ kind: 'comment', data: { text } }],
      bumpVersion: false,
    }));
  }

  async addEvidence(
    id: string,
    traceIds: string[],
    actor: string,
    expectedVersion?: number,
  ): Promise<IncidentView> {
    const updated = await this.writer.mutate(id, { actor, expectedVersion }, async (current) => {
      const added = unique(traceIds).filter((t) => !current.traceIds.includes(t));
      if (added.length === 0) return { changes: [] };
      return {
        update: { traceIds: [...current.traceIds, ...added] },
        changes: [{ kind: 'evidence-added', data: { traceIds: added } }],
      };
    });
    return this.view(updated);
  }

  private async mergeTarget(
    current: Incident,
    mergedInto: string | undefined,
    tx: Sql,
    actor: string,
    now: Date,
  ): Promise<string> {
    if (!mergedInto || mergedInto === current.id) {
      throw new IncidentError(
        IncidentErrorCode.InvalidInput,
        'Merging needs mergedInto: the id of another incident',
      );
    }
    const target = await this.incidents.lock(tx, mergedInto);
    if (!target || FINAL.includes(target.status)) {
      throw new IncidentError(
        IncidentErrorCode.InvalidInput,
        `Incident ${mergedInto} does not exist or is final`,
      );
    }
    await this.writer.applyInTx(
      tx,
      target,
      { changes: [{ kind: 'merged-in', data: { incidentId: current.id, number: current.number } }] },
      actor,
      now,
    );
    return mergedInto;
  }
}

function unique(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])];
}
