import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { IncidentChange, TimelineEntry } from './incident-change';

/**
 * The append-only `incident_timeline` table. Callers hold the incident's row lock, so the next
 * sequence number is computed safely inside the transaction.
 */
@Injectable()
export class IncidentTimelineRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async append(
    tx: Sql,
    incidentId: string,
    actor: string,
    at: Date,
    changes: IncidentChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `INSERT INTO incident_timeline (incident_id, seq, at, actor, kind, data)
       SELECT $1, base.n + e.ord, $2, $3, e.kind, e.data
       FROM (SELECT coalesce(max(seq), 0) AS n FROM incident_timeline WHERE incident_id = $1) base,
            jsonb_to_recordset($4::jsonb) AS e(ord int, kind text, data jsonb)`,
      [
        incidentId,
        at.toISOString(),
        actor,
        JSON.stringify(changes.map((c, i) => ({ ord: i + 1, kind: c.kind, data: c.data }))),
      ],
    );
  }

  async list(incidentId: string): Promise<TimelineEntry[]> {
    const { rows } = await this.sql.query<TimelineEntry>(
      'SELECT seq, at, actor, kind, data FROM incident_timeline WHERE incident_id = $1 ORDER BY seq',
      [incidentId],
    );
    return rows;
  }
}
