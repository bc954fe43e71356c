import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { ParticipantRole } from './participant';

export interface ParticipantRow {
  readonly id: string;
  readonly role: ParticipantRole;
  readonly displayName: string;
}

/** The `participants` table. */
@Injectable()
export class ParticipantRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async list(tx: Sql = this.sql): Promise<ParticipantRow[]> {
    const { rows } = await tx.query<ParticipantRow>(
      'SELECT id, role, display_name AS "displayName" FROM participants ORDER BY id',
    );
    return rows;
  }

  async get(id: string, tx: Sql = this.sql): Promise<ParticipantRow | undefined> {
    const { rows } = await tx.query<ParticipantRow>(
      'SELECT id, role, display_name AS "displayName" FROM participants WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  async upsert(tx: Sql, p: ParticipantRow): Promise<void> {
    await tx.query(
      `INSERT INTO participants (id, role, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, display_name = EXCLUDED.display_name, updated_at = now()`,
      [p.id, p.role, p.displayName],
    );
  }

  async setDisplayName(tx: Sql, id: string, displayName: string): Promise<void> {
    await tx.query('UPDATE participants SET display_name = $2, updated_at = now() WHERE id = $1', [
      id,
      displayName,
    ]);
  }
}
