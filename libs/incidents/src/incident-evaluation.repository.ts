import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { IncidentEvaluation } from './incident';

const COLUMNS = `summary, root_cause AS "rootCause", lessons_learned AS "lessonsLearned",
  recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/** The `incident_evaluations` table: one post-incident review per incident. */
@Injectable()
export class IncidentEvaluationRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async upsert(tx: Sql, incidentId: string, e: IncidentEvaluation): Promise<void> {
    await tx.query(
      `INSERT INTO incident_evaluations (incident_id, summary, root_cause, lessons_learned, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (incident_id) DO UPDATE SET summary = EXCLUDED.summary, root_cause = EXCLUDED.root_cause,
         lessons_learned = EXCLUDED.lessons_learned, recorded_by = EXCLUDED.recorded_by,
         recorded_at = EXCLUDED.recorded_at`,
      [incidentId, e.summary, e.rootCause, e.lessonsLearned, e.recordedBy, e.recordedAt.toISOString()],
    );
  }

  async get(incidentId: string, tx: Sql = this.sql): Promise<IncidentEvaluation | undefined> {
    const { rows } = await tx.query<IncidentEvaluation>(
      `SELECT ${COLUMNS} FROM incident_evaluations WHERE incident_id = $1`,
      [incidentId],
    );
    return rows[0];
  }
}
