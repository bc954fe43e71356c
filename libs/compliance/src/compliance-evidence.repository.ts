import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { CaseEvidence } from './compliance-case';

/** The `compliance_case_evidence` table: ketenlog evidence attached to a case. */
@Injectable()
export class ComplianceEvidenceRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(tx: Sql, caseId: string, e: CaseEvidence): Promise<void> {
    await tx.query(
      `INSERT INTO compliance_case_evidence (id, case_id, kind, reference, description, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.id, caseId, e.kind, e.reference, e.description, e.addedBy, e.addedAt.toISOString()],
    );
  }

  async list(caseId: string): Promise<CaseEvidence[]> {
    const { rows } = await this.sql.query<CaseEvidence>(
      `SELECT id, kind, reference, description, added_by AS "addedBy", added_at AS "addedAt"
       FROM compliance_case_evidence WHERE case_id = $1 ORDER BY added_at, id`,
      [caseId],
    );
    return rows;
  }
}
