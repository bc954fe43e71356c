import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';

export interface LinkedAlert {
  readonly dedupKey: string;
  readonly entity: string;
  readonly rule: string;
  readonly tier: string;
  readonly summary: string;
  readonly state: 'firing' | 'cleared';
  readonly occurrences: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly clearedAt: Date | null;
}

const COLUMNS = `dedup_key AS "dedupKey", entity, rule, tier, summary, state, occurrences,
  first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", cleared_at AS "clearedAt"`;

/** The `incident_alerts` table: alerts linked to an incident, one row per dedup key. */
@Injectable()
export class IncidentAlertRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async get(tx: Sql, incidentId: string, dedupKey: string): Promise<LinkedAlert | undefined> {
    const { rows } = await tx.query<LinkedAlert>(
      `SELECT ${COLUMNS} FROM incident_alerts WHERE incident_id = $1 AND dedup_key = $2`,
      [incidentId, dedupKey],
    );
    return rows[0];
  }

  async insert(tx: Sql, incidentId: string, a: Omit<LinkedAlert, 'clearedAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO incident_alerts (incident_id, dedup_key, entity, rule, tier, summary, state, occurrences,
         first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        incidentId,
        a.dedupKey,
        a.entity,
        a.rule,
        a.tier,
        a.summary,
        a.state,
        a.occurrences,
        a.firstSeenAt.toISOString(),
        a.lastSeenAt.toISOString(),
      ],
    );
  }

  async recordFiring(
    tx: Sql,
    incidentId: string,
    dedupKey: string,
    count: number,
    summary: string,
    at: Date,
  ) {
    await tx.query(
      `UPDATE incident_alerts SET state = 'firing', occurrences = occurrences + $3, summary = $4,
         last_seen_at = $5, cleared_at = NULL
       WHERE incident_id = $1 AND dedup_key = $2`,
      [incidentId, dedupKey, count, summary, at.toISOString()],
    );
  }

  async recordCleared(tx: Sql, incidentId: string, dedupKey: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE incident_alerts SET state = 'cleared', cleared_at = $3 WHERE incident_id = $1 AND dedup_key = $2`,
      [incidentId, dedupKey, at.toISOString()],
    );
  }

  async countFiring(tx: Sql, incidentId: string): Promise<number> {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident_alerts WHERE incident_id = $1 AND state = 'firing'`,
      [incidentId],
    );
    return rows[0].n;
  }

  async list(incidentId: string): Promise<LinkedAlert[]> {
    const { rows } = await this.sql.query<LinkedAlert>(
      `SELECT ${COLUMNS} FROM incident_alerts WHERE incident_id = $1 ORDER BY first_seen_at, dedup_key`,
      [incidentId],
    );
    return rows;
  }
}
