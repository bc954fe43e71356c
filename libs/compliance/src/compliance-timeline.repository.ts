import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { CaseChange, CaseTimelineEntry } from './compliance-case';

/** The append-only `compliance_case_timeline` table; callers hold the case's row lock. */
@Injectable()
export class ComplianceTimelineRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async append(tx: Sql, caseId: string, actor: string, at: Date, changes: CaseChange[]): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `INSERT INTO compliance_case_timeline (case_id, seq, at, actor, kind, data)
       SELECT $1, base.n + e.ord, $2, $3, e.kind, e.data
       FROM (SELECT coalesce(max(seq), 0) AS n FROM compliance_case_timeline WHERE case_id = $1) base,
            jsonb_to_recordset($4::jsonb) AS e(ord int, kind text, data jsonb)`,
      [caseId, at.toISOString(), actor, JSON.stringify(changes.map((c, i) => ({ ord: i + 1, ...c })))],
    );
  }

  async list(caseId: string): Promise<CaseTimelineEntry[]> {
    const { rows } = await this.sql.query<CaseTimelineEntry>(
      'SELECT seq, at, actor, kind, data FROM compliance_case_timeline WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return rows;
  }
}
