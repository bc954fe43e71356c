import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { ActionStatus, IncidentAction } from './incident';

const COLUMNS = `id, description, owner, due_at AS "dueAt", status, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The `incident_actions` table: follow-up actions from the evaluation. */
@Injectable()
export class IncidentActionRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(tx: Sql, incidentId: string, a: IncidentAction): Promise<void> {
    await tx.query(
      `INSERT INTO incident_actions (id, incident_id, description, owner, due_at, status, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [
        a.id,
        incidentId,
        a.description,
        a.owner,
        a.dueAt?.toISOString() ?? null,
        a.status,
        a.createdBy,
        a.createdAt.toISOString(),
      ],
    );
  }

  async get(tx: Sql, incidentId: string, actionId: string): Promise<IncidentAction | undefined> {
    const { rows } = await tx.query<IncidentAction>(
      `SELECT ${COLUMNS} FROM incident_actions WHERE incident_id = $1 AND id = $2`,
      [incidentId, actionId],
    );
    return rows[0];
  }

  async setStatus(tx: Sql, actionId: string, status: ActionStatus, at: Date): Promise<IncidentAction> {
    const { rows } = await tx.query<IncidentAction>(
      `UPDATE incident_actions SET status = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [actionId, status, at.toISOString()],
    );
    return rows[0];
  }

  async list(incidentId: string): Promise<IncidentAction[]> {
    const { rows } = await this.sql.query<IncidentAction>(
      `SELECT ${COLUMNS} FROM incident_actions WHERE incident_id = $1 ORDER BY created_at, id`,
      [incidentId],
    );
    return rows;
  }
}
