import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { WebhookOutbox } from '@app/webhooks';
import { Incident } from './incident';
import { IncidentChange } from './incident-change';
import { IncidentError, IncidentErrorCode } from './incident.error';
import { IncidentInsert, IncidentRepository, IncidentUpdate } from './incident.repository';
import { IncidentTimelineRepository } from './incident-timeline.repository';

/** What a change decides: fields to write and the timeline entries that describe it. */
export interface IncidentMutation {
  readonly update?: IncidentUpdate;
  readonly changes: IncidentChange[];
  /** False for entries that do not change the incident's own fields (comments), so open ETags stay valid. */
  readonly bumpVersion?: boolean;
}

export interface MutationOptions {
  readonly actor: string;
  /** The version from If-Match; a different current version is a conflict (409). */
  readonly expectedVersion?: number;
  /** A participant principal sees only incidents that affect it; others are "not found". */
  readonly participantScope?: string;
}

export function isVisibleTo(incident: Incident, participantScope: string | undefined): boolean {
  return participantScope === undefined || incident.affectedParticipants.includes(participantScope);
}

/**
 * The one path by which incidents change: lock the row, check the version, apply the fields,
 * append the timeline and enqueue the webhook event in the same transaction, then wake the
 * dispatcher. A failure anywhere rolls all of it back.
 */
@Injectable()
export class IncidentWriter {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly incidents: IncidentRepository,
    private readonly timeline: IncidentTimelineRepository,
    private readonly outbox: WebhookOutbox,
  ) {}

  async mutate(
    id: string,
    options: MutationOptions,
    decide: (current: Incident, tx: Sql, now: Date) => Promise<IncidentMutation>,
  ): Promise<Incident> {
    const updated = await this.sql.transaction(async (tx) => {
      const current = await this.incidents.lock(tx, id);
      if (!current || !isVisibleTo(current, options.participantScope)) {
        throw new IncidentError(IncidentErrorCode.NotFound, `No incident ${id}`);
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
        throw new IncidentError(
          IncidentErrorCode.VersionConflict,
          `Incident ${id} was changed by someone else (you have version ${options.expectedVersion}, current is ${current.version}); reload and retry`,
          { currentVersion: current.version },
        );
      }
      const now = new Date();
      const mutation = await decide(current, tx, now);
      return this.applyInTx(tx, current, mutation, options.actor, now);
    });
    this.outbox.flush();
    return updated;
  }

  /** Applies a decided mutation to a row already locked by the caller's transaction. */
  async applyInTx(
    tx: Sql,
    current: Incident,
    m: IncidentMutation,
    actor: string,
    now: Date,
  ): Promise<Incident> {
    if (m.changes.length === 0) return current;
    const bump = m.bumpVersion ?? true;
    const updated = await this.incidents.update(tx, current.id, m.update ?? {}, now, bump);
    await this.timeline.append(tx, current.id, actor, now, m.changes);
    const statusChanged = m.changes.some((c) => c.kind === 'status-changed');
    await this.outbox.enqueue(tx, {
      type: statusChanged ? 'incident.status-changed' : 'incident.updated',
      occurredAt: now,
      resource: { kind: 'incident', id: current.id },
      data: { incident: updated, changes: m.changes, actor },
    });
    return updated;
  }

  /** Wakes the webhook dispatcher after a caller committed its own transaction. */
  flushOutbox(): void {
    this.outbox.flush();
  }

  /** Inserts a new incident with its first timeline entries; undefined when the dedup key is taken. */
  async createInTx(tx: Sql, insert: IncidentInsert, extra: IncidentChange[]): Promise<Incident | undefined> {
    const created = await this.incidents.insert(tx, insert);
    if (!created) return undefined;
    const changes: IncidentChange[] = [
      {
        kind: 'created',
        data: {
          title: created.title,
          priority: created.priority,
          source: created.source,
          dedupKey: created.dedupKey,
        },
      },
      ...extra,
    ];
    await this.timeline.append(tx, created.id, insert.createdBy, insert.createdAt, changes);
    await this.outbox.enqueue(tx, {
      type: 'incident.created',
      occurredAt: insert.createdAt,
      resource: { kind: 'incident', id: created.id },
      data: { incident: created, changes, actor: insert.createdBy },
    });
    return created;
  }

  async create(insert: IncidentInsert, extra: IncidentChange[] = []): Promise<Incident> {
    const created = await this.sql.transaction((tx) => this.createInTx(tx, insert, extra));
    if (!created) {
      throw new IncidentError(IncidentErrorCode.InvalidInput, `An open incident with this dedup key exists`);
    }
    this.outbox.flush();
    return created;
  }
}
