import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { Incident, IncidentFilter, IncidentStatus, OPEN_STATUSES } from './incident';

const COLUMNS = `id, number, title, description, priority, status, source, dedup_key AS "dedupKey",
  assignee, public_summary AS "publicSummary", affected_participants AS "affectedParticipants",
  affected_gegevensdiensten AS "affectedGegevensdiensten", trace_ids AS "traceIds",
  merged_into AS "mergedInto", version, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", acknowledged_at AS "acknowledgedAt", resolved_at AS "resolvedAt",
  closed_at AS "closedAt", alerts_cleared_at AS "alertsClearedAt"`;

/** Stored fields that change after creation, and their columns (never taken from input). */
const UPDATABLE = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  status: 'status',
  assignee: 'assignee',
  publicSummary: 'public_summary',
  affectedParticipants: 'affected_participants',
  affectedGegevensdiensten: 'affected_gegevensdiensten',
  traceIds: 'trace_ids',
  mergedInto: 'merged_into',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  alertsClearedAt: 'alerts_cleared_at',
} as const;

export type IncidentUpdate = Partial<Pick<Incident, keyof typeof UPDATABLE>>;

const INSERT = `
  INSERT INTO incidents (id, title, description, priority, status, source, dedup_key, assignee,
    public_summary, affected_participants, affected_gegevensdiensten, trace_ids, created_by,
    created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
  ON CONFLICT (dedup_key) WHERE dedup_key IS NOT NULL
    AND status IN ('new', 'acknowledged', 'investigating', 'monitoring') DO NOTHING
  RETURNING ${COLUMNS}`;

const LIST = `
  SELECT ${COLUMNS} FROM incidents
  WHERE ($1::text[] IS NULL OR status = ANY ($1))
    AND ($2::text[] IS NULL OR priority = ANY ($2))
    AND ($3::text IS NULL OR affected_participants @> ARRAY[$3::text])
    AND ($4::timestamptz IS NULL OR created_at >= $4)
    AND ($5::timestamptz IS NULL OR created_at < $5)
    AND ($6::timestamptz IS NULL OR (created_at, id) < ($6, $7::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $8`;

// Aggregates per priority; targets come in as a parameter so the SQL and PRIORITY_TARGETS
// cannot disagree.
const STATS = `
  SELECT i.priority,
         count(*)::int AS total,
         count(*) FILTER (WHERE i.status = ANY ($6))::int AS open,
         avg(extract(epoch FROM i.acknowledged_at - i.created_at))::float8 AS "mttaSeconds",
         avg(extract(epoch FROM i.resolved_at - i.created_at))::float8 AS "mttrSeconds",
         count(*) FILTER (WHERE i.status NOT IN ('cancelled', 'merged')
           AND coalesce(i.acknowledged_at, CASE WHEN i.status = ANY ($6) THEN now() END)
               > i.created_at + make_interval(mins => t.reaction_minutes))::int AS "reactionBreached",
         count(*) FILTER (WHERE i.status NOT IN ('cancelled', 'merged')
           AND coalesce(i.resolved_at, CASE WHEN i.status = ANY ($6) THEN now() END)
               > i.created_at + make_interval(mins => t.resolution_minutes))::int AS "resolutionBreached"
  FROM incidents i
  JOIN jsonb_to_recordset($7::jsonb) AS t(priority text, reaction_minutes int, resolution_minutes int)
    ON t.priority = i.priority
  WHERE ($1::text[] IS NULL OR i.status = ANY ($1))
    AND ($2::text[] IS NULL OR i.priority = ANY ($2))
    AND ($3::text IS NULL OR i.affected_participants @> ARRAY[$3::text])
    AND ($4::timestamptz IS NULL OR i.created_at >= $4)
    AND ($5::timestamptz IS NULL OR i.created_at < $5)
  GROUP BY i.priority
  ORDER BY i.priority`;

export interface PriorityStats {
  readonly priority: string;
  readonly total: number;
  readonly open: number;
  /** Mean time to acknowledge over incidents that left `new`; null when none did. */
  readonly mttaSeconds: number | null;
  /** Mean time to resolve over resolved incidents; null when none was. */
  readonly mttrSeconds: number | null;
  readonly reactionBreached: number;
  readonly resolutionBreached: number;
}

