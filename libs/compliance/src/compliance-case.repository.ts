import { Inject, Injectable } from '@nestjs/common';
import { KeysetPosition, SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { CaseFilter, ComplianceCase, OPEN_CASE_STATUSES } from './compliance-case';

const COLUMNS = `id, number, participant_id AS "participantId", obligation, title, facts, status, source,
  signal_key AS "signalKey", response_due_at AS "responseDueAt", decision, measure, version,
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", closed_at AS "closedAt"`;

const UPDATABLE = {
  title: 'title',
  facts: 'facts',
  obligation: 'obligation',
  status: 'status',
  responseDueAt: 'response_due_at',
  decision: 'decision',
  measure: 'measure',
  closedAt: 'closed_at',
} as const;

export type CaseUpdate = Partial<Pick<ComplianceCase, keyof typeof UPDATABLE>>;

const LIST = `
  SELECT ${COLUMNS} FROM compliance_cases
  WHERE ($1::text[] IS NULL OR status = ANY ($1))
    AND ($2::text IS NULL OR participant_id = $2)
    AND ($3::text IS NULL OR obligation = $3)
    AND ($4::timestamptz IS NULL OR created_at >= $4)
    AND ($5::timestamptz IS NULL OR created_at < $5)
    AND ($6::timestamptz IS NULL OR (created_at, id) < ($6, $7::uuid))
  ORDER BY created_at DESC, id DESC
  LIMIT $8`;

/** The `compliance_cases` table. */
@Injectable()
export class ComplianceCaseRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  /** Inserts; undefined when an open case with the same signal key exists. */
  async insert(
    tx: Sql,
    c: Pick<
      ComplianceCase,
      | 'id'
      | 'participantId'
      | 'obligation'
      | 'title'
      | 'facts'
      | 'source'
      | 'signalKey'
      | 'createdBy'
      | 'createdAt'
    >,
  ): Promise<ComplianceCase | undefined> {
    const { rows } = await tx.query<ComplianceCase>(
      `INSERT INTO compliance_cases (id, participant_id, obligation, title, facts, status, source, signal_key,
         created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'recorded', $6, $7, $8, $9, $9)
       ON CONFLICT (signal_key) WHERE signal_key IS NOT NULL AND status IN ('recorded', 'hearing') DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        c.id,
        c.participantId,
        c.obligation,
        c.title,
        c.facts,
        c.source,
        c.signalKey,
        c.createdBy,
        c.createdAt.toISOString(),
      ],
    );
    return rows[0];
  }

  async get(id: string): Promise<ComplianceCase | undefined> {
    const { rows } = await this.sql.query<ComplianceCase>(
      `SELECT ${COLUMNS} FROM compliance_cases WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async lock(tx: Sql, id: string): Promise<ComplianceCase | undefined> {
    const { rows } = await tx.query<ComplianceCase>(
      `SELECT ${COLUMNS} FROM compliance_cases WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async lockOpenBySignalKey(tx: Sql, key: string): Promise<ComplianceCase | undefined> {
    const { rows } = await tx.query<ComplianceCase>(
      `SELECT ${COLUMNS} FROM compliance_cases WHERE signal_key = $1 AND status = ANY ($2) FOR UPDATE`,
      [key, OPEN_CASE_STATUSES],
    );
    return rows[0];
  }

  async update(tx: Sql, id: string, changes: CaseUpdate, now: Date): Promise<ComplianceCase> {
    const sets: string[] = ['version = version + 1'];
    const params: unknown[] = [id, now.toISOString()];
    for (const [field, column] of Object.entries(UPDATABLE)) {
      const value = (changes as Record<string, unknown>)[field];
      if (value === undefined) continue;
      params.push(value instanceof Date ? value.toISOString() : value);
      sets.push(`${column} = $${params.length}`);
    }
    const { rows } = await tx.query<ComplianceCase>(
      `UPDATE compliance_cases SET updated_at = $2, ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return rows[0];
  }

  async list(filter: CaseFilter, cursor: KeysetPosition | undefined): Promise<ComplianceCase[]> {
    const { rows } = await this.sql.query<ComplianceCase>(LIST, [
      filter.status ?? null,
      filter.participant ?? null,
      filter.obligation ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      cursor?.createdAt.toISOString() ?? null,
      cursor?.id ?? null,
      filter.limit + 1,
    ]);
    return rows;
  }
}
