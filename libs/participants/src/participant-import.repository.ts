import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { ImportReport } from './registry';

export interface ImportRecord {
  readonly id: number;
  readonly listKind: 'ocl' | 'zal';
  readonly volgnummer: number | null;
  readonly importedBy: string;
  readonly importedAt: Date;
  readonly report: ImportReport;
}

/** The `participant_list_imports` table: every applied list with its change report. */
@Injectable()
export class ParticipantImportRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(tx: Sql, report: ImportReport, actor: string): Promise<void> {
    await tx.query(
      `INSERT INTO participant_list_imports (list_kind, volgnummer, tijdstempel, imported_by, report)
       VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [report.list, report.volgnummer, report.tijdstempel, actor, JSON.stringify(report)],
    );
  }

  async list(limit: number): Promise<ImportRecord[]> {
    const { rows } = await this.sql.query<ImportRecord>(
      `SELECT id, list_kind AS "listKind", volgnummer, imported_by AS "importedBy", imported_at AS "importedAt", report
       FROM participant_list_imports ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows;
  }
}