export interface IncidentInsert {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly priority: string;
  readonly source: 'manual' | 'alert';
  readonly dedupKey: string | null;
  readonly assignee: string | null;
  readonly publicSummary: string;
  readonly affectedParticipants: string[];
  readonly affectedGegevensdiensten: string[];
  readonly traceIds: string[];
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface ListCursor {
  readonly createdAt: Date;
  readonly id: string;
}

/** The `incidents` table. */
@Injectable()
export class IncidentRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  /** Inserts; returns undefined when an open incident with the same dedup key already exists. */
  async insert(tx: Sql, i: IncidentInsert): Promise<Incident | undefined> {
    const { rows } = await tx.query<Incident>(INSERT, [
      i.id,
      i.title,
      i.description,
      i.priority,
      i.source,
      i.dedupKey,
      i.assignee,
      i.publicSummary,
      i.affectedParticipants,
      i.affectedGegevensdiensten,
      i.traceIds,
      i.createdBy,
      i.createdAt.toISOString(),
    ]);
    return rows[0];
  }

  async get(id: string, tx: Sql = this.sql): Promise<Incident | undefined> {
    const { rows } = await tx.query<Incident>(`SELECT ${COLUMNS} FROM incidents WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Reads and row-locks an incident for the rest of the transaction. */
  async lock(tx: Sql, id: string): Promise<Incident | undefined> {
    const { rows } = await tx.query<Incident>(`SELECT ${COLUMNS} FROM incidents WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0];
  }

  async lockOpenByDedupKey(tx: Sql, dedupKey: string): Promise<Incident | undefined> {
    const { rows } = await tx.query<Incident>(
      `SELECT ${COLUMNS} FROM incidents WHERE dedup_key = $1 AND status = ANY ($2) FOR UPDATE`,
      [dedupKey, OPEN_STATUSES],
    );
    return rows[0];
  }

  /** Writes the changed fields and increments the version (the ETag) when `bumpVersion`. */
  async update(
    tx: Sql,
    id: string,
    changes: IncidentUpdate,
    now: Date,
    bumpVersion = true,
  ): Promise<Incident> {
    const sets: string[] = ['updated_at = $2'];
    const params: unknown[] = [id, now.toISOString()];
    for (const [field, column] of Object.entries(UPDATABLE)) {
      const value = (changes as Record<string, unknown>)[field];
      if (value === undefined) continue;
      params.push(value instanceof Date ? value.toISOString() : value);
      sets.push(`${column} = $${params.length}`);
    }
    if (bumpVersion) sets.push('version = version + 1');
    const { rows } = await tx.query<Incident>(
      `UPDATE incidents SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0];
  }

  async list(filter: IncidentFilter, cursor: ListCursor | undefined): Promise<Incident[]> {
    const { rows } = await this.sql.query<Incident>(LIST, [
      filter.status ?? null,
      filter.priority ?? null,
      filter.participant ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      cursor?.createdAt.toISOString() ?? null,
      cursor?.id ?? null,
      filter.limit + 1,
    ]);
    return rows;
  }

  async stats(
    filter: Omit<IncidentFilter, 'limit' | 'cursor'>,
    targets: Array<{ priority: string; reaction_minutes: number; resolution_minutes: number }>,
  ): Promise<PriorityStats[]> {
    const { rows } = await this.sql.query<PriorityStats>(STATS, [
      filter.status ?? null,
      filter.priority ?? null,
      filter.participant ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      OPEN_STATUSES,
      JSON.stringify(targets),
    ]);
    return rows;
  }

  /** Open incidents whose alerts have all been cleared for at least `quietSeconds`. */
  async findAutoResolveDue(quietSeconds: number, limit: number): Promise<string[]> {
    const { rows } = await this.sql.query<{ id: string }>(
      `SELECT id FROM incidents
       WHERE alerts_cleared_at IS NOT NULL AND status = ANY ($1)
         AND alerts_cleared_at <= now() - make_interval(secs => $2)
       ORDER BY alerts_cleared_at LIMIT $3`,
      [OPEN_STATUSES, quietSeconds, limit],
    );
    return rows.map((r) => r.id);
  }

  async countByStatus(): Promise<Record<IncidentStatus, number>> {
    const { rows } = await this.sql.query<{ status: IncidentStatus; n: number }>(
      'SELECT status, count(*)::int AS n FROM incidents GROUP BY status',
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<IncidentStatus, number>;
  }
}
